/**
 * Checks a test case's expectations against the trace of its run. Each failed expectation is
 * one `TestFailure` saying what was checked, in plain words, with expected and actual values.
 */
import { jsonTextTooDeep } from '../../core/json-depth.js';
import type { ExpectedRequest, IterationExpectations, TestExpectations } from '../../core/flow.js';
import type { TestFailure } from '../../core/test-report.js';
import type { RequestTrace, RunTrace, StepTrace } from '../../core/trace.js';
import { partialMatch, preview, wildcardMatch } from './match.js';

/**
 * `state` is what the flow's state store held after the run (key → value), for `expect.state`;
 * a host that did not read it back passes nothing and such expectations fail saying so.
 */
export function checkExpectations(
  expect: TestExpectations | undefined,
  trace: RunTrace,
  state?: Readonly<Record<string, unknown>>,
): TestFailure[] {
  const failures: TestFailure[] = [];
  const e = expect ?? {};
  const outcome = e.outcome ?? 'success';
  if (outcome === 'success' && trace.status !== 'success') {
    failures.push({
      what: 'outcome',
      message: `expected the run to succeed, but it ${statusWords(trace)}${trace.error ? `: ${trace.error.message}` : ''}`,
      expected: 'success',
      actual: trace.status,
    });
  } else if (outcome === 'failed' && trace.status === 'success') {
    failures.push({
      what: 'outcome',
      message: 'expected the run to fail, but it succeeded',
      expected: 'failed',
      actual: trace.status,
    });
  }

  if (e.error !== undefined) {
    const actual = trace.error?.message;
    if (actual === undefined) {
      failures.push({
        what: 'error',
        message: `expected an error containing "${e.error}", but the run had no error`,
        expected: e.error,
      });
    } else if (!actual.includes(e.error)) {
      failures.push({
        what: 'error',
        message: `expected the error to contain "${e.error}", got "${actual}"`,
        expected: e.error,
        actual,
      });
    }
  }

  const path = trace.steps.map((s) => s.name);
  if (e.path !== undefined && !sameList(e.path, path)) {
    failures.push({
      what: 'path',
      message: `expected the path ${arrows(e.path)}, got ${arrows(path)}${firstDivergence(e.path, path)}`,
      expected: e.path,
      actual: path,
    });
  }

  for (const name of e.notVisited ?? []) {
    if (path.includes(name)) {
      failures.push({
        what: `notVisited ${name}`,
        message: `expected '${name}' not to run, but it ran (path ${arrows(path)})`,
        expected: 'not visited',
        actual: path,
      });
    }
  }

  for (const [name, expected] of Object.entries(e.steps ?? {})) {
    const step = trace.steps.find((s) => s.name === name);
    if (!step) {
      failures.push({
        what: `steps.${name}`,
        message: `expected step '${name}' to have run, but it did not (path ${arrows(path)})`,
        expected,
      });
      continue;
    }
    for (const m of partialMatch(expected, step.output, `steps.${name}`)) {
      failures.push({ what: m.path, message: m.message, expected: m.expected, actual: m.actual });
    }
  }

  if (e.vars !== undefined) {
    for (const m of partialMatch(e.vars, trace.vars, 'vars')) {
      failures.push({ what: m.path, message: m.message, expected: m.expected, actual: m.actual });
    }
  }

  for (const expected of e.requests ?? []) checkRequest(expected, trace, failures);

  for (const [key, expected] of Object.entries(e.state ?? {})) checkState(key, expected, state, failures);
  for (const [loop, expected] of Object.entries(e.iterations ?? {})) checkIterations(loop, expected, trace, failures);

  if (e.response !== undefined) {
    const actual = trace.response;
    if (!actual) {
      failures.push({
        what: 'response',
        message: 'expected the flow to answer the caller, but no Respond to webhook node ran',
        expected: e.response,
      });
    } else {
      if (e.response.status !== undefined && e.response.status !== actual.status) {
        failures.push({
          what: 'response.status',
          message: `expected the answer's status ${e.response.status}, got ${actual.status} (from '${actual.nodeName}')`,
          expected: e.response.status,
          actual: actual.status,
        });
      }
      if (e.response.headers !== undefined) {
        const lower = Object.fromEntries(Object.entries(actual.headers).map(([k, v]) => [k.toLowerCase(), v]));
        const wanted = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
        for (const m of partialMatch(wanted, lower, 'response.headers')) {
          failures.push({ what: m.path, message: m.message, expected: m.expected, actual: m.actual });
        }
      }
      if (e.response.body !== undefined) {
        for (const m of partialMatch(e.response.body, actual.body, 'response.body')) {
          failures.push({ what: m.path, message: m.message, expected: m.expected, actual: m.actual });
        }
      }
    }
  }
  return failures;
}

function checkState(
  key: string,
  expected: unknown,
  state: Readonly<Record<string, unknown>> | undefined,
  failures: TestFailure[],
): void {
  const what = `state '${key}'`;
  if (state === undefined) {
    failures.push({ what, message: `expected '${key}' in the state store, but this run's store was not read back` });
    return;
  }
  const actual = Object.prototype.hasOwnProperty.call(state, key) ? state[key] : undefined;
  if (expected === null) {
    if (actual !== undefined && actual !== null) {
      failures.push({
        what,
        message: `expected nothing remembered under '${key}', but it holds ${preview(actual)}`,
        expected: null,
        actual,
      });
    }
    return;
  }
  if (actual === undefined) {
    const kept = Object.keys(state);
    failures.push({
      what,
      message: `expected '${key}' to be remembered as ${preview(expected)}, but nothing is kept under it (the store holds ${kept.length ? kept.map((k) => `'${k}'`).join(', ') : 'nothing'})`,
      expected,
    });
    return;
  }
  for (const m of partialMatch(expected, actual, what)) {
    failures.push({ what: m.path, message: m.message, expected: m.expected, actual: m.actual });
  }
}

/** The run's steps and the steps of every iteration its trace kept: requests are sent from both. */
function everyStep(steps: readonly StepTrace[]): StepTrace[] {
  const out: StepTrace[] = [];
  for (const step of steps) {
    out.push(step);
    for (const it of step.iterations?.kept ?? []) out.push(...everyStep(it.steps));
  }
  return out;
}

function checkIterations(
  loop: string,
  expected: IterationExpectations,
  trace: RunTrace,
  failures: TestFailure[],
): void {
  const what = `iterations.${loop}`;
  const step = trace.steps.find((s) => s.name === loop);
  const iterations = step?.iterations;
  if (!step || !iterations) {
    const container = step
      ? undefined
      : trace.steps.find((s) => s.iterations?.kept.some((it) => it.steps.some((b) => b.name === loop)));
    failures.push({
      what,
      message: container
        ? `'${loop}' is a step inside the loop '${container.name}', not a loop: expect what it did per item under iterations.${container.name}.items`
        : step
          ? `'${loop}' ran no items: it is not a loop (Apply to each), or it failed before its first item${step.error ? ` (${step.error.message})` : ''}`
          : `expected '${loop}' to have run, but it did not (path ${arrows(trace.steps.map((s) => s.name))})`,
      expected,
    });
    return;
  }
  for (const key of ['count', 'failed'] as const) {
    const want = expected[key];
    if (want === undefined || want === iterations[key]) continue;
    failures.push({
      what: `${what}.${key}`,
      message: `expected ${want} ${key === 'count' ? 'items to run' : 'items to fail'}, got ${iterations[key]}`,
      expected: want,
      actual: iterations[key],
    });
  }
  for (const [index, item] of Object.entries(expected.items ?? {})) {
    const at = `${what}.items.${index}`;
    // The key is the 0-based index; the words number the item from 1, as every report shows it.
    const named = `item ${Number(index) + 1} (index ${index})`;
    const kept = iterations.kept.find((it) => it.index === Number(index));
    if (!kept) {
      failures.push({
        what: at,
        message:
          Number(index) >= iterations.count
            ? `expected ${named} to run, but only ${iterations.count} ran`
            : `${named} ran, but the trace keeps the steps of the first ${iterations.keepFirst} items and of ${iterations.keepFailed} failed ones after them only`,
        expected: item,
      });
      continue;
    }
    const outcome = item.outcome ?? 'success';
    if (outcome !== kept.status) {
      failures.push({
        what: `${at}.outcome`,
        message: `expected ${named} to ${outcome === 'success' ? 'succeed' : 'fail'}, but it ${kept.status === 'success' ? 'succeeded' : `failed: ${kept.error?.message ?? ''}`}`,
        expected: outcome,
        actual: kept.status,
      });
    }
    if (item.error !== undefined && !(kept.error?.message ?? '').includes(item.error)) {
      failures.push({
        what: `${at}.error`,
        message: `expected ${named}'s error to contain "${item.error}", got ${kept.error ? `"${kept.error.message}"` : 'no error'}`,
        expected: item.error,
        actual: kept.error?.message,
      });
    }
    const path = kept.steps.map((s) => s.name);
    if (item.path !== undefined && !sameList(item.path, path)) {
      failures.push({
        what: `${at}.path`,
        message: `expected ${named} to take ${arrows(item.path)}, got ${arrows(path)}${firstDivergence(item.path, path)}`,
        expected: item.path,
        actual: path,
      });
    }
    for (const [name, output] of Object.entries(item.steps ?? {})) {
      const ran = kept.steps.find((s) => s.name === name);
      if (!ran) {
        failures.push({
          what: `${at}.steps.${name}`,
          message: `expected step '${name}' to have run for ${named}, but it did not (path ${arrows(path)})`,
          expected: output,
        });
        continue;
      }
      for (const m of partialMatch(output, ran.output, `${at}.steps.${name}`)) {
        failures.push({ what: m.path, message: m.message, expected: m.expected, actual: m.actual });
      }
    }
  }
}

interface SentRequest {
  node: string;
  trace: RequestTrace;
}

function checkRequest(expected: ExpectedRequest, trace: RunTrace, failures: TestFailure[]): void {
  const what = `request ${[expected.method?.toUpperCase(), expected.node].filter(Boolean).join(' ')}`;
  const fromNode: SentRequest[] = [];
  for (const step of everyStep(trace.steps)) {
    if (step.name !== expected.node) continue;
    for (const r of step.requests) if (r.purpose === 'main') fromNode.push({ node: step.name, trace: r });
  }
  const matching = fromNode.filter((r) => requestMismatches(expected, r.trace).length === 0);
  if (expected.count !== undefined) {
    if (matching.length !== expected.count) {
      failures.push({
        what,
        message: `expected ${expected.count} matching ${expected.count === 1 ? 'request' : 'requests'} from '${expected.node}', got ${matching.length}${sentSummary(fromNode)}`,
        expected: expected.count,
        actual: matching.length,
      });
    }
    return;
  }
  if (matching.length > 0) return;
  if (fromNode.length === 0) {
    failures.push({
      what,
      message: `expected a request from '${expected.node}', but it sent none${everyStep(trace.steps).some((s) => s.name === expected.node) ? '' : ' (the node did not run)'}`,
      expected: describeExpected(expected),
    });
    return;
  }
  // Explain against the closest request: the one with the fewest differences.
  let best = fromNode[0]!;
  let bestDiffs = requestMismatches(expected, best.trace);
  for (const r of fromNode.slice(1)) {
    const diffs = requestMismatches(expected, r.trace);
    if (diffs.length < bestDiffs.length) {
      best = r;
      bestDiffs = diffs;
    }
  }
  failures.push({
    what,
    message: `no request from '${expected.node}' matched; closest was ${best.trace.method} ${best.trace.url}: ${bestDiffs.join('; ')}`,
    expected: describeExpected(expected),
    actual: { method: best.trace.method, url: best.trace.url, headers: best.trace.headers, body: best.trace.body },
  });
}

function requestMismatches(expected: ExpectedRequest, actual: RequestTrace): string[] {
  const out: string[] = [];
  if (expected.method !== undefined && expected.method.toUpperCase() !== actual.method.toUpperCase()) {
    out.push(`method: expected ${expected.method.toUpperCase()}, got ${actual.method}`);
  }
  if (expected.url !== undefined && !wildcardMatch(expected.url, actual.url)) {
    out.push(`url: expected ${expected.url}, got ${actual.url}`);
  }
  if (expected.headers) {
    const lower = new Map(Object.entries(actual.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, value] of Object.entries(expected.headers)) {
      const got = lower.get(name.toLowerCase());
      if (got === undefined) out.push(`header ${name}: expected "${value}", but it was not sent`);
      else if (!wildcardMatch(String(value), got)) out.push(`header ${name}: expected "${value}", got "${got}"`);
    }
  }
  if (expected.body !== undefined) {
    const body = parseBody(actual.body);
    for (const m of partialMatch(expected.body, body, 'body')) out.push(`${m.path}: ${m.message}`);
  }
  return out;
}

/** Request bodies may be traced as text; JSON text is compared as the value it encodes. */
function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const t = body.trimStart();
  if ((t.startsWith('{') || t.startsWith('[')) && !jsonTextTooDeep(body)) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return body;
}

function describeExpected(e: ExpectedRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.method !== undefined) out.method = e.method;
  if (e.url !== undefined) out.url = e.url;
  if (e.headers !== undefined) out.headers = e.headers;
  if (e.body !== undefined) out.body = e.body;
  return out;
}

function sentSummary(sent: SentRequest[]): string {
  if (sent.length === 0) return ' (it sent none)';
  const lines = sent
    .slice(0, 5)
    .map((r) => `${r.trace.method} ${r.trace.url}${r.trace.status ? ` → ${r.trace.status}` : ''}`);
  return ` (sent: ${lines.join(', ')}${sent.length > 5 ? ', …' : ''})`;
}

function statusWords(trace: RunTrace): string {
  switch (trace.status) {
    case 'timeout':
      return 'timed out';
    case 'cancelled':
      return 'was cancelled';
    default:
      return 'failed';
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function arrows(names: readonly string[]): string {
  return names.length === 0 ? '(nothing ran)' : names.join(' → ');
}

function firstDivergence(expected: readonly string[], actual: readonly string[]): string {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      if (expected[i] === undefined) return ` (ran ${preview(actual[i])} after the expected end)`;
      if (actual[i] === undefined) return ` (stopped before ${preview(expected[i])})`;
      return ` (step ${i + 1}: expected ${preview(expected[i])}, got ${preview(actual[i])})`;
    }
  }
  return '';
}
