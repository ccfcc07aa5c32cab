/**
 * Salesforce JWT bearer credentials through the real HTTP client: a loopback token endpoint
 * that verifies the RS256 assertion with the connected app's public key, the token cached
 * across requests, a 401 refreshing it once, the instance address it names, and no key,
 * assertion or token in a trace.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { RequestTrace } from '../../core/trace.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { connectedAppKeys, jwtTokenEndpoint } from '../../test/support/salesforce-jwt.js';
import { Redactor } from '../redactor.js';
import { createHttpClient, HttpError } from './http-client.js';
import { readPrivateKey } from './jwt-bearer.js';
import { createTokenCache } from './token-cache.js';
import { createUndiciTransport, type UndiciTransport } from './undici-transport.js';

const app = connectedAppKeys();
const other = connectedAppKeys();
let server: TestServer;
let transport: UndiciTransport;
let issued: string[];
let apiAnswers401 = 0;

beforeAll(async () => {
  transport = createUndiciTransport();
  server = await startTestServer();
});
afterAll(async () => {
  await transport.close();
  await server.close();
});
beforeEach(() => {
  issued = [];
  apiAnswers401 = 0;
  server.seen.length = 0;
  const token = jwtTokenEndpoint({
    publicKey: app.publicKey,
    clientId: '3MVG9-consumer-key',
    username: 'integration@acme.example',
    audience: server.url,
    instanceUrl: `${server.url}/instance`,
    accessToken: () => {
      issued.push(`00D000000000001!sf-access-${issued.length + 1}`);
      return issued.at(-1)!;
    },
  });
  server.handle((req, res) => {
    if (token(req, res)) return;
    if (req.path === '/instance/services/data/v60.0/limits') {
      if (apiAnswers401 > 0) {
        apiAnswers401--;
        return sendJson(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
      }
      if (req.headers.authorization !== `Bearer ${issued.at(-1)}`) return sendJson(res, 401, []);
      return sendJson(res, 200, { DailyApiRequests: { Max: 15000, Remaining: 14990 } });
    }
    sendJson(res, 404, []);
  });
});

function credential(privateKey = app.privateKeyPem): ResolvedCredential {
  return {
    name: 'salesforce-jwt',
    kind: 'salesforceJwt',
    fields: { clientId: '3MVG9-consumer-key', username: 'integration@acme.example', privateKey, loginUrl: server.url },
  };
}

function client(cred: ResolvedCredential, tokens = createTokenCache()) {
  const redactor = new Redactor();
  redactor.add(cred.fields.privateKey!);
  const traces: RequestTrace[] = [];
  const http = createHttpClient({
    nodeName: 'sf',
    transport,
    credential: async () => cred,
    tokens,
    redactor,
    onRequest: (t) => traces.push(t),
    sleep: async () => undefined,
    signal: new AbortController().signal,
  });
  return { http, traces };
}

const get = (path = '/instance/services/data/v60.0/limits') => ({
  method: 'GET' as const,
  url: `${server.url}${path}`,
  authSlot: 'auth',
  timeoutMs: 30_000,
  retry: { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 },
  maxResponseBytes: 1 << 20,
});

describe('Salesforce JWT bearer', () => {
  it('exchanges a signed assertion for a token, caches it, and names the instance', async () => {
    const { http, traces } = client(credential());
    expect(await http.instanceUrl!('auth', 30_000)).toBe(`${server.url}/instance`);
    expect((await http.send(get())).status).toBe(200);
    expect((await http.send(get())).status).toBe(200);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /services/oauth2/token',
      'GET /instance/services/data/v60.0/limits',
      'GET /instance/services/data/v60.0/limits',
    ]);
    const text = JSON.stringify(traces);
    const assertion = new URLSearchParams(server.seen[0]!.body).get('assertion')!;
    expect(text).not.toContain(assertion);
    expect(text).not.toContain(issued[0]);
    expect(text).not.toContain('PRIVATE KEY');
    expect(traces[0]).toMatchObject({ purpose: 'token', url: `${server.url}/services/oauth2/token` });
  });

  it('a 401 from the API fetches a new token once and repeats the request', async () => {
    const { http } = client(credential());
    await http.send(get());
    apiAnswers401 = 1;
    expect((await http.send(get())).status).toBe(200);
    expect(issued).toHaveLength(2);
  });

  it('a key the connected app does not know: the token endpoint says invalid_grant, nothing else is sent', async () => {
    const { http, traces } = client(credential(other.privateKeyPem));
    const error = (await http.send(get()).catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.failure).toMatchObject({ kind: 'auth', status: 400 });
    expect(error.failure.message).toContain('invalid_grant: invalid assertion signature');
    expect(server.seen).toHaveLength(1);
    expect(JSON.stringify(traces)).not.toContain(other.privateKeyPem.split('\n')[1]);
  });

  it('a private key that is not one fails before anything is sent, without quoting it', async () => {
    const { http } = client(credential('-----BEGIN PRIVATE KEY-----\nnot-a-key-material\n-----END PRIVATE KEY-----'));
    const error = (await http.send(get()).catch((e: unknown) => e)) as HttpError;
    expect(error.failure.message).toBe(
      "credential 'salesforce-jwt' (Salesforce JWT bearer): the private key is not a PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)",
    );
    expect(server.seen).toHaveLength(0);
  });

  it('reads a key pasted on one line (a password field drops line breaks) or with \\n written out', () => {
    const oneLine = app.privateKeyPem.replace(/\n/g, ' ');
    const escaped = app.privateKeyPem.replace(/\n/g, '\\n');
    for (const text of [oneLine, escaped]) expect(readPrivateKey(text).asymmetricKeyType).toBe('rsa');
  });

  it('the login address must be an allowed origin, like a token endpoint', async () => {
    const { http } = client({ ...credential(), allowedOrigins: ['https://acme.my.salesforce.com'] });
    const error = (await http.instanceUrl!('auth', 30_000).catch((e: unknown) => e)) as HttpError;
    expect(error.failure.kind).toBe('origin');
    expect(server.seen).toHaveLength(0);
  });
});
