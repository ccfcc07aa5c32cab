/**
 * The record of one run: per node its input, requests (secrets redacted), output, port,
 * timings, log lines and error. The CLI prints it, the app draws it on the canvas, the
 * server stores it. Plain JSON so it crosses process boundaries as is.
 */
import type { MessageParams } from './messages/message.js';
import type { LogLine } from './node-type.js';

/**
 * `waiting`: the run is saved at a long Wait and goes on when it is due (servers only; see
 * docs/resumable-runs.md). Every other status but `success` is an end.
 */
export type RunStatus = 'success' | 'failed' | 'cancelled' | 'timeout' | 'waiting';

export interface RunTrace {
  runId: string;
  flowId: string;
  flowName: string;
  /** ISO-8601. */
  startedAt: string;
  durationMs: number;
  status: RunStatus;
  /** Set when status is not `success`; names the node where it can. */
  error?: { message: string; nodeId?: string; nodeName?: string; code?: string; params?: MessageParams };
  steps: StepTrace[];
  /** `vars` at the end of the run. */
  vars: Record<string, unknown>;
  /** Set when status is `waiting`: when the run goes on (ISO-8601). */
  wakeAt?: string;
  /** What a Respond to webhook node answered the caller, when one ran. */
  response?: { status: number; headers: Record<string, string>; body: unknown; nodeName: string };
}

export interface StepTrace {
  nodeId: string;
  name: string;
  type: string;
  /** Milliseconds since the run started. */
  startedAtMs: number;
  durationMs: number;
  /** The node's resolved input (templates rendered). */
  input?: unknown;
  requests: RequestTrace[];
  output?: unknown;
  port?: string;
  /** Every port taken, when the node took several (a Switch matching all outputs); `port` is the first. */
  ports?: string[];
  logs: LogLine[];
  /** Node-specific details, e.g. `rules` with the value each condition saw. */
  details?: Record<string, unknown>;
  /** Set on a node with several incoming edges: the branches it joined and those not taken. */
  join?: { branches: JoinBranch[] };
  /** Set on a node that ran a body per item (Apply to each): its iterations, bounded. */
  iterations?: IterationsTrace;
  /** `code` + `params` word it in other languages (`formatMessage`); `message` is English. */
  error?: { message: string; code?: string; params?: MessageParams };
}

export interface RequestTrace {
  /** `token` for an OAuth token request, `main` otherwise. */
  purpose: 'main' | 'token';
  attempt: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** Truncated for large responses. */
  responseBody?: unknown;
  durationMs: number;
  error?: string;
  /** Delay before the next attempt, when one follows. */
  retryInMs?: number;
}

/** One edge into a joining node: its source node's name and port, and whether that branch came. */
export interface JoinBranch {
  from: string;
  port: string;
  /** True when the source ran and took this port; false when that branch was not taken. */
  arrived: boolean;
}

/**
 * The iterations of a node that ran a body per item. A list of 10,000 items must not make a
 * trace of 10,000 × its body's steps, so only some iterations are kept with their steps: the
 * first `keepFirst` by index, and the first `keepFailed` failed ones after those. The others
 * are only counted (`omitted`).
 */
export interface IterationsTrace {
  /** Iterations run (items started and finished). */
  count: number;
  /** Of those, how many failed (a body node failed without a wired error port). */
  failed: number;
  /** The kept iterations, by index. */
  kept: IterationTrace[];
  /** Iterations run but not kept: counted only. */
  omitted: number;
  /** The rule the kept ones follow: the first `keepFirst` by index, plus `keepFailed` failed ones after them. */
  keepFirst: number;
  keepFailed: number;
}

/** One run of a body for one item. */
export interface IterationTrace {
  /** The item's position in the list, from 0. */
  index: number;
  /** The item itself. */
  item: unknown;
  status: 'success' | 'failed';
  /** Milliseconds since the run started. */
  startedAtMs: number;
  durationMs: number;
  /** The body's steps for this item, in the order they ran. */
  steps: StepTrace[];
  /** Why it failed: the body node's error, naming the node. */
  error?: { message: string; code?: string; params?: MessageParams; nodeName: string };
}
