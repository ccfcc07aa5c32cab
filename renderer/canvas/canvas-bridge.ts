/**
 * What the toolbar, palette and menu commands ask of the canvas (fit, zoom, add at the centre,
 * tidy up). The mounted canvas fills these in; before that they do nothing.
 */
import type { Position } from '../state/flow-ops.js';

export interface CanvasBridge {
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** A flow position near the middle of what is visible, for keyboard-added nodes. */
  viewportCenter(): Position;
  toggleMinimap(): void;
}

export const canvasBridge: CanvasBridge = {
  fit: () => undefined,
  zoomIn: () => undefined,
  zoomOut: () => undefined,
  viewportCenter: () => ({ x: 100, y: 100 }),
  toggleMinimap: () => undefined,
};
