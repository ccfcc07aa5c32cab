/** Messages between a host and the child processes that run flows for it (pool.ts, flow-child.ts). */
import type { WebhookResponse } from '../../../core/node-type.js';
import type { RunState } from '../../../core/run-state.js';
import type { RunTrace } from '../../../core/trace.js';
import type { RunTriggerInput } from '../flow-runtime.js';

export interface RunJob {
  /** The run id (the server's execution id). */
  id: string;
  /** Names one version of one flow; the child loads (and prepares) each key once. */
  flowKey: string;
  /** The flow text; sent only when this child has not loaded `flowKey` yet. */
  source?: string;
  trigger: RunTriggerInput;
  timeoutMs?: number;
  /** Continue this saved run instead of starting at the trigger (a resume after a crash). */
  resume?: RunState;
  /** Send a `checkpoint` after every node, so the host can resume the run elsewhere. */
  checkpoints?: boolean;
}

export type ToChild = { t: 'run'; job: RunJob } | { t: 'forget'; flowKey: string };

export type FromChild =
  | { t: 'ready'; pid: number }
  | { t: 'respond'; id: string; response: WebhookResponse }
  /** The run after a node: the host keeps the latest one to resume from if this child dies. */
  | { t: 'checkpoint'; id: string; state: RunState }
  | { t: 'done'; id: string; trace: RunTrace }
  /** The flow could not be loaded in the child (should not happen: the host checked it). */
  | { t: 'error'; id: string; message: string }
  /** The child has no source for this key yet: the host sends the job again with it. */
  | { t: 'need-source'; id: string };
