import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { OutboundRequest } from '../../core/node-type.js';
import type { RequestTrace } from '../../core/trace.js';
import {
  sendJson as json,
  startTestServer,
  type SeenRequest,
  type TestServer,
} from '../../test/support/http-server.js';
import { Redactor } from '../redactor.js';
import { createHttpClient, HttpError, MAX_REQUEST_BODY_BYTES, parseRetryAfter } from './http-client.js';
import { createTokenCache, type TokenCache } from './token-cache.js';
import { createUndiciTransport, type UndiciTransport } from './undici-transport.js';

type Seen = SeenRequest;
type Handler = (req: Seen, res: ServerResponse) => void;

let server: TestServer;
let base: string;
let handler: Handler;
let seen: Seen[];
let transport: UndiciTransport;

beforeAll(async () => {
  server = await startTestServer((s, res) => handler(s, res));
  base = server.url;
  seen = server.seen;
  transport = createUndiciTransport();
});

afterAll(async () => {
  await transport.close();
  await server.close();
});

afterEach(() => {
  seen.length = 0;
});

const CLIENT_ID = 'genesys-client-id';
const CLIENT_SECRET = 'genesys-client-secret-0123456789';
const ACCESS_TOKEN = 'access-token-abcdefghijklmnop';
const BASIC_CLIENT = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');

function oauthCredential(
  extra: Partial<ResolvedCredential> & { fields?: Record<string, string> } = {},
): ResolvedCredential {
  return {
    name: 'genesys-prod',
    kind: 'oauth2',
    ...extra,
    fields: { tokenUrl: `${base}/oauth/token`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...extra.fields },
  };
}

/** A Genesys-shaped token endpoint: Basic client auth and a form body, as login.mypurecloud.com wants. */
function genesysToken(s: Seen, res: ServerResponse, token = ACCESS_TOKEN): boolean {
  if (s.path !== '/oauth/token') return false;
  const form = new URLSearchParams(s.body);
  if (
    s.method !== 'POST' ||
    s.headers.authorization !== `Basic ${BASIC_CLIENT}` ||
    s.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
    form.get('grant_type') !== 'client_credentials'
  ) {
    json(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    return true;
  }
  json(res, 200, { access_token: token, token_type: 'bearer', expires_in: 86399 });
  return true;
}

interface Setup {
  credential?: ResolvedCredential;
  tokens?: TokenCache;
  signal?: AbortSignal;
  random?: () => number;
  now?: () => number;
}

function setup(opts: Setup = {}) {
  const traces: RequestTrace[] = [];
  const delays: number[] = [];
  const redactor = new Redactor();
  // Resolution registers the credential's secrets; do the same as the engine would.
  for (const [field, value] of Object.entries(opts.credential?.fields ?? {})) {
    if (!['tokenUrl', 'clientId', 'username', 'email', 'scope', 'grantType', 'clientAuthentication'].includes(field)) {
      redactor.add(value);
    }
  }
  const client = createHttpClient({
    nodeName: 'getDetails',
    transport,
    credential: async (slot) => (slot === 'auth' ? opts.credential : undefined),
    tokens: opts.tokens ?? createTokenCache(),
    redactor,
    onRequest: (t) => traces.push(t),
    sleep: async (ms, signal) => {
      delays.push(ms);
      if (signal.aborted) throw signal.reason;
    },
    signal: opts.signal ?? new AbortController().signal,
    random: opts.random ?? (() => 0.5),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { client, traces, delays, redactor };
}

function req(partial: Partial<OutboundRequest> & { url: string }): OutboundRequest {
  return {
    method: 'GET',
    timeoutMs: 2000,
    retry: { maxRetries: 2, initialDelayMs: 100, maxDelayMs: 1000 },
    maxResponseBytes: 1024 * 1024,
    ...partial,
  };
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    return e as HttpError;
  }
  throw new Error('expected the request to fail');
}

describe('OAuth 2.0', () => {
  it('gets a token with Basic client auth and a form body, then calls a Genesys-shaped API with Bearer', async () => {
    handler = (s, res) => {
      if (genesysToken(s, res)) return;
      if (s.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return json(res, 401, { message: 'no' });
      json(res, 200, { id: 'u-1', name: 'Agent Smith', conversationId: s.path.split('/').pop() });
    };
    const { client, traces } = setup({ credential: oauthCredential() });
    const result = await client.send(
      req({ url: `${base}/api/v2/analytics/conversations/c-42/details`, authSlot: 'auth' }),
    );
    expect(result).toMatchObject({ status: 200, attempts: 1, body: { id: 'u-1', conversationId: 'details' } });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /oauth/token',
      'GET /api/v2/analytics/conversations/c-42/details',
    ]);
    expect(seen[1]!.headers.accept).toBe('application/json');
    expect(traces.map((t) => t.purpose)).toEqual(['token', 'main']);
    expect(traces[0]).toMatchObject({ method: 'POST', status: 200, responseBody: { access_token: '[redacted]' } });
  });

  it('sends client_id/client_secret in the body for ServiceNow-style endpoints, with the password grant', async () => {
    handler = (s, res) => {
      if (s.path === '/oauth_token.do') {
        const form = new URLSearchParams(s.body);
        const ok =
          s.headers.authorization === undefined &&
          form.get('grant_type') === 'password' &&
          form.get('client_id') === 'sn-id' &&
          form.get('client_secret') === 'sn-secret-value' &&
          form.get('username') === 'integration' &&
          form.get('password') === 'sn-password-value' &&
          form.get('scope') === 'useraccount';
        return ok
          ? json(res, 200, { access_token: 'sn-access-token', expires_in: 1799 })
          : json(res, 401, { error: 'invalid_grant' });
      }
      json(res, s.headers.authorization === 'Bearer sn-access-token' ? 200 : 401, { result: [] });
    };
    const credential: ResolvedCredential = {
      name: 'servicenow',
      kind: 'oauth2',
      fields: {
        tokenUrl: `${base}/oauth_token.do`,
        clientId: 'sn-id',
        clientSecret: 'sn-secret-value',
        grantType: 'password',
        username: 'integration',
        password: 'sn-password-value',
        scope: 'useraccount',
        clientAuthentication: 'body',
      },
    };
    const { client, traces } = setup({ credential });
    const result = await client.send(req({ url: `${base}/api/now/table/customer_contact`, authSlot: 'auth' }));
    expect(result.status).toBe(200);
    const text = JSON.stringify(traces);
    expect(text).not.toContain('sn-secret-value');
    expect(text).not.toContain('sn-password-value');
    expect(text).not.toContain('sn-access-token');
  });

  it('caches the token across requests and shares one fetch between concurrent requests', async () => {
    handler = (s, res) => {
      if (genesysToken(s, res)) return;
      json(res, 200, { ok: true });
    };
    const tokens = createTokenCache();
    const { client } = setup({ credential: oauthCredential(), tokens });
    await Promise.all([1, 2, 3].map((n) => client.send(req({ url: `${base}/api/${n}`, authSlot: 'auth' }))));
    await client.send(req({ url: `${base}/api/4`, authSlot: 'auth' }));
    // A second run (new client, new redactor) with the same cache reuses the token.
    const second = setup({ credential: oauthCredential(), tokens });
    await second.client.send(req({ url: `${base}/api/5`, authSlot: 'auth' }));
    expect(seen.filter((s) => s.path === '/oauth/token')).toHaveLength(1);
    expect(seen.filter((s) => s.path.startsWith('/api/'))).toHaveLength(5);
    // The second run's trace must not show the cached token either.
    expect(JSON.stringify(second.traces)).not.toContain(ACCESS_TOKEN);
  });

  it('fetches a new token once when the API answers 401, then retries the request once', async () => {
    let issued = 0;
    handler = (s, res) => {
      if (s.path === '/oauth/token' && genesysToken(s, res, `${ACCESS_TOKEN}-${++issued}`)) return;
      // Only the second token is accepted: the first was revoked early.
      if (s.headers.authorization === `Bearer ${ACCESS_TOKEN}-2`) return json(res, 200, { ok: true });
      json(res, 401, { message: 'token revoked' });
    };
    const { client, traces } = setup({ credential: oauthCredential() });
    const result = await client.send(req({ method: 'POST', url: `${base}/api/x`, authSlot: 'auth', body: { a: 1 } }));
    expect(result).toMatchObject({ status: 200, attempts: 2 });
    expect(seen.map((s) => s.path)).toEqual(['/oauth/token', '/api/x', '/oauth/token', '/api/x']);
    expect(traces.map((t) => `${t.purpose}:${t.status}`)).toEqual(['token:200', 'main:401', 'token:200', 'main:200']);
    const text = JSON.stringify(traces);
    expect(text).not.toContain(`${ACCESS_TOKEN}-1`);
    expect(text).not.toContain(`${ACCESS_TOKEN}-2`);
  });

  it('refreshes only once: a second 401 fails the request', async () => {
    handler = (s, res) => {
      if (genesysToken(s, res)) return;
      json(res, 401, { message: 'never' });
    };
    const { client } = setup({ credential: oauthCredential() });
    const err = await failure(client.send(req({ url: `${base}/api/y`, authSlot: 'auth' })));
    expect(err.failure).toMatchObject({ kind: 'status', status: 401 });
    expect(seen.map((s) => s.path)).toEqual(['/oauth/token', '/api/y', '/oauth/token', '/api/y']);
  });

  it('fails with kind auth, the status and the endpoint error text when the token endpoint refuses', async () => {
    handler = (s, res) => {
      if (genesysToken(s, res)) return;
      json(res, 200, {});
    };
    const { client, traces } = setup({ credential: oauthCredential({ fields: { clientSecret: 'the-wrong-secret' } }) });
    const err = await failure(client.send(req({ url: `${base}/api/z`, authSlot: 'auth' })));
    expect(err.failure.kind).toBe('auth');
    expect(err.failure.status).toBe(401);
    expect(err.message).toContain("credential 'genesys-prod'");
    expect(err.message).toContain('401 Unauthorized: invalid_client: client authentication failed');
    // Nothing was sent to the API, and a client error from the token endpoint is not retried.
    expect(seen.map((s) => s.path)).toEqual(['/oauth/token']);
    expect(JSON.stringify(traces)).not.toContain('the-wrong-secret');
  });

  it('refuses a token endpoint outside the allowed origins without sending anything', async () => {
    handler = (_s, res) => json(res, 200, {});
    const { client } = setup({
      credential: oauthCredential({
        allowedOrigins: [base],
        fields: { tokenUrl: 'https://login.example.invalid/oauth/token' },
      }),
    });
    const err = await failure(client.send(req({ url: `${base}/api/v2/users/1`, authSlot: 'auth' })));
    expect(err.failure.kind).toBe('origin');
    expect(err.message).toContain('https://login.example.invalid');
    expect(err.message).toContain("credential 'genesys-prod'");
    expect(seen).toHaveLength(0);
  });
  it('retries a token endpoint that is briefly unavailable, even for a POST (nothing was sent yet)', async () => {
    let tokenCalls = 0;
    handler = (s, res) => {
      if (s.path === '/oauth/token' && ++tokenCalls === 1) return json(res, 503, { error: 'temporarily_unavailable' });
      if (genesysToken(s, res)) return;
      json(res, 201, { created: true });
    };
    const { client, delays, traces } = setup({ credential: oauthCredential() });
    const result = await client.send(req({ method: 'POST', url: `${base}/api/create`, authSlot: 'auth', body: {} }));
    expect(result).toMatchObject({ status: 201, attempts: 2 });
    expect(delays).toHaveLength(1);
    expect(seen.map((s) => s.path)).toEqual(['/oauth/token', '/oauth/token', '/api/create']);
    expect(traces.map((t) => `${t.purpose}:${t.attempt}:${t.status}`)).toEqual([
      'token:1:503',
      'token:2:200',
      'main:2:201',
    ]);
  });

  it('expires cached tokens and fetches a new one', async () => {
    let issued = 0;
    handler = (s, res) => {
      if (s.path === '/oauth/token') {
        issued++;
        return json(res, 200, { access_token: `short-lived-${issued}`, expires_in: 3600 });
      }
      json(res, 200, { auth: s.headers.authorization });
    };
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const tokens = createTokenCache(() => clock);
    const { client } = setup({ credential: oauthCredential(), tokens, now: () => clock });
    await client.send(req({ url: `${base}/a`, authSlot: 'auth' }));
    clock += 3600_000 - 61_000; // still inside the lifetime minus the 60 s skew
    await client.send(req({ url: `${base}/b`, authSlot: 'auth' }));
    expect(issued).toBe(1);
    clock += 2_000; // now inside the skew window
    const r = await client.send(req({ url: `${base}/c`, authSlot: 'auth' }));
    expect(issued).toBe(2);
    expect(r.body).toEqual({ auth: 'Bearer short-lived-2' });
  });
});

describe('auth by credential kind', () => {
  it('sends an API key in X-API-Key by default and in the header the request names', async () => {
    handler = (s, res) =>
      json(res, 200, { key: s.headers['x-api-key'] ?? null, token: s.headers['x-api-token'] ?? null });
    const credential: ResolvedCredential = {
      name: 'qualtrics',
      kind: 'apiKey',
      fields: { value: 'qualtrics-api-token-xyz' },
    };
    const { client } = setup({ credential });
    const a = await client.send(req({ url: `${base}/a`, authSlot: 'auth' }));
    const b = await client.send(req({ url: `${base}/b`, authSlot: 'auth', apiKeyHeader: 'X-API-TOKEN' }));
    expect(a.body).toEqual({ key: 'qualtrics-api-token-xyz', token: null });
    expect(b.body).toEqual({ key: null, token: 'qualtrics-api-token-xyz' });
  });

  it('sends Basic, Bearer and Zendesk API-token auth', async () => {
    handler = (s, res) => json(res, 200, { auth: s.headers.authorization });
    const basic = setup({
      credential: { name: 'sn', kind: 'basic', fields: { username: 'admin', password: 'pa55word!' } },
    });
    const bearer = setup({ credential: { name: 'sf', kind: 'bearer', fields: { token: 'static-bearer-token' } } });
    const zendesk = setup({
      credential: {
        name: 'zd',
        kind: 'zendeskApiToken',
        fields: { email: 'agent@example.com', token: 'zd-api-token-123' },
      },
    });
    const r1 = await basic.client.send(req({ url: `${base}/1`, authSlot: 'auth' }));
    const r2 = await bearer.client.send(req({ url: `${base}/2`, authSlot: 'auth' }));
    const r3 = await zendesk.client.send(
      req({ method: 'POST', url: `${base}/api/v2/tickets.json`, authSlot: 'auth', body: { ticket: {} } }),
    );
    expect(r1.body).toEqual({ auth: `Basic ${Buffer.from('admin:pa55word!').toString('base64')}` });
    expect(r2.body).toEqual({ auth: 'Bearer static-bearer-token' });
    const zdBasic = Buffer.from('agent@example.com/token:zd-api-token-123').toString('base64');
    expect(r3.body).toEqual({ auth: `Basic ${zdBasic}` });
    // The server echoed the header into the body: the trace must not show it.
    expect(JSON.stringify(zendesk.traces)).not.toContain(zdBasic);
    expect(JSON.stringify(basic.traces)).not.toContain(Buffer.from('admin:pa55word!').toString('base64'));
  });

  it('fails with kind auth when the slot has no credential bound', async () => {
    handler = (_s, res) => json(res, 200, {});
    const { client } = setup({});
    const err = await failure(client.send(req({ url: `${base}/x`, authSlot: 'auth' })));
    expect(err.failure.kind).toBe('auth');
    expect(err.message).toContain("'auth' slot");
    expect(seen).toHaveLength(0);
  });

  it('refuses to send a credential to an origin it is not allowed for', async () => {
    handler = (_s, res) => json(res, 200, {});
    const { client } = setup({
      credential: {
        name: 'qualtrics',
        kind: 'apiKey',
        fields: { value: 'k-123456' },
        allowedOrigins: ['https://iad1.qualtrics.com'],
      },
    });
    const err = await failure(client.send(req({ url: `${base}/API/v3/responses/R_1`, authSlot: 'auth' })));
    expect(err.failure.kind).toBe('origin');
    expect(err.message).toBe(
      `credential 'qualtrics' may not be sent to ${base} (the request); it is allowed only for https://iad1.qualtrics.com`,
    );
    expect(seen).toHaveLength(0);
  });

  it('refuses an HMAC secret and a header with a line break before sending', async () => {
    handler = (_s, res) => json(res, 200, {});
    const hmac = setup({ credential: { name: 'hook', kind: 'hmac', fields: { secret: 'hmac-secret-1' } } });
    const e1 = await failure(hmac.client.send(req({ url: `${base}/h`, authSlot: 'auth' })));
    expect(e1.failure.kind).toBe('auth');
    expect(e1.message).toContain('HMAC signing secret');
    const plain = setup();
    const e2 = await failure(plain.client.send(req({ url: `${base}/h`, headers: { 'X-Note': 'line one\nline two' } })));
    expect(e2.message).toBe(
      `GET ${base}/h: header X-Note contains a line break or NUL character, which HTTP does not allow`,
    );
    expect(seen).toHaveLength(0);
  });

  it('sends to an allowed origin', async () => {
    handler = (_s, res) => json(res, 200, { ok: 1 });
    const { client } = setup({
      credential: { name: 'qualtrics', kind: 'apiKey', fields: { value: 'k-123456' }, allowedOrigins: [base] },
    });
    await expect(client.send(req({ url: `${base}/ok`, authSlot: 'auth' }))).resolves.toMatchObject({ status: 200 });
  });
});

describe('bodies and results', () => {
  it('sends JSON, form and text bodies with matching content types', async () => {
    handler = (s, res) => json(res, 200, { type: s.headers['content-type'], body: s.body, accept: s.headers.accept });
    const { client } = setup();
    const j = await client.send(
      req({ method: 'PUT', url: `${base}/j`, body: { embeddedData: { agent: 'A' } }, bodyType: 'json' }),
    );
    const f = await client.send(req({ method: 'POST', url: `${base}/f`, body: { a: 'x y', b: 2 }, bodyType: 'form' }));
    const t = await client.send(req({ method: 'POST', url: `${base}/t`, body: 'hello', bodyType: 'text' }));
    const custom = await client.send(
      req({
        method: 'POST',
        url: `${base}/c`,
        body: { a: 1 },
        headers: { 'content-type': 'application/vnd.x+json', Accept: '*/*' },
      }),
    );
    expect(j.body).toEqual({
      type: 'application/json',
      body: '{"embeddedData":{"agent":"A"}}',
      accept: 'application/json',
    });
    expect(f.body).toEqual({
      type: 'application/x-www-form-urlencoded',
      body: 'a=x+y&b=2',
      accept: 'application/json',
    });
    expect(t.body).toMatchObject({ type: 'text/plain; charset=utf-8', body: 'hello' });
    expect(custom.body).toEqual({ type: 'application/vnd.x+json', body: '{"a":1}', accept: '*/*' });
  });

  it('parses JSON responses, keeps text as text and turns an empty body into null', async () => {
    handler = (s, res) => {
      if (s.path === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('plain words');
      }
      if (s.path === '/untyped-json') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('{"a":1}');
      }
      res.writeHead(204);
      res.end();
    };
    const { client } = setup();
    expect((await client.send(req({ url: `${base}/text` }))).body).toBe('plain words');
    expect((await client.send(req({ url: `${base}/untyped-json` }))).body).toEqual({ a: 1 });
    expect(await client.send(req({ method: 'DELETE', url: `${base}/empty` }))).toMatchObject({
      status: 204,
      body: null,
    });
  });

  it('fails a 404 at once with a message naming method, URL, status and body', async () => {
    handler = (_s, res) => json(res, 404, { error: { errorMessage: 'Response not found' } });
    const { client, traces } = setup();
    const err = await failure(
      client.send(req({ method: 'PUT', url: `${base}/API/v3/responses/R_1`, body: { values: {} } })),
    );
    expect(err.message).toBe(
      `PUT ${base}/API/v3/responses/R_1 answered 404 Not Found: {"error":{"errorMessage":"Response not found"}}`,
    );
    expect(err.failure).toMatchObject({
      kind: 'status',
      status: 404,
      body: { error: { errorMessage: 'Response not found' } },
    });
    expect(seen).toHaveLength(1);
    expect(traces).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries a 503 with exponential backoff and full jitter, then succeeds', async () => {
    let n = 0;
    handler = (_s, res) => (++n < 3 ? json(res, 503, { message: 'busy' }) : json(res, 200, { ok: true }));
    const { client, traces, delays } = setup({ random: () => 0.5 });
    const result = await client.send(
      req({ url: `${base}/flaky`, retry: { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 1000 } }),
    );
    expect(result).toMatchObject({ status: 200, attempts: 3 });
    expect(delays).toEqual([50, 100]);
    expect(traces.map((t) => [t.attempt, t.status, t.retryInMs])).toEqual([
      [1, 503, 50],
      [2, 503, 100],
      [3, 200, undefined],
    ]);
  });

  it('caps the backoff at maxDelayMs', async () => {
    handler = (_s, res) => json(res, 500, {});
    const { client, delays } = setup({ random: () => 0.999 });
    const err = await failure(
      client.send(req({ url: `${base}/down`, retry: { maxRetries: 4, initialDelayMs: 300, maxDelayMs: 1000 } })),
    );
    expect(delays).toEqual([300, 599, 999, 999]);
    expect(err.message).toContain('answered 500 Internal Server Error');
    expect(err.message).toContain('(after 5 attempts)');
    expect(seen).toHaveLength(5);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    let n = 0;
    handler = (_s, res) =>
      ++n === 1 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '3' }) : json(res, 200, {});
    const { client, delays } = setup();
    await client.send(req({ url: `${base}/limited`, retry: { maxRetries: 2, initialDelayMs: 100, maxDelayMs: 5000 } }));
    expect(delays).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    let n = 0;
    handler = (_s, res) =>
      ++n === 1 ? json(res, 503, {}, { 'retry-after': new Date(now + 2000).toUTCString() }) : json(res, 200, {});
    const { client, delays } = setup({ now: () => now });
    await client.send(req({ url: `${base}/dated`, retry: { maxRetries: 1, initialDelayMs: 100, maxDelayMs: 5000 } }));
    expect(delays).toEqual([2000]);
  });

  it('fails without retrying when Retry-After is longer than the policy allows', async () => {
    handler = (_s, res) => json(res, 429, {}, { 'retry-after': '120' });
    const { client, delays } = setup();
    const err = await failure(
      client.send(req({ url: `${base}/later`, retry: { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 10000 } })),
    );
    expect(delays).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(err.failure).toMatchObject({ kind: 'status', status: 429 });
    expect(err.message).toContain("asked to retry after 120 s, longer than the retry policy's maximum delay of 10 s");
  });

  it('does not retry a POST without an idempotency key, and does with one', async () => {
    handler = (_s, res) => json(res, 503, {});
    const plain = setup();
    const err = await failure(plain.client.send(req({ method: 'POST', url: `${base}/tickets`, body: { a: 1 } })));
    expect(seen).toHaveLength(1);
    expect(err.message).toContain('not retried: POST is not idempotent and the request has no idempotency key');

    seen.length = 0;
    let n = 0;
    handler = (_s, res) => (++n === 1 ? json(res, 503, {}) : json(res, 201, { id: 7 }));
    const keyed = setup();
    const result = await keyed.client.send(
      req({ method: 'POST', url: `${base}/tickets`, body: { a: 1 }, idempotencyKey: 'run-1:createTicket' }),
    );
    expect(result).toMatchObject({ status: 201, attempts: 2 });
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['run-1:createTicket', 'run-1:createTicket']);
  });

  it('never retries other 4xx', async () => {
    handler = (_s, res) => json(res, 400, { message: 'bad' });
    const { client, delays } = setup();
    await failure(client.send(req({ url: `${base}/bad` })));
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('retries a network error (connection refused)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { client, delays, traces } = setup();
    const err = await failure(
      client.send(
        req({ url: `http://127.0.0.1:${port}/x`, retry: { maxRetries: 1, initialDelayMs: 10, maxDelayMs: 100 } }),
      ),
    );
    expect(err.failure.kind).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
    expect(delays).toHaveLength(1);
    expect(traces).toHaveLength(2);
    expect(traces[0]!.error).toContain('ECONNREFUSED');
  });
});

describe('limits and cancellation', () => {
  it('times out a server that never answers', async () => {
    handler = () => undefined; // never answers
    const { client, delays, traces } = setup();
    const err = await failure(
      client.send(
        req({ url: `${base}/hang`, timeoutMs: 150, retry: { maxRetries: 1, initialDelayMs: 10, maxDelayMs: 100 } }),
      ),
    );
    expect(err.failure.kind).toBe('timeout');
    expect(err.message).toBe(`GET ${base}/hang timed out after 150 ms (after 2 attempts)`);
    expect(delays).toHaveLength(1);
    expect(traces.map((t) => t.error)).toEqual([
      `GET ${base}/hang timed out after 150 ms`,
      `GET ${base}/hang timed out after 150 ms`,
    ]);
  });

  it('fails a response larger than maxResponseBytes, and does not retry it', async () => {
    handler = (_s, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Chunked, no content-length: the limit must hold while reading.
      res.write('[' + '1,'.repeat(600));
      res.end('1]');
    };
    const { client } = setup();
    const err = await failure(client.send(req({ url: `${base}/big`, maxResponseBytes: 1000 })));
    expect(err.failure.kind).toBe('tooLarge');
    expect(err.message).toBe(`GET ${base}/big: the response is larger than the limit of 1000 bytes`);
    expect(seen).toHaveLength(1);
  });

  it('refuses a request body over the limit, of every kind, before sending anything (issue 12, item 1)', async () => {
    handler = (_s, res) => json(res, 200, {});
    const { client } = setup();
    const over = MAX_REQUEST_BODY_BYTES + 1;
    const bodies: [OutboundRequest['bodyType'], unknown][] = [
      ['json', { note: 'x'.repeat(over) }],
      ['json', Array.from({ length: 4 }, () => 'y'.repeat(over / 4))],
      // Refused on the estimate, before a 24 MB string is built.
      ['json', Array.from({ length: 3 }, () => 'z'.repeat(8_000_000))],
      ['form', { note: 'x'.repeat(over) }],
      ['text', 'x'.repeat(over)],
      // Fewer characters than the limit, more bytes: the exact check is in UTF-8 bytes.
      ['text', 'あ'.repeat(Math.ceil(over / 3))],
    ];
    for (const [bodyType, body] of bodies) {
      const err = await failure(client.send(req({ url: `${base}/in`, method: 'POST', bodyType, body })));
      expect(err.failure.kind).toBe('tooLarge');
      expect(err.message).toBe(
        `POST ${base}/in: the request body (${bodyType}) is larger than the limit of 10,485,760 bytes; nothing was sent`,
      );
    }
    expect(seen).toHaveLength(0);
    // At the limit it goes out.
    await client.send(
      req({ url: `${base}/in`, method: 'POST', bodyType: 'text', body: 'x'.repeat(MAX_REQUEST_BODY_BYTES) }),
    );
    expect(seen).toHaveLength(1);
  });

  it('truncates large bodies in the trace but returns them whole', async () => {
    const big = { items: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item ${i}` })) };
    handler = (_s, res) => json(res, 200, big);
    const { client, traces } = setup();
    const result = await client.send(req({ url: `${base}/list` }));
    expect(result.body).toEqual(big);
    const shown = traces[0]!.responseBody as string;
    expect(typeof shown).toBe('string');
    expect(shown.length).toBeLessThan(70 * 1024);
    expect(shown).toMatch(/… \[truncated: \d+ bytes in total\]$/);
  });

  it('cancels an in-flight request when the run is aborted', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const { client } = setup({ signal: controller.signal });
    const pending = client.send(req({ url: `${base}/slow`, timeoutMs: 5000 }));
    setTimeout(() => controller.abort(new Error('run cancelled')), 50);
    const err = await failure(pending);
    expect(err.failure.kind).toBe('cancelled');
  });

  it('cancels while waiting to retry', async () => {
    handler = (_s, res) => json(res, 503, {});
    const controller = new AbortController();
    const client = createHttpClient({
      nodeName: 'n',
      transport,
      credential: async () => undefined,
      tokens: createTokenCache(),
      redactor: new Redactor(),
      onRequest: () => undefined,
      sleep: async (_ms, signal) => {
        controller.abort();
        if (signal.aborted) throw new Error('aborted');
      },
      signal: controller.signal,
    });
    const err = await failure(client.send(req({ url: `${base}/retry-then-cancel` })));
    expect(err.failure.kind).toBe('cancelled');
    expect(seen).toHaveLength(1);
  });
});

describe('redaction', () => {
  it('keeps every secret out of traces and error messages', async () => {
    const apiKey = 'qualtrics-api-key-SECRET-1';
    let n = 0;
    handler = (s, res) => {
      if (genesysToken(s, res)) return;
      // A hostile or chatty upstream echoing what it got, then failing.
      n++;
      if (n === 1) return json(res, 503, { echo: s.headers });
      json(res, 400, {
        message: `bad request with ${s.headers.authorization ?? ''} ${s.headers['x-api-token'] ?? ''}`,
      });
    };
    const genesys = setup({ credential: oauthCredential() });
    const qualtrics = setup({ credential: { name: 'qualtrics', kind: 'apiKey', fields: { value: apiKey } } });
    const basic = setup({
      credential: { name: 'sn', kind: 'basic', fields: { username: 'svc', password: 'basic-pass-777' } },
    });
    const errors: string[] = [];
    for (const [s, extra] of [
      [genesys, {}],
      [qualtrics, { apiKeyHeader: 'X-API-TOKEN' }],
      [basic, {}],
    ] as const) {
      n = 0;
      // Only the run that holds the API key knows it as a secret, so only it puts it in a URL.
      const url = s === qualtrics ? `${base}/echo?key=${apiKey}` : `${base}/echo`;
      const err = await failure(s.client.send(req({ url, authSlot: 'auth', ...extra })));
      errors.push(err.message, JSON.stringify(err.failure));
    }
    const everything = JSON.stringify([genesys.traces, qualtrics.traces, basic.traces, errors]);
    for (const secret of [
      CLIENT_SECRET,
      BASIC_CLIENT,
      ACCESS_TOKEN,
      apiKey,
      'basic-pass-777',
      Buffer.from('svc:basic-pass-777').toString('base64'),
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('[redacted]');
    // The requests really carried the secrets.
    expect(seen.some((s) => s.headers['x-api-token'] === apiKey)).toBe(true);
  });

  it('keeps a secret echoed in a response header out of the trace', async () => {
    const token = 'bearer-token-echoed-4321';
    handler = (s, res) => json(res, 200, {}, { 'X-Echo': `${s.headers.authorization}`, Location: `/next?t=${token}` });
    const { client, traces } = setup({ credential: { name: 'api', kind: 'bearer', fields: { token } } });
    await client.send(req({ url: `${base}/echo`, authSlot: 'auth' }));
    expect(JSON.stringify(traces)).not.toContain(token);
    expect(traces[0]!.responseHeaders).toMatchObject({ 'x-echo': 'Bearer [redacted]', location: '/next?t=[redacted]' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
