/**
 * Partial deep matching for test expectations, reporting every difference with the path
 * where it is, so a failure reads "steps.getDetails.fields.agentId: expected "a1", got "b2""
 * instead of two walls of JSON.
 *
 * Rules (documented for admins in docs/cli.md, "Test case expectations"):
 * - an expected object matches an object that has at least its keys, each matching recursively
 *   (extra keys in the actual value are fine);
 * - an expected array matches an array of the same length whose items match position by position;
 * - anything else must be equal (numbers, strings, booleans, null).
 */

import { differenceEn, type Difference } from '../../core/messages/expect-en.js';

export interface Mismatch {
  /** Where, e.g. `steps.getDetails.fields.agentId` or `vars.tags[1]`. */
  path: string;
  expected: unknown;
  /** `undefined` when the key is missing. */
  actual: unknown;
  /** How it differs, for the catalogues (`expect.difference`). */
  difference: Difference;
  /** Plain words (English). */
  message: string;
}

function mismatch(path: string, expected: unknown, actual: unknown, difference: Difference): Mismatch {
  return { path, expected, actual, difference, message: differenceEn(difference) };
}

/** The preview of a value that may be absent. */
function shown(value: unknown): string | undefined {
  return value === undefined ? undefined : preview(value);
}

/** Lists how `actual` fails to match `expected` (empty when it matches). */
export function partialMatch(expected: unknown, actual: unknown, path: string, out: Mismatch[] = []): Mismatch[] {
  if (expected === actual) return out;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(mismatch(path, expected, actual, { kind: 'list', expected: preview(expected), actual: shown(actual) }));
      return out;
    }
    if (actual.length !== expected.length) {
      out.push(
        mismatch(path, expected, actual, {
          kind: 'length',
          count: expected.length,
          actual: actual.length,
          preview: preview(actual),
        }),
      );
      return out;
    }
    for (let i = 0; i < expected.length; i++) partialMatch(expected[i], actual[i], `${path}[${i}]`, out);
    return out;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push(
        mismatch(path, expected, actual, { kind: 'object', expected: preview(expected), actual: shown(actual) }),
      );
      return out;
    }
    for (const [key, value] of Object.entries(expected)) {
      const childPath = joinPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        if (value === undefined) continue;
        out.push(mismatch(childPath, value, undefined, { kind: 'missing', expected: preview(value) }));
        continue;
      }
      partialMatch(value, actual[key], childPath, out);
    }
    return out;
  }
  if (typeof expected === 'number' && typeof actual === 'number' && Number.isNaN(expected) && Number.isNaN(actual)) {
    return out;
  }
  out.push(mismatch(path, expected, actual, { kind: 'value', expected: preview(expected), actual: shown(actual) }));
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `a.b`, or `a["odd key"]` when the key is not an identifier. */
export function joinPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Compact one-line JSON, cut at `max` characters. */
export function preview(value: unknown, max = 160): string {
  let text: string;
  if (value === undefined) return 'undefined';
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `*` matches any run of characters (including none); everything else is literal. */
export function wildcardMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[\\s\\S]*')}$`);
  return re.test(text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
