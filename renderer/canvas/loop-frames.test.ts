// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { RunTrace, StepTrace } from '../../core/trace.js';
import { FRAME_LABEL, FRAME_PAD, loopFrames } from './loop-frames.js';
import { shownStep, traceMarks } from './trace-marks.js';

const step = (nodeId: string, extra: Partial<StepTrace> = {}): StepTrace => ({
  nodeId,
  name: nodeId,
  type: 'x',
  startedAtMs: 0,
  durationMs: 2,
  requests: [],
  logs: [],
  port: 'out',
  ...extra,
});

const trace: RunTrace = {
  runId: 'r',
  flowId: 'f',
  flowName: 'f',
  startedAt: '',
  durationMs: 1,
  status: 'success',
  vars: {},
  steps: [
    step('t'),
    step('l', {
      type: 'applyToEach',
      port: 'done',
      iterations: {
        count: 3,
        failed: 1,
        omitted: 0,
        keepFirst: 20,
        keepFailed: 10,
        kept: [
          {
            index: 0,
            item: 'a',
            status: 'success',
            startedAtMs: 0,
            durationMs: 1,
            steps: [step('b', { port: 'success' })],
          },
          {
            index: 1,
            item: 'b',
            status: 'failed',
            startedAtMs: 0,
            durationMs: 1,
            steps: [step('b', { port: undefined, error: { message: 'boom' } })],
            error: { message: 'boom', nodeName: 'b', node: { index: 2 }, detail: { code: 'text' } } as never,
          },
        ],
      },
    }),
  ],
};

describe('loop frames and marks on the canvas', () => {
  it('frames the body’s nodes with room for the label, following their sizes', () => {
    const frames = loopFrames(
      [
        { id: 'l', position: { x: 0, y: 0 } },
        { id: 'b', position: { x: 300, y: 100 }, measured: { width: 200, height: 80 } },
        { id: 'c', position: { x: 600, y: 40 }, measured: { width: 240, height: 100 } },
      ],
      new Map([
        ['l', ['b', 'c']],
        ['empty', []],
      ]),
      { width: 240, height: 110 },
    );
    expect(frames).toEqual([
      {
        loopId: 'l',
        x: 300 - FRAME_PAD,
        y: 40 - FRAME_PAD - FRAME_LABEL,
        width: 840 - 300 + 2 * FRAME_PAD,
        height: 180 - 40 + 2 * FRAME_PAD + FRAME_LABEL,
      },
    ]);
  });

  it('marks the body with the first kept iteration, or the one opened', () => {
    const first = traceMarks(trace);
    expect(first.nodes.get('b')).toMatchObject({ status: 'ok', port: 'success', item: 0 });
    expect(first.loops.get('l')).toEqual({ count: 3, failed: 1, shown: 0 });
    // Both the body's edges and Done's are drawn as taken.
    expect(first.nodes.get('l')).toMatchObject({ port: 'done', ports: ['each', 'done'] });
    const opened = traceMarks(trace, { loopId: 'l', index: 1 });
    expect(opened.nodes.get('b')).toMatchObject({ status: 'failed', error: 'boom', item: 1 });
    expect(opened.loops.get('l')).toMatchObject({ shown: 1 });
    expect(shownStep(trace, { loopId: 'l', index: 1 }, 'b')?.error?.message).toBe('boom');
    expect(shownStep(trace, undefined, 'l')?.port).toBe('done');
  });
});
