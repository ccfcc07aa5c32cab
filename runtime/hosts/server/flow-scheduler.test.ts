/**
 * The single server's scheduler on a simulated clock and a real history database: ticks from
 * the cron in its zone, no drift, one firing per tick across reloads and restarts, missed ticks
 * fired once (not replayed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TriggerSchedule } from '../../../core/schedule/schedule.js';
import { SimulatedClock } from '../../../test/support/simulated-clock.js';
import { FlowScheduler } from './flow-scheduler.js';
import type { ServedFlow } from './flow-catalog.js';
import { HistoryStore } from './history.js';

const silent = pino({ level: 'silent' });
const iso = (ms: number) => new Date(ms).toISOString();

function served(schedule: TriggerSchedule | undefined, version = 1, id = 'nightly'): ServedFlow {
  return {
    id,
    name: id,
    version,
    source: '',
    flow: { $schema: '', schemaVersion: 1, id, name: id, nodes: [], edges: [] },
    deployedAt: '2026-03-01T00:00:00.000Z',
    deployedBy: 'test',
    trigger: schedule
      ? { kind: 'schedule', nodeName: 'nightly', schedule, personal: [] }
      : {
          kind: 'webhook',
          nodeName: 'hook',
          config: { auth: { type: 'none' }, fields: [] },
          mode: 'async',
          timeoutMs: 1,
          personal: [],
        },
  };
}

interface Firing {
  flow: string;
  version: number;
  tick: string;
  firedAt: string;
}

let dir: string;
let history: HistoryStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowdesk-scheduler-'));
  history = new HistoryStore(join(dir, 'history.db'));
});
afterEach(() => {
  history.close();
  rmSync(dir, { recursive: true, force: true });
});

function scheduler(clock: SimulatedClock, db: HistoryStore = history) {
  const fired: Firing[] = [];
  const s = new FlowScheduler({
    clock,
    ticks: db,
    log: silent,
    fire: async (flow, tick, firedAt) =>
      fired.push({ flow: flow.id, version: flow.version, tick: iso(tick), firedAt: iso(firedAt) }),
  });
  return { s, fired };
}

const tokyoWeekdays: TriggerSchedule = { cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' };
const everyMinute: TriggerSchedule = { cron: '* * * * *', timeZone: 'UTC' };

describe('the scheduler of one server', () => {
  it('fires at the cron ticks in its zone, each next tick from the last: late timers do not drift', () => {
    // Timers fire 250 ms late, as on a busy machine.
    const clock = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'), 250);
    const { s, fired } = scheduler(clock);
    s.serve(served(tokyoWeekdays));
    s.start();
    clock.advanceTo('2026-03-11T00:00:00Z');
    expect(fired).toEqual([
      // Friday noon UTC → Monday, Tuesday, Wednesday 02:00 in Tokyo (17:00 UTC the day before).
      { flow: 'nightly', version: 1, tick: '2026-03-08T17:00:00.000Z', firedAt: '2026-03-08T17:00:00.250Z' },
      { flow: 'nightly', version: 1, tick: '2026-03-09T17:00:00.000Z', firedAt: '2026-03-09T17:00:00.250Z' },
      { flow: 'nightly', version: 1, tick: '2026-03-10T17:00:00.000Z', firedAt: '2026-03-10T17:00:00.250Z' },
    ]);
    expect(iso(s.nextRuns().get('nightly')!)).toBe('2026-03-11T17:00:00.000Z');
  });

  it('a reload with the same schedule keeps the armed tick: it fires once, with the new version', () => {
    const clock = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'));
    const { s, fired } = scheduler(clock);
    s.serve(served(everyMinute, 1));
    s.start();
    clock.advanceTo('2026-03-06T12:00:59.900Z');
    s.serve(served(everyMinute, 2));
    s.serve(served(everyMinute, 3));
    expect(clock.pending()).toEqual(['2026-03-06T12:01:00.000Z']);
    clock.advanceTo('2026-03-06T12:01:30Z');
    expect(fired).toEqual([
      { flow: 'nightly', version: 3, tick: '2026-03-06T12:01:00.000Z', firedAt: '2026-03-06T12:01:00.000Z' },
    ]);
  });

  it('a reload that changes the schedule re-arms it; one that removes it, or a removed flow, stops it', () => {
    const clock = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'));
    const { s, fired } = scheduler(clock);
    s.serve(served(tokyoWeekdays));
    s.start();
    s.serve(served({ cron: '30 12 * * *', timeZone: 'UTC' }, 2));
    expect(clock.pending()).toEqual(['2026-03-06T12:30:00.000Z']);
    clock.advanceTo('2026-03-06T12:45:00Z');
    expect(fired.map((f) => f.tick)).toEqual(['2026-03-06T12:30:00.000Z']);
    // Now a webhook flow: nothing left to fire.
    s.serve(served(undefined, 3));
    expect(clock.pending()).toEqual([]);
    s.serve(served(everyMinute, 4, 'other'));
    s.remove('other');
    clock.advanceTo('2026-03-08T00:00:00Z');
    expect(fired).toHaveLength(1);
  });

  it('after downtime fires once for the latest missed tick, not once per missed tick, then goes on', () => {
    const clock1 = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'));
    const before = scheduler(clock1);
    before.s.serve(served(everyMinute));
    before.s.start();
    clock1.advanceTo('2026-03-06T12:02:30Z');
    before.s.close();
    expect(before.fired.map((f) => f.tick)).toEqual(['2026-03-06T12:01:00.000Z', '2026-03-06T12:02:00.000Z']);

    // Down from 12:02:30 to 12:10:20: ticks 12:03 … 12:10 were missed.
    const clock2 = new SimulatedClock(Date.parse('2026-03-06T12:10:20Z'));
    const after = scheduler(clock2);
    after.s.serve(served(everyMinute));
    after.s.start();
    clock2.advanceTo('2026-03-06T12:12:00Z');
    expect(after.fired).toEqual([
      { flow: 'nightly', version: 1, tick: '2026-03-06T12:10:00.000Z', firedAt: '2026-03-06T12:10:20.000Z' },
      { flow: 'nightly', version: 1, tick: '2026-03-06T12:11:00.000Z', firedAt: '2026-03-06T12:11:00.000Z' },
      { flow: 'nightly', version: 1, tick: '2026-03-06T12:12:00.000Z', firedAt: '2026-03-06T12:12:00.000Z' },
    ]);
  });

  it('a flow that never fired on this database has nothing to catch up on', () => {
    const clock = new SimulatedClock(Date.parse('2026-03-06T12:10:20Z'));
    const { s, fired } = scheduler(clock);
    s.serve(served(everyMinute));
    s.start();
    clock.advanceTo('2026-03-06T12:10:59Z');
    expect(fired).toEqual([]);
  });

  it('a machine that slept through ticks does not replay them one after another', () => {
    const clock = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'));
    const { s, fired } = scheduler(clock);
    s.serve(served(everyMinute));
    s.start();
    // The 12:01 timer fires only at 12:05:10 (the process was stopped meanwhile).
    clock.advanceTo('2026-03-06T12:00:30Z');
    clock.jump('2026-03-06T12:05:10Z');
    clock.advanceTo('2026-03-06T12:06:00Z');
    expect(fired.map((f) => [f.tick, f.firedAt])).toEqual([
      ['2026-03-06T12:01:00.000Z', '2026-03-06T12:05:10.000Z'],
      ['2026-03-06T12:06:00.000Z', '2026-03-06T12:06:00.000Z'],
    ]);
  });

  it('two schedulers on one database fire each tick once (the tick is claimed before it fires)', () => {
    const clock = new SimulatedClock(Date.parse('2026-03-06T12:00:00Z'));
    const a = scheduler(clock);
    const b = scheduler(clock);
    for (const { s } of [a, b]) {
      s.serve(served(everyMinute));
      s.start();
    }
    clock.advanceTo('2026-03-06T12:05:00Z');
    const ticks = [...a.fired, ...b.fired].map((f) => f.tick).sort();
    expect(ticks).toEqual([
      '2026-03-06T12:01:00.000Z',
      '2026-03-06T12:02:00.000Z',
      '2026-03-06T12:03:00.000Z',
      '2026-03-06T12:04:00.000Z',
      '2026-03-06T12:05:00.000Z',
    ]);
  });
});
