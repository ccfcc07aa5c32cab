import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError, type TransportRequest } from './transport.js';
import { createUndiciTransport, type UndiciTransport } from './undici-transport.js';

let server: Server;
let base: string;
let handler: (req: IncomingMessage, body: string, res: ServerResponse) => void;
let connections = 0;
let transport: UndiciTransport;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = createUndiciTransport();
});

afterAll(async () => {
  await transport.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function req(partial: Partial<TransportRequest>): TransportRequest {
  return {
    nodeName: 'n',
    purpose: 'main',
    method: 'GET',
    url: `${base}/`,
    headers: {},
    timeoutMs: 2000,
    maxResponseBytes: 1024 * 1024,
    signal: new AbortController().signal,
    ...partial,
  };
}

async function transportError(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TransportError);
    return e as TransportError;
  }
  throw new Error('expected a TransportError');
}

describe('undici transport', () => {
  it('sends method, headers and body and returns status, lower-cased headers and text', async () => {
    handler = (r, body, res) => {
      res.writeHead(201, { 'X-Echo-Method': r.method ?? '', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ body, custom: r.headers['x-custom'] }));
    };
    const res = await transport.send(
      req({ method: 'PUT', url: `${base}/things/1`, headers: { 'X-Custom': 'yes' }, body: 'payload' }),
    );
    expect(res.status).toBe(201);
    expect(res.headers['x-echo-method']).toBe('PUT');
    expect(JSON.parse(res.bodyText)).toEqual({ body: 'payload', custom: 'yes' });
  });

  it('reuses one keep-alive connection for sequential requests to an origin', async () => {
    handler = (_r, _b, res) => res.end('ok');
    await transport.send(req({}));
    const before = connections;
    for (let i = 0; i < 5; i++) await transport.send(req({ url: `${base}/${i}` }));
    expect(connections).toBe(before);
  });

  it('does not follow redirects', async () => {
    handler = (r, _b, res) => {
      if (r.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere' });
        return res.end();
      }
      res.end('followed');
    };
    const res = await transport.send(req({ url: `${base}/moved` }));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/elsewhere');
  });

  it('fails tooLarge from the declared content-length and while reading a chunked body', async () => {
    handler = (r, _b, res) => {
      if (r.url === '/declared') {
        res.writeHead(200, { 'content-length': '5000' });
        return res.end('x'.repeat(5000));
      }
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
      res.end();
    };
    const a = await transportError(transport.send(req({ url: `${base}/declared`, maxResponseBytes: 4096 })));
    const b = await transportError(transport.send(req({ url: `${base}/chunked`, maxResponseBytes: 4096 })));
    expect(a.kind).toBe('tooLarge');
    expect(b.kind).toBe('tooLarge');
    expect(b.message).toBe('the response is larger than the limit of 4096 bytes');
    // A response exactly at the limit is fine.
    handler = (_r, _b, res) => res.end('z'.repeat(4096));
    expect((await transport.send(req({ maxResponseBytes: 4096 }))).bodyText).toHaveLength(4096);
  });

  it('times out when no headers come, and when the body stalls', async () => {
    handler = (r, _b, res) => {
      if (r.url === '/stall') {
        res.writeHead(200);
        res.write('partial');
      }
      // otherwise: never answer
    };
    const a = await transportError(transport.send(req({ url: `${base}/hang`, timeoutMs: 100 })));
    const b = await transportError(transport.send(req({ url: `${base}/stall`, timeoutMs: 100 })));
    expect(a.kind).toBe('timeout');
    expect(a.message).toBe('no complete answer within 100 ms');
    expect(b.kind).toBe('timeout');
  });

  it('reports cancellation by the caller as cancelled, not timeout', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = transport.send(req({ url: `${base}/hang`, timeoutMs: 5000, signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    expect((await transportError(pending)).kind).toBe('cancelled');
    const aborted = new AbortController();
    aborted.abort();
    expect((await transportError(transport.send(req({ signal: aborted.signal })))).kind).toBe('cancelled');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const e = await transportError(transport.send(req({ url: `http://127.0.0.1:${port}/` })));
    expect(e.kind).toBe('network');
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('reports a connection dropped mid-response as a network error', async () => {
    handler = (_r, _b, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('short');
      res.socket?.destroy();
    };
    const e = await transportError(transport.send(req({ url: `${base}/drop` })));
    expect(e.kind).toBe('network');
  });
});

/** A throwaway self-signed certificate made at test time (no key material in the repository). */
function selfSignedCert(): { key: Buffer; cert: Buffer } | undefined {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return undefined;
  }
}

const tls = selfSignedCert();

describe.skipIf(!tls)('undici transport over TLS', () => {
  it('refuses a certificate it cannot verify', async () => {
    const httpsServer = createHttpsServer(tls!, (_req, res) => res.end('should not be reached'));
    await new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(httpsServer.address() as AddressInfo).port}/`;
    try {
      const e = await transportError(transport.send(req({ url })));
      expect(e.kind).toBe('network');
      expect(e.message).toMatch(/self[- ]signed certificate/i);
    } finally {
      httpsServer.closeAllConnections();
      await new Promise((resolve) => httpsServer.close(resolve));
    }
  });
});
