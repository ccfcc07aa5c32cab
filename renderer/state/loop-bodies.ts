/**
 * The bodies of a flow's loops as the designer draws and completes them: for each node whose
 * type declares a body port (Apply to each), every node that port leads to. The validator
 * keeps a body closed, so in a valid flow these sets do not overlap and nothing outside leads
 * in; a half-wired flow may break both, and these functions still answer (first loop wins).
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { manifestFor } from '../../nodes/registry.js';

type Graph = Pick<FlowFile, 'nodes' | 'edges'>;

/** Loop node id → the ids of the nodes in its body, in the order the body's walk finds them. */
export function loopBodies(flow: Graph): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const next = new Map<string, string[]>();
  for (const e of flow.edges) {
    let list = next.get(e.from);
    if (!list) next.set(e.from, (list = []));
    list.push(e.to);
  }
  for (const node of flow.nodes) {
    const port = manifestFor(node.type)?.bodyPort;
    if (port === undefined) continue;
    const seen = new Set<string>();
    const queue = flow.edges.filter((e) => e.from === node.id && e.port === port).map((e) => e.to);
    queue.reverse();
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (seen.has(id) || id === node.id) continue;
      seen.add(id);
      const outs = next.get(id) ?? [];
      for (let i = outs.length - 1; i >= 0; i--) if (!seen.has(outs[i]!)) queue.push(outs[i]!);
    }
    out.set(node.id, [...seen]);
  }
  return out;
}

/** The loop whose body holds `nodeId`, if any. */
export function enclosingLoop(flow: Graph, nodeId: string): FlowNode | undefined {
  for (const [loopId, body] of loopBodies(flow)) {
    if (body.includes(nodeId)) return flow.nodes.find((n) => n.id === loopId);
  }
  return undefined;
}
