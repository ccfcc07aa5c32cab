/**
 * "Retry until ready" against a real loopback server that answers 404 twice and then 200, as
 * Genesys analytics does right after a call ends: the node calls again on the listed status,
 * every attempt is in the trace, and running out of attempts takes the error port naming them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { validateFlow } from '../../core/validate/validate-flow.js';
import { runFlowTests } from '../../runtime/testing/run-flow-tests.js';
import { closeSharedTransport, runNode } from '../../test/support/exec-context.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { testFlow, trigger, webService } from '../../test/support/test-flows.js';
import { NODE_MANIFESTS } from '../registry.js';
import { webServiceExecutor } from './executor.js';
import type { AttemptDetail } from './retry-until.js';

let server: TestServer;
/** Answers per path: how many 404s before it is ready, and what it says while it is not. */
const notReadyFor = new Map<string, number>([
  ['/analytics/c-1', 2],
  ['/analytics/c-2', 99],
]);
const seen = new Map<string, number>();

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const n = (seen.get(req.path) ?? 0) + 1;
    seen.set(req.path, n);
    if (req.path.startsWith('/recording/')) {
      // Always 200, "processing" until the third call.
      sendJson(res, 200, { state: n < 3 ? 'processing' : 'available', url: n < 3 ? null : 'https://rec/1.wav' });
      return;
    }
    if (req.path === '/broken') return sendJson(res, 500, { error: 'boom' });
    if (n <= (notReadyFor.get(req.path) ?? 0)) return sendJson(res, 404, { message: 'analytics not ready' });
    sendJson(res, 200, { conversationId: req.path.split('/')[2], mediaType: 'voice' });
  });
});

afterAll(async () => {
  await closeSharedTransport();
  await server.close();
});

const analytics = (id: string, retryUntil: Record<string, unknown>) =>
  webService('getDetails', {
    method: 'GET',
    url: `${server.url}/analytics/${id}`,
    mapping: [{ path: '$.mediaType', field: 'mediaType' }],
    retryUntil,
  });

describe('Web Service: retry until ready', () => {
  it('calls again on 404 until the 200, sleeping between attempts, and shows every attempt', async () => {
    const slept: number[] = [];
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: analytics('c-1', { statuses: [404], everySeconds: 5, maxAttempts: 5 }),
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    });
    expect(result.port).toBe('success');
    expect(result.vars).toEqual({ mediaType: 'voice' });
    expect(slept).toEqual([5000, 5000]);
    expect(ctx.requests.map((r) => r.status)).toEqual([404, 404, 200]);
    expect(ctx.details.attempts as AttemptDetail[]).toEqual([
      { attempt: 1, status: 404, ready: false, notReady: 'status' },
      { attempt: 2, status: 404, ready: false, notReady: 'status' },
      { attempt: 3, status: 200, ready: true },
    ]);
    expect(ctx.logs.map((l) => l.message)).toEqual([
      'attempt 1 of 5: answered 404; again in 5 s',
      'attempt 2 of 5: answered 404; again in 5 s',
    ]);
  });

  it('after the last attempt takes the error port, naming the attempts and the last answer', async () => {
    const failure = await runNode(webServiceExecutor, {
      node: analytics('c-2', { statuses: [404], everySeconds: 2, maxAttempts: 3 }),
    }).catch((error: unknown) => error as { message: string; code: string; details: Record<string, unknown> });
    expect(failure).toMatchObject({
      message: 'still not ready after 3 attempts, 2 s apart (the last one answered 404)',
      code: 'not-ready',
      details: { attempts: 3, status: 404, body: { message: 'analytics not ready' } },
    });
    expect(seen.get('/analytics/c-2')).toBe(3);
    const params = (failure as unknown as { params: { detail: { code: string; params: never } } }).params;
    expect(formatMessage(params.detail, 'ja')).toBe(
      '2 秒おきに 3 回呼び出しましたが、まだ準備ができていません（最後の応答は 404 でした）',
    );
  });

  it('waits until rules about the response hold', async () => {
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: webService('getRecording', {
        method: 'GET',
        url: `${server.url}/recording/r-1`,
        mapping: [{ path: '$.url', field: 'recordingUrl' }],
        retryUntil: {
          rules: [{ left: 'response.body.state', operator: 'equals', right: 'available' }],
          everySeconds: 1,
          maxAttempts: 4,
        },
      }),
    });
    expect(result.vars).toEqual({ recordingUrl: 'https://rec/1.wav' });
    const attempts = ctx.details.attempts as AttemptDetail[];
    expect(attempts.map((a) => [a.attempt, a.ready, a.notReady])).toEqual([
      [1, false, 'rules'],
      [2, false, 'rules'],
      [3, true, undefined],
    ]);
    expect(attempts[0]!.rules).toEqual([
      { left: 'response.body.state', operator: 'equals', right: 'available', value: 'processing', matched: false },
    ]);
  });

  it('does not repeat a failure whose status is not listed', async () => {
    const before = seen.get('/broken') ?? 0;
    await expect(
      runNode(webServiceExecutor, {
        node: webService('broken', {
          method: 'GET',
          url: `${server.url}/broken`,
          retryUntil: { statuses: [404], everySeconds: 1, maxAttempts: 5 },
        }),
      }),
    ).rejects.toMatchObject({ code: 'http-500' });
    expect(seen.get('/broken')! - before).toBe(1);
  });

  it('runs in flowdesk test on recorded responses and the fast clock', async () => {
    const flow = testFlow(
      [trigger(), analytics('c-9', { statuses: [404], everySeconds: 30, maxAttempts: 5 })],
      [['trigger', 'out', 'getDetails']],
      {
        tests: [
          {
            name: 'ready on the third call',
            trigger: { body: {} },
            responses: {
              getDetails: [
                { status: 404, body: { message: 'not ready' } },
                { status: 404, body: { message: 'not ready' } },
                { status: 200, body: { mediaType: 'voice' } },
              ],
            },
            expect: { vars: { mediaType: 'voice' } },
          },
        ],
      },
    );
    const [result] = await runFlowTests({ text: JSON.stringify(flow), path: '/virtual/retry.flow.json' });
    expect(result!.failures).toEqual([]);
    const step = result!.trace.steps[1]!;
    expect((step.details!.attempts as AttemptDetail[]).map((a) => a.status)).toEqual([404, 404, 200]);
  });

  it('validates: a setting that never retries, and rules, are named', () => {
    const errors = (retryUntil: Record<string, unknown>) =>
      validateFlow(
        testFlow([trigger(), analytics('x', retryUntil)], [['trigger', 'out', 'getDetails']]),
        NODE_MANIFESTS,
      )
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.pointer} ${i.message}`);
    expect(errors({ statuses: [404] })).toEqual([]);
    expect(errors({ everySeconds: 10 })).toEqual([
      `/nodes/1/config/retryUntil Web Service 'getDetails': "Retry until ready" has no status to retry on and no "ready when" rule, so it never retries; add a status such as 404, a rule, or clear it`,
    ]);
    expect(errors({ rules: [{ left: 'response.body.state', operator: 'equals' }] })).toEqual([
      `/nodes/1/config/retryUntil/rules/0/right Web Service 'getDetails': rule 1 "equals" needs a value to compare with`,
    ]);
    expect(errors({ statuses: [404], maxAttempts: 1 })[0]).toMatch(/^\/nodes\/1\/config\/retryUntil\/maxAttempts /);
  });
});
