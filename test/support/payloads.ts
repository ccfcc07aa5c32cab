/** The sample payloads shipped in flows/payloads/, for tests that run nodes on real data. */
import { readFileSync } from 'node:fs';

/** Parses `flows/payloads/<name>`. */
export function readPayload<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../flows/payloads/${name}`, import.meta.url), 'utf8')) as T;
}
