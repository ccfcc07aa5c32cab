/**
 * The live wire: undici `request` through one `Agent`, which keeps a keep-alive pool per
 * origin (global fetch halves throughput; design.md). One attempt per call: auth, retries and
 * tracing live in the HTTP client above.
 *
 * - Redirects are never followed: undici 7's `request` follows none unless a redirect
 *   interceptor is installed, and a redirect could carry a credential to another origin.
 * - TLS certificates are always verified (`rejectUnauthorized: true`, not configurable).
 * - The deadline is `timeoutMs` for the whole attempt (connect + headers + body), enforced by
 *   an AbortSignal combined with the caller's; undici's own headers/body timeouts are set to
 *   the same value as a second line.
 */
import { Agent, request } from 'undici';
import { TransportError, type Transport, type TransportRequest, type TransportResponse } from './transport.js';

export interface UndiciTransportOptions {
  /** Max sockets per origin. Default 64. */
  connections?: number;
  /** How long an idle keep-alive socket is kept. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Upper bound on connecting (TCP + TLS); each request's own deadline may be shorter. Default 10 s. */
  connectTimeoutMs?: number;
}

export interface UndiciTransport extends Transport {
  /** Closes every pooled socket; pending requests are aborted. */
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const message = err?.message ?? String(e);
  const code = err?.code ?? err?.cause?.code;
  const cause = err?.cause?.message;
  return [message, cause && cause !== message ? cause : undefined, code && !message.includes(code) ? code : undefined]
    .filter(Boolean)
    .join(': ');
}

/**
 * Drops a response body we will not read. Destroying an undici body emits an 'error'
 * (AbortError); without a listener that would be an uncaught exception taking the process down.
 */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const agent = new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    connect: { rejectUnauthorized: true },
  });

  async function send(req: TransportRequest): Promise<TransportResponse> {
    if (req.signal.aborted) throw new TransportError('cancelled', `${req.method} ${req.url} was cancelled`);
    // One controller fed by a timer and the caller's signal: cheaper per request than
    // AbortSignal.timeout + AbortSignal.any, and nothing outlives the attempt.
    const controller = new AbortController();
    const deadline = { aborted: false };
    const timer = setTimeout(() => {
      deadline.aborted = true;
      controller.abort();
    }, req.timeoutMs);
    const onCallerAbort = () => controller.abort();
    req.signal.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await attempt(req, controller.signal, deadline);
    } finally {
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onCallerAbort);
    }
  }

  async function attempt(
    req: TransportRequest,
    signal: AbortSignal,
    deadline: { readonly aborted: boolean },
  ): Promise<TransportResponse> {
    const timedOut = () => new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`);

    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(req.url, {
        dispatcher: agent,
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body,
        signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
        // No maxRedirections: undici 7 rejects any value but 0 here and follows no redirects by default.
      });
    } catch (e) {
      if (req.signal.aborted) throw new TransportError('cancelled', `${req.method} ${req.url} was cancelled`);
      if (deadline.aborted || TIMEOUT_CODES.has((e as { code?: string }).code ?? '')) throw timedOut();
      throw new TransportError('network', describe(e));
    }

    const headers = flattenHeaders(res.headers);
    const tooLarge = () =>
      new TransportError('tooLarge', `the response is larger than the limit of ${req.maxResponseBytes} bytes`);
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > req.maxResponseBytes) {
      discard(res.body);
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > req.maxResponseBytes) {
          discard(res.body);
          throw tooLarge();
        }
        chunks.push(buf);
      }
    } catch (e) {
      if (e instanceof TransportError) throw e;
      if (req.signal.aborted) throw new TransportError('cancelled', `${req.method} ${req.url} was cancelled`);
      if (deadline.aborted || TIMEOUT_CODES.has((e as { code?: string }).code ?? '')) throw timedOut();
      throw new TransportError('network', `the connection failed while reading the response: ${describe(e)}`);
    }
    const bytes = Buffer.concat(chunks);
    if (req.responseAs === 'bytes') return { status: res.statusCode, headers, bodyText: '', bodyBytes: bytes };
    return { status: res.statusCode, headers, bodyText: bytes.toString('utf8') };
  }

  return {
    send,
    async close() {
      await agent.destroy();
    },
  };
}
