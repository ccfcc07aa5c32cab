import { describe, expect, it } from 'vitest';
import { designerStore } from '../state/flow-store.js';
import { useBench } from './bench-store.js';

describe('test bench state', () => {
  it('forgets the last report, trace and selected case when another flow is loaded (New/Open)', () => {
    useBench.getState().set({
      report: { flow: 'x', passed: true, cases: [] } as never,
      trace: { steps: [] } as never,
      error: 'boom',
    });
    useBench.getState().select('first case');
    const before = designerStore.getState().documentGeneration;

    designerStore.getState().newFlow();

    expect(designerStore.getState().documentGeneration).toBe(before + 1);
    const bench = useBench.getState();
    expect(bench.report).toBeUndefined();
    expect(bench.trace).toBeUndefined();
    expect(bench.error).toBeUndefined();
    expect(bench.selected).toBeUndefined();
    expect(designerStore.getState().lastTrace).toBeUndefined();
  });

  it('keeps the report across edits of the same flow, but not a run error about the flow as it was', () => {
    const report = {
      passed: 1,
      failed: 0,
      durationMs: 1,
      cases: [{ testName: 'a', passed: true }],
      errors: [],
    } as never;
    useBench.getState().set({ report, error: 'The designer server cannot be reached.' });
    designerStore.getState().setFlowMeta({ description: 'edited' });
    expect(useBench.getState().report).toBe(report);
    expect(useBench.getState().error).toBeUndefined();
  });

  it('forgets a report that is only a load error once the flow is edited', () => {
    const failed = {
      passed: 0,
      failed: 0,
      durationMs: 1,
      cases: [],
      errors: [{ file: 'x.flow.json', message: 'x.flow.json is not a valid flow (1 problem)' }],
    };
    useBench.getState().set({ report: failed });
    designerStore.getState().setFlowMeta({ description: 'fixed' });
    expect(useBench.getState().report).toBeUndefined();
  });
});
