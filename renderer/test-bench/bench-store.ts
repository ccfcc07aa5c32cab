/**
 * The test bench's session state: the case being edited, the last report or single-run
 * trace, and whether a run is under way. Lives outside the flow (never saved) and survives
 * closing and reopening the bench, but not New or Open: a report belongs to the flow it ran.
 */
import { create } from 'zustand';
import { designerStore } from '../state/flow-store.js';
import type { TestReport } from '../../core/test-report.js';
import type { RunTrace } from '../../core/trace.js';

export interface BenchState {
  selected?: string;
  report?: TestReport;
  /** A "Run with payload" result. */
  trace?: RunTrace;
  running: boolean;
  error?: string;
  select(name: string | undefined): void;
  set(patch: Partial<Omit<BenchState, 'select' | 'set' | 'reset'>>): void;
  /** Forgets the selection, report, trace and error (another flow was loaded). */
  reset(): void;
}

export const useBench = create<BenchState>()((set) => ({
  selected: undefined,
  report: undefined,
  trace: undefined,
  running: false,
  error: undefined,
  select: (name) => set({ selected: name }),
  set: (patch) => set(patch),
  reset: () => set({ selected: undefined, report: undefined, trace: undefined, running: false, error: undefined }),
}));

/**
 * A run that could not start (the host failed, the flow did not load) was about the flow as it
 * was: once the flow changes that may no longer hold, and an old "not a valid flow" must not sit
 * beside a fixed one. A report with case results stays: it is what the last run did.
 */
export function afterFlowEdit(bench: Pick<BenchState, 'error' | 'report'>): Partial<BenchState> {
  const patch: Partial<BenchState> = {};
  if (bench.error !== undefined) patch.error = undefined;
  if (bench.report && bench.report.cases.length === 0 && bench.report.errors.length > 0) patch.report = undefined;
  return patch;
}

designerStore.subscribe((state, previous) => {
  if (state.documentGeneration !== previous.documentGeneration) useBench.getState().reset();
  else if (state.flow !== previous.flow) {
    const patch = afterFlowEdit(useBench.getState());
    if (Object.keys(patch).length > 0) useBench.getState().set(patch);
  }
});
