import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages/format.js';
import {
  cronProblem,
  firingBody,
  nextFirings,
  parseInstant,
  previousFiring,
  timeZoneProblem,
  withinWindow,
  type TriggerSchedule,
} from './schedule.js';

const iso = (ms: number[]) => ms.map((m) => new Date(m).toISOString());
const words = (expression: string, lang: 'en' | 'ja' = 'en') => {
  const problem = cronProblem(expression);
  return problem ? formatMessage(problem, lang) : undefined;
};

describe('cron expressions', () => {
  it('accepts what admins write: 5 or 6 fields, names, ranges, steps, lists, L and #, shorthands', () => {
    for (const ok of [
      '0 2 * * 1-5',
      '*/15 * * * *',
      '0 9 1 * *',
      '0 0 * * MON-FRI',
      '0 0 1 JAN,JUL *',
      '0 0 L * *',
      '0 18 * * 5L',
      '0 9 * * 1#1',
      '* * * * * *',
      '30 0 2 * * *',
      '0 8-18/2 * * *',
      '@daily',
      '@weekdays',
    ]) {
      expect(cronProblem(ok), ok).toBeUndefined();
    }
  });

  it('names the field and what is wrong with it', () => {
    expect(words('75 2 * * *')).toBe('the minute field holds 75, out of range: minutes go from 0 to 59');
    expect(words('0 24 * * *')).toBe('the hour field holds 24, out of range: hours go from 0 to 23');
    expect(words('0 2 * 13 *')).toBe('the month field holds 13, out of range: months go from 1 to 12');
    expect(words('0 2 * * 8')).toContain('the day-of-week field holds 8');
    expect(words('61 0 2 * * *')).toContain('the second field holds 61');
    expect(words('0 2 1-x * *')).toBe(
      "the day-of-month field holds '1-x', which is not a number, a range (1-5), a step (*/15) or a list (1,15)",
    );
    expect(words('0 5-1 * * *')).toContain("the hour field holds the range '5-1', which runs backwards");
    expect(words('*/0 * * * *')).toContain("the minute field holds '*/0': the step after / must be a whole number");
    expect(words('1, * * * *')).toContain('the minute field');
    expect(words('H 2 * * *')).toContain('H (a random value)');
    expect(words('0 9 * * 1#6')).toContain("the day-of-week field holds '1#6'");
    expect(words('0 2 * *')).toBe(
      'a cron expression has 5 fields (minute hour day-of-month month day-of-week) or 6 (second first), but this one has 4',
    );
    expect(words('@sometimes')).toContain("'@sometimes' is not a cron shorthand");
    expect(words('@DAILY')).toContain("'@DAILY' is not a cron shorthand");
    expect(words('  ')).toContain('the cron expression is empty');
    // Fields read, but no such day: cron-parser's own refusal, named as such.
    expect(words('0 0 30 2 *')).toBe('the cron expression cannot be read: Invalid explicit day of month definition');
  });

  it('words the same problems in Japanese', () => {
    expect(words('75 2 * * *', 'ja')).toBe('分のフィールドの 75 は範囲外です。分は 0 から 59 までです');
    expect(words('0 2 * *', 'ja')).toContain('この式には 4 つあります');
  });
});

describe('time zones', () => {
  it('accepts IANA names and UTC, refuses anything else by name', () => {
    for (const zone of ['Asia/Tokyo', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC'])
      expect(timeZoneProblem(zone), zone).toBeUndefined();
    for (const zone of ['Tokyo', '+09:00', 'JST-9', '', 'Asia/Nowhere']) {
      const problem = timeZoneProblem(zone);
      expect(problem, zone).toBeDefined();
      expect(formatMessage(problem!, 'en')).toContain(`'${zone}' is not a time zone name`);
    }
  });
});

describe('next firings', () => {
  const tokyoWeekdays: TriggerSchedule = { cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' };

  it('reads the cron in the zone: weekdays at 02:00 in Tokyo are 17:00 UTC the evening before', () => {
    // Friday 2026-03-06 12:00 UTC: the next are Mon, Tue, Wed 02:00 JST.
    expect(iso(nextFirings(tokyoWeekdays, Date.parse('2026-03-06T12:00:00Z'), 3))).toEqual([
      '2026-03-08T17:00:00.000Z',
      '2026-03-09T17:00:00.000Z',
      '2026-03-10T17:00:00.000Z',
    ]);
  });

  it('is strictly after the instant: a tick is never computed twice from itself', () => {
    const first = nextFirings(tokyoWeekdays, Date.parse('2026-03-06T12:00:00Z'), 1)[0]!;
    const second = nextFirings(tokyoWeekdays, first, 1)[0]!;
    expect(second - first).toBe(24 * 3600_000);
  });

  it('follows daylight saving: 09:00 New York is 14:00 UTC in winter and 13:00 UTC in summer', () => {
    const ny: TriggerSchedule = { cron: '0 9 * * *', timeZone: 'America/New_York' };
    expect(iso(nextFirings(ny, Date.parse('2026-03-07T00:00:00Z'), 2))).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
    ]);
  });

  it('skips ticks outside "only between" (both ends included), across midnight too', () => {
    const daytime: TriggerSchedule = {
      cron: '0 * * * *',
      timeZone: 'Asia/Tokyo',
      onlyBetween: { from: '08:00', to: '10:00' },
    };
    expect(iso(nextFirings(daytime, Date.parse('2026-03-06T12:00:00Z'), 4))).toEqual([
      '2026-03-06T23:00:00.000Z', // 08:00 JST
      '2026-03-07T00:00:00.000Z', // 09:00
      '2026-03-07T01:00:00.000Z', // 10:00
      '2026-03-07T23:00:00.000Z', // next day 08:00
    ]);
    const night: TriggerSchedule = { cron: '0 * * * *', timeZone: 'UTC', onlyBetween: { from: '23:00', to: '01:00' } };
    expect(withinWindow(Date.parse('2026-03-06T23:00:00Z'), night)).toBe(true);
    expect(withinWindow(Date.parse('2026-03-07T00:30:00Z'), night)).toBe(true);
    expect(withinWindow(Date.parse('2026-03-07T01:01:00Z'), night)).toBe(false);
    expect(withinWindow(Date.parse('2026-03-07T12:00:00Z'), night)).toBe(false);
  });

  it('jumps to the window instead of walking an every-second schedule through the night', () => {
    const everySecond: TriggerSchedule = {
      cron: '* * * * * *',
      timeZone: 'UTC',
      onlyBetween: { from: '09:00', to: '09:00' },
    };
    expect(iso(nextFirings(everySecond, Date.parse('2026-03-06T12:00:00Z'), 2))).toEqual([
      '2026-03-07T09:00:00.000Z',
      '2026-03-07T09:00:01.000Z',
    ]);
  });

  it('gives fewer firings when no tick falls in the window', () => {
    const never: TriggerSchedule = { cron: '0 2 * * *', timeZone: 'UTC', onlyBetween: { from: '08:00', to: '18:00' } };
    expect(nextFirings(never, Date.parse('2026-03-06T12:00:00Z'), 5)).toEqual([]);
  });

  it('finds the latest tick at or before an instant (a server back from downtime fires it once)', () => {
    expect(new Date(previousFiring(tokyoWeekdays, Date.parse('2026-03-10T03:00:00Z'))!).toISOString()).toBe(
      '2026-03-09T17:00:00.000Z',
    );
    // At the tick itself: that tick.
    expect(previousFiring(tokyoWeekdays, Date.parse('2026-03-09T17:00:00Z'))).toBe(Date.parse('2026-03-09T17:00:00Z'));
  });
});

describe('firing times', () => {
  it('reads ISO 8601 instants with a zone only', () => {
    expect(parseInstant('2026-04-01T02:00:00+09:00')).toBe(Date.parse('2026-03-31T17:00:00Z'));
    expect(parseInstant('2026-04-01T02:00Z')).toBe(Date.parse('2026-04-01T02:00:00Z'));
    for (const bad of ['2026-04-01T02:00:00', '2026-04-01', 'tomorrow', 1_700_000_000_000, '2026-13-01T00:00:00Z'])
      expect(parseInstant(bad), String(bad)).toBeUndefined();
  });

  it('gives the run the tick and when it fired', () => {
    expect(firingBody(Date.parse('2026-03-09T17:00:00Z'), Date.parse('2026-03-09T17:00:00.250Z'))).toEqual({
      firedAt: '2026-03-09T17:00:00.250Z',
      scheduledFor: '2026-03-09T17:00:00.000Z',
    });
  });
});
