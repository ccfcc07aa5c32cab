/**
 * Binary bodies in the Web Service node: a download kept as base64 (a call recording) with a
 * size cap, and an upload of bytes given as base64 (a Zendesk attachment), against a loopback
 * server that serves and checks the exact bytes; and the same pair in a recorded run.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BinaryBody } from '../../core/node-type.js';
import { NodeError } from '../../core/node-type.js';
import { runFlowTests } from '../../runtime/testing/run-flow-tests.js';
import { closeSharedTransport, runNode } from '../../test/support/exec-context.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { testFlow, trigger, webService } from '../../test/support/test-flows.js';
import { decodeBase64, MAX_BASE64_RESPONSE_BYTES, webServiceExecutor } from './executor.js';
import { webServiceManifest, type WebServiceConfig } from './manifest.js';

/** Every byte value, twice: not UTF-8, so any text decoding on the way would change it. */
const RECORDING = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

let server: TestServer;
/** What the upload endpoint received (the shared test server keeps bodies as UTF-8 text). */
let uploaded: { contentType: string | undefined; bytes: Buffer } | undefined;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await closeSharedTransport();
});
beforeEach(() => {
  server.seen.length = 0;
  uploaded = undefined;
});

const node = (name: string, config: Partial<WebServiceConfig>) => ({
  id: `n-${name}`,
  type: 'webService',
  version: 1,
  name,
  config: { ...webServiceManifest.defaults, ...config },
});

function recordingApi() {
  server.handle((req, res) => {
    if (req.method === 'GET' && req.path === '/recordings/r-1.wav') {
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(RECORDING.length) });
      return res.end(RECORDING);
    }
    if (req.method === 'GET' && req.path === '/recordings/missing.wav') {
      return sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
    }
    if (req.method === 'POST' && req.path.startsWith('/api/v2/uploads.json?filename=')) {
      // The shared server keeps bodies as UTF-8 text, so this test uploads ASCII bytes; every
      // byte value is checked against a raw server in the next test.
      uploaded = { contentType: req.headers['content-type'], bytes: Buffer.from(req.body, 'utf8') };
      return sendJson(res, 201, {
        upload: { token: 'upload-token-1', attachment: { size: req.headers['content-length'] } },
      });
    }
    sendJson(res, 404, { error: 'no route' });
  });
}

describe('Web Service binary bodies', () => {
  it('downloads a recording as base64 with its content type and size', async () => {
    recordingApi();
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node('getRecording', { url: `${server.url}/recordings/r-1.wav`, responseAs: 'base64' }),
    });
    const body = (result.output as { body: BinaryBody }).body;
    expect(body).toEqual({ base64: RECORDING.toString('base64'), contentType: 'audio/wav', bytes: 512 });
    // The trace says what came back, not the bytes.
    expect(ctx.requests[0]!.responseBody).toEqual({ binary: '512 bytes, audio/wav' });
  });

  it('refuses a download over the size cap, and reads a failed download as the error it is', async () => {
    recordingApi();
    await expect(
      runNode(webServiceExecutor, {
        node: node('getRecording', {
          url: `${server.url}/recordings/r-1.wav`,
          responseAs: 'base64',
          maxResponseBytes: 100,
        }),
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/larger than the limit of 100 bytes/) });
    await expect(
      runNode(webServiceExecutor, {
        node: node('getRecording', { url: `${server.url}/recordings/missing.wav`, responseAs: 'base64' }),
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/404.*RecordNotFound/) });
    expect(MAX_BASE64_RESPONSE_BYTES * (4 / 3)).toBeLessThanOrEqual(10_000_000);
  });

  it('uploads bytes given as base64 exactly, with their content type', async () => {
    recordingApi();
    const ascii = Buffer.from('RIFF....WAVEfmt plain ASCII bytes survive any decoding', 'ascii');
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node('attach', {
        method: 'POST',
        url: `${server.url}/api/v2/uploads.json?filename=call.wav`,
        body: { type: 'base64', base64: '{{ vars.recording }}', contentType: 'audio/wav' },
      }),
      scope: { vars: { recording: ascii.toString('base64') } },
    });
    expect(result.port).toBe('success');
    expect(uploaded).toEqual({ contentType: 'audio/wav', bytes: ascii });
    expect(server.seen[0]!.headers['content-length']).toBe(String(ascii.length));
    expect(ctx.requests[0]!.body).toEqual({ binary: `${ascii.length} bytes, audio/wav` });
  });

  it('sends every byte value unchanged (checked by the server on the raw stream)', async () => {
    const { createServer } = await import('node:http');
    let received: Buffer | undefined;
    const raw = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received = Buffer.concat(chunks);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const port = (raw.address() as { port: number }).port;
      await runNode(webServiceExecutor, {
        node: node('attach', {
          method: 'PUT',
          url: `http://127.0.0.1:${port}/upload`,
          body: { type: 'base64', base64: RECORDING.toString('base64') },
        }),
      });
      expect(received?.equals(RECORDING)).toBe(true);
    } finally {
      raw.closeAllConnections();
      await new Promise((r) => raw.close(r));
    }
  });

  it('fails, naming the place, when the bytes are not base64', async () => {
    expect(() => decodeBase64('UklGRg==\nV0FWRQ==')).toThrow(NodeError);
    expect(decodeBase64('UklG\nRg==')).toEqual(Buffer.from('RIFF'));
    expect(decodeBase64('-_8')).toEqual(Buffer.from([0xfb, 0xff]));
    await expect(
      runNode(webServiceExecutor, {
        node: node('attach', {
          method: 'POST',
          url: `${server.url}/api/v2/uploads.json?filename=x`,
          body: { type: 'base64', base64: 'not base64!' },
        }),
      }),
    ).rejects.toThrow('the bytes to send are not base64 (10 characters; the first one that is not base64 is at 10)');
    expect(server.seen).toHaveLength(0);
  });
});

describe('Web Service binary bodies in a recorded run', () => {
  it('moves a recorded recording (bodyBase64) into an upload, and the trace holds no bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowdesk-binary-'));
    const flow = testFlow(
      [
        trigger(),
        webService('getRecording', { url: 'https://api.example.com/recordings/r-1.wav', responseAs: 'base64' }),
        webService('attach', {
          method: 'POST',
          url: 'https://example.zendesk.com/api/v2/uploads.json?filename=call.wav',
          body: {
            type: 'base64',
            base64: '{{ steps.getRecording.body.base64 }}',
            contentType: '{{ steps.getRecording.body.contentType }}',
          },
        }),
      ],
      [
        ['trigger', 'out', 'getRecording'],
        ['getRecording', 'success', 'attach'],
      ],
      {
        tests: [
          {
            name: 'recording to attachment',
            trigger: { body: {} },
            responses: {
              getRecording: [
                { status: 200, headers: { 'Content-Type': 'audio/wav' }, bodyBase64: RECORDING.toString('base64') },
              ],
              attach: [{ status: 201, body: { upload: { token: 'upload-token-1' } } }],
            },
            expect: {
              steps: { getRecording: { body: { bytes: 512, contentType: 'audio/wav' } } },
              requests: [{ node: 'attach', method: 'POST', body: { binary: '512 bytes, audio/wav' } }],
            },
          },
        ],
      },
    );
    await writeFile(join(dir, 'binary.flow.json'), JSON.stringify(flow));
    const [result] = await runFlowTests(join(dir, 'binary.flow.json'), { env: {} });
    expect(result!.failures).toEqual([]);
    expect((result!.trace.steps[1]!.output as { body: BinaryBody }).body.base64).toBe(RECORDING.toString('base64'));
    const requests = JSON.stringify(result!.trace.steps.flatMap((s) => s.requests));
    expect(requests).not.toContain(RECORDING.toString('base64').slice(0, 40));
  });
});
