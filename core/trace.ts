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
