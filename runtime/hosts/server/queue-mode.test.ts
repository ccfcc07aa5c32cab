/**
 * Queue mode end to end: a real redis-server, an accepting `flowdesk serve --queue` (in this
 * process), `flowdesk worker` processes spawned as users run them (each with its own flow worker
 * child), one SQLite history, and a loopback upstream that records every request with its
 * Idempotency-Key and can hold its answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../../../test/support/http-server.js';
import { startRedis, type TestRedis } from '../../../test/support/redis-server.js';
import { testFlow, testNode, trigger, webService } from '../../../test/support/test-flows.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'test/support/cli-child.ts');
const DEPLOY_TOKEN = 'ci-deploy-token-0123456789';

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 50_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface UpstreamCall {
  path: string;
  key: string | undefined;
  /** Arrival, ms since the epoch. */
  at: number;
}

/** Records calls; while frozen, holds every answer until `thaw()`. */
async function recordingUpstream() {
  const calls: UpstreamCall[] = [];
  let frozen = false;
  const held: { res: ServerResponse; path: string; key: string | undefined }[] = [];
  /** `/ordered/<call>/<n>` calls: answered after 10 ms; the most at once per call, and their order. */
  const ordered = new Map<string, { running: number; most: number; seen: number[] }>();
  const server: TestServer = await startTestServer((req, res) => {
    const key = req.headers['idempotency-key'] as string | undefined;
    calls.push({ path: req.path, key, at: Date.now() });
    const [, first, call, n] = req.path.split('/');
    if (first === 'limited' && call!.startsWith('429') && calls.filter((c) => c.path === req.path).length === 1) {
      sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
      return;
    }
    if (first === 'ordered') {
      const entry = ordered.get(call!) ?? { running: 0, most: 0, seen: [] };
      ordered.set(call!, entry);
      entry.running++;
      entry.most = Math.max(entry.most, entry.running);
      entry.seen.push(Number(n));
      setTimeout(() => {
        entry.running--;
        sendJson(res, 200, { ok: true });
      }, 10);
      return;
    }
    if (first === 'slow') {
      setTimeout(() => sendJson(res, 200, { path: req.path, ok: true }), 1500);
      return;
    }
    if (frozen) held.push({ res, path: req.path, key });
    else sendJson(res, 200, { path: req.path, ok: true });
  });
  return {
    server,
    calls,
    held,
    ordered,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const h of held.splice(0)) if (!h.res.destroyed) sendJson(h.res, 200, { path: h.path, ok: true });
    },
  };
}

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGKILL to the worker and its flow worker children at once, as when its machine dies. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

function startWorker(queue: string, db: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      'worker',
      '--queue',
      queue,
      '--db',
      db,
      '--concurrency',
      '16',
      '--processes',
      '1',
      // Short, so a killed worker's jobs are taken over within seconds; not shorter, because a
      // worker starved of CPU on a loaded machine must still renew its locks in time (at 3 s a
      // live worker's job was once taken over, and a call repeated that was never in flight).
      '--lock-duration',
      '8000',
      '--stalled-interval',
      '1000',
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const worker: WorkerProcess = {
    child,
    output: () => text,
    async killHard() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
  return waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited:\n${text}`);
      return text.includes('Flowdesk worker:') ? worker : undefined;
    },
    'a worker to start',
    30_000,
  );
}

describe('flowdesk serve --queue with flowdesk worker processes', () => {
  let dir: string;
  let db: string;
  let redis: TestRedis;
  let up: Awaited<ReturnType<typeof recordingUpstream>>;
  let server: FlowServer;
  const workers: WorkerProcess[] = [];
  let flowsDirectory: string;

  const post = (flow: string, body: unknown, headers: Record<string, string> = {}, to = server) =>
    fetch(`${to.url}/hooks/${flow}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });

  const finishedRecord = (executionId: string) =>
    waitFor(() => {
      const r = server.history.get(executionId);
      return r?.finishedAt ? r : undefined;
    }, `execution ${executionId} to finish`);

  /** Two POSTs, each with an idempotency key from the payload. */
  const twoCalls = (id: string, prefix: string) =>
    testFlow(
      [
        trigger(),
        webService('a', {
          method: 'POST',
          url: `${up.server.url}/${prefix}/a`,
          idempotencyKey: '{{ trigger.body.key }}-a',
        }),
        webService('b', {
          method: 'POST',
          url: `${up.server.url}/${prefix}/b`,
          idempotencyKey: '{{ trigger.body.key }}-b',
        }),
      ],
      [
        ['trigger', 'out', 'a'],
        ['a', 'success', 'b'],
      ],
      { id },
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-queue-'));
    db = join(dir, 'history.db');
    const flowsDir = join(dir, 'flows');
    mkdirSync(flowsDir);
    redis = await startRedis();
    up = await recordingUpstream();
    writeFileSync(join(flowsDir, 'load.flow.json'), JSON.stringify(twoCalls('load', 'load')));
    writeFileSync(join(flowsDir, 'poison.flow.json'), JSON.stringify(twoCalls('poison', 'poison')));
    const dedupFlow = (id: string, deduplicate: Record<string, unknown>) => {
      const flow = twoCalls(id, id);
      flow.nodes[0]!.config = { ...flow.nodes[0]!.config, deduplicate };
      return flow;
    };
    writeFileSync(join(flowsDir, 'dedup.flow.json'), JSON.stringify(dedupFlow('dedup', { header: 'X-Delivery-Id' })));
    writeFileSync(join(flowsDir, 'dedup-body.flow.json'), JSON.stringify(dedupFlow('dedup-body', {})));
    flowsDirectory = flowsDir;
    const orderedFlow = testFlow(
      [
        trigger({ orderingKey: '{{ trigger.body.call }}' }),
        webService('post', {
          method: 'POST',
          url: `${up.server.url}/ordered/{{ trigger.body.call }}/{{ trigger.body.n }}`,
          idempotencyKey: '{{ trigger.body.call }}-{{ trigger.body.n }}',
        }),
      ],
      [['trigger', 'out', 'post']],
      { id: 'ordered' },
    );
    writeFileSync(join(flowsDir, 'ordered.flow.json'), JSON.stringify(orderedFlow));
    const syncFlow = (id: string, timeoutMs: number, prefix: string) =>
      testFlow(
        [
          trigger({ response: { mode: 'sync', timeoutMs } }),
          webService('lookup', { method: 'GET', url: `${up.server.url}/${prefix}/{{ trigger.body.name }}` }),
          testNode('respondToWebhook', 'answer', {
            status: 201,
            headers: [{ name: 'X-Looked-Up', value: '{{ steps.lookup.body.path }}' }],
            body: { looked: '{{ steps.lookup.body.path }}', ok: '{{ steps.lookup.body.ok }}' },
          }),
          webService('after', { method: 'GET', url: `${up.server.url}/after/{{ trigger.body.name }}` }),
        ],
        [
          ['trigger', 'out', 'lookup'],
          ['lookup', 'success', 'answer'],
          ['answer', 'out', 'after'],
        ],
        { id },
      );
    const limitedFlow = testFlow(
      [
        trigger(),
        webService(
          'call',
          {
            method: 'GET',
            url: `${up.server.url}/limited/{{ trigger.body.n }}`,
            auth: { type: 'bearer' },
            retry: { maxRetries: 2, initialDelayMs: 10, maxDelayMs: 5000 },
          },
          { auth: 'limited' },
        ),
      ],
      [['trigger', 'out', 'call']],
      { id: 'limited', credentials: { limited: { kind: 'bearer' } } },
    );
    writeFileSync(join(flowsDir, 'limited.flow.json'), JSON.stringify(limitedFlow));
    writeFileSync(join(flowsDir, 'sync.flow.json'), JSON.stringify(syncFlow('sync', 8000, 'sync')));
    writeFileSync(join(flowsDir, 'sync-slow.flow.json'), JSON.stringify(syncFlow('sync-slow', 500, 'slow')));
    server = await startServer({
      paths: [flowsDir],
      port: 0,
      db,
      queue: redis.url,
      watch: false,
      log: silent,
      adminTokens: `ci=deploy:${DEPLOY_TOKEN}`,
    });
  }, 60_000);

  afterAll(async () => {
    up?.thaw();
    for (const w of workers) await w.stop().catch(() => {});
    await server?.close();
    await up?.server.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs 500 deliveries once each when a worker is SIGKILLed mid-run: only in-flight calls repeat, with their first key', async () => {
    workers.push(await startWorker(redis.url, db), await startWorker(redis.url, db));
    const [victim] = workers;
    const keys = Array.from({ length: 500 }, (_, i) => `k${i}`);
    // Sent 25 at a time; every one is accepted (durable, queued) before the next batch.
    for (let i = 0; i < keys.length; i += 25) {
      const answers = await Promise.all(keys.slice(i, i + 25).map((key) => post('load', { key })));
      for (const a of answers) expect(a.status).toBe(202);
    }

    // Mid-run: hold every upstream answer until each running execution waits on one call, so the
    // calls in flight at the kill are exactly the held ones (every finished node is saved).
    // Both workers must have finished jobs before the kill, or the per-worker count below would
    // only see one (a worker slow to warm up can be overtaken by the other for its first 60).
    const workersWithJobs = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return [...text.matchAll(/^flowdesk_queue_worker_jobs_total\{[^}]*\} [1-9]\d*$/gm)].length;
    };
    await waitFor(
      async () =>
        server.history.list({ status: 'success', limit: 1000 }).length >= 60 && (await workersWithJobs()) === 2
          ? true
          : undefined,
      '60 done, by both workers',
    );
    up.freeze();
    await waitFor(async () => {
      const running = server.history.list({ flow: 'load', status: 'running', limit: 1000 }).length;
      await new Promise((r) => setTimeout(r, 200));
      const again = server.history.list({ flow: 'load', status: 'running', limit: 1000 }).length;
      return running > 0 && running === again && up.held.length === running ? true : undefined;
    }, 'every running execution to wait on the upstream');
    const inFlight = new Set(up.held.map((h) => h.key));
    const callsBefore = up.calls.length;
    await victim!.killHard();
    up.thaw();

    const finished = await waitFor(() => {
      const done = server.history.list({ flow: 'load', limit: 1000 }).filter((e) => e.finishedAt !== null);
      return done.length >= 500 ? done : undefined;
    }, '500 executions to finish');

    // 500 of 500 in the history, each delivery once, all successful.
    expect(finished).toHaveLength(500);
    expect(finished.every((e) => e.status === 'success')).toBe(true);
    const bodies = finished.map((e) => (server.history.get(e.id)!.trigger.body as { key: string }).key).sort();
    expect(bodies).toEqual([...keys].sort());

    // At the upstream: every call once, except those in flight at the kill, repeated with the same key.
    const byKey = new Map<string, number>();
    for (const call of up.calls.filter((c) => c.path.startsWith('/load/'))) {
      expect(call.key).toBeDefined();
      byKey.set(call.key!, (byKey.get(call.key!) ?? 0) + 1);
    }
    expect(byKey.size).toBe(1000);
    const repeated = [...byKey].filter(([, n]) => n > 1).map(([key]) => key);
    expect(repeated.length).toBeGreaterThan(0); // the victim had runs in flight
    for (const key of repeated) {
      expect(inFlight.has(key), `${key} repeated but was not in flight at the kill`).toBe(true);
      expect(byKey.get(key)).toBe(2);
    }
    expect(up.calls.length).toBe(1000 + repeated.length);
    expect(callsBefore).toBeLessThan(1000);

    // /metrics of the accepting server: the queue drained, the takeover counted, both workers' jobs.
    // (A job completes in Redis just after its outcome is committed: wait for the last counts.)
    const metrics = await waitFor(async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const jobs = [...text.matchAll(/^flowdesk_queue_worker_jobs_total\{[^}]*\} (\d+)$/gm)];
      return jobs.reduce((sum, m) => sum + Number(m[1]), 0) >= 500 ? text : undefined;
    }, 'the workers to count 500 jobs');
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(value('flowdesk_queue_waiting')).toBe(0);
    expect(value('flowdesk_queue_active')).toBe(0);
    expect(value('flowdesk_queue_stalled_total')).toBeGreaterThanOrEqual(1);
    const perWorker = [...metrics.matchAll(/^flowdesk_queue_worker_jobs_total\{worker="([^"]+)"\} (\d+)$/gm)];
    expect(perWorker).toHaveLength(2);
    expect(perWorker.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(500);
  }, 120_000);

  it('fails a job that kills its worker twice into the failed set and the dead-letter view (poison)', async () => {
    for (const w of workers) await w.stop();
    up.freeze();
    const answer = await post('poison', { key: 'p1' });
    expect(answer.status).toBe(202);
    const { executionId } = (await answer.json()) as { executionId: string };
    const heldCalls = () => up.held.filter((h) => h.key === 'p1-a').length;

    const first = await startWorker(redis.url, db);
    await waitFor(() => (heldCalls() === 1 ? true : undefined), 'the first worker to call the upstream');
    await first.killHard();
    const second = await startWorker(redis.url, db);
    await waitFor(() => (heldCalls() === 2 ? true : undefined), 'the second worker to take the job over');
    await second.killHard();
    up.thaw();
    const third = await startWorker(redis.url, db);
    workers.push(third);

    const record = await waitFor(() => {
      const r = server.history.get(executionId);
      return r?.finishedAt ? r : undefined;
    }, 'the execution to be given up');
    expect(record.status).toBe('failed');
    expect(record.error).toMatchObject({ code: 'poison' });
    expect(record.error?.message).toContain('died 2 times');
    // The third worker did not run it: the upstream saw the two killed attempts only.
    expect(up.calls.filter((c) => c.key === 'p1-a')).toHaveLength(2);
    expect(up.calls.filter((c) => c.key === 'p1-b')).toHaveLength(0);

    const failed = await server.dispatcher!.queue.getFailed();
    expect(failed.map((j) => j.id)).toContain(executionId);
    const deadLetters = (await (
      await fetch(`${server.url}/api/dead-letters?flow=poison`, {
        headers: { authorization: `Bearer ${DEPLOY_TOKEN}` },
      })
    ).json()) as { executions: { id: string; error?: { code?: string } }[] };
    expect(deadLetters.executions).toEqual([
      expect.objectContaining({ id: executionId, error: expect.objectContaining({ code: 'poison' }) }),
    ]);
  }, 120_000);

  it('runs a version deployed through the API on a worker that was already running', async () => {
    const deployed = await fetch(`${server.url}/api/flows/load`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${DEPLOY_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(twoCalls('load', 'v2')),
    });
    expect(deployed.status).toBe(200);
    const answer = await post('load', { key: 'after-deploy' });
    const { executionId } = (await answer.json()) as { executionId: string };
    const record = await waitFor(() => {
      const r = server.history.get(executionId);
      return r?.finishedAt ? r : undefined;
    }, 'the execution on the new version');
    expect(record.status).toBe('success');
    expect(record.flowVersion).toBe(server.catalog.get('load')!.version);
    expect(up.calls.filter((c) => c.key?.startsWith('after-deploy')).map((c) => c.path)).toEqual(['/v2/a', '/v2/b']);
  }, 60_000);

  it('runs a redelivered webhook once, whichever accepting server gets it (delivery key header, or body hash)', async () => {
    const second = await startServer({
      paths: [flowsDirectory],
      port: 0,
      db,
      queue: redis.url,
      watch: false,
      log: silent,
    });
    try {
      const first = await post('dedup', { key: 'd1' }, { 'x-delivery-id': 'delivery-1' });
      expect(first.status).toBe(202);
      const { executionId } = (await first.json()) as { executionId: string };
      // The sender retries (another body even) through the other server: nothing runs again.
      const again = await post('dedup', { key: 'd1-retry' }, { 'x-delivery-id': 'delivery-1' }, second);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ executionId, duplicate: true });
      const other = await post('dedup', { key: 'd2' }, { 'x-delivery-id': 'delivery-2' }, second);
      expect(other.status).toBe(202);

      // Without a header the body is the key.
      const byBody = await post('dedup-body', { key: 'b1' });
      const byBodyAgain = await post('dedup-body', { key: 'b1' }, {}, second);
      const otherBody = await post('dedup-body', { key: 'b2' });
      expect([byBody.status, byBodyAgain.status, otherBody.status]).toEqual([202, 200, 202]);
      const bodyId = ((await byBody.json()) as { executionId: string }).executionId;
      expect(((await byBodyAgain.json()) as { executionId: string }).executionId).toBe(bodyId);

      const otherId = ((await other.json()) as { executionId: string }).executionId;
      const otherBodyId = ((await otherBody.json()) as { executionId: string }).executionId;
      for (const id of [executionId, otherId, bodyId, otherBodyId])
        expect((await finishedRecord(id)).status).toBe('success');
      expect(
        server.history
          .list({ flow: 'dedup' })
          .map((e) => e.id)
          .sort(),
      ).toEqual([executionId, otherId].sort());
      expect(server.history.list({ flow: 'dedup-body' })).toHaveLength(2);
      expect(
        up.calls
          .filter((c) => c.path === '/dedup/a')
          .map((c) => c.key)
          .sort(),
      ).toEqual(['d1-a', 'd2-a']);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('runs deliveries with the same ordering key one at a time in arrival order across two workers', async () => {
    while (workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).length < 2) {
      workers.push(await startWorker(redis.url, db));
    }
    const calls = ['call-a', 'call-b', 'call-c'];
    const perCall = 12;
    const ids: string[] = [];
    // Each call's events are sent one after the other (that is their arrival order); calls in parallel.
    await Promise.all(
      calls.map(async (call) => {
        for (let n = 0; n < perCall; n++) {
          const answer = await post('ordered', { call, n });
          expect(answer.status).toBe(202);
          ids.push(((await answer.json()) as { executionId: string }).executionId);
        }
      }),
    );
    for (const id of ids) expect((await finishedRecord(id)).status).toBe('success');
    for (const call of calls) {
      const seen = up.ordered.get(call)!;
      expect(seen.seen).toEqual(Array.from({ length: perCall }, (_, n) => n));
      expect(seen.most).toBe(1);
    }
  }, 90_000);

  it("answers a sync caller with the Respond node's answer from a worker, or 504 after the trigger's timeout", async () => {
    const answer = await post('sync', { name: 'ada' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-looked-up')).toBe('/sync/ada');
    expect(await answer.json()).toEqual({ looked: '/sync/ada', ok: true });
    const executionId = answer.headers.get('x-flowdesk-execution-id')!;
    const record = await finishedRecord(executionId);
    expect(record.status).toBe('success');
    expect(record.trace!.steps.map((step) => step.name)).toEqual(['trigger', 'lookup', 'answer', 'after']);

    const late = await post('sync-slow', { name: 'bob' });
    expect(late.status).toBe(504);
    const lateId = ((await late.json()) as { executionId: string }).executionId;
    expect((await finishedRecord(lateId)).status).toBe('success'); // the run went on
    expect(up.calls.some((c) => c.path === '/after/bob')).toBe(true);
  }, 60_000);

  it("holds a credential's rate limit across two workers, and still honours a 429's Retry-After", async () => {
    for (const w of workers) await w.stop();
    const env = { FLOWDESK_CRED_LIMITED_TOKEN: 'limited-token-value', FLOWDESK_CRED_LIMITED_RATE_LIMIT: '5/s' };
    workers.push(await startWorker(redis.url, db, env), await startWorker(redis.url, db, env));
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const answer = await post('limited', { n });
        return ((await answer.json()) as { executionId: string }).executionId;
      }),
    );
    for (const id of ids) expect((await finishedRecord(id)).status).toBe('success');
    const arrivals = up.calls.filter((c) => /^\/limited\/\d+$/.test(c.path)).map((c) => c.at);
    expect(arrivals).toHaveLength(20);
    // 5 per second for both workers together: 20 requests need four windows, so the last one
    // comes at least 3 s after the first (two budgets of 5 would need two windows, 1 s).
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(2800);

    const limitedAnswer = await post('limited', { n: '429-once' });
    const record = await finishedRecord(((await limitedAnswer.json()) as { executionId: string }).executionId);
    expect(record.status).toBe('success');
    const attempts = up.calls.filter((c) => c.path === '/limited/429-once').map((c) => c.at);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900); // Retry-After: 1, not the 10 ms backoff
  }, 90_000);
});
