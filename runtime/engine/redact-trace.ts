/**
 * Redacts a finished run's trace: registered secrets replaced in every string, values under
 * sensitive key names masked (the Redactor's rules, runtime/redactor.ts).
 *
 * Unlike `Redactor.value`, this walker copies only what changes and redacts a shared object
 * once: a Web Service's response body, its mapped `fields` and `vars` are often the same
 * objects, and copying each of them per run showed at the top of `flowdesk test` profiles.
 * The result may share unchanged objects with the run's scope, which is finished by then.
 */
import type { RunTrace, StepTrace } from '../../core/trace.js';
import { isSensitiveName, REDACTED, type Redactor } from '../redactor.js';

const MAX_DEPTH = 200;

// Key names repeat across runs (status, body, headers…): classify each once.
const sensitiveKeys = new Map<string, boolean>();
function sensitive(key: string): boolean {
  let yes = sensitiveKeys.get(key);
  if (yes === undefined) {
    yes = isSensitiveName(key);
    if (sensitiveKeys.size < 10_000) sensitiveKeys.set(key, yes);
  }
  return yes;
}

export function redactTrace(redactor: Redactor, trace: RunTrace): RunTrace {
  const memo = new Map<object, unknown>();
  const r = <T>(v: T): T => redact(redactor, v, memo, 0) as T;
  const redactStep = (step: StepTrace): StepTrace => {
    // Request traces are redacted by the HTTP client as it records them, with the node's own
    // credential registered; no other credential's value can reach a request.
    const out: StepTrace = { ...step, logs: step.logs.length === 0 ? step.logs : r(step.logs) };
    if (step.input !== undefined) out.input = r(step.input);
    if (step.output !== undefined) out.output = r(step.output);
    if (step.details !== undefined) out.details = r(step.details);
    if (step.error !== undefined) out.error = r(step.error);
    if (step.iterations !== undefined) {
      out.iterations = {
        ...step.iterations,
        kept: step.iterations.kept.map((it) => ({
          ...it,
          item: r(it.item),
          steps: it.steps.map(redactStep),
          ...(it.error ? { error: r(it.error) } : {}),
        })),
      };
    }
    return out;
  };
  const steps = trace.steps.map(redactStep);
  return { ...trace, ...(trace.error ? { error: r(trace.error) } : {}), steps, vars: r(trace.vars) };
}

function redact(redactor: Redactor, v: unknown, memo: Map<object, unknown>, depth: number): unknown {
  if (typeof v === 'string') return redactor.text(v);
  if (v === null || typeof v !== 'object') return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (depth > MAX_DEPTH) return '[too deep]';
  let out: unknown = v;
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      const next = redact(redactor, item, memo, depth + 1);
      if (next !== item) (copy ??= v.slice())[i] = next;
    }
    if (copy) out = copy;
  } else {
    let copy: Record<string, unknown> | undefined;
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const item = obj[key];
      const next =
        typeof item === 'string' && item !== '' && sensitive(key) ? REDACTED : redact(redactor, item, memo, depth + 1);
      if (next !== item) (copy ??= { ...obj })[key] = next;
    }
    if (copy) out = copy;
  }
  memo.set(v, out);
  return out;
}
