/**
 * Moments (ISO-8601 from a server, a trace or a file) as the person reads them: in the UI's
 * language and this computer's time zone, "7 Dec 2026, 19:55:12" / "2026年12月7日 19:55:12".
 */
import type { Locale } from './translate.js';

const formats = new Map<Locale, Intl.DateTimeFormat>();

export function formatTime(iso: string, locale: Locale): string {
  const ms = Date.parse(iso);
  // Not a time after all: shown as it came rather than as "Invalid Date".
  if (!Number.isFinite(ms)) return iso;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(locale, format);
  }
  return format.format(ms);
}
