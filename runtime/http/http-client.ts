/**
 * The `HttpClient` executors use: auth by credential kind, origin restriction, retries with
 * backoff, OAuth token caching, and a redacted trace of every attempt. The wire below it is a
 * `Transport` (undici live, recorded in tests), so recorded runs exercise this same logic.
 */
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ResolvedCredential } from '../../core/credentials.js';
import { jsonTextTooDeep } from '../../core/json-depth.js';
import { jsonSizeUpTo } from '../../core/expressions/compile.js';
import { HEADER_NAME_PATTERN } from '../../core/http-config-schema.js';
import type { BinaryBody, HttpClient, HttpFailure, HttpResult, OutboundRequest } from '../../core/node-type.js';
import { message } from '../../core/messages/make.js';
import type { Message } from '../../core/messages/message.js';
import type { RequestTrace } from '../../core/trace.js';
import { redactHeaders, type Redactor } from '../redactor.js';
import { HttpError } from './http-error.js';
import { awsSigV4Headers, type AwsSigningKey } from './aws-sigv4.js';
import { basicAuth, fetchAccessToken, fetchesTokens, shortText, tokenEndpoint } from './oauth.js';
import { tokenCacheKey, type TokenCache } from './token-cache.js';
import type { OutboundRateLimiter } from './rate-limiter.js';
import { TransportError, type Transport, type TransportResponse } from './transport.js';

export { HttpError } from './http-error.js';

export interface HttpClientDeps {
  nodeName: string;
  transport: Transport;
  /** The resolved credential bound to a slot of the node (resolution registers its secrets). */
  credential(slot: string): Promise<ResolvedCredential | undefined>;
  tokens: TokenCache;
  redactor: Redactor;
  /** Receives one already-redacted trace per attempt (token requests included). */
  onRequest(trace: RequestTrace): void;
  /** Waits between attempts; must reject when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The run's signal: aborting it cancels the request and any wait. */
  signal: AbortSignal;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /** Wall clock, for `Retry-After` dates and token expiry. Default Date.now. */
  now?: () => number;
  /** Holds credentials' declared rate limits (one point per attempt that carries one). */
  rateLimiter?: OutboundRateLimiter;
}

/** Response bodies larger than this are truncated in traces (the result keeps them whole). */
export const TRACE_BODY_LIMIT = 64 * 1024;

/**
 * The largest request body sent, in bytes, whatever its kind (JSON, form, text). Templates
 * cap each filled-in value; this caps what several of them add up to, before the body is
 * written out as one string.
 */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

const HEADER_NAME = new RegExp(HEADER_NAME_PATTERN);

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/** `sleep` for live runs: a timer that an AbortSignal cancels. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` in milliseconds (delta-seconds or HTTP-date), undefined when absent/unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  // The URL parser has already normalised 127.1 and the like to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Parsed JSON when the response says JSON or the text parses as JSON; null for an empty body.
 * JSON nested beyond MAX_JSON_DEPTH stays text: mapping, redaction and the sandbox walk values
 * recursively, and an upstream must not be able to overflow their stacks.
 */
function parseBody(response: TransportResponse): unknown {
  const text = response.bodyText;
  if (text.trim() === '') return null;
  if (jsonTextTooDeep(text)) return text;
  if (isJsonType(response.headers['content-type']) || /^\s*[[{"\d-]|^\s*(true|false|null)\s*$/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function formEntries(body: unknown): [string, string][] {
  const scalar = (v: unknown): string =>
    typeof v === 'string'
      ? v
      : v === undefined || v === null
        ? ''
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  if (body instanceof URLSearchParams) return [...body.entries()];
  if (Array.isArray(body)) {
    return body.map((item): [string, string] =>
      Array.isArray(item)
        ? [String(item[0]), scalar(item[1])]
        : [String((item as { name?: unknown }).name), scalar((item as { value?: unknown }).value)],
    );
  }
  if (body !== null && typeof body === 'object') {
    return Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, scalar(v)]);
  }
  if (typeof body === 'string') return [...new URLSearchParams(body).entries()];
  return [];
}

interface Serialized {
  text?: string;
  /** A binary body, sent as it is. */
  bytes?: Uint8Array;
  contentType?: string;
  /** What the trace shows as the request body (before redaction). */
  traceBody?: unknown;
}

/** How the body is sent; undefined when there is none. */
function bodyKind(request: OutboundRequest): OutboundRequest['bodyType'] {
  const { body } = request;
  if (body === undefined) return undefined;
  return request.bodyType ?? (body === null ? undefined : typeof body === 'string' ? 'text' : 'json');
}

function serializeBody(request: OutboundRequest): Serialized {
  const { body } = request;
  const type = bodyKind(request);
  if (body === undefined || type === undefined) return {};
  switch (type) {
    case 'json':
      return { text: JSON.stringify(body), contentType: 'application/json', traceBody: body };
    case 'form': {
      const entries = formEntries(body);
      return {
        text: new URLSearchParams(entries).toString(),
        contentType: 'application/x-www-form-urlencoded',
        traceBody: Object.fromEntries(entries),
      };
    }
    case 'text': {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return { text, contentType: 'text/plain; charset=utf-8', traceBody: text };
    }
    case 'binary': {
      const bytes = body instanceof Uint8Array ? body : new Uint8Array();
      const contentType = request.binaryContentType || 'application/octet-stream';
      // The trace says what was sent, not the bytes (a recording has no place in a trace).
      return { bytes, contentType, traceBody: binaryTrace(contentType, bytes.length) };
    }
  }
}

/** What traces show of a binary body. */
function binaryTrace(contentType: string, bytes: number): { binary: string } {
  return { binary: `${bytes} bytes, ${contentType}` };
}

/** A binary response as the node hands it on: base64 with its content type and size. */
function binaryBody(response: TransportResponse): BinaryBody {
  const bytes = response.bodyBytes ?? new Uint8Array();
  return {
    base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    contentType: response.headers['content-type'] || 'application/octet-stream',
    bytes: bytes.byteLength,
  };
}

/** Case-insensitive header merge that keeps the casing the caller wrote. */
class HeaderSet {
  private readonly map = new Map<string, [string, string]>();
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), [name, value]);
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.map.values()) out[name] = value;
    return out;
  }
}

/** What one attempt ended with, before deciding whether to retry. */
type Outcome =
  | { ok: true; response: TransportResponse; parsed: unknown }
  | { ok: false; failure: HttpFailure; retryable: boolean; retryAfterMs?: number; sent: boolean };

export function createHttpClient(deps: HttpClientDeps): HttpClient {
  const { redactor } = deps;
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;

  const fail = (failure: HttpFailure): never => {
    const redacted: HttpFailure = { ...failure, message: redactor.text(failure.message) };
    if (failure.detail) redacted.detail = redactor.value(failure.detail) as Message;
    throw new HttpError(redacted);
  };

  async function resolveCredential(slot: string | undefined): Promise<ResolvedCredential | undefined> {
    if (slot === undefined) return undefined;
    let credential: ResolvedCredential | undefined;
    try {
      credential = await deps.credential(slot);
    } catch (e) {
      return fail({ kind: 'auth', message: errorText(e) });
    }
    if (!credential) {
      return fail(said('auth', message('http.no-credential', { slot })));
    }
    if (credential.kind === 'hmac') {
      return fail(said('auth', message('http.hmac-credential', { name: credential.name })));
    }
    return credential;
  }

  function checkOrigin(credential: ResolvedCredential | undefined, url: URL): void {
    const allowed = credential?.allowedOrigins;
    if (!credential || !allowed || allowed.length === 0) return;
    const targets: ['request' | 'token', URL][] = [['request', url]];
    const tokenUrl = tokenEndpoint(credential);
    if (tokenUrl) targets.push(['token', new URL(tokenUrl)]);
    for (const [what, target] of targets) {
      if (!allowed.includes(target.origin)) {
        fail(
          said(
            'origin',
            message('http.origin-not-allowed', {
              name: credential.name,
              origin: target.origin,
              target: what,
              allowed: [...allowed],
            }),
          ),
        );
      }
    }
  }

  /**
   * A credential never travels in clear text: plain `http:` is refused for a credentialed
   * request (and an OAuth token endpoint) unless the host is loopback, where nothing crosses
   * a network. Checked before any header is built, in every host the runtime runs in.
   */
  function checkCleartext(credential: ResolvedCredential | undefined, url: URL): void {
    if (!credential) return;
    const targets: [string, string][] = [['the request', url.href]];
    const tokenUrl = tokenEndpoint(credential);
    if (tokenUrl) targets.push(['its token endpoint', tokenUrl]);
    for (const [what, href] of targets) {
      let target: URL;
      try {
        target = new URL(href);
      } catch {
        continue; // an unparsable token URL fails with its own message when fetched
      }
      if (target.protocol === 'http:' && !isLoopbackHost(target.hostname)) {
        fail({
          kind: 'origin',
          message: `credential '${credential.name}' is not sent over plain http to ${target.origin} (${what}): use https (plain http is allowed only to loopback addresses)`,
        });
      }
    }
  }

  /** The credential's cached access token, or a new one from its token endpoint. */
  async function accessToken(credential: ResolvedCredential, timeoutMs: number, attempt: number) {
    const pending = deps.tokens.get(tokenCacheKey(credential), () =>
      fetchAccessToken(credential, {
        nodeName: deps.nodeName,
        transport: deps.transport,
        redactor,
        onRequest: deps.onRequest,
        timeoutMs,
        attempt,
        now,
      }),
    );
    const token = await untilAborted(pending, deps.signal);
    // The cache outlives runs; this run's redactor may not know the token yet.
    redactor.add(token.accessToken);
    return token;
  }

  /**
   * The API address the slot's credential names through its token (Salesforce's
   * `instance_url`); fetches the token when none is cached. Undefined for other kinds.
   */
  async function instanceUrl(slot: string, timeoutMs: number): Promise<string | undefined> {
    const credential = await resolveCredential(slot);
    if (!credential || credential.kind !== 'salesforceJwt') return undefined;
    checkOrigin(credential, new URL(tokenEndpoint(credential) ?? ''));
    checkCleartext(credential, new URL(tokenEndpoint(credential) ?? ''));
    try {
      return (await accessToken(credential, timeoutMs, 1)).instanceUrl;
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (e instanceof TransportError)
        return fail({ kind: e.kind === 'timeout' ? 'timeout' : 'network', message: e.message });
      throw e;
    }
  }

  /**
   * The auth headers for this attempt (Authorization, an API-key header, or AWS's signed
   * headers), and the OAuth token they carry. `sent` is what the request carries otherwise:
   * an AWS signature covers those headers and the body, so it is made last, per attempt.
   */
  async function authHeaders(
    credential: ResolvedCredential,
    request: OutboundRequest,
    attempt: number,
    sent: { url: URL; method: string; headers: Record<string, string>; body: string | Uint8Array | undefined },
  ): Promise<{ headers: Record<string, string>; token?: string }> {
    const f = credential.fields;
    switch (credential.kind) {
      case 'apiKey':
        return { headers: { [request.apiKeyHeader ?? 'X-API-Key']: f.value ?? '' } };
      case 'basic':
        return { headers: { Authorization: basicAuth(f.username ?? '', f.password ?? '', redactor) } };
      case 'zendeskApiToken':
        return { headers: { Authorization: basicAuth(`${f.email ?? ''}/token`, f.token ?? '', redactor) } };
      case 'bearer':
        return { headers: { Authorization: `Bearer ${f.token ?? ''}` } };
      case 'awsSigV4':
        return { headers: awsSigV4Headers(sent, awsKey(credential), now()) };
      case 'oauth2':
      case 'salesforceJwt': {
        const token = await accessToken(credential, request.timeoutMs, attempt);
        return { headers: { Authorization: `Bearer ${token.accessToken}` }, token: token.accessToken };
      }
      case 'hmac':
        throw new Error('unreachable: HMAC credentials are refused before sending');
    }
  }

  async function send(request: OutboundRequest): Promise<HttpResult> {
    const method = request.method.toUpperCase();
    const shownUrl = () => redactor.text(request.url);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return fail(said('network', message('http.invalid-url', { method, url: shownUrl() })));
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return fail(said('network', message('http.not-http', { method, url: shownUrl() })));
    }
    const cancelled = (): never => fail(said('cancelled', message('http.cancelled', { method, url: shownUrl() })));
    if (deps.signal.aborted) cancelled();

    const credential = await resolveCredential(request.authSlot);
    checkOrigin(credential, url);
    checkCleartext(credential, url);

    const headers = new HeaderSet();
    headers.set('Accept', 'application/json');
    for (const [name, rawValue] of Object.entries(request.headers ?? {})) {
      const value = typeof rawValue === 'string' ? rawValue : String(rawValue);
      // Checked here so a bad header fails at once with its name, instead of as a network
      // error retried three times (a templated header can pick up a line break from a payload).
      if (!HEADER_NAME.test(name)) {
        return fail(said('network', message('http.bad-header-name', { method, url: shownUrl(), name })));
      }
      if (/[\r\n\0]/.test(value)) {
        return fail(said('network', message('http.bad-header-value', { method, url: shownUrl(), name })));
      }
      headers.set(name, value);
    }
    const kind = bodyKind(request);
    // Estimated before the body is written out as one string (the estimate stops at twice the
    // limit, and only a body certainly too large is refused on it), then measured exactly, in
    // bytes, once it is.
    const tooLarge = (): never =>
      fail(
        said(
          'tooLarge',
          message('http.body-too-large', {
            method,
            url: shownUrl(),
            bodyType: kind ?? 'text',
            limit: MAX_REQUEST_BODY_BYTES,
          }),
        ),
      );
    const estimateCap = 2 * MAX_REQUEST_BODY_BYTES;
    if (kind !== undefined && kind !== 'binary' && jsonSizeUpTo(request.body, estimateCap) > estimateCap) tooLarge();
    const body = serializeBody(request);
    if (body.text !== undefined && Buffer.byteLength(body.text) > MAX_REQUEST_BODY_BYTES) tooLarge();
    if (body.bytes !== undefined && body.bytes.byteLength > MAX_REQUEST_BODY_BYTES) tooLarge();
    const binaryResponse = request.responseAs === 'base64';
    if (body.contentType && !headers.has('content-type')) headers.set('Content-Type', body.contentType);
    if (request.idempotencyKey) headers.set('Idempotency-Key', request.idempotencyKey);

    const retryAllowed = IDEMPOTENT.has(method) || Boolean(request.idempotencyKey);
    const { maxRetries, initialDelayMs, maxDelayMs } = request.retry;
    let retriesUsed = 0;
    let refreshedToken = false;
    let attempt = 0;

    for (;;) {
      attempt++;
      if (deps.signal.aborted) cancelled();
      // Set by a failed token fetch, or by the request below.
      let outcome: Outcome | undefined;
      let usedToken: string | undefined;
      let trace: RequestTrace | undefined;

      // 1. Authentication (may fetch an OAuth token; its failure means nothing was sent yet).
      let auth: { headers: Record<string, string>; token?: string } | undefined;
      try {
        if (credential) {
          const sent = { url, method, headers: headers.toRecord(), body: body.text ?? body.bytes };
          auth = await authHeaders(credential, request, attempt, sent);
        }
        usedToken = auth?.token;
      } catch (e) {
        if (deps.signal.aborted) cancelled();
        outcome = tokenFailure(e);
        auth = undefined;
      }

      // 2. The request itself, within the credential's rate limit.
      if (credential?.rateLimit && deps.rateLimiter && auth) {
        try {
          await deps.rateLimiter.acquire(credential.name, credential.rateLimit, deps.signal);
        } catch (e) {
          if (deps.signal.aborted) cancelled();
          throw e;
        }
      }
      if (!credential || auth) {
        const sentHeaders = new HeaderSet();
        for (const [name, value] of Object.entries(headers.toRecord())) sentHeaders.set(name, value);
        for (const [name, value] of Object.entries(auth?.headers ?? {})) sentHeaders.set(name, value);
        const record = sentHeaders.toRecord();
        const started = performance.now();
        trace = {
          purpose: 'main',
          attempt,
          method,
          url: shownUrl(),
          headers: redactor.value(redactHeaders(record)),
          ...(body.traceBody !== undefined ? { body: redactor.value(body.traceBody) } : {}),
          durationMs: 0,
        };
        try {
          const received = await deps.transport.send({
            nodeName: deps.nodeName,
            purpose: 'main',
            method,
            url: request.url,
            headers: record,
            ...(body.text !== undefined ? { body: body.text } : body.bytes !== undefined ? { body: body.bytes } : {}),
            ...(binaryResponse ? { responseAs: 'bytes' as const } : {}),
            timeoutMs: request.timeoutMs,
            maxResponseBytes: request.maxResponseBytes,
            signal: deps.signal,
          });
          trace.durationMs = performance.now() - started;
          // A failed binary download is read as text: its body is the service's error message.
          const response: TransportResponse =
            received.bodyBytes !== undefined && received.status >= 400
              ? { ...received, bodyText: Buffer.from(received.bodyBytes).toString('utf8') }
              : received;
          trace.status = response.status;
          // Values too: an upstream may echo a credential in any header (a redirect URL, a debug echo).
          trace.responseHeaders = redactor.value(redactHeaders(response.headers));
          // Parsed once: the trace, the failure and the result all use it.
          const binary = response.bodyBytes !== undefined && response.status < 400;
          const parsed = binary ? binaryBody(response) : parseBody(response);
          trace.responseBody = binary
            ? binaryTrace((parsed as BinaryBody).contentType, (parsed as BinaryBody).bytes)
            : traceBody(response, parsed);
          outcome = statusOutcome(response, parsed);
        } catch (e) {
          trace.durationMs = performance.now() - started;
          if (deps.signal.aborted || (e instanceof TransportError && e.kind === 'cancelled')) {
            trace.error = 'cancelled';
            deps.onRequest(trace);
            cancelled();
          }
          outcome = transportFailure(e);
          trace.error = redactor.text(outcome.ok ? '' : outcome.failure.message);
        }
      }

      if (!outcome) throw new Error('unreachable: attempt ended without an outcome');
      if (outcome.ok) {
        if (trace) deps.onRequest(trace);
        return {
          status: outcome.response.status,
          headers: outcome.response.headers,
          body: outcome.parsed,
          attempts: attempt,
        };
      }

      // 3. A 401 with an OAuth token: the token may have been revoked early. Refresh once.
      if (
        outcome.failure.status === 401 &&
        outcome.sent &&
        credential &&
        fetchesTokens(credential) &&
        !refreshedToken
      ) {
        refreshedToken = true;
        deps.tokens.invalidate(tokenCacheKey(credential), usedToken);
        if (trace) {
          trace.retryInMs = 0;
          deps.onRequest(trace);
        }
        continue;
      }

      // 4. Retry or give up.
      const failure = outcome.failure;
      // A request that never left (token failure) is safe to repeat whatever its method.
      const mayRetry = outcome.retryable && (retryAllowed || !outcome.sent);
      if (!mayRetry || retriesUsed >= maxRetries) {
        if (trace) deps.onRequest(trace);
        const base = failure.detail ?? message('text', { text: failure.message });
        if (outcome.retryable && !mayRetry && maxRetries > 0) {
          return fail({ ...failure, ...said(failure.kind, message('http.not-retried', { failure: base, method })) });
        } else if (attempt > 1) {
          return fail({
            ...failure,
            ...said(failure.kind, message('http.attempts', { failure: base, attempts: attempt })),
          });
        }
        return fail(failure);
      }
      let delay: number;
      if (outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > maxDelayMs) {
          if (trace) deps.onRequest(trace);
          const base = failure.detail ?? message('text', { text: failure.message });
          return fail({
            ...failure,
            ...said(
              failure.kind,
              message('http.retry-after-too-long', { failure: base, after: outcome.retryAfterMs, max: maxDelayMs }),
            ),
          });
        }
        delay = outcome.retryAfterMs;
      } else {
        // Exponential backoff with full jitter (AWS architecture blog): spreads retries of
        // many runs hitting the same overloaded upstream.
        const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** retriesUsed);
        delay = Math.round(random() * ceiling);
      }
      retriesUsed++;
      if (trace) {
        trace.retryInMs = delay;
        deps.onRequest(trace);
      }
      try {
        await deps.sleep(delay, deps.signal);
      } catch {
        cancelled();
      }
    }

    function statusOutcome(response: TransportResponse, parsed: unknown): Outcome {
      if (response.status < 400) return { ok: true, response, parsed };
      const retryable = response.status === 429 || response.status >= 500;
      const retryAfterMs = retryable ? parseRetryAfter(response.headers['retry-after'], now()) : undefined;
      const detail = shortText(redactor.text(response.bodyText));
      return {
        ok: false,
        sent: true,
        retryable,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        failure: {
          ...said(
            'status',
            message('http.status', {
              method,
              url: shownUrl(),
              status: response.status,
              ...(STATUS_CODES[response.status] ? { statusText: STATUS_CODES[response.status] } : {}),
              ...(detail ? { detail } : {}),
            }),
          ),
          status: response.status,
          body: redactor.value(parsed),
        },
      };
    }

    function transportFailure(e: unknown): Outcome {
      if (!(e instanceof TransportError)) {
        return {
          ok: false,
          sent: true,
          retryable: false,
          failure: said('network', message('http.network', { method, url: shownUrl(), error: errorText(e) })),
        };
      }
      switch (e.kind) {
        case 'timeout':
          return {
            ok: false,
            sent: true,
            retryable: true,
            failure: said('timeout', message('http.timeout', { method, url: shownUrl(), ms: request.timeoutMs })),
          };
        case 'tooLarge':
          return {
            ok: false,
            sent: true,
            retryable: false,
            failure: said(
              'tooLarge',
              message('http.too-large', { method, url: shownUrl(), limit: request.maxResponseBytes }),
            ),
          };
        case 'cancelled':
          return {
            ok: false,
            sent: true,
            retryable: false,
            failure: said('cancelled', message('http.cancelled', { method, url: shownUrl() })),
          };
        case 'network':
          return {
            ok: false,
            sent: true,
            retryable: true,
            failure: said('network', message('http.network', { method, url: shownUrl(), error: e.message })),
          };
      }
    }
  }

  /** A failed token fetch: retryable like the request would be, but nothing was sent. */
  function tokenFailure(e: unknown): Outcome {
    if (e instanceof HttpError) {
      const status = e.failure.status;
      const retryable = status !== undefined && (status === 429 || status >= 500);
      return { ok: false, sent: false, retryable, failure: e.failure };
    }
    if (e instanceof TransportError) {
      const retryable = e.kind === 'timeout' || e.kind === 'network';
      return { ok: false, sent: false, retryable, failure: { kind: 'auth', message: e.message } };
    }
    return { ok: false, sent: false, retryable: false, failure: { kind: 'auth', message: errorText(e) } };
  }

  function traceBody(response: TransportResponse, parsed: unknown): unknown {
    if (response.bodyText.length <= TRACE_BODY_LIMIT) return redactor.value(parsed);
    // Redact before cutting, so a secret straddling the cut cannot leak half of itself.
    return (
      redactor.text(response.bodyText).slice(0, TRACE_BODY_LIMIT) +
      `… [truncated: ${Buffer.byteLength(response.bodyText)} bytes in total]`
    );
  }

  return { send, instanceUrl };
}

/** The signing key an `awsSigV4` credential holds (resolution checked the required fields). */
function awsKey(credential: ResolvedCredential): AwsSigningKey {
  const f = credential.fields;
  return {
    accessKeyId: f.accessKeyId ?? '',
    secretAccessKey: f.secretAccessKey ?? '',
    region: f.region ?? '',
    service: f.service ?? '',
    ...(f.sessionToken ? { sessionToken: f.sessionToken } : {}),
  };
}

/** A failure of `kind` worded by `detail`: the English sentence beside the message. */
function said(kind: HttpFailure['kind'], detail: Message & { message: string }): HttpFailure {
  return { kind, message: detail.message, detail };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Waits for `promise` unless `signal` aborts first (the promise itself keeps running). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
