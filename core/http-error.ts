/**
 * Turns a failed `HttpClient.send` into the `NodeError` that sends a node down its `error`
 * port, with a stable code (`http-404`, `timeout`, …) and the error port's output
 * `{ status?, body?, message }` as details. Shared by every node type that does HTTP.
 */
import { NodeError, type HttpFailure } from './node-type.js';

/** The `HttpFailure` an `HttpClient` attaches to the errors it throws, if any. */
export function httpFailureOf(error: unknown): HttpFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const failure = (error as { failure?: unknown }).failure;
  if (typeof failure !== 'object' || failure === null) return undefined;
  const kind = (failure as { kind?: unknown }).kind;
  return typeof kind === 'string' ? (failure as HttpFailure) : undefined;
}

const CODES: Record<HttpFailure['kind'], string> = {
  timeout: 'timeout',
  network: 'network-error',
  status: 'http-error',
  tooLarge: 'response-too-large',
  origin: 'origin-not-allowed',
  auth: 'auth-failed',
  cancelled: 'cancelled',
};

/** Stable code for a failure: `http-<status>` for a refused request, else by kind. */
export function httpFailureCode(failure: HttpFailure): string {
  if (failure.kind === 'status' && failure.status !== undefined) return `http-${failure.status}`;
  return CODES[failure.kind] ?? failure.kind;
}

/** What a node's `error` port outputs after a failed call. */
export interface HttpErrorOutput {
  status?: number;
  body?: unknown;
  message: string;
  code: string;
}

/**
 * The NodeError for a failed call, or undefined when `error` is no HTTP failure (or the run
 * was cancelled, which must end the run rather than take the error port).
 * `describe` may reword the message, e.g. with the vendor's own error text.
 */
export function nodeErrorFromHttp(
  error: unknown,
  describe?: (failure: HttpFailure) => string | undefined,
): NodeError | undefined {
  const failure = httpFailureOf(error);
  if (!failure || failure.kind === 'cancelled') return undefined;
  const code = httpFailureCode(failure);
  const message = describe?.(failure) ?? failure.message;
  const output: HttpErrorOutput = { message, code };
  if (failure.status !== undefined) output.status = failure.status;
  if (failure.body !== undefined) output.body = failure.body;
  // The failure's own words go along only when `describe` kept them.
  const params = failure.detail && message === failure.message ? { detail: failure.detail } : undefined;
  return new NodeError(message, code, output, params);
}
