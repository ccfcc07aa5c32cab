/**
 * Branching out: several edges from one output all run (the design's vocabulary; a join runs
 * once after them). That is a feature, but when two of those branches each create a record
 * (a ticket, a POSTed resource) one event creates two, which an admin rarely means. The
 * node types say which configs create a record (`createsRecord` in their manifests).
 */
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, nodeIssue, stringOr } from './context.js';
import type { FlowGraph } from './graph-checks.js';
import { isRecord } from './pointer.js';

/** Targets per output, for outputs with more than one: `from` node id → port → target ids. */
function fanOuts(check: FlowCheck): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  const edges = Array.isArray(check.flow.edges) ? check.flow.edges : [];
  for (const raw of edges) {
    if (!isRecord(raw)) continue;
    const from = stringOr(raw.from);
    const port = stringOr(raw.port);
    const to = stringOr(raw.to);
    if (from === undefined || port === undefined || to === undefined) continue;
    if (!check.byId.has(from) || !check.byId.has(to)) continue;
    const ports = out.get(from) ?? new Map<string, string[]>();
    const targets = ports.get(port) ?? [];
    if (!targets.includes(to)) targets.push(to);
    ports.set(port, targets);
    out.set(from, ports);
  }
  return out;
}

/** The node and everything downstream of it (loops are reported elsewhere; each node once). */
function reach(start: string, graph: FlowGraph): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const to of graph.next.get(id) ?? []) if (!seen.has(to)) queue.push(to);
  }
  return seen;
}

function createsRecord(entry: NodeEntry | undefined): boolean {
  const declared = entry?.compiled?.manifest.createsRecord;
  if (!declared) return false;
  try {
    return declared(entry.config ?? {});
  } catch {
    // A half-edited config the node type cannot read yet: its own checks say what is wrong.
    return false;
  }
}

export function checkBranchesThatCreate(check: FlowCheck, graph: FlowGraph): void {
  for (const [from, ports] of fanOuts(check)) {
    for (const [port, targets] of ports) {
      if (targets.length < 2) continue;
      const branches = targets.map((t) => reach(t, graph));
      // A node reached from several branches is where they join: it runs once.
      const count = new Map<string, number>();
      for (const b of branches) for (const id of b) count.set(id, (count.get(id) ?? 0) + 1);
      const creators: NodeEntry[] = [];
      let creatingBranches = 0;
      for (const b of branches) {
        const own = [...b].filter((id) => count.get(id) === 1 && createsRecord(check.byId.get(id)));
        if (own.length === 0) continue;
        creatingBranches++;
        for (const id of own) creators.push(check.byId.get(id)!);
      }
      if (creatingBranches < 2) continue;
      creators.sort((a, b) => a.index - b.index);
      addIssue(
        check,
        nodeIssue(
          check.byId.get(from)!,
          'branches-both-create',
          { port, creators: creators.map((c) => c.ref) },
          { severity: 'warning' },
        ),
      );
    }
  }
}
