/**
 * A run between two nodes, as JSON: enough to continue it later, in another process or on
 * another machine, with the same result as if it had never stopped. The engine hands one to
 * `RunOptions.onCheckpoint` after every node and continues from one given as `resume`.
 *
 * The scope is the run's data as nodes see it (payload, outputs, vars), not redacted: store a
 * state as carefully as the payload itself. The trace so far is redacted already.
 */
import type { RunTrace, StepTrace } from './trace.js';

export const RUN_STATE_VERSION = 1;

/**
 * On a server, a Wait at least this long (30 s) holds no worker: the run is saved and resumed
 * when due (`RunOptions.durableWaitsFromMs`). Shorter waits are slept in the worker, where they
 * cost less than saving and resuming the run.
 */
export const DURABLE_WAIT_FROM_MS = 30_000;

export interface RunState {
  /** Format of this object; a state of another version is refused, not guessed at. */
  version: typeof RUN_STATE_VERSION;
  runId: string;
  flowId: string;
  /** ISO-8601 start of the run (the first process's). */
  startedAt: string;
  /** Milliseconds the run has been under way (summed across processes). */
  elapsedMs: number;
  scope: {
    trigger: { body: unknown; headers: Record<string, string>; query: Record<string, string> };
    steps: Record<string, unknown>;
    vars: Record<string, unknown>;
    params?: Record<string, unknown>;
  };
  /** Position in the walk: ids of the nodes that have run, in the order they ran. */
  done: string[];
  /**
   * Pending branches: node ids waiting to run, as a stack (the next one to run is last). A
   * node id may appear more than once; it runs once.
   */
  pending: string[];
  /** The trace so far (every finished node), redacted. */
  steps: StepTrace[];
  /** The answer already given to the webhook's caller (Respond to webhook), if any. */
  response?: RunTrace['response'];
}

/** Why a saved state cannot continue: names what is wrong with it. */
export function runStateProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'the run state is not an object';
  const s = value as Partial<RunState>;
  if (s.version !== RUN_STATE_VERSION)
    return `the run state has version ${String(s.version)}; this Flowdesk reads version ${RUN_STATE_VERSION}`;
  if (typeof s.runId !== 'string' || typeof s.flowId !== 'string') return 'the run state has no runId or flowId';
  if (typeof s.scope !== 'object' || s.scope === null) return 'the run state has no scope';
  if (!Array.isArray(s.done) || !Array.isArray(s.pending) || !Array.isArray(s.steps))
    return 'the run state has no walk position (done, pending, steps)';
  return undefined;
}
