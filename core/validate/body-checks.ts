/**
 * Bodies of nodes that run part of the flow per item (a manifest's `bodyPort`, Apply to each):
 * the body is everything that port leads to, and it must be closed — nothing outside leads
 * into it (a node reached both per item and once would run an unknowable number of times),
 * and since it is everything the port reaches, nothing in it leads out. Inside it: no node
 * that answers the webhook's caller (one answer per run, not per item) and no second loop.
 *
 * The bodies found here are kept on the check (`bodyOf`), so the template checks can tell a
 * step that runs per item from one that runs once.
 */
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, nodeIssue, stringOr } from './context.js';
import type { FlowGraph } from './graph-checks.js';
import { isRecord } from './pointer.js';

/** The nodes reachable from `start` (a body's first nodes), each once. */
function reachable(start: readonly string[], graph: FlowGraph): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const to of graph.next.get(id) ?? []) if (!seen.has(to)) queue.push(to);
  }
  return seen;
}

/** The loop's output for what runs after it, as message params (`after`), when its type names one. */
export function afterPort(loop: NodeEntry): { after?: string } {
  const after = loop.compiled?.manifest.afterBodyPort;
  return after !== undefined ? { after } : {};
}

export function checkBodies(check: FlowCheck, graph: FlowGraph): void {
  const bodyOf = new Map<string, NodeEntry>();
  check.bodyOf = bodyOf;
  const loops = check.nodes.filter((n) => n.id !== undefined && n.compiled?.manifest.bodyPort !== undefined);
  if (loops.length === 0) return;
  const edges = (Array.isArray(check.flow.edges) ? check.flow.edges : []).map((raw, i) => ({
    index: i,
    from: isRecord(raw) ? stringOr(raw.from) : undefined,
    port: isRecord(raw) ? stringOr(raw.port) : undefined,
    to: isRecord(raw) ? stringOr(raw.to) : undefined,
  }));
  for (const loop of loops) {
    const port = loop.compiled!.manifest.bodyPort!;
    const after = afterPort(loop);
    const start = edges.filter(
      (e) => e.from === loop.id && e.port === port && e.to !== undefined && check.byId.has(e.to),
    );
    if (start.length === 0) {
      addIssue(check, nodeIssue(loop, 'loop-body-empty', { port }, { severity: 'warning' }));
      continue;
    }
    const body = reachable(
      start.map((e) => e.to!),
      graph,
    );
    // A body that leads back to its loop is a cycle, reported by the graph checks.
    if (body.has(loop.id!)) continue;
    for (const id of body) if (!bodyOf.has(id)) bodyOf.set(id, loop);
    for (const id of body) {
      const entry = check.byId.get(id)!;
      const manifest = entry.compiled?.manifest;
      if (manifest?.bodyPort !== undefined) addIssue(check, nodeIssue(entry, 'loop-nested', { loop: loop.ref }));
      if (manifest?.answersCaller) addIssue(check, nodeIssue(entry, 'loop-body-respond', { loop: loop.ref, ...after }));
    }
    for (const edge of edges) {
      if (edge.to === undefined || !body.has(edge.to) || edge.from === undefined) continue;
      if (body.has(edge.from) || (edge.from === loop.id && edge.port === port)) continue;
      const from = check.byId.get(edge.from);
      if (!from) continue; // a dangling edge, reported by the graph checks
      addIssue(
        check,
        nodeIssue(
          check.byId.get(edge.to)!,
          'loop-body-entered',
          { loop: loop.ref, port, edge: edge.index + 1, from: from.ref, ...after },
          { pointer: `/edges/${edge.index}` },
        ),
      );
    }
  }
}
