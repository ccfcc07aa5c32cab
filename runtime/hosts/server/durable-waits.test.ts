/**
 * Durable waits on one `flowdesk serve`: a run reaching a 10-minute Wait holds no worker, is
 * saved as `waiting` with its wake time, survives the server stopping, and goes on after the
 * Wait exactly once when a server on the same database finds it due. The clock is moved on by
 * injection (`now`), never slept. Real server, real worker process, real SQLite, a loopback
 * upstream counting every request.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../../../test/support/http-server.js';
import { testFlow, testNode, trigger, webService } from '../../../test/support/test-flows.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const TOKEN = 'ci-deploy-token-0123456789';
const TEN_MINUTES = 10 * 60_000;

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 45_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('flowdesk serve: durable waits', () => {
  let dir: string;
  let upstream: TestServer;
  const calls: string[] = [];
  const servers: FlowServer[] = [];

  const start = async (now?: () => number) => {
    const server = await startServer({
      paths: [join(dir, 'flows')],
      port: 0,
      workers: 1,
      db: join(dir, 'history.db'),
      log: silent,
      watch: false,
      adminTokens: `ci=deploy:${TOKEN}`,
      shutdownDeadlineMs: 500,
      waitPollMs: 50,
      ...(now ? { now } : {}),
    });
    servers.push(server);
    return server;
  };
  const api = (server: FlowServer, path: string, method = 'GET') =>
    fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  const deliver = async (server: FlowServer, id: string) => {
    const res = await fetch(`${server.url}/hooks/waits`, {
      method: 'POST',
      body: JSON.stringify({ id }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { executionId: string }).executionId;
  };
  const statusOf = (server: FlowServer, id: string, status: string) => () =>
    server.history.get(id)?.status === status ? server.history.get(id) : undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-waits-'));
    mkdirSync(join(dir, 'flows'));
    upstream = await startTestServer((req, res) => {
      calls.push(req.path);
      sendJson(res, 200, { ok: true });
    });
    const u = upstream.url;
    const flow = testFlow(
      [
        trigger(),
        webService('before', { method: 'GET', url: `${u}/before/{{ trigger.body.id }}` }),
        testNode('wait', 'letAnalyticsCatchUp', { mode: 'delay', delay: '10 minutes' }),
        webService('after', { method: 'GET', url: `${u}/after/{{ trigger.body.id }}` }),
      ],
      [
        ['trigger', 'out', 'before'],
        ['before', 'success', 'letAnalyticsCatchUp'],
        ['letAnalyticsCatchUp', 'out', 'after'],
      ],
      { id: 'waits', name: 'Waits' },
    );
    writeFileSync(join(dir, 'flows', 'waits.flow.json'), JSON.stringify(flow));
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'saves a run at a 10-minute wait, lists it with its wake time, and finishes it once after a restart when due',
    { timeout: 90_000 },
    async () => {
      const first = await start();
      const accepted = Date.now();
      const kept = await deliver(first, 'kept');
      const dropped = await deliver(first, 'dropped');
      const waiting = await waitFor(statusOf(first, kept, 'waiting'), 'the execution to wait');
      await waitFor(statusOf(first, dropped, 'waiting'), 'the second execution to wait');
      const wakeAt = Date.parse(waiting.wakeAt!);
      expect(wakeAt).toBeGreaterThanOrEqual(accepted + TEN_MINUTES);
      expect(wakeAt).toBeLessThan(Date.now() + TEN_MINUTES);
      expect(waiting.finishedAt).toBeNull();
      // No worker holds it: the server has nothing in flight while it waits.
      expect(first.history.get(kept)!.trace!.steps.map((s) => s.name)).toEqual([
        'trigger',
        'before',
        'letAnalyticsCatchUp',
      ]);

      const listed = (await (await api(first, '/api/executions?status=waiting')).json()) as {
        executions: { id: string; status: string; wakeAt?: string }[];
      };
      expect(listed.executions.map((e) => e.id).sort()).toEqual([kept, dropped].sort());
      expect(listed.executions.find((e) => e.id === kept)!.wakeAt).toBe(waiting.wakeAt);

      const cancel = await api(first, `/api/executions/${dropped}/cancel`, 'POST');
      expect(cancel.status).toBe(200);
      expect(first.history.get(dropped)).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
      expect(first.history.get(dropped)!.wakeAt).toBeUndefined();
      await first.close();

      // The same database ten minutes and a bit later.
      const second = await start(() => Date.now() + TEN_MINUTES + 60_000);
      const done = await waitFor(statusOf(second, kept, 'success'), 'the execution to go on after its wait');
      expect(done.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'before', 'letAnalyticsCatchUp', 'after']);
      expect(done.trace!.steps[2]!.details).toMatchObject({ wait: { delayMs: TEN_MINUTES } });
      expect(calls.filter((c) => c === '/before/kept')).toHaveLength(1);
      expect(calls.filter((c) => c === '/after/kept')).toHaveLength(1);
      // The cancelled one never went on.
      expect(second.history.get(dropped)!.status).toBe('cancelled');
      expect(calls).not.toContain('/after/dropped');

      const again = await api(second, `/api/executions/${kept}/cancel`, 'POST');
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: string }).error).toBe(
        `execution '${kept}' is success, not waiting: only a waiting execution can be cancelled`,
      );
      await second.close();
    },
  );
});
