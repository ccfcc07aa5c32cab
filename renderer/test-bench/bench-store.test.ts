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

  it('keeps them across edits of the same flow', () => {
    useBench.getState().set({ error: 'kept' });
    designerStore.getState().setFlowMeta({ description: 'edited' });
    expect(useBench.getState().error).toBe('kept');
  });
});
