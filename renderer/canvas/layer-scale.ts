/**
 * How a large flow's layer follows the zoom, so that Chromium never draws far more pixels than
 * the screen shows.
 *
 * Chromium keeps the scale it first drew a `will-change: transform` layer at, so that a moving
 * layer is not drawn again on every zoom step (cc's PictureLayerImpl). Its rules, for a page at
 * device scale 1: a layer shown at a zoom under 1/4 keeps its scale until the zoom falls to a
 * quarter of it; from 1/4 up it is drawn at scale 1 at least. Measured on the 500-node flow:
 * - drawn at 100 % (as the flow appears, before Open's fit) and shown whole at ~0.11, it is
 *   ~80 times the pixels on screen, more tiles than Chromium keeps: pans ran at 46-54 frames/s
 *   instead of 60, after the first Open and after a zoom past 1/4 and back out;
 * - drawn at ~0.11 and zoomed to 1/4, Chromium draws the 16 screens' worth of flow in view at
 *   scale 1 before it shows the next frame: a 1.0-1.2 s stall.
 * So: under 1/4 the layer is drawn afresh (let go of for a frame) when the view rests at a
 * scale far from the drawn one, ~250 ms; from 1/4 to 1/2 the flow is no layer while the view
 * rests (the move's no-op animation still makes it one while it moves, compositor-pan.ts); from
 * 1/2 up it is a layer drawn at scale 1 or more, made when the view rests: 4 screens at most.
 */

/** Below this zoom Chromium draws the layer at the zoom; from it up, at scale 1 at least. */
export const NATIVE_SCALE_FROM = 0.25;

/** From here to `LAYER_AGAIN_FROM` the flow is no layer at rest (too many pixels at scale 1). */
export const LAYER_AGAIN_FROM = 0.5;

/** Under 1/4 text is too small to read: only the pixel count matters, within a factor 2. */
const SMALL_TOLERANCE = 2;
/** Over 100 % text is read: drawn again once it would be stretched by more than 25 %. */
const LARGE_TOLERANCE = 1.25;

/** The scale the layer is drawn at; undefined when not known (a flow just opened). */
export type DrawnScale = number | undefined;

/** Whether the flow should be a layer while the view rests at `zoom`. */
export function layerAtRest(zoom: number): boolean {
  return zoom < NATIVE_SCALE_FROM || zoom >= LAYER_AGAIN_FROM;
}

/** The scale Chromium draws a fresh layer at, shown at `zoom`. */
export function freshScale(zoom: number): number {
  return zoom < NATIVE_SCALE_FROM ? zoom : Math.max(zoom, 1);
}

/** Whether the layer, drawn at `drawn`, should be drawn afresh now that the view rests at `zoom`. */
export function needsFreshDrawing(drawn: DrawnScale, zoom: number): boolean {
  // Up to 100 % a fresh drawing would be at scale 1, which Chromium keeps there anyway.
  if (zoom >= NATIVE_SCALE_FROM && zoom <= 1) return false;
  if (drawn === undefined) return true;
  const off = Math.max(drawn / zoom, zoom / drawn);
  return off > (zoom < NATIVE_SCALE_FROM ? SMALL_TOLERANCE : LARGE_TOLERANCE);
}

/** The drawn scale after the view rests at `zoom` without a fresh drawing. */
export function scaleAtRest(drawn: DrawnScale, zoom: number): DrawnScale {
  // Chromium raises a layer drawn under scale 1 to 1 once it is shown at 1/4 or more.
  if (drawn !== undefined && zoom >= NATIVE_SCALE_FROM && drawn < 1) return 1;
  return drawn;
}
