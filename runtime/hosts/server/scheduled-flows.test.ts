/**
 * `flowdesk serve` with a scheduled flow, on a simulated clock: each tick is an execution in the
 * history (the firing in its trigger), a reload keeps the tick, the flow has no webhook (404
 * saying so), the admin API lists its next run and starts it by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../test/support/simulated-clock.js';
import { code, testFlow, testNode } from '../../../test/support/test-flows.js';
import type { ExecutionRecord } from './history.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const TOKEN = 'scheduled-flows-deploy-token-01';

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const nightly = (name = 'Nightly sync') =>
  testFlow(
    [
      testNode('scheduleTrigger', 'nightly', { cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' }),
      code('since', 'return { day: trigger.body.local.date, tick: trigger.body.scheduledFor };'),
    ],
    [['nightly', 'out', 'since']],
    { id: 'nightly-sync', name },
  );

describe('flowdesk serve: scheduled flows', () => {
  let dir: string;
  let file: string;
  let server: FlowServer;
  const clock = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'));

  const finished = (flowId: string) =>
    server.history
      .list({ flow: flowId })
      .filter((e) => e.finishedAt !== null)
      .map((e) => server.history.get(e.id)!);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-scheduled-'));
    file = join(dir, 'nightly.flow.json');
    writeFileSync(file, JSON.stringify(nightly()));
    server = await startServer({
      paths: [file],
      port: 0,
      workers: 0,
      db: join(dir, 'history.db'),
      log: silent,
      clock,
      adminTokens: `ci=deploy:${TOKEN}`,
      watch: false,
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each tick as an execution with the firing as its trigger, and runs it', async () => {
    clock.advanceTo('2026-03-09T18:00:00Z');
    const runs = await waitFor(() => {
      const done = finished('nightly-sync');
      return done.length === 2 ? done : undefined;
    }, 'two finished executions');
    const tickOf = (r: ExecutionRecord) => (r.trigger.body as { scheduledFor: string }).scheduledFor;
    const byTick = runs.sort((a, b) => tickOf(a).localeCompare(tickOf(b)));
    expect(byTick.map((r) => r.trigger)).toEqual([
      {
        body: { firedAt: '2026-03-08T17:00:00.000Z', scheduledFor: '2026-03-08T17:00:00.000Z' },
        headers: {},
        query: {},
      },
      {
        body: { firedAt: '2026-03-09T17:00:00.000Z', scheduledFor: '2026-03-09T17:00:00.000Z' },
        headers: {},
        query: {},
      },
    ]);
    expect(byTick.map((r) => [r.status, r.trace!.steps[1]!.output])).toEqual([
      ['success', { day: '2026-03-09', tick: '2026-03-08T17:00:00.000Z' }],
      ['success', { day: '2026-03-10', tick: '2026-03-09T17:00:00.000Z' }],
    ]);
  });

  it('has no webhook: a POST to its route is a 404 saying it runs on a schedule', async () => {
    const response = await fetch(`${server.url}/hooks/nightly-sync`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error:
        "flow 'nightly-sync' runs on a schedule (0 2 * * 1-5, Asia/Tokyo) and has no webhook; start it by hand with POST /api/flows/nightly-sync/run",
      code: 'schedule.no-webhook',
    });
  });

  it('lists the schedule and its next run in the admin API, and starts it by hand', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const list = (await (await fetch(`${server.url}/api/flows`, { headers: auth })).json()) as {
      flows: Record<string, unknown>[];
    };
    expect(list.flows[0]).toMatchObject({
      id: 'nightly-sync',
      webhookUrls: [],
      schedule: { cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' },
      nextRunAt: '2026-03-10T17:00:00.000Z',
    });
    const run = await fetch(`${server.url}/api/flows/nightly-sync/run`, { method: 'POST', headers: auth });
    expect(run.status).toBe(202);
    const { executionId } = (await run.json()) as { executionId: string };
    const record = await waitFor(() => {
      const r = server.history.get(executionId);
      return r?.finishedAt ? r : undefined;
    }, 'the run started by hand');
    expect(record.status).toBe('success');
    const body = record.trigger.body as { firedAt: string; scheduledFor: string };
    expect(body.firedAt).toBe(body.scheduledFor);
    // By hand is at the server's clock, the one its schedules and waits read too.
    expect(body.firedAt).toBe('2026-03-09T18:00:00.000Z');
  });

  it('a new version with the same schedule fires once at the armed tick, as the new version', async () => {
    writeFileSync(file, JSON.stringify(nightly('Nightly sync, renamed')));
    await server.catalog.loadPaths([file], false);
    expect(server.catalog.get('nightly-sync')!.version).toBe(2);
    clock.advanceTo('2026-03-10T18:00:00Z');
    const third = await waitFor(() => {
      const done = finished('nightly-sync').filter(
        (r) => (r.trigger.body as { scheduledFor: string }).scheduledFor === '2026-03-10T17:00:00.000Z',
      );
      return done.length > 0 ? done : undefined;
    }, 'the tick after the reload');
    expect(third.map((r) => r.flowVersion)).toEqual([2]);
  });
});
