/**
 * Scheduled flows in queue mode: two accepting servers on a real redis-server serve the same
 * flow firing every second; BullMQ's job scheduler makes each tick one firing across both. The
 * servers keep separate history files here on purpose: the SQLite tick claim a shared file adds
 * cannot hide a second firing, so only Redis stands between a tick and a duplicate. When one
 * server stops, the other goes on firing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../test/support/redis-server.js';
import { code, testFlow, testNode } from '../../../test/support/test-flows.js';
import type { QueueSchedules } from './queue-schedules.js';
import { scheduledExecutionId } from './queue-schedules.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('flowdesk serve --queue: scheduled flows', () => {
  let dir: string;
  let redis: TestRedis;
  const servers: FlowServer[] = [];

  /** Every stored firing of the flow on one server: its tick. */
  const ticksOf = (server: FlowServer) =>
    server.history
      .list({ flow: 'every-second', limit: 1000 })
      .map((e) => (server.history.get(e.id)!.trigger.body as { scheduledFor: string }).scheduledFor);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-queue-schedules-'));
    redis = await startRedis();
    const file = join(dir, 'every-second.flow.json');
    writeFileSync(
      file,
      JSON.stringify(
        testFlow(
          [testNode('scheduleTrigger', 'tick', { cron: '* * * * * *', timeZone: 'UTC' }), code('c', 'return 1;')],
          [['tick', 'out', 'c']],
          { id: 'every-second' },
        ),
      ),
    );
    for (const name of ['a', 'b']) {
      servers.push(
        await startServer({
          paths: [file],
          port: 0,
          db: join(dir, `history-${name}.db`),
          log: silent,
          queue: redis.url,
          watch: false,
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires each tick once across both servers, as one job scheduler', async () => {
    const [a, b] = servers as [FlowServer, FlowServer];
    const all = await waitFor(() => {
      const ticks = [...ticksOf(a), ...ticksOf(b)];
      return ticks.length >= 6 ? ticks : undefined;
    }, 'six firings');
    expect(new Set(all).size).toBe(all.length);
    for (const tick of all) expect(tick).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    const schedulers = await (a.schedules as QueueSchedules).queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([['flow:every-second', '* * * * * *', 'UTC']]);
    // Stored under the id both servers would give the tick, so a job run twice stores it once.
    // Either server may have taken every job so far: read the one that stored a firing.
    const holder = [a, b].find((s) => s.history.list({ flow: 'every-second', limit: 1 }).length > 0)!;
    const stored = holder.history.list({ flow: 'every-second', limit: 1 })[0]!;
    const tick = (holder.history.get(stored.id)!.trigger.body as { scheduledFor: string }).scheduledFor;
    expect(stored.id).toBe(scheduledExecutionId('every-second', Date.parse(tick)));
  });

  it('a reload on one server (the same schedule upserted again) adds no firing, and the other goes on alone', async () => {
    const [a, b] = servers as [FlowServer, FlowServer];
    (a.schedules as QueueSchedules).serve(a.catalog.get('every-second')!);
    (b.schedules as QueueSchedules).serve(b.catalog.get('every-second')!);
    const seenOnB = ticksOf(b).length;
    const firedByA = ticksOf(a);
    await a.close();
    const afterStop = await waitFor(() => {
      const ticks = ticksOf(b);
      return ticks.length >= seenOnB + 3 ? ticks : undefined;
    }, 'three more firings on the server left');
    const all = [...firedByA, ...afterStop];
    expect(new Set(all).size).toBe(all.length);
  });
});
