/**
 * How a Wait node reads its times: a typed duration ("10 minutes", "1 h 30 min", "90 s",
 * "10分") and a wake time from a template (ISO-8601 with a time zone, a date, or epoch
 * milliseconds). Environment-neutral: the validator, the executor and the canvas summary share it.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The longest wait: 24 days. A timer in Node (and in a browser) fires at once past 2^31-1 ms
 * (about 24.8 days), so an in-process wait any longer would not wait at all.
 */
export const MAX_WAIT_MS = 24 * DAY;

/** Unit words by what they multiply, English and Japanese, as people type them. */
const UNITS: readonly (readonly [RegExp, number])[] = [
  [/^(ms|msecs?|milliseconds?|ミリ秒)$/, 1],
  [/^(s|secs?|seconds?|秒)$/, SECOND],
  [/^(m|mins?|minutes?|分|分間)$/, MINUTE],
  [/^(h|hrs?|hours?|時間)$/, HOUR],
  [/^(d|days?|日|日間)$/, DAY],
];

const PART = /(\d+(?:\.\d+)?)\s*([a-zA-Z\u3040-\u30ff\u4e00-\u9fff]+)\s*,?\s*(?:and\s+)?/y;

/**
 * Milliseconds of a typed duration, or undefined when the text is not one. Parts add up:
 * "1 hour 30 minutes", "1h30m", "2時間30分". A bare number is not a duration (seconds or
 * minutes? the admin has to say).
 */
export function parseDuration(text: string): number | undefined {
  const source = text.trim().toLowerCase();
  if (source === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let parts = 0;
  while (PART.lastIndex < source.length) {
    const at = PART.lastIndex;
    const match = PART.exec(source);
    if (!match || match.index !== at) return undefined;
    const unit = UNITS.find(([pattern]) => pattern.test(match[2]!));
    if (!unit) return undefined;
    total += Number(match[1]) * unit[1];
    parts++;
  }
  return parts > 0 ? Math.round(total) : undefined;
}

const SHORT = {
  en: { d: 'd', h: 'h', min: 'min', s: 's', ms: 'ms', sep: ' ' },
  ja: { d: '日', h: '時間', min: '分', s: '秒', ms: 'ミリ秒', sep: '' },
} as const;

/** A duration as the canvas and the trace word it: "10 min", "1 h 30 min", "10分", "1時間30分". */
export function formatDuration(ms: number, lang: 'en' | 'ja' = 'en'): string {
  const w = SHORT[lang];
  const join = lang === 'ja' ? '' : ' ';
  if (ms < SECOND) return `${Math.max(0, Math.round(ms))}${w.sep}${w.ms}`;
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND) * SECOND;
  for (const [size, word] of [
    [DAY, w.d],
    [HOUR, w.h],
    [MINUTE, w.min],
    [SECOND, w.s],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${w.sep}${word}`);
    rest -= n * size;
  }
  return parts.join(join);
}

/** ISO-8601: a date, or a date and time with seconds optional and a zone (Z or ±hh:mm) required. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/i;

/** Why a value is not a wake time, for the message. */
export type WakeTimeProblem = 'no-zone' | 'not-a-time';

/**
 * A wake time in milliseconds since the epoch: an ISO-8601 date and time with its zone
 * ("2026-12-07T14:30:00Z", "…+09:00"), a date (midnight UTC), or a number of epoch
 * milliseconds. A date and time without a zone is refused, not guessed at: the server's zone is
 * rarely the one the admin meant.
 */
export function parseWakeTime(value: unknown): { at: number } | { problem: WakeTimeProblem } {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? { at: value } : { problem: 'not-a-time' };
  }
  if (typeof value !== 'string') return { problem: 'not-a-time' };
  const text = value.trim();
  if (ISO_NO_ZONE.test(text)) return { problem: 'no-zone' };
  if (!ISO_DATE.test(text) && !ISO_DATE_TIME.test(text)) return { problem: 'not-a-time' };
  const at = Date.parse(text.toUpperCase());
  // Date.parse rolls nothing over for ISO text: month 13 or hour 25 give NaN.
  return Number.isNaN(at) ? { problem: 'not-a-time' } : { at };
}
