/**
 * Join semantics (`join: 'once'`, the default of every node type): a node with several
 * incoming edges runs once, after every branch that can still reach it has finished.
 * Branches that were not taken never block it, because the walk only ever holds nodes that
 * some taken port led to: "can still reach" means "a pending node has a path to it".
 *
 * Cost: only nodes with several incoming edges carry a `JoinInfo`, built once per flow load
 * (a reverse search per join node); at run time a join node looks at the pending stack once
 * per time it comes up, which is a handful of entries in real flows. Every other node pays
 * one property read.
 */
import type { FlowNode } from '../../core/flow.js';
import type { JoinMode } from '../../core/node-type.js';
import type { JoinBranch, StepTrace } from '../../core/trace.js';

/** The part of the engine's node entry the join logic reads. */
export interface WalkNode {
  readonly index: number;
  readonly node: FlowNode;
  readonly manifest: { readonly join?: JoinMode };
  readonly edges: ReadonlyMap<string, readonly WalkNode[]>;
  join: JoinInfo | undefined;
}

export interface JoinInfo {
  /** The manifest's `join`: `once` (the only mode so far) waits for every branch that can still come. */
  readonly mode: JoinMode;
  /** The edges into the node, grouped by source node in file order. */
  readonly incoming: readonly { readonly from: WalkNode; readonly port: string }[];
  /** `ancestors[i] === 1` when the node at file index `i` has a path to this node. */
  readonly ancestors: Uint8Array;
}

/** Gives every node with several incoming edges its `JoinInfo` (flows are acyclic: the validator refuses loops). */
export function attachJoins(entries: readonly WalkNode[], nodeCount: number): void {
  const incoming = new Map<WalkNode, { from: WalkNode; port: string }[]>();
  for (const from of entries) {
    for (const [port, targets] of from.edges) {
      for (const to of targets) {
        let list = incoming.get(to);
        if (!list) incoming.set(to, (list = []));
        list.push({ from, port });
      }
    }
  }
  for (const [to, edges] of incoming) {
    if (edges.length < 2) continue;
    const ancestors = new Uint8Array(nodeCount);
    const queue = edges.map((e) => e.from);
    while (queue.length > 0) {
      const at = queue.pop()!;
      if (ancestors[at.index] === 1) continue;
      ancestors[at.index] = 1;
      for (const e of incoming.get(at) ?? []) if (ancestors[e.from.index] === 0) queue.push(e.from);
    }
    to.join = { mode: to.manifest.join ?? 'once', incoming: edges, ancestors };
  }
}

/**
 * Walks from the nodes on `stack` (the next one last): each node runs once (`visited` by file
 * index), a join waits until no pending branch can still reach it, and `visit` runs the node
 * and pushes the targets of the port it took. The run's top level and each iteration of a
 * body walk this way. `visit` answering `'stop'` ends the walk there (a run stopping at a durable
 * wait), with what is still pending left on `stack`.
 */
export async function walk<E extends WalkNode>(
  stack: E[],
  visited: Uint8Array,
  visit: (entry: E) => Promise<unknown>,
): Promise<void> {
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (visited[entry.index] === 1) continue;
    if (entry.join !== undefined && waitsForBranch(entry.join, entry, stack, visited)) {
      // A branch that can still reach this node is pending: run it later, after the others.
      // At the bottom of the stack, so a saved `pending` keeps the order for a resume.
      stack.unshift(entry);
      continue;
    }
    visited[entry.index] = 1;
    if ((await visit(entry)) === 'stop') return;
  }
}

/** True when a node still pending on the stack (other than the join node itself) can reach it. */
export function waitsForBranch(
  join: JoinInfo,
  self: WalkNode,
  pending: readonly WalkNode[],
  visited: Uint8Array,
): boolean {
  for (let i = 0; i < pending.length; i++) {
    const other = pending[i]!;
    if (other !== self && visited[other.index] === 0 && join.ancestors[other.index] === 1) return true;
  }
  return false;
}

/** Which incoming branches arrived (their source ran and took the port of the edge) and which did not. */
export function joinTrace(join: JoinInfo, steps: readonly StepTrace[]): { branches: JoinBranch[] } {
  const branches = join.incoming.map(({ from, port }): JoinBranch => {
    let arrived = false;
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i]!;
      if (step.nodeId === from.node.id) {
        arrived = step.ports ? step.ports.includes(port) : step.port === port;
        break;
      }
    }
    return { from: from.node.name, port, arrived };
  });
  return { branches };
}
