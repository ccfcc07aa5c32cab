import { describe, expect, it } from 'vitest';
import { minimapFrame, type Rect } from './minimap-frame.js';

const size = { width: 168, height: 112 };
const toMap = (f: ReturnType<typeof minimapFrame>, r: Rect) => ({
  x: (r.x - f.origin.x) * f.scale,
  y: (r.y - f.origin.y) * f.scale,
  right: (r.x + r.width - f.origin.x) * f.scale,
  bottom: (r.y + r.height - f.origin.y) * f.scale,
});

describe('minimapFrame', () => {
  it('fits the nodes and the view inside the map with a margin, centred', () => {
    const nodes = [
      { x: 0, y: 0, width: 240, height: 90 },
      { x: 7200, y: 3420, width: 240, height: 90 },
    ];
    const view = { x: 1000, y: 1000, width: 1600, height: 1000 };
    const f = minimapFrame(nodes, view, size);
    const first = toMap(f, nodes[0]!);
    const last = toMap(f, nodes[1]!);
    // The content is wider than the map's proportions: it spans the width less the margins.
    expect(first.x).toBeGreaterThan(0);
    expect(last.right).toBeLessThan(size.width);
    expect(first.x).toBeCloseTo(size.width - last.right, 6);
    // and is centred vertically.
    expect(first.y).toBeCloseTo(size.height - last.bottom, 6);
    expect(first.y).toBeGreaterThan(0);
  });

  it('grows to hold a view larger than the flow, so the view stays drawn whole', () => {
    const nodes = [{ x: 0, y: 0, width: 240, height: 90 }];
    const view = { x: -5000, y: -3000, width: 14000, height: 9000 };
    const f = minimapFrame(nodes, view, size);
    const v = toMap(f, view);
    expect(v.x).toBeGreaterThanOrEqual(0);
    expect(v.y).toBeGreaterThanOrEqual(0);
    expect(v.right).toBeLessThanOrEqual(size.width);
    expect(v.bottom).toBeLessThanOrEqual(size.height);
    // The node sits inside the view's box.
    const n = toMap(f, nodes[0]!);
    expect(n.x).toBeGreaterThan(v.x);
    expect(n.bottom).toBeLessThan(v.bottom);
  });

  it('keeps a finite scale for an empty flow and an empty view', () => {
    const f = minimapFrame([], { x: 0, y: 0, width: 0, height: 0 }, size);
    expect(Number.isFinite(f.scale)).toBe(true);
    expect(f.scale).toBeGreaterThan(0);
  });
});
