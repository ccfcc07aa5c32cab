/**
 * Fires the scheduled flows of one `flowdesk serve` (without `--queue`; queue mode uses BullMQ's
 * job schedulers, queue-schedules.ts). Each firing is an execution in the history, as a webhook
 * delivery is. Firings come from core/schedule (cron-parser, the parser BullMQ uses too):
 *
 * - each next tick is computed from the last one (never "now + period"), so nothing drifts;
 * - a reload with the same schedule keeps the armed timer (the new version runs at the tick), and
 *   every tick is claimed in the database before it fires, so a tick fires once;
 * - missed ticks are not replayed: a server that was down (or a machine that slept) fires once
 *   for the latest tick it missed, if the flow had fired on this database before, then goes on
 *   from the next tick. That is what queue mode does too (BullMQ keeps one pending job per
 *   scheduler, which runs late once).
 */
import type { Logger } from 'pino';
import { nextFiring, previousFiring, type TriggerSchedule } from '../../../core/schedule/schedule.js';
import type { ServedFlow } from './flow-catalog.js';

/** Node's timers overflow past 2^31-1 ms (about 24.8 days) and fire at once: longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The scheduler's sense of time; tests pass a simulated one. */
export interface SchedulerClock {
  now(): number;
  setTimer(fire: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer(fire, ms) {
    const timer = setTimeout(fire, ms);
    // A pending firing never keeps a closing process alive.
    timer.unref();
    return timer;
  },
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** Where fired ticks are recorded (the history database). */
export interface TickStore {
  lastScheduledTick(flowId: string): number | undefined;
  claimScheduledTick(flowId: string, tick: number): boolean;
}

export interface FlowSchedulerOptions {
  clock?: SchedulerClock;
  ticks: TickStore;
  /** Starts one execution of `flow` for `tick`, fired at `firedAt`. */
  fire(flow: ServedFlow, tick: number, firedAt: number): Promise<unknown>;
  log: Logger;
}

interface Entry {
  flow: ServedFlow;
  schedule: TriggerSchedule;
  /** The schedule as text, to tell a reload that changes it from one that does not. */
  key: string;
  next?: number;
  timer?: unknown;
}

export class FlowScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: SchedulerClock;
  private started = false;

  constructor(private readonly o: FlowSchedulerOptions) {
    this.clock = o.clock ?? systemClock;
  }

  /** A flow is served (start, reload, deploy, rollback): schedule it, or stop scheduling a flow that lost its schedule. */
  serve(flow: ServedFlow): void {
    if (flow.trigger.kind !== 'schedule') {
      this.remove(flow.id);
      return;
    }
    const schedule = flow.trigger.schedule;
    const key = JSON.stringify(schedule);
    const existing = this.entries.get(flow.id);
    if (existing && existing.key === key) {
      // Same schedule: the armed tick stays; it runs the version served at that moment.
      existing.flow = flow;
      return;
    }
    if (existing) this.disarm(existing);
    const entry: Entry = { flow, schedule, key };
    this.entries.set(flow.id, entry);
    if (this.started) this.arm(entry, this.clock.now());
  }

  remove(flowId: string): void {
    const entry = this.entries.get(flowId);
    if (!entry) return;
    this.disarm(entry);
    this.entries.delete(flowId);
  }

  /** Starts firing (once the server accepts work): catches up once where a tick was missed. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const now = this.clock.now();
    for (const entry of this.entries.values()) {
      this.catchUp(entry, now);
      this.arm(entry, now);
    }
  }

  /** The next tick each scheduled flow fires at. */
  nextRuns(): Map<string, number | undefined> {
    return new Map([...this.entries].map(([id, entry]) => [id, entry.next]));
  }

  close(): void {
    this.started = false;
    for (const entry of this.entries.values()) this.disarm(entry);
  }

  private catchUp(entry: Entry, now: number): void {
    const last = this.o.ticks.lastScheduledTick(entry.flow.id);
    // A flow that never fired here has nothing it missed.
    if (last === undefined) return;
    const missed = previousFiring(entry.schedule, now);
    if (missed !== undefined && missed > last) {
      this.o.log.info(
        { flowId: entry.flow.id, tick: new Date(missed).toISOString() },
        'the server was down at a scheduled tick: firing once for the latest one missed',
      );
      this.fire(entry, missed, now);
    }
  }

  /** Arms the timer for the first tick after `after`. */
  private arm(entry: Entry, after: number): void {
    const next = nextFiring(entry.schedule, after);
    entry.next = next;
    if (next === undefined) {
      this.o.log.warn({ flowId: entry.flow.id }, 'the schedule has no next tick; the flow is not fired');
      return;
    }
    this.wait(entry);
  }

  private wait(entry: Entry): void {
    const delay = Math.min(Math.max(entry.next! - this.clock.now(), 0), MAX_TIMER_MS);
    entry.timer = this.clock.setTimer(() => this.wake(entry), delay);
  }

  private wake(entry: Entry): void {
    entry.timer = undefined;
    if (!this.started || this.entries.get(entry.flow.id) !== entry || entry.next === undefined) return;
    const now = this.clock.now();
    // Early (a timer capped at MAX_TIMER_MS, or a clock that moved back): wait the rest.
    if (now < entry.next) return this.wait(entry);
    const tick = entry.next;
    this.fire(entry, tick, now);
    // From the tick just fired, unless it is long past: then from now, so ticks missed while
    // the machine slept are not replayed one after another.
    this.arm(entry, Math.max(tick, now));
  }

  private fire(entry: Entry, tick: number, firedAt: number): void {
    const flowId = entry.flow.id;
    if (!this.o.ticks.claimScheduledTick(flowId, tick)) return;
    this.o
      .fire(entry.flow, tick, firedAt)
      .catch((error: unknown) =>
        this.o.log.error(
          { flowId, tick: new Date(tick).toISOString(), err: error instanceof Error ? error.message : String(error) },
          'a scheduled firing could not be stored',
        ),
      );
  }

  private disarm(entry: Entry): void {
    if (entry.timer !== undefined) this.clock.clearTimer(entry.timer);
    entry.timer = undefined;
  }
}
