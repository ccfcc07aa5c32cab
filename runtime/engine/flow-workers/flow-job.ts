/**
 * What a host asks a flow worker (flow-worker.ts) to do and what the worker reports, carried by
 * the one child-process protocol (runtime/process/child-protocol.ts).
 */
import type { WebhookResponse } from '../../../core/node-type.js';
import type { RunState } from '../../../core/run-state.js';
import type { RunTriggerInput } from '../flow-runtime.js';
import type { RunStateDelta } from './state-delta.js';

export interface RunJob {
  /** The run id (the server's execution id). */
  id: string;
  /** Names one version of one flow; the worker loads (and prepares) each key once. */
  flowKey: string;
  /** The flow text; sent only when the worker asked for it (`NEED_SOURCE`) or on a retry. */
  source?: string;
  trigger: RunTriggerInput;
  timeoutMs?: number;
  /** Continue this saved run instead of starting at the trigger (a resume after a crash). */
  resume?: RunState;
  /**
   * Report a `checkpoint` after every node with side effects and before a durable wait
   * (`RunOptions.checkpointAfter: 'side-effects'`), so the host can resume the run elsewhere
   * without repeating an effect. `'acked'`:
   * the next node starts only after the host said it saved the state (`checkpoint-saved`), so a
   * host that dies with its workers never loses a finished node (queue mode, where the whole
   * machine can go at once).
   */
  checkpoints?: boolean | 'acked';
  /**
   * Durable waits: a Wait this long or longer ends the run as `waiting` (its state checkpointed
   * first) instead of holding this worker; the host resumes it when due. Needs `checkpoints`.
   */
  durableWaitsFromMs?: number;
}

/**
 * A job as it crosses to a worker. The trigger goes as JSON text and the trace comes back as
 * JSON text (`RunJob` and `RunTrace` are what the two ends work with): a webhook's payload is
 * many small objects, which structured clone encodes and decodes at about twice the cost of
 * JSON, and the host stores the trace as that same text (json-text.ts).
 */
export interface WireJob extends Omit<RunJob, 'trigger'> {
  trigger: string;
}

/** Reported during a run, before its trace. */
export type RunEvent =
  | { t: 'respond'; response: WebhookResponse }
  /** The run after its first node: the host keeps the latest one to resume from if this worker dies. */
  | { t: 'checkpoint'; state: RunState }
  /** The run after each later node, as the difference from the state before (state-delta.ts). */
  | { t: 'checkpoint-delta'; delta: RunStateDelta };

/** To every worker (a worker ignores a `checkpoint-saved` for a run it does not hold). */
export type WorkerNotice = { t: 'forget'; flowKey: string } | { t: 'checkpoint-saved'; runId: string };

/** The error code a worker answers with when it has no source for the job's flow key yet. */
export const NEED_SOURCE = 'need-source';
