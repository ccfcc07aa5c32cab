/**
 * Path requirements a node declares (`requiresOnEveryPath`): every way a run can go on from
 * that node must pass a node that `provides` the capability. A path ends where a node's
 * regular port has no edge; an unwired error port fails the run instead, which is no path.
 */
import { portsOf } from '../node-type.js';
import { addIssue, nodeIssue, type FlowCheck, type NodeEntry } from './context.js';
import { isRecord } from './pointer.js';

export function checkPathRequirements(check: FlowCheck): void {
  const requiring = check.nodes.filter((e) => e.configValid && e.compiled?.manifest.requiresOnEveryPath);
  if (requiring.length === 0) return;
  const edges = new Map<string, string[]>();
  for (const raw of Array.isArray(check.flow.edges) ? check.flow.edges : []) {
    if (!isRecord(raw) || typeof raw.from !== 'string' || typeof raw.to !== 'string') continue;
    const key = `${raw.from}\u0000${String(raw.port)}`;
    let list = edges.get(key);
    if (!list) edges.set(key, (list = []));
    list.push(raw.to);
  }
  for (const entry of requiring) {
    const need = entry.compiled!.manifest.requiresOnEveryPath!(entry.config ?? {});
    if (!need) continue;
    const gap = findGap(check, edges, entry, need.capability, new Set());
    if (gap) addIssue(check, nodeIssue(entry, 'path-requirement', { explain: need.explain, gap }));
  }
}

/** Where a path from `entry` ends without the capability, in words; undefined when none does. */
function findGap(
  check: FlowCheck,
  edges: Map<string, string[]>,
  entry: NodeEntry,
  capability: string,
  onPath: Set<string>,
): string | undefined {
  const manifest = entry.compiled?.manifest;
  if (!manifest || entry.id === undefined) return undefined; // reported elsewhere
  if (manifest.provides?.includes(capability)) return undefined;
  if (onPath.has(entry.id)) return undefined; // a cycle, reported by the graph checks
  onPath.add(entry.id);
  try {
    const ports = portsOf(manifest, entry.config);
    for (const port of ports) {
      // A body's paths end where each item ends; the run goes on from the node's other ports.
      if (port === manifest.bodyPort) continue;
      const targets = edges.get(`${entry.id}\u0000${port}`) ?? [];
      if (targets.length === 0) {
        if (port === manifest.errorPort) continue;
        return ports.length > 1
          ? `the path through ${entry.label}'s '${port}' port ends without one`
          : `the path ends at ${entry.label} without one`;
      }
      for (const to of targets) {
        const next = check.byId.get(to);
        if (!next) continue;
        const gap = findGap(check, edges, next, capability, onPath);
        if (gap) return gap;
      }
    }
    return undefined;
  } finally {
    onPath.delete(entry.id);
  }
}
