/**
 * The comparison semantics of condition rules, kept pure so they are easy to test and to
 * reason about. Values come from JSON (webhook bodies, API responses) and from text typed in
 * the designer, so comparisons are deliberately forgiving across those two worlds: `"2"`
 * equals `2`, `"true"` equals `true`, ISO timestamps compare as instants, and text can be
 * compared without regard to case.
 */
import { SafeRegExp } from '../../../core/safe-regex.js';
import type { RuleOperator } from './rules.js';

export interface CompareOptions {
  caseInsensitive: boolean;
  /**
   * A compiled regular expression for `matches` (compiled once when the pattern is static),
   * on the linear-time engine: the pattern comes from the flow, the text from a payload.
   */
  regex?: SafeRegExp | RegExp;
}

export interface Comparison {
  matched: boolean;
  /** Why the rule could not compare (shown in the trace), e.g. values that are not numbers. */
  note?: string;
}

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

function asInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

function text(value: unknown, caseInsensitive: boolean): string {
  const s = typeof value === 'string' ? value : String(value);
  return caseInsensitive ? s.toLowerCase() : s;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Equality across JSON and typed-in text. */
export function valuesEqual(a: unknown, b: unknown, caseInsensitive: boolean): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' && typeof b === 'string') {
    return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : false;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    return x !== undefined && y !== undefined && x === y;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const bool = (v: unknown) =>
      typeof v === 'boolean'
        ? v
        : typeof v === 'string'
          ? ({ true: true, false: false } as Record<string, boolean>)[v.trim().toLowerCase()]
          : undefined;
    const x = bool(a);
    const y = bool(b);
    return x !== undefined && x === y;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i], caseInsensitive));
  }
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return (
      ka.length === kb.length &&
      ka.every(
        (k) =>
          Object.prototype.hasOwnProperty.call(b, k) &&
          valuesEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], caseInsensitive),
      )
    );
  }
  return false;
}

/** Numbers (numeric text included) compare as numbers, ISO timestamps as instants. */
function order(left: unknown, right: unknown): { cmp: number } | { note: string } {
  const x = asNumber(left);
  const y = asNumber(right);
  if (x !== undefined && y !== undefined) return { cmp: x - y };
  const dx = asInstant(left);
  const dy = asInstant(right);
  if (dx !== undefined && dy !== undefined) return { cmp: dx - dy };
  if (left === undefined) return { note: 'the value is missing' };
  return { note: 'needs two numbers or two ISO dates to compare' };
}

/** A list for `in`: a JSON array, or text separated by commas ("chat, email"). */
export function asList(right: unknown): unknown[] {
  if (Array.isArray(right)) return right;
  if (typeof right === 'string') return right.split(',').map((s) => s.trim());
  return right === undefined ? [] : [right];
}

export function compare(operator: RuleOperator, left: unknown, right: unknown, options: CompareOptions): Comparison {
  const ci = options.caseInsensitive;
  switch (operator) {
    case 'equals':
      return { matched: valuesEqual(left, right, ci) };
    case 'notEquals':
      return { matched: !valuesEqual(left, right, ci) };
    case 'isEmpty':
      return { matched: isEmptyValue(left) };
    case 'isNotEmpty':
      return { matched: !isEmptyValue(left) };
    case 'exists':
      return { matched: left !== undefined };
    case 'contains': {
      if (Array.isArray(left)) return { matched: left.some((item) => valuesEqual(item, right, ci)) };
      if (isScalar(left) && isScalar(right)) return { matched: text(left, ci).includes(text(right, ci)) };
      return { matched: false, note: left === undefined ? 'the value is missing' : 'contains needs text or a list' };
    }
    case 'startsWith': {
      if (isScalar(left) && isScalar(right)) return { matched: text(left, ci).startsWith(text(right, ci)) };
      return { matched: false, note: left === undefined ? 'the value is missing' : 'starts with needs text' };
    }
    case 'matches': {
      if (!isScalar(left))
        return { matched: false, note: left === undefined ? 'the value is missing' : 'matches needs text' };
      // A templated pattern may come from a payload: it runs on the linear-time engine too.
      const regex = options.regex ?? new SafeRegExp(String(right), ci ? 'i' : '');
      return { matched: regex.test(String(left)) };
    }
    case 'in':
      return { matched: asList(right).some((item) => valuesEqual(left, item, ci)) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const o = order(left, right);
      if ('note' in o) return { matched: false, note: o.note };
      const matched =
        operator === 'gt' ? o.cmp > 0 : operator === 'gte' ? o.cmp >= 0 : operator === 'lt' ? o.cmp < 0 : o.cmp <= 0;
      return { matched };
    }
    default:
      return { matched: false, note: `unknown operator "${String(operator)}"` };
  }
}

/** JSONata's idea of true: non-empty text, non-zero numbers, non-empty objects, lists with a true item. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(truthy);
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return false;
}
