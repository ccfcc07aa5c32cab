/**
 * Outputs wired to more than one step. Every branch leaving one output runs (one after the
 * other), which is a feature but not what a first-time admin expects from a second arrow, so
 * the canvas marks those outputs and their edges, and drawing one says so.
 */
import type { FlowFile } from '../../core/flow.js';

const key = (from: string, port: string) => `${from}\u0000${port}`;

/** Distinct targets per output, for outputs with at least two. */
export function fanOuts(flow: Pick<FlowFile, 'edges'>): Map<string, number> {
  const targets = new Map<string, Set<string>>();
  for (const e of flow.edges) {
    const k = key(e.from, e.port);
    const set = targets.get(k) ?? new Set<string>();
    set.add(e.to);
    targets.set(k, set);
  }
  const out = new Map<string, number>();
  for (const [k, set] of targets) if (set.size > 1) out.set(k, set.size);
  return out;
}

/** How many steps `from`'s `port` leads to, when more than one; else 0. */
export function fanOutOf(fans: ReadonlyMap<string, number>, from: string, port: string): number {
  return fans.get(key(from, port)) ?? 0;
}

/** A node's outputs that lead to several steps, with their counts (undefined when none). */
export function nodeFanOuts(
  fans: ReadonlyMap<string, number>,
  from: string,
  ports: readonly string[],
): Record<string, number> | undefined {
  let out: Record<string, number> | undefined;
  for (const port of ports) {
    const n = fanOutOf(fans, from, port);
    if (n > 1) (out ??= {})[port] = n;
  }
  return out;
}
