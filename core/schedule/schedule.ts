/**
 * Schedules of Schedule triggers: a cron expression in an IANA time zone, optionally only
 * between two times of day. One parser everywhere — cron-parser, the one BullMQ's job schedulers
 * use — so the designer's "next runs" preview, `flowdesk test`, the single server's scheduler and
 * queue mode's job schedulers agree on every firing.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Message } from '../messages/message.js';
import { cronFieldProblem, type CronProblem } from './cron-fields.js';

/** What a trigger's manifest declares for hosts to schedule (`NodeTypeManifest.scheduleOf`). */
export interface TriggerSchedule {
  /** 5 fields (minute first) or 6 (second first), or an alias such as `@daily`. */
  cron: string;
  /** IANA time zone name, e.g. Asia/Tokyo; `UTC` is accepted. */
  timeZone: string;
  /** Ticks outside these local times of day (HH:MM, both included; `from` after `to` spans midnight) are skipped. */
  onlyBetween?: { from: string; to: string };
}

/** The trigger input of one firing: `trigger.body` of the run. */
export interface FiringBody {
  /** When the run was started (ISO 8601, UTC). */
  firedAt: string;
  /** The tick it was started for (ISO 8601, UTC); `firedAt` for a run started by hand. */
  scheduledFor: string;
}

/** How many ticks one search looks at before giving up (a window no tick falls in). */
const MAX_TICKS_SEARCHED = 1000;

/**
 * The problem of a cron expression: a field that does not read (cron-fields.ts), else
 * whatever cron-parser refuses (Feb 30: "Invalid explicit day of month definition").
 */
export function cronProblem(expression: string): CronProblem | undefined {
  const problem = cronFieldProblem(expression);
  if (problem) return problem;
  try {
    CronExpressionParser.parse(expression.trim(), { tz: 'UTC' }).next();
    return undefined;
  } catch (error) {
    return { code: 'cron.invalid', params: { detail: error instanceof Error ? error.message : String(error) } };
  }
}

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Why `name` is not an IANA time zone the runtime knows, or undefined when it is. */
export function timeZoneProblem(name: string): Message | undefined {
  if (IANA_NAME.test(name)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return undefined;
    } catch {
      // Not known to this runtime's time-zone data.
    }
  }
  return { code: 'schedule.time-zone', params: { zone: name } };
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` time, or undefined when it is not one. */
export function minutesOfDay(text: string): number | undefined {
  const m = TIME_OF_DAY.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

const localFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock parts of an instant in a zone (hour 0–23). */
export function localParts(
  ms: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    localFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? ''),
  };
}

/** True when the instant's local time of day is within the schedule's window (or it has none). */
export function withinWindow(ms: number, schedule: TriggerSchedule): boolean {
  const window = schedule.onlyBetween;
  if (!window) return true;
  const from = minutesOfDay(window.from);
  const to = minutesOfDay(window.to);
  if (from === undefined || to === undefined) return true;
  const { hour, minute } = localParts(ms, schedule.timeZone);
  const at = hour * 60 + minute;
  return from <= to ? at >= from && at <= to : at >= from || at <= to;
}

/**
 * True when no tick of the cron falls within the window at any date: no hour and minute the
 * expression names is a time of day between the window's ends.
 */
export function windowNeverMatches(schedule: TriggerSchedule): boolean {
  const window = schedule.onlyBetween;
  const from = window ? minutesOfDay(window.from) : undefined;
  const to = window ? minutesOfDay(window.to) : undefined;
  if (from === undefined || to === undefined) return false;
  const { hour, minute } = CronExpressionParser.parse(schedule.cron.trim()).fields;
  for (const h of hour.values) {
    for (const m of minute.values) {
      const at = h * 60 + m;
      if (from <= to ? at >= from && at <= to : at >= from || at <= to) return false;
    }
  }
  return true;
}

/**
 * The schedule's next ticks strictly after `afterMs`, skipping ticks outside its window; fewer
 * than `count` when no tick falls in the window within the searched span. Throws when the
 * expression or the zone is not valid (check them first).
 */
export function nextFirings(schedule: TriggerSchedule, afterMs: number, count: number): number[] {
  const parse = (after: number) =>
    CronExpressionParser.parse(schedule.cron.trim(), { currentDate: new Date(after), tz: schedule.timeZone });
  if (windowNeverMatches(schedule)) return [];
  let interval = parse(afterMs);
  const out: number[] = [];
  for (let searched = 0; out.length < count && searched < MAX_TICKS_SEARCHED; searched++) {
    const next = interval.next().getTime();
    if (withinWindow(next, schedule)) {
      out.push(next);
      continue;
    }
    // Outside the window: go on from the window's next opening rather than tick by tick (an
    // every-second schedule would otherwise spend the search on one night).
    const opening = windowOpeningAfter(next, schedule);
    if (opening !== undefined && opening > next) interval = parse(opening - 1);
  }
  return out;
}

/** The first instant at or after `ms` whose local time is the window's start. */
function windowOpeningAfter(ms: number, schedule: TriggerSchedule): number | undefined {
  const from = schedule.onlyBetween ? minutesOfDay(schedule.onlyBetween.from) : undefined;
  if (from === undefined) return undefined;
  // The same parser answers "the next local HH:MM in this zone", daylight saving included.
  const daily = CronExpressionParser.parse(`0 ${from % 60} ${Math.floor(from / 60)} * * *`, {
    currentDate: new Date(ms - 1),
    tz: schedule.timeZone,
  });
  return daily.next().getTime();
}

/** The next tick after `afterMs`, or undefined when none falls in the window (see `nextFirings`). */
export function nextFiring(schedule: TriggerSchedule, afterMs: number): number | undefined {
  return nextFirings(schedule, afterMs, 1)[0];
}

/**
 * The latest tick at or before `atMs` (within the window), or undefined when there is none in
 * the searched span. A server that was down uses it to fire once for what it missed.
 */
export function previousFiring(schedule: TriggerSchedule, atMs: number): number | undefined {
  // cron-parser's prev() is strictly before currentDate: start one millisecond later.
  const interval = CronExpressionParser.parse(schedule.cron.trim(), {
    currentDate: new Date(atMs + 1),
    tz: schedule.timeZone,
  });
  for (let searched = 0; searched < MAX_TICKS_SEARCHED; searched++) {
    const previous = interval.prev().getTime();
    if (withinWindow(previous, schedule)) return previous;
  }
  return undefined;
}

/** The trigger body of a firing: for tick `scheduledFor`, started at `firedAt` (the tick itself when absent). */
export function firingBody(scheduledFor: number, firedAt: number = scheduledFor): FiringBody {
  return { firedAt: new Date(firedAt).toISOString(), scheduledFor: new Date(scheduledFor).toISOString() };
}

/** An ISO 8601 date and time with a zone (Z or ±hh:mm), as test cases and `--at` give firing times. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds of an ISO 8601 instant with a zone, or undefined when the text is not one. */
export function parseInstant(text: unknown): number | undefined {
  if (typeof text !== 'string' || !ISO_INSTANT.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
