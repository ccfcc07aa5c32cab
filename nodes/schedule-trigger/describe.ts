/**
 * Words a cron expression for the canvas ("Every weekday at 02:00"), for the shapes admins write
 * most; anything else is shown as the expression itself. The sentence pieces come from the
 * editor's texts, so each UI language words them its own way.
 */
import type { SummaryWords } from '../../core/node-type.js';

const ALIASES: Record<string, string> = {
  '@daily': '0 0 * * *',
  '@hourly': '0 * * * *',
  '@weekdays': '0 0 * * 1-5',
  '@weekends': '0 0 * * 0,6',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@minutely': '* * * * *',
  '@secondly': '* * * * * *',
};

const NUMBER = /^\d{1,2}$/;
const ANY = (field: string) => field === '*' || field === '?';

/** The sentence for `cron`, or undefined when it has no plain words (the caller shows the cron). */
export function describeCron(cron: string, words: SummaryWords): string | undefined {
  const text = ALIASES[cron.trim().toLowerCase()] ?? cron.trim();
  let fields = text.split(/\s+/);
  if (fields.length === 6) {
    const [second, ...rest] = fields as [string, ...string[]];
    if (rest.every(ANY)) {
      if (ANY(second)) return words.text('everySecond');
      const step = /^\*\/(\d+)$/.exec(second);
      if (step && Number(step[1]) >= 1) return words.text('everyNSeconds', { n: Number(step[1]) });
      return undefined;
    }
    if (second !== '0') return undefined;
    fields = rest;
  }
  if (fields.length !== 5) return undefined;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  if (!ANY(month)) return undefined;
  if (ANY(hour) && ANY(day) && ANY(weekday)) {
    if (ANY(minute)) return words.text('everyMinute');
    const step = /^\*\/(\d+)$/.exec(minute);
    if (step && Number(step[1]) >= 1) return words.text('everyNMinutes', { n: Number(step[1]) });
    if (NUMBER.test(minute) && Number(minute) <= 59) return words.text('everyHour', { minute: Number(minute) });
    return undefined;
  }
  // Out of range reads as nonsense ("at 25:30"): the cron itself is shown, its error beside it.
  if (!NUMBER.test(minute) || !NUMBER.test(hour) || Number(minute) > 59 || Number(hour) > 23) return undefined;
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  if (NUMBER.test(day) && ANY(weekday))
    return Number(day) >= 1 && Number(day) <= 31 ? words.text('monthly', { day: Number(day), time }) : undefined;
  if (!ANY(day)) return undefined;
  if (ANY(weekday)) return words.text('daily', { time });
  if (weekday === '1-5' || weekday.toUpperCase() === 'MON-FRI') return words.text('weekdays', { time });
  if (weekday === '0,6' || weekday === '6,0') return words.text('weekends', { time });
  const days = weekday.split(',');
  if (days.every((d) => /^[0-7]$/.test(d))) {
    const names = days.map((d) => words.text(`day${Number(d) % 7}`));
    return words.text('weekly', { days: names.join(words.locale === 'ja' ? '・' : ', '), time });
  }
  return undefined;
}
