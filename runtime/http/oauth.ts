/**
 * OAuth 2.0 token requests (RFC 6749 §4.4 client credentials, §4.3 password grant, and the
 * RFC 7523 JWT bearer grant of Salesforce's `salesforceJwt` credentials: ./jwt-bearer.ts).
 *
 * Client authentication is either HTTP Basic with base64(clientId:clientSecret) — Genesys
 * Cloud, and the RFC's preferred way — or `client_id`/`client_secret` form fields, which the
 * ServiceNow `oauth_token.do` example uses. Every secret that goes into or comes out of the
 * exchange is registered with the redactor before the trace is written.
 */
import { jsonTextTooDeep } from '../../core/json-depth.js';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { RequestTrace } from '../../core/trace.js';
import type { Redactor } from '../redactor.js';
import { redactHeaders } from '../redactor.js';
import { HttpError } from './http-error.js';
import { JWT_BEARER_GRANT, jwtAssertion, jwtTokenUrl, PrivateKeyError } from './jwt-bearer.js';
import { tokenExpiresAt, type CachedToken } from './token-cache.js';
import { TransportError, type Transport } from './transport.js';

export interface TokenRequestDeps {
  nodeName: string;
  transport: Transport;
  redactor: Redactor;
  onRequest(trace: RequestTrace): void;
  timeoutMs: number;
  /** Attempt number of the request that needed the token, shown in the trace. Default 1. */
  attempt?: number;
  /** Cancels the token request itself (not tied to one run: other runs may share the fetch). */
  signal?: AbortSignal;
  now?: () => number;
}

/** Token responses are small; anything bigger is not a token endpoint. */
const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

export function basicAuth(user: string, password: string, redactor: Redactor): string {
  const encoded = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  redactor.add(encoded);
  return `Basic ${encoded}`;
}

/** One line of at most `max` characters, for error messages and traces quoting a response. */
export function shortText(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

function parseJson(text: string): unknown {
  if (jsonTextTooDeep(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `invalid_client: Client authentication failed` from an RFC 6749 §5.2 error body, else the text. */
function oauthErrorText(text: string): string {
  const body = parseJson(text) as { error?: unknown; error_description?: unknown; message?: unknown } | undefined;
  if (body && typeof body === 'object') {
    const parts = [body.error, body.error_description ?? body.message].filter((p) => typeof p === 'string');
    if (parts.length > 0) return parts.join(': ');
  }
  return shortText(text);
}

/** Where a credential that fetches tokens gets them: its token URL, or `<login>/services/oauth2/token`. */
export function tokenEndpoint(credential: ResolvedCredential): string | undefined {
  if (credential.kind === 'oauth2') return credential.fields.tokenUrl;
  if (credential.kind === 'salesforceJwt' && credential.fields.loginUrl) return jwtTokenUrl(credential.fields.loginUrl);
  return undefined;
}

/** Kinds whose requests carry an access token from a token endpoint (cached, refreshed on a 401). */
export function fetchesTokens(credential: ResolvedCredential): boolean {
  return credential.kind === 'oauth2' || credential.kind === 'salesforceJwt';
}

export async function fetchAccessToken(credential: ResolvedCredential, deps: TokenRequestDeps): Promise<CachedToken> {
  if (credential.kind === 'salesforceJwt') return fetchJwtBearerToken(credential, deps);
  const { redactor } = deps;
  const f = credential.fields;
  const form: Record<string, string> = { grant_type: f.grantType ?? 'client_credentials' };
  if (form.grant_type === 'password') {
    form.username = f.username ?? '';
    form.password = f.password ?? '';
  }
  if (f.scope) form.scope = f.scope;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if ((f.clientAuthentication ?? 'basic') === 'body') {
    form.client_id = f.clientId ?? '';
    form.client_secret = f.clientSecret ?? '';
  } else {
    headers.authorization = basicAuth(f.clientId ?? '', f.clientSecret ?? '', redactor);
  }
  return postTokenRequest(credential, f.tokenUrl ?? '', form, headers, deps);
}

/** Salesforce's JWT bearer exchange: a fresh signed assertion per token request. */
async function fetchJwtBearerToken(credential: ResolvedCredential, deps: TokenRequestDeps): Promise<CachedToken> {
  const tokenUrl = jwtTokenUrl(credential.fields.loginUrl ?? '');
  let assertion: string;
  try {
    assertion = jwtAssertion(credential, (deps.now ?? Date.now)());
  } catch (e) {
    if (!(e instanceof PrivateKeyError)) throw e;
    throw new HttpError({
      kind: 'auth',
      message: `credential '${credential.name}' (Salesforce JWT bearer): the private key ${e.message}`,
    });
  }
  // The assertion is a credential while it lives: it must not reach a trace in clear.
  deps.redactor.add(assertion);
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  return postTokenRequest(credential, tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion }, headers, deps);
}

/** Sends one token request, traces it redacted, and reads the token (and instance URL) it answers with. */
async function postTokenRequest(
  credential: ResolvedCredential,
  tokenUrl: string,
  form: Record<string, string>,
  headers: Record<string, string>,
  deps: TokenRequestDeps,
): Promise<CachedToken> {
  const { redactor } = deps;
  const body = new URLSearchParams(form).toString();
  const what = `OAuth token request for credential '${credential.name}' to ${redactor.text(tokenUrl)}`;

  const started = performance.now();
  const trace: RequestTrace = {
    purpose: 'token',
    attempt: deps.attempt ?? 1,
    method: 'POST',
    url: redactor.text(tokenUrl),
    headers: redactor.value(redactHeaders(headers)),
    body: redactor.value(form),
    durationMs: 0,
  };
  let response;
  try {
    response = await deps.transport.send({
      nodeName: deps.nodeName,
      purpose: 'token',
      method: 'POST',
      url: tokenUrl,
      headers,
      body,
      timeoutMs: deps.timeoutMs,
      maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
      signal: deps.signal ?? new AbortController().signal,
    });
  } catch (e) {
    trace.durationMs = performance.now() - started;
    const message = redactor.text(e instanceof Error ? e.message : String(e));
    trace.error = message;
    deps.onRequest(trace);
    if (e instanceof TransportError) throw new TransportError(e.kind, `${what} failed: ${message}`);
    throw e;
  }
  trace.durationMs = performance.now() - started;
  const parsed = parseJson(response.bodyText) as
    | {
        access_token?: unknown;
        expires_in?: unknown;
        refresh_token?: unknown;
        id_token?: unknown;
        instance_url?: unknown;
      }
    | undefined;
  // Register before anything below can put the token in a trace or message.
  for (const secret of [parsed?.access_token, parsed?.refresh_token, parsed?.id_token]) {
    if (typeof secret === 'string') redactor.add(secret);
  }
  trace.status = response.status;
  // Values too: an upstream may echo a credential in any header (a redirect URL, a debug echo).
  trace.responseHeaders = redactor.value(redactHeaders(response.headers));
  trace.responseBody = redactor.value(parsed ?? shortText(response.bodyText, 4096));
  deps.onRequest(trace);

  if (response.status >= 400) {
    const statusText = STATUS_CODES[response.status] ?? '';
    throw new HttpError({
      kind: 'auth',
      status: response.status,
      message: redactor.text(`${what} answered ${response.status} ${statusText}: ${oauthErrorText(response.bodyText)}`),
      body: redactor.value(parsed ?? shortText(response.bodyText)),
    });
  }
  if (!parsed || typeof parsed.access_token !== 'string' || parsed.access_token === '') {
    throw new HttpError({
      kind: 'auth',
      status: response.status,
      message: `${what} answered ${response.status} without an access_token`,
    });
  }
  const expiresIn = Number(parsed.expires_in);
  return {
    accessToken: parsed.access_token,
    expiresAt: tokenExpiresAt(
      (deps.now ?? Date.now)(),
      Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
    ),
    ...(typeof parsed.instance_url === 'string' && parsed.instance_url !== ''
      ? { instanceUrl: parsed.instance_url }
      : {}),
  };
}
