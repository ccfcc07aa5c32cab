/**
 * Sends a credential's "Test connection" request from the host: the stored values never reach
 * the renderer, which gets only the outcome. The request goes through the same HttpClient as
 * a run (auth by kind, OAuth token fetch, allowed origins, no plain http off loopback), once,
 * with no retries, and its failure is sorted into what an admin can fix.
 */
import {
  CONNECTION_PROBES,
  type ConnectionTestRequest,
  type ConnectionTestResult,
} from '../../../core/connection-test.js';
import type { ResolvedCredential } from '../../../core/credentials.js';
import { message } from '../../../core/messages/make.js';
import { isLoopbackHost, createHttpClient, HttpError } from '../../http/http-client.js';
import { createTokenCache } from '../../http/token-cache.js';
import type { Transport } from '../../http/transport.js';
import { Redactor } from '../../redactor.js';
import type { CredentialProvider } from '../../credentials/provider.js';
import { createUndiciTransport } from '../../http/undici-transport.js';
import type { CredentialStore } from './credential-store.js';

export const CONNECTION_TEST_TIMEOUT_MS = 10_000;

export interface ConnectionTestDeps {
  credentials: CredentialProvider;
  transport: Transport;
}

/** The probe URL on `baseUrl`'s origin, or undefined when it is not an address to test. */
function probeUrl(baseUrl: string, path: string): URL | undefined {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopbackHost(base.hostname))) return undefined;
  // A path in the base (a ServiceNow instance has none; an API gateway may) is kept before the probe's.
  return new URL(`${base.pathname.replace(/\/+$/, '')}${path}`, base.origin);
}

export async function testConnection(
  request: ConnectionTestRequest,
  deps: ConnectionTestDeps,
): Promise<ConnectionTestResult> {
  const { name, service } = request;
  const stored = await deps.credentials.get(name);
  if (!stored || !stored.kind) return { outcome: 'unexpected', message: message('connection.no-credential', { name }) };
  if (stored.kind === 'hmac') {
    return { outcome: 'unexpected', message: message('connection.kind', { name, kind: stored.kind }) };
  }
  const url = probeUrl(request.baseUrl, CONNECTION_PROBES[service]);
  if (!url)
    return { outcome: 'unexpected', message: message('connection.bad-url', { url: request.baseUrl.slice(0, 200) }) };

  const credential: ResolvedCredential = {
    name,
    kind: stored.kind,
    // The AWS probe is an STS call, signed for STS whatever service the key is meant for.
    fields: service === 'aws' && stored.kind === 'awsSigV4' ? { ...stored.fields, service: 'sts' } : stored.fields,
    ...(stored.allowedOrigins ? { allowedOrigins: stored.allowedOrigins } : {}),
  };
  const redactor = new Redactor();
  for (const value of Object.values(stored.fields)) redactor.add(value);
  const client = createHttpClient({
    nodeName: 'test-connection',
    transport: deps.transport,
    credential: async () => credential,
    tokens: createTokenCache(),
    redactor,
    onRequest: () => undefined,
    sleep: async () => undefined,
    signal: new AbortController().signal,
  });
  const shown = `${url.origin}${url.pathname}`;
  try {
    const result = await client.send({
      method: 'GET',
      url: url.href,
      headers: { accept: 'application/json' },
      authSlot: 'auth',
      ...(credential.kind === 'apiKey' ? { apiKeyHeader: apiKeyHeaderFor(service) } : {}),
      timeoutMs: CONNECTION_TEST_TIMEOUT_MS,
      retry: { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 },
      maxResponseBytes: 1024 * 1024,
    });
    return {
      outcome: 'ok',
      status: result.status,
      message: message('connection.ok', { service, status: result.status, url: shown }),
    };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return classify(err, request, shown, credential);
  }
}

/** API keys travel in the header each service reads them from (ServiceNow: `x-sn-apikey`). */
function apiKeyHeaderFor(service: ConnectionTestRequest['service']): string {
  return service === 'servicenow' ? 'x-sn-apikey' : 'X-API-Key';
}

function classify(
  err: HttpError,
  request: ConnectionTestRequest,
  shown: string,
  credential: ResolvedCredential,
): ConnectionTestResult {
  const { failure } = err;
  const { service } = request;
  const status = failure.status;
  if (failure.kind === 'origin') {
    const origin = new URL(shown).origin;
    return {
      outcome: 'origin-not-allowed',
      message: message('connection.origin-not-allowed', { origin, allowed: credential.allowedOrigins ?? [] }),
    };
  }
  if (failure.kind === 'auth' && status !== undefined) {
    // The token endpoint refused the client: the OAuth secret (or the user's password) is wrong.
    return {
      outcome: 'wrong-secret',
      status,
      message: message('connection.wrong-secret', { service, status, stage: 'token' }),
    };
  }
  if (failure.kind === 'status' && status !== undefined) {
    if (status === 401) {
      return {
        outcome: 'wrong-secret',
        status,
        message: message('connection.wrong-secret', { service, status, stage: 'request' }),
      };
    }
    if (service === 'aws' && status === 403 && awsRefusedKey(failure.body)) {
      // AWS answers a bad key id or signature with 403, not 401.
      return {
        outcome: 'wrong-secret',
        status,
        message: message('connection.wrong-secret', { service, status, stage: 'request' }),
      };
    }
    if (status === 403)
      return { outcome: 'forbidden', status, message: message('connection.forbidden', { service, status }) };
    if (service === 'genesys' && status === 400 && credential.kind === 'oauth2' && noUserContext(failure.body)) {
      // Genesys issued a token, so the client secret is right; a client-credentials token has
      // no user, and users/me says so with a 400. That is the expected answer for this grant.
      return { outcome: 'ok', status, message: message('connection.ok-no-user', { status }) };
    }
    return {
      outcome: 'unexpected',
      status,
      message: message('connection.unexpected', { service, status, url: shown }),
    };
  }
  const error =
    failure.kind === 'timeout' ? `no answer within ${CONNECTION_TEST_TIMEOUT_MS / 1000} s` : failure.message;
  return { outcome: 'unreachable', message: message('connection.unreachable', { url: new URL(shown).origin, error }) };
}

/** STS's error codes for a key it does not know or a signature that does not match. */
function awsRefusedKey(body: unknown): boolean {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return /SignatureDoesNotMatch|InvalidClientTokenId|IncompleteSignature|ExpiredToken/.test(text);
}

function noUserContext(body: unknown): boolean {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return /user context|client credentials/i.test(text);
}

/**
 * The hosts' `testCredential`: a transport of its own per test, closed after, so a test leaves
 * no pooled socket behind in the designer's process.
 */
export function credentialTester(
  store: CredentialStore,
): (request: ConnectionTestRequest) => Promise<ConnectionTestResult> {
  return async (request) => {
    const transport = createUndiciTransport();
    try {
      return await testConnection(request, { credentials: store.provider(), transport });
    } finally {
      await transport.close();
    }
  };
}
