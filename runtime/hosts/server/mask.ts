/**
 * Personal data the trigger marks (`personalFields`: JSONPaths into the body) is masked in
 * what the server stores: the value at each path, and that value wherever else it shows up in
 * the trace (a mapped var, a URL, a request body), the way secrets are redacted.
 */
import type { CompiledJsonPath } from '../../../core/json-path-eval.js';
import type { RunTrace } from '../../../core/trace.js';
import { Redactor } from '../../redactor.js';

export const PERSONAL = '[personal]';

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (typeof value === 'number' || typeof value === 'boolean') into.add(String(value));
  else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collect(item, into);
}

/** The personal values found in a body at the given paths. */
export function personalValues(paths: readonly CompiledJsonPath[], body: unknown): string[] {
  const values = new Set<string>();
  for (const path of paths) {
    const match = path.evaluate(body);
    if (match.found) collect(match.value, values);
  }
  return [...values];
}

function replaceDeep(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') {
    const text = redactor.text(value);
    return text === value ? value : text.replaceAll('[redacted]', PERSONAL);
  }
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, redactor));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = replaceDeep(item, redactor);
    return out;
  }
  return value;
}

/** A copy of the trace with every personal value replaced by `[personal]`. */
export function maskTrace(trace: RunTrace, values: readonly string[]): RunTrace {
  if (values.length === 0) return trace;
  const redactor = new Redactor();
  for (const value of values) redactor.add(value);
  return replaceDeep(trace, redactor) as RunTrace;
}
