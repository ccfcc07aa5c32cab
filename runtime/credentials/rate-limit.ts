/** `300/min`, `10/s`, `5/2s`, `1000/h`: a credential's rate limit as written by an operator. */
import type { RateLimit } from '../../core/credentials.js';

const UNITS: Record<string, number> = { s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hour: 3600 };

/** The limit, or a sentence saying what is wrong with the text (it holds no secret). */
export function parseRateLimit(text: string, where: string): RateLimit {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,6})?\s*([a-z]+)\s*$/i.exec(text);
  const unit = match ? UNITS[match[3]!.toLowerCase()] : undefined;
  const points = match ? Number(match[1]) : 0;
  const count = match?.[2] !== undefined ? Number(match[2]) : 1;
  if (!match || unit === undefined || points < 1 || count < 1) {
    throw new Error(
      `${where}: "${text}" is not a rate limit; write requests per time, e.g. 300/min, 10/s, 5/2s or 1000/h`,
    );
  }
  return { points, seconds: count * unit };
}
