/**
 * The frame drawn around a loop's body on the canvas: the smallest box holding every node the
 * loop's "each" output leads to, with room for a label on top. It follows the nodes as they
 * move (it is computed from the canvas's node positions, drags included) and is only a
 * picture: the body is what the wiring says, never where a node was dropped.
 */
export interface LoopFrame {
  loopId: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of a canvas node a frame needs. */
export interface PlacedNode {
  id: string;
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
}

/** Space between the body's nodes and the frame; the label sits in the top one. */
export const FRAME_PAD = 18;
export const FRAME_LABEL = 26;

/** `unmeasured`: the size of a node the canvas has not measured yet. */
export function loopFrames(
  nodes: readonly PlacedNode[],
  bodies: ReadonlyMap<string, readonly string[]>,
  unmeasured: { width: number; height: number },
): LoopFrame[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const frames: LoopFrame[] = [];
  for (const [loopId, body] of bodies) {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const id of body) {
      const node = byId.get(id);
      if (!node) continue;
      const width = node.measured?.width ?? unmeasured.width;
      const height = node.measured?.height ?? unmeasured.height;
      left = Math.min(left, node.position.x);
      top = Math.min(top, node.position.y);
      right = Math.max(right, node.position.x + width);
      bottom = Math.max(bottom, node.position.y + height);
    }
    if (left === Infinity) continue;
    frames.push({
      loopId,
      x: left - FRAME_PAD,
      y: top - FRAME_PAD - FRAME_LABEL,
      width: right - left + 2 * FRAME_PAD,
      height: bottom - top + 2 * FRAME_PAD + FRAME_LABEL,
    });
  }
  return frames;
}
