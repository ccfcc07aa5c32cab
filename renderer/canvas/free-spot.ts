/**
 * Where a new node goes: where the admin dropped it, unless that covers another node (whose
 * ports would then be hidden, and the next connection would go to the wrong one), in which case
 * the nearest spot that covers nothing. Pure, in flow coordinates.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between a new node and its neighbours, so ports and edges stay reachable. */
export const NODE_GAP = 24;

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

/**
 * The top-left corner for a node of `size` wanted at `wanted`: `wanted` itself when it is
 * clear of `occupied`, else the nearest clear corner found by pushing it right or down past
 * the nodes in the way (candidates come from the neighbours' edges, so the search ends).
 */
export function freeSpot(
  wanted: { x: number; y: number },
  size: { width: number; height: number },
  occupied: readonly Rect[],
  gap = NODE_GAP,
): { x: number; y: number } {
  const at = (x: number, y: number): Rect => ({ x, y, width: size.width, height: size.height });
  const clear = (r: Rect) => !occupied.some((o) => overlaps(r, o, gap));
  if (clear(at(wanted.x, wanted.y))) return wanted;
  // Every clear spot nearest to `wanted` has its left edge at `wanted.x` or just right of a
  // node, and its top at `wanted.y` or just below one.
  const xs = [wanted.x, ...occupied.map((o) => o.x + o.width + gap)].filter((x) => x >= wanted.x);
  const ys = [wanted.y, ...occupied.map((o) => o.y + o.height + gap)].filter((y) => y >= wanted.y);
  let best: { x: number; y: number } | undefined;
  let bestDistance = Infinity;
  for (const x of xs) {
    for (const y of ys) {
      const distance = Math.hypot(x - wanted.x, y - wanted.y);
      if (distance < bestDistance && clear(at(x, y))) {
        best = { x, y };
        bestDistance = distance;
      }
    }
  }
  // Right of everything is always clear, so `best` is found; the fallback keeps types honest.
  return best ?? { x: Math.max(...xs), y: wanted.y };
}
