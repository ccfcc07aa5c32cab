import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyNodeExecutor } from '../../core/node-type.js';
import { NODE_EXECUTORS } from '../../nodes/registry.runtime.js';
import { code, condition, testFlow, trigger, webService } from '../../test/support/test-flows.js';
import {
  sendJson as json,
  startTestServer,
  type SeenRequest,
  type TestServer,
} from '../../test/support/http-server.js';
import type { CredentialProvider } from '../credentials/provider.js';
import { createFlowRuntime, FlowLoadError } from './flow-runtime.js';
import { formatMessage } from '../../core/messages/format.js';
import type { Message } from '../../core/messages/message.js';

type Handler = (req: SeenRequest, res: ServerResponse) => void;

let server: TestServer;
let base: string;
let seen: SeenRequest[];
const routes = new Map<string, Handler>();

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const handler = routes.get(req.path.split('?')[0]!);
    if (handler) handler(req, res);
    else json(res, 404, { message: 'not found' });
  });
  base = server.url;
  seen = server.seen;
  routes.set('/user', (_req, res) => json(res, 200, { id: 'u1', name: 'Ann', tier: 'gold' }));
  routes.set('/vip', (_req, res) => json(res, 200, { queue: 'vip' }));
  routes.set('/std', (_req, res) => json(res, 200, { queue: 'standard' }));
  routes.set('/boom', (_req, res) => json(res, 500, { message: 'upstream exploded' }));
  routes.set('/hang', () => {
    /* never answers */
  });
  routes.set('/echo-auth', (req, res) => json(res, 200, { youSent: req.headers.authorization }));
});

afterAll(async () => {
  await server.close();
});

const noCredentials: CredentialProvider = { get: async () => undefined };

function runtime(credentials: CredentialProvider = noCredentials, executors?: ReadonlyMap<string, AnyNodeExecutor>) {
  return createFlowRuntime({ credentials, ...(executors ? { executors } : {}) });
}

describe('createFlowRuntime: walking the graph', () => {
  const flow = () =>
    testFlow(
      [
        trigger({ fields: [{ name: 'customerId', path: '$.customerId' }] }),
        webService('getUser', {
          url: `${base}/user`,
          query: [{ name: 'id', value: '{{ vars.customerId }}' }],
          mapping: [
            { path: '$.name', field: 'customerName' },
            { path: '$.tier', field: 'tier' },
          ],
        }),
        condition('isGold', [{ left: 'vars.tier', operator: 'equals', right: '{{ trigger.body.wantedTier }}' }]),
        webService('routeVip', { url: `${base}/vip`, mapping: [{ path: 'queue', field: 'queue' }] }),
        webService('routeStd', { url: `${base}/std`, mapping: [{ path: 'queue', field: 'queue' }] }),
      ],
      [
        ['trigger', 'out', 'getUser'],
        ['getUser', 'success', 'isGold'],
        ['isGold', 'true', 'routeVip'],
        ['isGold', 'false', 'routeStd'],
      ],
    );

  it('takes the port each node returns and grows steps and vars as nodes finish', async () => {
    const loaded = runtime().load(flow());
    const trace = await loaded.run({ trigger: { body: { customerId: 'c 1', wantedTier: 'gold' } } });
    expect(trace.status).toBe('success');
    expect(trace.steps.map((s) => [s.name, s.port])).toEqual([
      ['trigger', 'out'],
      ['getUser', 'success'],
      ['isGold', 'true'],
      ['routeVip', 'success'],
    ]);
    expect(trace.vars).toEqual({ customerId: 'c 1', customerName: 'Ann', tier: 'gold', queue: 'vip' });
    const getUser = trace.steps[1]!;
    expect(getUser.requests).toHaveLength(1);
    expect(getUser.requests[0]!.url).toBe(`${base}/user?id=c%201`);
    expect(getUser.requests[0]!.status).toBe(200);
    expect((getUser.output as { fields: unknown }).fields).toEqual({ customerName: 'Ann', tier: 'gold' });
    expect(trace.steps[2]!.output).toEqual({ result: true });
    expect(trace.steps[2]!.details?.rules).toMatchObject([
      { left: 'vars.tier', operator: 'equals', value: 'gold', matched: true },
    ]);
  });

  it('takes the other branch on other data, with the same loaded flow', async () => {
    const loaded = runtime().load(flow());
    const trace = await loaded.run({ trigger: { body: { customerId: 'c2', wantedTier: 'silver' } } });
    expect(trace.steps.map((s) => s.name)).toEqual(['trigger', 'getUser', 'isGold', 'routeStd']);
    expect(trace.vars.queue).toBe('standard');
  });

  it('follows every edge of a port in file order, depth-first, and runs a node reached twice once, after both branches', async () => {
    const always = [{ left: 'trigger.body.go', operator: 'equals', right: true }];
    const f = testFlow(
      [trigger(), condition('a', always), condition('b', always), condition('c', always), condition('d', always)],
      [
        ['trigger', 'out', 'a'],
        ['a', 'true', 'b'],
        ['a', 'true', 'c'],
        ['b', 'true', 'd'],
        ['c', 'true', 'd'],
      ],
    );
    const trace = await runtime()
      .load(f)
      .run({ trigger: { body: { go: true } } });
    // `d` joins b and c: it waits for c instead of running between them (join-walk.test.ts has more).
    expect(trace.steps.map((s) => s.name)).toEqual(['trigger', 'a', 'b', 'c', 'd']);
  });

  it('prepares every node once per load, never per run', async () => {
    let prepares = 0;
    const counting = new Map(
      [...NODE_EXECUTORS].map(([type, ex]) => [
        type,
        { type, prepare: (node: any, tools: any) => (prepares++, ex.prepare(node, tools)) } as AnyNodeExecutor,
      ]),
    );
    const loaded = runtime(noCredentials, counting).load(flow());
    expect(prepares).toBe(5);
    for (let i = 0; i < 3; i++) await loaded.run({ trigger: { body: { customerId: 'x', wantedTier: 'gold' } } });
    expect(prepares).toBe(5);
  });

  it('runs Code with the scope and records its console output', async () => {
    const f = testFlow(
      [trigger(), code('shape', 'console.log("seen", trigger.body.n); return { double: trigger.body.n * 2 };')],
      [['trigger', 'out', 'shape']],
    );
    const trace = await runtime()
      .load(f)
      .run({ trigger: { body: { n: 21 } } });
    expect(trace.status).toBe('success');
    expect(trace.steps[1]!.output).toEqual({ double: 42 });
    expect(trace.steps[1]!.logs.map((l) => l.message)).toEqual(['seen 21']);
  });
});

describe('createFlowRuntime: errors', () => {
  it('takes a wired error port with {message, code, …details} as the output', async () => {
    const f = testFlow(
      [
        trigger(),
        webService('getDetails', { url: `${base}/boom` }),
        code('handle', 'return { saw: steps.getDetails.status, code: steps.getDetails.code };'),
      ],
      [
        ['trigger', 'out', 'getDetails'],
        ['getDetails', 'error', 'handle'],
      ],
    );
    const trace = await runtime()
      .load(f)
      .run({ trigger: { body: {} } });
    expect(trace.status).toBe('success');
    expect(trace.steps.map((s) => [s.name, s.port])).toEqual([
      ['trigger', 'out'],
      ['getDetails', 'error'],
      ['handle', 'success'],
    ]);
    const out = trace.steps[1]!.output as Record<string, unknown>;
    expect(out).toMatchObject({ code: 'http-500', status: 500 });
    expect(typeof out.message).toBe('string');
    expect(trace.steps[1]!.error?.code).toBe('http-500');
    expect(trace.steps[2]!.output).toEqual({ saw: 500, code: 'http-500' });
  });

  it('fails the run naming the node when its error port is not connected', async () => {
    const f = testFlow(
      [trigger(), webService('getDetails', { url: `${base}/boom` })],
      [['trigger', 'out', 'getDetails']],
    );
    const trace = await runtime()
      .load(f)
      .run({ trigger: { body: {} } });
    expect(trace.status).toBe('failed');
    expect(trace.error?.nodeName).toBe('getDetails');
    expect(trace.error?.message).toMatch(/^Web Service 'getDetails' failed: .+ \(its error port is not connected\)$/);
  });

  it('stops at the flow timeout, during a node', async () => {
    const f = testFlow(
      [trigger(), webService('slow', { url: `${base}/hang`, timeoutMs: 10_000 })],
      [['trigger', 'out', 'slow']],
    );
    const trace = await runtime()
      .load(f)
      .run({ trigger: { body: {} }, timeoutMs: 150 });
    expect(trace.status).toBe('timeout');
    expect(trace.error?.message).toContain('150 ms');
    expect(trace.error?.nodeName).toBe('slow');
    expect(trace.steps.map((s) => s.name)).toEqual(['trigger', 'slow']);
  });

  it('stops when the caller cancels', async () => {
    const f = testFlow(
      [trigger(), webService('slow', { url: `${base}/hang`, timeoutMs: 10_000 })],
      [['trigger', 'out', 'slow']],
    );
    const controller = new AbortController();
    const loaded = runtime().load(f);
    const before = seen.length;
    const pending = loaded.run({ trigger: { body: {} }, signal: controller.signal });
    while (seen.length === before) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const trace = await pending;
    expect(trace.status).toBe('cancelled');
    expect(trace.error?.message).toContain('cancelled');
  });

  it('does not start a run whose signal is already aborted', async () => {
    const trace = await runtime()
      .load(testFlow([trigger()], []))
      .run({ trigger: { body: {} }, signal: AbortSignal.abort() });
    expect(trace.status).toBe('cancelled');
    expect(trace.steps).toEqual([]);
  });

  it('refuses an invalid flow with every issue, naming node and field', () => {
    const f = testFlow([trigger(), webService('getDetails', { url: '' })], [['trigger', 'out', 'getDetails']]);
    let error: unknown;
    try {
      runtime().load(f, { fileName: 'flows/x.flow.json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlowLoadError);
    const e = error as FlowLoadError;
    expect(e.issues.some((i) => i.nodeId === 'n-getDetails' && i.severity === 'error')).toBe(true);
    expect(e.message).toContain('flows/x.flow.json');
    expect(e.message).toContain("Web Service 'getDetails'");
    // A message code too, so the designer words it in Japanese (also after crossing a process).
    const copy = JSON.parse(JSON.stringify({ code: e.code, params: e.params })) as Message;
    expect(copy.code).toBe('flow.not-valid');
    expect(formatMessage(copy, 'en')).toBe(e.message);
    const ja = formatMessage(copy, 'ja');
    expect(ja).toMatch(/^flows\/x\.flow\.json は正しいフローではありません（問題 \d+ 件）\n/);
    expect(ja).toContain('「getDetails」');
    expect(ja).toContain('（/nodes/1/config/url）');
    expect(ja).not.toContain('is required');
  });

  it('refuses text that is not JSON, with line and column', () => {
    expect(() => runtime().load('{\n  "id": "x",\n  nope\n}', { fileName: 'bad.flow.json' })).toThrow(
      /line 3, column 3/,
    );
  });
});

describe('createFlowRuntime: credentials and redaction', () => {
  const secret = 'sekret-token-123456';
  const provider: CredentialProvider = {
    get: async (name) => (name === 'api' ? { fields: { token: secret } } : undefined),
  };
  const flow = () =>
    testFlow(
      [
        trigger(),
        webService(
          'echo',
          { url: `${base}/echo-auth`, auth: { type: 'bearer' }, mapping: [{ path: 'youSent', field: 'sent' }] },
          { auth: 'api' },
        ),
        code('leak', 'console.log("header was " + steps.echo.body.youSent); return steps.echo.body;'),
      ],
      [
        ['trigger', 'out', 'echo'],
        ['echo', 'success', 'leak'],
      ],
      { credentials: { api: { kind: 'bearer' } } },
    );

  it('sends the resolved secret but keeps it out of every part of the trace', async () => {
    const trace = await runtime(provider)
      .load(flow())
      .run({ trigger: { body: {} } });
    expect(trace.status).toBe('success');
    expect(seen.at(-1)!.headers.authorization).toBe(`Bearer ${secret}`);
    const text = JSON.stringify(trace);
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(trace.steps[2]!.logs[0]!.message).toBe('header was Bearer [redacted]');
  });

  it('names a missing credential in the failure', async () => {
    const trace = await runtime(noCredentials)
      .load(flow())
      .run({ trigger: { body: {} } });
    expect(trace.status).toBe('failed');
    expect(trace.error?.message).toContain("credential 'api'");
  });
});

describe('ctx.sleep', () => {
  /** The built-in executors with Code replaced by one that sleeps `ms` through its context. */
  function sleeping(ms: number, onSleep: (sleep: Promise<void>) => void) {
    const executors = new Map(NODE_EXECUTORS);
    executors.set('code', {
      type: 'code',
      prepare: () => ({
        async run(ctx) {
          const sleep = ctx.sleep(ms);
          onSleep(sleep);
          await sleep;
          return { port: 'success', output: { slept: ms } };
        },
      }),
    } as AnyNodeExecutor);
    return executors;
  }
  const flow = () => testFlow([trigger(), code('wait', 'return 1;')], [['trigger', 'out', 'wait']]);

  it("returns at once under a recorded run's fast clock, which records the delay", async () => {
    const delays: number[] = [];
    const trace = await runtime(
      noCredentials,
      sleeping(3_600_000, () => {}),
    )
      .load(flow())
      .run({ trigger: { body: {} }, sleep: async (ms) => void delays.push(ms) });
    expect(trace.status).toBe('success');
    expect(trace.steps[1]!.output).toEqual({ slept: 3_600_000 });
    expect(delays).toEqual([3_600_000]);
  });

  it("is cut short by the run's abort signal, rejecting with the run's reason", async () => {
    // Wrapped: resolving with the sleep promise itself would wait for it to settle.
    let started: (box: { sleep: Promise<void> }) => void = () => {};
    const sleepStarted = new Promise<{ sleep: Promise<void> }>((resolve) => (started = resolve));
    const controller = new AbortController();
    const pending = runtime(
      noCredentials,
      sleeping(3_600_000, (sleep) => started({ sleep })),
    )
      .load(flow())
      .run({ trigger: { body: {} }, signal: controller.signal });
    const { sleep } = await sleepStarted;
    controller.abort(new Error('operator stopped it'));
    await expect(sleep).rejects.toMatchObject({ name: 'RunAbortedError', status: 'cancelled' });
    const trace = await pending;
    expect(trace.status).toBe('cancelled');
    expect(trace.error?.message).toBe('the run was cancelled: operator stopped it');
  });
});
