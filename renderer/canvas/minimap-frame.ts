/**
 * Where the overview map puts the flow: the nodes and the view together, fitted and centred in
 * the map with a margin, as xyflow's own map does (so the map reads the same as before).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Flow coordinates to map pixels: `(p - origin) * scale`. */
export interface MapFrame {
  origin: { x: number; y: number };
  scale: number;
}

/** Margin around the fitted content, in map pixels (xyflow's `offsetScale` default). */
const MARGIN = 5;

export function minimapFrame(boxes: readonly Rect[], view: Rect, size: { width: number; height: number }): MapFrame {
  let left = view.x;
  let top = view.y;
  let right = view.x + view.width;
  let bottom = view.y + view.height;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  const width = right - left;
  const height = bottom - top;
  // Flow units per map pixel, then the margin in flow units on each side.
  const unitsPerPixel = Math.max(width / size.width, height / size.height) || 1;
  const margin = MARGIN * unitsPerPixel;
  const spanX = unitsPerPixel * size.width + 2 * margin;
  const spanY = unitsPerPixel * size.height + 2 * margin;
  const scale = Math.min(size.width / spanX, size.height / spanY);
  // Centre the content: the unused span is shared on both sides.
  return {
    origin: {
      x: left - (size.width / scale - width) / 2,
      y: top - (size.height / scale - height) / 2,
    },
    scale,
  };
}
