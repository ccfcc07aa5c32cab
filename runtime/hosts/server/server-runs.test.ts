/**
 * `flowdesk serve` behaviours around runs: sync answers and the 504 path, ordering keys, hot
 * reload with a broken edit, and a worker killed mid-run. Real server, real worker processes,
 * real SQLite, a mock upstream that can hold requests until the test releases them.
 */
import type { ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type SeenRequest, type TestServer } from '../../../test/support/http-server.js';
import { code, testFlow, testNode, trigger, webService } from '../../../test/support/test-flows.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 45_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An upstream whose `/hold/<name>` requests wait until `release(name)`; others answer at once. */
async function holdingUpstream() {
  const held = new Map<string, ServerResponse[]>();
  const order: string[] = [];
  const server: TestServer = await startTestServer((req: SeenRequest, res) => {
    const name = req.path.split('/')[2]!.split('?')[0]!;
    order.push(name);
    if (req.path.startsWith('/hold/')) {
      const list = held.get(name) ?? [];
      list.push(res);
      held.set(name, list);
      return;
    }
    sendJson(res, 200, { name, ok: true });
  });
  return {
    server,
    order,
    heldCount: (name: string) => held.get(name)?.length ?? 0,
    release(name: string) {
      for (const res of held.get(name) ?? []) sendJson(res, 200, { name, released: true });
      held.delete(name);
    },
    releaseAll() {
      for (const name of [...held.keys()]) this.release(name);
    },
  };
}

const post = (server: FlowServer, flow: string, body: unknown) =>
  fetch(`${server.url}/hooks/${flow}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('flowdesk serve: runs', () => {
  let dir: string;
  let flowsDir: string;
  let up: Awaited<ReturnType<typeof holdingUpstream>>;
  let server: FlowServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-serve-runs-'));
    flowsDir = join(dir, 'flows');
    mkdirSync(flowsDir);
    up = await holdingUpstream();
    const u = up.server.url;
    const respond = (name: string, config: Record<string, unknown>) => testNode('respondToWebhook', name, config);
    const files: Record<string, unknown> = {
      'sync.flow.json': testFlow(
        [
          trigger({ response: { mode: 'sync', timeoutMs: 6000 } }),
          webService('lookup', { method: 'GET', url: `${u}/{{ trigger.body.mode }}/{{ trigger.body.name }}` }),
          respond('answer', {
            status: 201,
            headers: [{ name: 'X-Looked-Up', value: '{{ steps.lookup.body.name }}' }],
            body: { customer: '{{ steps.lookup.body.name }}', released: '{{ steps.lookup.body.released }}' },
          }),
          code('after', 'return { afterAnswer: true };'),
        ],
        [
          ['trigger', 'out', 'lookup'],
          ['lookup', 'success', 'answer'],
          ['answer', 'out', 'after'],
        ],
        { id: 'sync', name: 'Sync' },
      ),
      'ordered.flow.json': testFlow(
        [
          trigger({ orderingKey: '{{ trigger.body.conversationId }}' }),
          webService('notify', { method: 'GET', url: `${u}/{{ trigger.body.mode }}/{{ trigger.body.event }}` }),
        ],
        [['trigger', 'out', 'notify']],
        { id: 'ordered', name: 'Ordered' },
      ),
      'steps.flow.json': testFlow(
        [
          trigger(),
          // A POST: a node with side effects, after which the server saves the run.
          webService('first', {
            method: 'POST',
            url: `${u}/now/first-{{ trigger.body.id }}`,
            body: { type: 'json', json: { id: '{{ trigger.body.id }}' } },
          }),
          webService('second', {
            method: 'POST',
            url: `${u}/hold/second-{{ trigger.body.id }}`,
            body: { type: 'json', json: { first: '{{ steps.first.body.name }}' } },
            idempotencyKey: 'second-{{ trigger.body.id }}',
          }),
          code('merge', 'return { first: steps.first.body.name, second: steps.second.body.name };'),
        ],
        [
          ['trigger', 'out', 'first'],
          ['first', 'success', 'second'],
          ['second', 'success', 'merge'],
        ],
        { id: 'steps', name: 'Steps' },
      ),
    };
    for (const [name, flow] of Object.entries(files)) writeFileSync(join(flowsDir, name), JSON.stringify(flow));
    server = await startServer({
      paths: [flowsDir],
      port: 0,
      workers: 2,
      db: join(dir, 'h.db'),
      log: silent,
      shutdownDeadlineMs: 500,
    });
  }, 60_000);

  afterAll(async () => {
    up?.releaseAll();
    await server?.close();
    await up?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a sync caller with the Respond node’s status, headers and body; the run goes on after', async () => {
    const res = await post(server, 'sync', { mode: 'now', name: 'ann' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-looked-up')).toBe('ann');
    // A template that finds nothing leaves its key out of the JSON body.
    expect(await res.json()).toEqual({ customer: 'ann' });
    const id = res.headers.get('x-flowdesk-execution-id')!;
    const record = await waitFor(() => {
      const e = server.history.get(id);
      return e?.status === 'success' ? e : undefined;
    }, 'the sync execution');
    expect(record.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'lookup', 'answer', 'after']);
    expect(record.trace!.response).toMatchObject({ status: 201, nodeName: 'answer' });
  });

  it('gives a sync caller 504 after the timeout while the run goes on to the end', { timeout: 60_000 }, async () => {
    const res = await post(server, 'sync', { mode: 'hold', name: 'slow' });
    expect(res.status).toBe(504);
    const { executionId, error } = (await res.json()) as { executionId: string; error: string };
    expect(error).toBe('the flow did not answer within 6000 ms; it goes on running');
    expect(['queued', 'running']).toContain(server.history.get(executionId)!.status);
    await waitFor(() => (up.heldCount('slow') === 1 ? true : undefined), 'the slow request');
    up.release('slow');
    const record = await waitFor(() => {
      const e = server.history.get(executionId);
      return e?.status === 'success' ? e : undefined;
    }, 'the slow sync execution');
    expect(record.trace!.response!.body).toEqual({ customer: 'slow', released: true });
  });

  it('runs deliveries with the same ordering key one at a time in arrival order, others in parallel', async () => {
    up.order.length = 0;
    const start = await post(server, 'ordered', { conversationId: 'conv-1', mode: 'hold', event: 'start' });
    await waitFor(() => (up.heldCount('start') === 1 ? true : undefined), 'the start event at the upstream');
    const end = await post(server, 'ordered', { conversationId: 'conv-1', mode: 'now', event: 'end' });
    const other = await post(server, 'ordered', { conversationId: 'conv-2', mode: 'now', event: 'other' });
    expect([start.status, end.status, other.status]).toEqual([202, 202, 202]);
    const ids = await Promise.all(
      [start, end, other].map(async (r) => ((await r.json()) as { executionId: string }).executionId),
    );
    // conv-2 is not held up by conv-1's first event, while conv-1's end waits for it.
    await waitFor(() => (up.order.includes('other') ? true : undefined), "the other conversation's event");
    expect(up.order).not.toContain('end');
    expect(server.history.get(ids[1]!)!.status).toBe('queued');
    // ...and conv-1's end runs only once its start has finished.
    up.release('start');
    await waitFor(
      () => (ids.every((id) => server.history.get(id)?.status === 'success') ? true : undefined),
      'all three executions',
    );
    expect(up.order).toEqual(['start', 'other', 'end']);
  });

  it('reloads an edited flow file; a broken edit keeps the last good version serving and says why', async () => {
    const file = join(flowsDir, 'hot.flow.json');
    const version = (n: number) =>
      testFlow([trigger(), code('which', `return { version: ${n} };`)], [['trigger', 'out', 'which']], {
        id: 'hot',
        name: 'Hot',
      });
    const outputOf = async () => {
      const res = await post(server, 'hot', {});
      const { executionId } = (await res.json()) as { executionId: string };
      const e = await waitFor(() => {
        const r = server.history.get(executionId);
        return r?.status === 'success' ? r : undefined;
      }, 'the hot execution');
      return e.trace!.steps[1]!.output;
    };
    writeFileSync(file, JSON.stringify(version(1)));
    await waitFor(() => server.catalog.get('hot'), 'the new file to be served');
    expect(await outputOf()).toEqual({ version: 1 });

    const broken = version(2);
    broken.edges.push({ from: 'n-which', port: 'nope', to: 'n-trigger' });
    writeFileSync(file, JSON.stringify(broken));
    const problem = await waitFor(() => server.catalog.problemList().find((p) => p.file === file), 'the broken edit');
    expect(problem.keptVersion).toBe(1);
    expect(problem.message).toMatch(/hot\.flow\.json is not a valid flow/);
    expect(problem.issues.some((i) => i.severity === 'error')).toBe(true);
    expect(await outputOf()).toEqual({ version: 1 });

    writeFileSync(file, JSON.stringify(version(3)));
    await waitFor(() => (server.catalog.get('hot')?.version === 2 ? true : undefined), 'the fixed edit');
    expect(server.catalog.problemList().find((p) => p.file === file)).toBeUndefined();
    expect(await outputOf()).toEqual({ version: 3 });
  });

  it(
    'replaces a worker killed mid-run, keeps serving, and resumes the accepted delivery once',
    { timeout: 60_000 },
    async () => {
      const res = await post(server, 'ordered', { conversationId: 'k-1', mode: 'hold', event: 'killed' });
      const { executionId } = (await res.json()) as { executionId: string };
      await waitFor(() => (up.heldCount('killed') === 1 ? true : undefined), 'the run to reach the upstream');
      const pid = server.runner.pidRunning(executionId)!;
      const before = server.runner.pids();
      expect(before).toContain(pid);
      process.kill(pid, 'SIGKILL');

      // The server keeps answering while the worker is replaced.
      const meanwhile = await post(server, 'ordered', { conversationId: 'k-2', mode: 'now', event: 'meanwhile' });
      expect(meanwhile.status).toBe(202);

      // The accepted delivery is run again: the upstream sees its request a second time.
      await waitFor(() => (up.heldCount('killed') === 2 ? true : undefined), 'the resumed run');
      up.release('killed');
      const record = await waitFor(() => {
        const e = server.history.get(executionId);
        return e?.status === 'success' ? e : undefined;
      }, 'the resumed execution');
      expect(record.attempts).toBe(2);
      await waitFor(() => (server.runner.pids().length === 2 ? true : undefined), 'a replacement worker');
      expect(server.runner.pids()).not.toContain(pid);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/flowdesk_worker_restarts_total 1/);
    },
  );

  it(
    'resumes a run whose worker was killed from its last finished node with side effects: that node does not run again, the one in flight does with the same idempotency key',
    { timeout: 60_000 },
    async () => {
      const res = await post(server, 'steps', { id: 'r1' });
      expect(res.status).toBe(202);
      const { executionId } = (await res.json()) as { executionId: string };
      await waitFor(() => (up.heldCount('second-r1') === 1 ? true : undefined), 'the run to reach the second node');
      process.kill(server.runner.pidRunning(executionId)!, 'SIGKILL');

      await waitFor(() => (up.heldCount('second-r1') === 2 ? true : undefined), 'the resumed second node');
      up.release('second-r1');
      const record = await waitFor(() => {
        const e = server.history.get(executionId);
        return e?.status === 'success' ? e : undefined;
      }, 'the resumed execution');

      // Requests each node made, counted at the upstream.
      const seen = up.server.seen.filter((r) => r.path.endsWith('-r1'));
      expect(seen.filter((r) => r.path === '/now/first-r1')).toHaveLength(1);
      const second = seen.filter((r) => r.path === '/hold/second-r1');
      expect(second.map((r) => r.headers['idempotency-key'])).toEqual(['second-r1', 'second-r1']);
      expect(second.map((r) => r.json)).toEqual([{ first: 'first-r1' }, { first: 'first-r1' }]);
      // One trace, each node once, the resumed node's output taken from the saved state.
      expect(record.attempts).toBe(2);
      expect(record.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'first', 'second', 'merge']);
      expect(record.trace!.steps[3]!.output).toEqual({ first: 'first-r1', second: 'second-r1' });
      expect(record.trace!.runId).toBe(executionId);
      // A finished run keeps no state: it is unredacted run data with no use left.
      expect(server.history.runState(executionId)).toBeUndefined();
    },
  );

  it(
    'marks an execution that kills its worker twice as failed (poison), not run again',
    { timeout: 60_000 },
    async () => {
      const res = await post(server, 'ordered', { conversationId: 'p-1', mode: 'hold', event: 'poison' });
      const { executionId } = (await res.json()) as { executionId: string };
      for (const attempt of [1, 2]) {
        await waitFor(() => (up.heldCount('poison') === attempt ? true : undefined), `attempt ${attempt}`);
        const pid = await waitFor(() => server.runner.pidRunning(executionId), 'the worker running it');
        process.kill(pid, 'SIGKILL');
      }
      const record = await waitFor(() => {
        const e = server.history.get(executionId);
        return e?.status === 'failed' ? e : undefined;
      }, 'the poison execution');
      expect(record.error?.code).toBe('poison');
      expect(record.error?.message).toMatch(/died 2 times/);
      up.release('poison');
      // The next delivery with the same key is not blocked behind it.
      const next = await post(server, 'ordered', { conversationId: 'p-1', mode: 'now', event: 'after-poison' });
      const nextId = ((await next.json()) as { executionId: string }).executionId;
      await waitFor(() => (server.history.get(nextId)?.status === 'success' ? true : undefined), 'the next delivery');
    },
  );
});

describe('flowdesk serve: restart', () => {
  it(
    'resumes an execution a stopped server left running from its saved state, and keeps the admin API off without tokens',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'flowdesk-serve-restart-'));
      const up = await holdingUpstream();
      try {
        const flows = join(dir, 'flows');
        mkdirSync(flows);
        writeFileSync(
          join(flows, 'f.flow.json'),
          JSON.stringify(
            testFlow(
              [
                trigger(),
                // A POST (side effects): the server saves the run after it.
                webService('first', {
                  method: 'POST',
                  url: `${up.server.url}/now/first`,
                  body: { type: 'json', json: {} },
                }),
                webService('call', { method: 'GET', url: `${up.server.url}/{{ trigger.body.mode }}/x` }),
              ],
              [
                ['trigger', 'out', 'first'],
                ['first', 'success', 'call'],
              ],
              {
                id: 'f',
                name: 'F',
              },
            ),
          ),
        );
        const db = join(dir, 'h.db');
        const first = await startServer({
          paths: [flows],
          port: 0,
          workers: 1,
          db,
          log: silent,
          shutdownDeadlineMs: 200,
        });
        const res = await post(first, 'f', { mode: 'hold' });
        const { executionId } = (await res.json()) as { executionId: string };
        await waitFor(() => (up.heldCount('x') === 1 ? true : undefined), 'the first run');
        // A stop with a run still going: it is saved to resume, not counted as a death.
        await first.close();
        up.release('x');

        const second = await startServer({ paths: [flows], port: 0, workers: 1, db, log: silent });
        try {
          await waitFor(() => (up.heldCount('x') === 1 ? true : undefined), 'the resumed run');
          up.release('x');
          const record = await waitFor(() => {
            const e = second.history.get(executionId);
            return e?.status === 'success' ? e : undefined;
          }, 'the resumed execution');
          expect(record.attempts).toBe(1);
          // It went on from its saved state: the node that had finished did not run again.
          expect(up.order).toEqual(['first', 'x', 'x']);
          expect(record.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'first', 'call']);
          const off = await fetch(`${second.url}/api/flows`);
          expect(off.status).toBe(404);
          expect(((await off.json()) as { error: string }).error).toMatch(/admin API is off/);
        } finally {
          await second.close();
        }
      } finally {
        await up.server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
