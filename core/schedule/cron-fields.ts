/**
 * Field-by-field check of a cron expression, so a bad one is refused with the field and what is
 * wrong ("the minute field holds 75; minutes go from 0 to 59") instead of cron-parser's
 * "Constraint error, got value 75 expected range 0-59". Accepts the syntax cron-parser (the
 * parser BullMQ schedules with) reads, minus `H`, whose random value would differ between the
 * designer's preview, the tests and the servers. cron-parser still has the last word
 * (`cronProblem` in cron.ts runs it after these checks).
 */

/** The fields of a 6-field expression in order; a 5-field one has no `second`. */
export const CRON_FIELDS = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
export type CronField = (typeof CRON_FIELDS)[number];

/** Predefined expressions cron-parser knows. */
export const CRON_ALIASES = [
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@hourly',
  '@minutely',
  '@secondly',
  '@weekdays',
  '@weekends',
] as const;

const RANGES: Record<CronField, { min: number; max: number }> = {
  second: { min: 0, max: 59 },
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dayOfMonth: { min: 1, max: 31 },
  month: { min: 1, max: 12 },
  // 0 and 7 are both Sunday.
  dayOfWeek: { min: 0, max: 7 },
};

const NAMES: Partial<Record<CronField, readonly string[]>> = {
  month: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  dayOfWeek: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

/**
 * What is wrong with an expression, as a catalogue code and its params (core/messages/schedule-en.ts).
 * `part` names the cron field (`field` in a message names a config field, worded by the designer).
 */
export type CronProblem =
  | { code: 'cron.empty'; params: Record<string, never> }
  | { code: 'cron.field-count'; params: { count: number } }
  | { code: 'cron.alias'; params: { alias: string } }
  | { code: 'cron.empty-item'; params: { part: CronField; value: string } }
  | { code: 'cron.not-a-value'; params: { part: CronField; value: string } }
  | { code: 'cron.out-of-range'; params: { part: CronField; value: string; min: number; max: number } }
  | { code: 'cron.backwards'; params: { part: CronField; value: string } }
  | { code: 'cron.step'; params: { part: CronField; value: string } }
  | { code: 'cron.random'; params: { part: CronField } }
  | { code: 'cron.special'; params: { part: CronField; value: string } }
  | { code: 'cron.invalid'; params: { detail: string } };

/** The field names of an expression with `count` fields (5: no seconds; 6: seconds first). */
function fieldsOf(count: 5 | 6): readonly CronField[] {
  return count === 6 ? CRON_FIELDS : CRON_FIELDS.slice(1);
}

/** The first problem of an expression's syntax, or undefined when every field reads. */
export function cronFieldProblem(expression: string): CronProblem | undefined {
  const text = expression.trim();
  if (text === '') return { code: 'cron.empty', params: {} };
  if (text.startsWith('@')) {
    // cron-parser reads them in lower case only.
    return (CRON_ALIASES as readonly string[]).includes(text)
      ? undefined
      : { code: 'cron.alias', params: { alias: text } };
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return { code: 'cron.field-count', params: { count: parts.length } };
  const fields = fieldsOf(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const problem = fieldProblem(fields[i]!, parts[i]!);
    if (problem) return problem;
  }
  return undefined;
}

function fieldProblem(field: CronField, text: string): CronProblem | undefined {
  for (const item of text.split(',')) {
    if (item === '') return { code: 'cron.empty-item', params: { part: field, value: text } };
    const problem = itemProblem(field, item);
    if (problem) return problem;
  }
  return undefined;
}

function itemProblem(field: CronField, item: string): CronProblem | undefined {
  const upper = item.toUpperCase();
  if (/(^|[^A-Z])H([^A-Z]|$)/.test(upper) || upper === 'H') return { code: 'cron.random', params: { part: field } };
  // Last day of the month, last <weekday> of the month, <weekday>#<n>.
  if (field === 'dayOfMonth' && upper === 'L') return undefined;
  if (field === 'dayOfWeek') {
    const last = /^(\w+)L$/.exec(upper);
    if (last && last[1] !== undefined) return valueProblem(field, last[1], item);
    const nth = /^(\w+)#(\d+)$/.exec(upper);
    if (nth) {
      const n = Number(nth[2]);
      if (n < 1 || n > 5) return { code: 'cron.special', params: { part: field, value: item } };
      return valueProblem(field, nth[1]!, item);
    }
  }
  if (upper.includes('L') && !NAMES[field]?.some((name) => upper.includes(name)))
    return { code: 'cron.special', params: { part: field, value: item } };
  if (upper.includes('#')) return { code: 'cron.special', params: { part: field, value: item } };

  const slash = item.split('/');
  if (slash.length > 2) return { code: 'cron.step', params: { part: field, value: item } };
  const [base = '', step] = slash;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1))
    return { code: 'cron.step', params: { part: field, value: item } };
  if (base === '*' || base === '?') return undefined;
  const range = base.split('-');
  if (range.length > 2 || range.some((end) => end === ''))
    return { code: 'cron.not-a-value', params: { part: field, value: item } };
  const ends: number[] = [];
  for (const end of range) {
    const problem = valueProblem(field, end, item);
    if (problem) return problem;
    ends.push(valueOf(field, end)!);
  }
  if (ends.length === 2 && ends[0]! > ends[1]!) return { code: 'cron.backwards', params: { part: field, value: item } };
  return undefined;
}

/** A number or (month, day of week) a three-letter name; undefined when neither. */
function valueOf(field: CronField, text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = NAMES[field]?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return field === 'month' ? index + 1 : index;
}

function valueProblem(field: CronField, text: string, item: string): CronProblem | undefined {
  const value = valueOf(field, text);
  if (value === undefined) return { code: 'cron.not-a-value', params: { part: field, value: item } };
  const { min, max } = RANGES[field];
  if (value < min || value > max) return { code: 'cron.out-of-range', params: { part: field, value: text, min, max } };
  return undefined;
}
