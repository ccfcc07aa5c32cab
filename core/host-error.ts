/**
 * A host call's refusal as it crosses a transport. Electron's `ipcMain.handle` keeps only the
 * message of a thrown error, and HTTP carries only what the body says, so both hosts answer
 * with the same reply shape, `{ result }` or `{ error: HostErrorBody }`, and both proxies turn
 * an `error` back into a `HostCallError` with the code and params intact.
 */
import type { MessageParams } from './messages/message.js';

/** What a refused call sends back: the English sentence, and the message code when it has one. */
export interface HostErrorBody {
  message: string;
  code?: string;
  params?: MessageParams;
}

/** What both transports carry per call: a result, or why there is none. */
export type HostReply = { result: unknown } | { error: HostErrorBody };

/** A host call that failed; `status` is the HTTP status (0 unreachable) or undefined over IPC. */
export class HostCallError extends Error {
  readonly code: string | undefined;
  readonly params: MessageParams | undefined;

  constructor(
    body: HostErrorBody,
    readonly method: string,
    readonly status?: number,
  ) {
    super(body.message);
    this.name = 'HostCallError';
    this.code = body.code;
    this.params = body.params;
  }
}

export function isParams(value: unknown): value is MessageParams {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body for a thrown error. The code travels only with its params: a Node system error's
 * `code` ("ENOENT") is no message code.
 */
export function hostErrorBody(err: unknown): HostErrorBody {
  const message = err instanceof Error ? err.message : String(err);
  const { code, params } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; params?: unknown };
  return typeof code === 'string' && isParams(params) ? { message, code, params } : { message };
}

/** The body of a parsed reply's `error`, when it is one (a newer or older host may add or omit fields). */
export function readErrorBody(value: unknown): HostErrorBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { message, code, params } = value as { message?: unknown; code?: unknown; params?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof code === 'string' && isParams(params) ? { message, code, params } : { message };
}
