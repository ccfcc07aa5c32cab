/**
 * English words for schedules (cron expressions, time zones, the Schedule trigger's window and
 * firing times). Kept beside en.ts, which spreads it in: the codes are ordinary catalogue codes,
 * and the Japanese catalogue (schedule-ja.ts) is checked against them like every other.
 */
import type { CronField } from '../schedule/cron-fields.js';
import type { TestRef, Words } from './words.js';

type NoParams = Record<string, never>;

const CRON_FIELD_WORDS: Record<CronField, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day-of-month',
  month: 'month',
  dayOfWeek: 'day-of-week',
};

const UNIT_WORDS: Record<CronField, string> = {
  second: 'seconds go',
  minute: 'minutes go',
  hour: 'hours go',
  dayOfMonth: 'days of the month go',
  month: 'months go',
  dayOfWeek: 'days of the week go (0 and 7 are Sunday)',
};

const field = (f: CronField) => `the ${CRON_FIELD_WORDS[f]} field`;

export const scheduleMessagesEn = {
  'cron.empty': (_p: NoParams) =>
    'the cron expression is empty; write five fields (minute hour day-of-month month day-of-week), e.g. 0 2 * * 1-5',
  'cron.field-count': (p: { count: number }) =>
    `a cron expression has 5 fields (minute hour day-of-month month day-of-week) or 6 (second first), but this one has ${p.count}`,
  'cron.alias': (p: { alias: string }) =>
    `'${p.alias}' is not a cron shorthand; use @yearly, @monthly, @weekly, @daily, @hourly, @weekdays or @weekends, or write the fields`,
  'cron.empty-item': (p: { part: CronField; value: string }) =>
    `${field(p.part)} '${p.value}' has an empty item in its list; write values separated by commas, e.g. 1,15`,
  'cron.not-a-value': (p: { part: CronField; value: string }) =>
    `${field(p.part)} holds '${p.value}', which is not a number, a range (1-5), a step (*/15) or a list (1,15)`,
  'cron.out-of-range': (p: { part: CronField; value: string; min: number; max: number }) =>
    `${field(p.part)} holds ${p.value}, out of range: ${UNIT_WORDS[p.part]} from ${p.min} to ${p.max}`,
  'cron.backwards': (p: { part: CronField; value: string }) =>
    `${field(p.part)} holds the range '${p.value}', which runs backwards; write the smaller value first`,
  'cron.step': (p: { part: CronField; value: string }) =>
    `${field(p.part)} holds '${p.value}': the step after / must be a whole number of at least 1, e.g. */15`,
  'cron.random': (p: { part: CronField }) =>
    `${field(p.part)} uses H (a random value), which would differ between the preview, the tests and the servers; write a number`,
  'cron.special': (p: { part: CronField; value: string }) =>
    `${field(p.part)} holds '${p.value}': L is allowed alone in the day-of-month field or after a weekday (5L, the last Friday), and # only as weekday#1 to weekday#5 (1#1, the first Monday)`,
  'cron.invalid': (p: { detail: string }) => `the cron expression cannot be read: ${p.detail}`,
  'schedule.time-zone': (p: { zone: string }) =>
    `'${p.zone}' is not a time zone name; write an IANA name such as Asia/Tokyo, Europe/Berlin, America/New_York or UTC`,
  'schedule.window-time': (p: { which: 'from' | 'to'; value: string }) =>
    `"only between" ${p.which === 'from' ? 'start' : 'end'} '${p.value}' is not a time of day; write HH:MM from 00:00 to 23:59`,
  'schedule.never': (_p: NoParams) =>
    'no tick of the cron expression falls between the "only between" times, so the flow would never run',
  'schedule.fired-at': (p: { value: string }) =>
    `the firing time '${p.value}' is not an ISO 8601 date and time with a zone, e.g. 2026-04-01T02:00:00+09:00`,
  'test-fired-at': (p: { test: TestRef; value: string }, w: Words) =>
    `${w.test(p.test)}: the firing time '${p.value}' is not an ISO 8601 date and time with a zone, e.g. 2026-04-01T02:00:00+09:00`,
  'test-fired-at-missing': (p: { test: TestRef }, w: Words) =>
    `${w.test(p.test)}: the flow starts on a schedule; set the firing time (trigger.firedAt, e.g. 2026-04-01T02:00:00+09:00) so the test gives the same result whenever it runs`,
  'test-fired-at-webhook': (p: { test: TestRef }, w: Words) =>
    `${w.test(p.test)}: has a firing time, but the flow starts with a webhook; give the body instead`,
};
