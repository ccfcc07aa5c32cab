/**
 * A clock for tests where the point is time: `now()` moves only when the test advances it, and
 * timers due by then fire in order of their due time (a timer set by a firing that is due within
 * the same advance fires too). No test waits on the real clock.
 */
import type { SchedulerClock } from '../../runtime/hosts/server/flow-scheduler.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class SimulatedClock implements SchedulerClock {
  private timers: Timer[] = [];
  private seq = 0;

  /** `lateBy`: timers fire this long after they are due, as on a busy machine. */
  constructor(
    private current: number,
    private readonly lateBy = 0,
  ) {}

  now(): number {
    return this.current;
  }

  setTimer(fire: () => void, ms: number): unknown {
    const timer: Timer = { at: this.current + Math.max(ms, 0) + this.lateBy, seq: this.seq++, fire };
    this.timers.push(timer);
    return timer;
  }

  clearTimer(timer: unknown): void {
    this.timers = this.timers.filter((t) => t !== timer);
  }

  /** Timers still armed, by due time (ISO). */
  pending(): string[] {
    return [...this.timers].sort((a, b) => a.at - b.at).map((t) => new Date(t.at).toISOString());
  }

  /** Moves time forward to `to` (ms or ISO), firing every timer due on the way. */
  advanceTo(to: number | string): void {
    const until = typeof to === 'string' ? Date.parse(to) : to;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fire();
    }
    this.current = Math.max(this.current, until);
  }

  /** Moves time to `to` without firing anything on the way, as a process stopped meanwhile. */
  jump(to: string): void {
    this.current = Date.parse(to);
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
