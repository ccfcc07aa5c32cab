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

designerStore.subscribe((state, previous) => {
  if (state.documentGeneration !== previous.documentGeneration) useBench.getState().reset();
});
