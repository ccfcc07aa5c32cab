/**
 * The canvas's dot grid, drawn in the flow's own coordinates (a viewport portal) so that it
 * pans and zooms with the nodes. xyflow's <Background> redraws its SVG pattern at a new offset
 * on every viewport change, which repaints and re-rasterises the whole pane on every frame of
 * a pan (the biggest single raster cost of panning the 500-node benchmark without a GPU).
 * This one is painted once and moves with the viewport's composited layer.
 */
import { ViewportPortal } from '@xyflow/react';

export function CanvasDots() {
  return (
    <ViewportPortal>
      <div className="fd-canvas-dots" aria-hidden="true" />
    </ViewportPortal>
  );
}
