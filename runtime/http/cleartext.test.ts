/**
 * A credential never travels over plain http except to loopback (issue 12, item 17). The
 * transport here only records: nothing leaves the machine, and a refused request must not
 * reach it at all.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import { Redactor } from '../redactor.js';
import { createHttpClient, HttpError, isLoopbackHost } from './http-client.js';
import { createTokenCache } from './token-cache.js';
import type { Transport, TransportRequest } from './transport.js';

function setup(credential: ResolvedCredential | undefined) {
  const sent: TransportRequest[] = [];
  const transport: Transport = {
    async send(request) {
      sent.push(request);
      if (request.purpose === 'token') {
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          bodyText: '{"access_token":"tok-abcdef","expires_in":3600}',
        };
      }
      return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"ok":true}' };
    },
  };
  const client = createHttpClient({
    nodeName: 'call',
    transport,
    credential: async (slot) => (slot === 'auth' ? credential : undefined),
    tokens: createTokenCache(),
    redactor: new Redactor(),
    onRequest: () => undefined,
    sleep: async () => undefined,
    signal: new AbortController().signal,
  });
  const send = (url: string, withCredential = true) =>
    client.send({
      method: 'GET',
      url,
      ...(withCredential ? { authSlot: 'auth' } : {}),
      timeoutMs: 1000,
      retry: { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1 },
      maxResponseBytes: 1024,
    });
  return { send, sent };
}

const bearer: ResolvedCredential = { name: 'crm', kind: 'bearer', fields: { token: 'bearer-token-123456' } };

describe('credentials over plain http', () => {
  it('refuses a credentialed http request to a non-loopback host before sending it', async () => {
    const { send, sent } = setup(bearer);
    const err = await send('http://api.example.com/tickets').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toBe(
      "credential 'crm' is not sent over plain http to http://api.example.com (the request): use https (plain http is allowed only to loopback addresses)",
    );
    expect(sent).toEqual([]);
  });

  it('allows https anywhere, http to loopback, and http without a credential', async () => {
    const { send, sent } = setup(bearer);
    for (const url of [
      'https://api.example.com/x',
      'http://127.0.0.1:8080/x',
      'http://127.1.2.3/x',
      'http://localhost:3000/x',
      'http://[::1]:3000/x',
    ]) {
      await send(url);
    }
    await send('http://api.example.com/open', false);
    expect(sent.map((r) => r.url)).toHaveLength(6);
    expect(sent[0]!.headers.Authorization ?? sent[0]!.headers.authorization).toBe('Bearer bearer-token-123456');
  });

  it('refuses an OAuth credential whose token endpoint is plain http, even for an https request', async () => {
    const oauth: ResolvedCredential = {
      name: 'genesys',
      kind: 'oauth2',
      fields: { tokenUrl: 'http://login.example.com/oauth/token', clientId: 'id', clientSecret: 'secret-1234567' },
    };
    const { send, sent } = setup(oauth);
    const err = await send('https://api.example.com/x').catch((e: unknown) => e);
    expect((err as Error).message).toContain('to http://login.example.com (its token endpoint)');
    expect(sent).toEqual([]);
  });

  it('knows loopback hosts', () => {
    for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.255.0.9', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['example.com', '128.0.0.1', '10.0.0.1', 'localhost.example.com', '[::2]', '127.0.0.1.nip.io']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
