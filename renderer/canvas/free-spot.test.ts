import { describe, expect, it } from 'vitest';
import { freeSpot, NODE_GAP, type Rect } from './free-spot.js';

const size = { width: 240, height: 110 };
const overlapsAny = (p: { x: number; y: number }, rects: Rect[]) =>
  rects.some(
    (o) =>
      p.x < o.x + o.width + NODE_GAP &&
      o.x < p.x + size.width + NODE_GAP &&
      p.y < o.y + o.height + NODE_GAP &&
      o.y < p.y + size.height + NODE_GAP,
  );

describe('freeSpot', () => {
  it('keeps the spot the admin chose when it covers nothing', () => {
    expect(freeSpot({ x: 400, y: 100 }, size, [{ x: 0, y: 0, ...size }])).toEqual({ x: 400, y: 100 });
  });

  it('moves a node dropped on another just clear of it, the shorter way', () => {
    const other = { x: 100, y: 100, ...size };
    // Dropped a little below and right of the other's corner: below it is nearer than beside it.
    const spot = freeSpot({ x: 110, y: 160 }, size, [other]);
    expect(spot).toEqual({ x: 110, y: 100 + 110 + NODE_GAP });
    // Dropped at its right part: beside it is nearer.
    expect(freeSpot({ x: 300, y: 100 }, size, [other])).toEqual({ x: 100 + 240 + NODE_GAP, y: 100 });
  });

  it('finds a clear spot in a crowded area, never on top of any node', () => {
    const grid: Rect[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) grid.push({ x: i * 260, y: j * 130, ...size });
    const spot = freeSpot({ x: 270, y: 140 }, size, grid);
    expect(overlapsAny(spot, grid)).toBe(false);
    expect(spot.x >= 270 && spot.y >= 140).toBe(true);
  });
});
