/**
 * The wire below the HTTP client: one attempt, no auth, no retries. The undici transport
 * sends it for real; the recorded transport (tests, test bench) answers from a flow's
 * recorded responses. Auth, retries, origin checks and tracing sit above, in the client, so
 * tests exercise the same logic as live runs.
 */
export interface TransportRequest {
  /** Name of the node sending it; the recorded transport looks responses up by it. */
  nodeName: string;
  /** `token` for OAuth token requests. */
  purpose: 'main' | 'token';
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** `bytes`: hand the body back as `bodyBytes` (a binary download) instead of decoding it. */
  responseAs?: 'text' | 'bytes';
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body decoded as UTF-8 ('' when `bodyBytes` is given). */
  bodyText: string;
  /** The body as it came, when the request asked for `bytes`. */
  bodyBytes?: Uint8Array;
}

export type TransportErrorKind = 'timeout' | 'network' | 'tooLarge' | 'cancelled';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
