import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecordedTransport, RECORDED_ACCESS_TOKEN } from './recorded-transport.js';
import { TransportError, type TransportRequest } from './transport.js';

function req(nodeName: string, extra: Partial<TransportRequest> = {}): TransportRequest {
  return {
    nodeName,
    purpose: 'main',
    method: 'GET',
    url: 'https://api.example.com/x',
    headers: {},
    timeoutMs: 1000,
    maxResponseBytes: 1 << 20,
    signal: new AbortController().signal,
    ...extra,
  };
}

describe('createRecordedTransport', () => {
  it('answers token requests itself; a JWT bearer exchange also names the login origin as the instance', async () => {
    const t = createRecordedTransport({}, '.');
    const oauth = await t.send(req('any', { purpose: 'token', method: 'POST', body: 'grant_type=client_credentials' }));
    expect(JSON.parse(oauth.bodyText)).toEqual({
      access_token: RECORDED_ACCESS_TOKEN,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const jwt = await t.send(
      req('any', {
        purpose: 'token',
        method: 'POST',
        url: 'https://acme.my.salesforce.com/services/oauth2/token',
        body: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=x.y.z',
      }),
    );
    expect(JSON.parse(jwt.bodyText)).toMatchObject({ instance_url: 'https://acme.my.salesforce.com' });
  });

  it('answers in order and repeats the last response', async () => {
    const t = createRecordedTransport(
      { getUser: [{ status: 429, headers: { 'Retry-After': '30' } }, { body: { id: 1 } }] },
      '.',
    );
    const first = await t.send(req('getUser'));
    expect(first).toEqual({ status: 429, headers: { 'retry-after': '30' }, bodyText: '' });
    const second = await t.send(req('getUser'));
    expect(second.status).toBe(200);
    expect(JSON.parse(second.bodyText)).toEqual({ id: 1 });
    expect(second.headers['content-type']).toBe('application/json');
    expect((await t.send(req('getUser'))).bodyText).toBe('{"id":1}');
  });

  it('reads bodyFile relative to the base directory, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowdesk-rec-'));
    await writeFile(join(dir, 'user.json'), '{"name":"Ann"}');
    const cache = new Map<string, Promise<string>>();
    const t = createRecordedTransport({ getUser: [{ bodyFile: 'user.json' }] }, dir, { fileCache: cache });
    expect((await t.send(req('getUser'))).bodyText).toBe('{"name":"Ann"}');
    expect(cache.size).toBe(1);
  });

  it('names a missing bodyFile', async () => {
    const t = createRecordedTransport({ getUser: [{ bodyFile: 'nope.json' }] }, tmpdir());
    await expect(t.send(req('getUser'))).rejects.toThrow("recorded response file 'nope.json' not found");
  });

  it('simulates timeouts and network errors as TransportErrors', async () => {
    const t = createRecordedTransport({ a: [{ simulate: 'timeout' }], b: [{ simulate: 'networkError' }] }, '.');
    await expect(t.send(req('a'))).rejects.toMatchObject({ kind: 'timeout' });
    const err = await t.send(req('b')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('network');
  });

  it('answers OAuth token requests with a fake token', async () => {
    const t = createRecordedTransport({}, '.');
    const res = await t.send(req('getUser', { purpose: 'token', method: 'POST' }));
    expect(JSON.parse(res.bodyText).access_token).toBe(RECORDED_ACCESS_TOKEN);
  });

  it('says how to fix a node without recorded responses', async () => {
    const t = createRecordedTransport({}, '.');
    await expect(t.send(req('getUser'))).rejects.toThrow(
      "no recorded response for node 'getUser' — add one to the test case or run with --live",
    );
  });

  it('records virtual sleeps without waiting', async () => {
    const t = createRecordedTransport({}, '.');
    await t.sleep(30_000, new AbortController().signal);
    expect(t.delays).toEqual([30_000]);
  });
});
