/** Graph checks: one trigger, edges that connect real nodes and ports, no cycles, all reachable. */
import { isTrigger, portsOf } from '../node-type.js';
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, flowIssue, nodeIssue, stringOr } from './context.js';
import { isRecord } from './pointer.js';

export interface FlowGraph {
  /** Outgoing connected node ids per node id (edges whose both ends exist). */
  next: Map<string, string[]>;
  /** True when node `candidate` runs before node `of` on some path (it is upstream of it). */
  isUpstream(candidate: string, of: string): boolean;
  /**
   * True when every path from the trigger to `of` passes `candidate`, so its output is always
   * there when `of` runs. Differs from `isUpstream` only where branches join.
   */
  onEveryPath(candidate: string, of: string): boolean;
}

function checkTriggers(check: FlowCheck): NodeEntry[] {
  const triggers = check.nodes.filter((n) => isTrigger(n.compiled?.manifest));
  // A node of an unknown type may be the trigger; its own issue says what is wrong.
  const unknownTypes = check.nodes.some((n) => !n.compiled);
  if (triggers.length === 0 && check.nodes.length > 0 && !unknownTypes) {
    addIssue(check, flowIssue('no-trigger', { kind: 'no-trigger' }, '/nodes'));
  }
  if (check.nodes.length === 0) {
    addIssue(check, flowIssue('no-trigger', { kind: 'no-nodes' }, '/nodes'));
  }
  if (triggers.length > 1) {
    for (const extra of triggers.slice(1)) {
      addIssue(check, nodeIssue(extra, 'several-triggers', { triggers: triggers.map((t) => t.ref) }));
    }
  }
  return triggers;
}

function checkEdges(check: FlowCheck): Map<string, string[]> {
  const next = new Map<string, string[]>();
  const edges = Array.isArray(check.flow.edges) ? check.flow.edges : [];
  const seen = new Set<string>();
  edges.forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const pointer = `/edges/${i}`;
    const from = stringOr(raw.from);
    const to = stringOr(raw.to);
    const port = stringOr(raw.port);
    const source = from !== undefined ? check.byId.get(from) : undefined;
    const target = to !== undefined ? check.byId.get(to) : undefined;
    if (from !== undefined && !source) {
      addIssue(check, flowIssue('dangling-edge', { edge: i + 1, end: 'from', id: from }, `${pointer}/from`));
    }
    if (to !== undefined && !target) {
      addIssue(check, flowIssue('dangling-edge', { edge: i + 1, end: 'to', id: to }, `${pointer}/to`));
    }
    const sourcePorts = source?.compiled ? portsOf(source.compiled.manifest, source.config) : undefined;
    if (source && sourcePorts && port !== undefined && !sourcePorts.includes(port)) {
      const ports = sourcePorts;
      addIssue(check, nodeIssue(source, 'unknown-port', { edge: i + 1, port, ports }, { pointer: `${pointer}/port` }));
    }
    if (target && isTrigger(target.compiled?.manifest)) {
      addIssue(check, nodeIssue(target, 'edge-into-trigger', { edge: i + 1 }, { pointer: `${pointer}/to` }));
    }
    if (!source || !target) return;
    const key = `${from}\u0000${port}\u0000${to}`;
    if (seen.has(key)) {
      addIssue(
        check,
        nodeIssue(
          source,
          'duplicate-edge',
          { edge: i + 1, port: String(port), target: target.ref },
          { severity: 'warning', pointer },
        ),
      );
      return;
    }
    seen.add(key);
    const list = next.get(source.id!) ?? [];
    list.push(target.id!);
    next.set(source.id!, list);
  });
  return next;
}

function checkCycles(check: FlowCheck, next: Map<string, string[]>): void {
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const name = (id: string) => check.byId.get(id)?.name ?? id;
  const report = (loop: string[], to: string) => {
    const key = [...loop].sort().join('\u0000');
    if (reported.has(key)) return;
    reported.add(key);
    const names = [...loop, to].map(name);
    // A very long loop is named by its ends; the pointer leads to it anyway.
    const cycle =
      names.length > 12
        ? { names: [...names.slice(0, 6), ...names.slice(-5)], more: names.length - 11 }
        : { names, more: 0 };
    addIssue(check, nodeIssue(check.byId.get(to)!, 'cycle', cycle));
  };
  // Depth-first with an explicit stack: a long chain of nodes must not overflow the JS stack.
  for (const entry of check.nodes) {
    const root = entry.id;
    if (root === undefined || state.has(root)) continue;
    const path: string[] = [root];
    const cursor: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1]!;
      const outs = next.get(id) ?? [];
      const i = cursor[cursor.length - 1]!;
      if (i >= outs.length) {
        state.set(id, 'done');
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1] = i + 1;
      const to = outs[i]!;
      const s = state.get(to);
      if (s === 'open') report(path.slice(path.indexOf(to)), to);
      else if (s === undefined) {
        state.set(to, 'open');
        path.push(to);
        cursor.push(0);
      }
    }
  }
}

function checkReachable(check: FlowCheck, triggers: NodeEntry[], next: Map<string, string[]>): void {
  if (triggers.length === 0) return;
  const reached = new Set<string>();
  const queue = triggers.map((t) => t.id).filter((id): id is string => id !== undefined);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  for (const entry of check.nodes) {
    if (entry.id === undefined || reached.has(entry.id) || isTrigger(entry.compiled?.manifest)) continue;
    if (check.byId.get(entry.id) !== entry) continue; // a duplicate id, already reported
    addIssue(
      check,
      nodeIssue(
        entry,
        'unreachable',
        {},
        {
          severity: 'warning',
        },
      ),
    );
  }
}

/**
 * A Condition (or any node with several outputs) all of whose outputs lead to the same nodes
 * decides nothing: whatever it finds, the same nodes run next. Since branches join, wiring
 * both outputs into one node is easy to do by mistake when one of them was meant elsewhere.
 */
function checkDecisions(check: FlowCheck): void {
  const edges = Array.isArray(check.flow.edges) ? check.flow.edges : [];
  const targets = new Map<NodeEntry, Map<string, Set<string>>>();
  for (const raw of edges) {
    if (!isRecord(raw)) continue;
    const source = check.byId.get(stringOr(raw.from) ?? '');
    const to = stringOr(raw.to);
    const port = stringOr(raw.port);
    if (!source || to === undefined || port === undefined || !check.byId.has(to)) continue;
    let byPort = targets.get(source);
    if (!byPort) targets.set(source, (byPort = new Map()));
    let set = byPort.get(port);
    if (!set) byPort.set(port, (set = new Set()));
    set.add(to);
  }
  for (const [source, byPort] of targets) {
    const manifest = source.compiled?.manifest;
    if (!manifest) continue;
    const decisionPorts = portsOf(manifest, source.config).filter((p) => p !== manifest.errorPort);
    if (decisionPorts.length < 2) continue;
    const sets = decisionPorts.map((p) => byPort.get(p));
    const first = sets[0];
    if (!first || first.size === 0) continue;
    const same = sets.every(
      (set) => set !== undefined && set.size === first.size && [...set].every((id) => first.has(id)),
    );
    if (!same) continue;
    const next = [...first].map((id) => check.byId.get(id)!.ref);
    addIssue(
      check,
      nodeIssue(source, 'decision-without-effect', { ports: decisionPorts, next }, { severity: 'warning' }),
    );
  }
}

export function checkGraph(check: FlowCheck): FlowGraph {
  const triggers = checkTriggers(check);
  const next = checkEdges(check);
  checkCycles(check, next);
  checkReachable(check, triggers, next);
  checkDecisions(check);
  const roots = triggers.map((t) => t.id).filter((id): id is string => id !== undefined);
  // Per candidate: the nodes the trigger reaches without passing it (those it is not on every path to).
  const around = new Map<string, Set<string>>();
  // Per candidate, a forward search that is resumed, not restarted: it stops as soon as the
  // asked node is reached (references usually point a step or two back) and later questions
  // continue where it stopped, so a long flow costs one walk per referenced node at most.
  const searches = new Map<string, { reached: Set<string>; queue: string[] }>();
  return {
    next,
    isUpstream(candidate, of) {
      let search = searches.get(candidate);
      if (!search) {
        search = { reached: new Set(), queue: [...(next.get(candidate) ?? [])] };
        searches.set(candidate, search);
      }
      const { reached, queue } = search;
      if (reached.has(of)) return true;
      while (queue.length > 0) {
        const at = queue.pop()!;
        if (reached.has(at)) continue;
        reached.add(at);
        for (const to of next.get(at) ?? []) if (!reached.has(to)) queue.push(to);
        if (at === of) return true;
      }
      return false;
    },
    onEveryPath(candidate, of) {
      let reached = around.get(candidate);
      if (!reached) {
        reached = new Set();
        const queue = roots.filter((id) => id !== candidate);
        while (queue.length > 0) {
          const at = queue.pop()!;
          if (reached.has(at)) continue;
          reached.add(at);
          for (const to of next.get(at) ?? []) if (to !== candidate && !reached.has(to)) queue.push(to);
        }
        around.set(candidate, reached);
      }
      return !reached.has(of);
    },
  };
}
