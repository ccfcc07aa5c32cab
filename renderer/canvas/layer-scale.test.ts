import { describe, expect, it } from 'vitest';
import { freshScale, layerAtRest, needsFreshDrawing, scaleAtRest } from './layer-scale.js';

describe('a large flow layer following the zoom', () => {
  it('is drawn afresh at the whole-flow view when it was drawn at 100 % (as a flow appears)', () => {
    expect(needsFreshDrawing(undefined, 0.11)).toBe(true);
    expect(needsFreshDrawing(1, 0.11)).toBe(true);
    expect(freshScale(0.11)).toBe(0.11);
    // Within a factor 2 under 1/4: left as drawn, text there is too small to read.
    expect(needsFreshDrawing(0.11, 0.17)).toBe(false);
    expect(needsFreshDrawing(0.11, 0.24)).toBe(true);
  });

  it('is no layer at rest from 1/4 to 1/2, where Chromium would draw it at scale 1', () => {
    expect(layerAtRest(0.24)).toBe(true);
    expect(layerAtRest(0.25)).toBe(false);
    expect(layerAtRest(0.49)).toBe(false);
    expect(layerAtRest(0.5)).toBe(true);
    expect(freshScale(0.5)).toBe(1);
  });

  it('is not drawn again up to 100 %, and again once stretched by more than a quarter beyond it', () => {
    expect(needsFreshDrawing(undefined, 0.8)).toBe(false);
    expect(scaleAtRest(0.11, 0.8)).toBe(1);
    expect(scaleAtRest(undefined, 0.8)).toBeUndefined();
    expect(needsFreshDrawing(1, 1.2)).toBe(false);
    expect(needsFreshDrawing(1, 1.3)).toBe(true);
    expect(freshScale(1.3)).toBe(1.3);
  });
});
