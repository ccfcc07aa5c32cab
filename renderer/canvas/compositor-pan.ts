/**
 * Lets Chromium move the canvas as one composited layer while the view moves.
 *
 * A script that changes an element's `transform` on every frame (React Flow's viewport during
 * a pan) makes Blink lay the whole page out into compositor layers again on every frame
 * (`PaintArtifactCompositor::Update`), even with `will-change: transform`: Blink skips that
 * step only for a transform that is animating, because only then does it assume the layer may
 * overlap anything and need not test overlaps again. Its cost grows with the paint chunks
 * inside the layer — on the 500-node benchmark flow it was most of each pan frame (15–35 ms).
 *
 * An animation that adds nothing (`transform: none`, composite `add`, so the inline transform
 * React Flow writes still decides where the view is) makes the transform "animating" for as
 * long as the view moves. Only while it moves: like `will-change`, an animating layer keeps
 * the raster scale it started with, so a zoom is drawn crisp again once the animation ends.
 */

/** Starts the no-op animation on `element`; the returned function ends it. */
export function holdTransformAnimating(element: Element): () => void {
  // jsdom and old engines have no Web Animations: the view then simply moves without it.
  if (typeof element.animate !== 'function') return () => undefined;
  const animation = element.animate([{ transform: 'none' }, { transform: 'none' }], {
    duration: Number.POSITIVE_INFINITY,
    composite: 'add',
  });
  return () => animation.cancel();
}
