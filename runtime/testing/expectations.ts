/**
 * Checks a test case's expectations against the trace of its run. Each failed expectation is
 * one `TestFailure` saying what was checked, in plain words, with expected and actual values.
 */
import { jsonTextTooDeep } from '../../core/json-depth.js';
import type { ExpectedRequest, IterationExpectations, TestExpectations } from '../../core/flow.js';
import type { TestFailure } from '../../core/test-report.js';
import type { RequestTrace, RunTrace, StepTrace } from '../../core/trace.js';
import type { Divergence, EndedAs, RequestDifference, SentRequest as SentLine } from '../../core/messages/expect-en.js';
import { message } from '../../core/messages/make.js';
import type { MessageCode, ParamsOf } from '../../core/messages/en.js';
import type { Message } from '../../core/messages/message.js';
import { partialMatch, preview, wildcardMatch, type Mismatch } from './match.js';

/** A failure worded by a catalogue code: `message` is the English, `code` and `params` let the designer word it. */
function failed<C extends MessageCode>(
  what: string,
  code: C,
  params: ParamsOf<C>,
  values: { expected?: unknown; actual?: unknown } = {},
): TestFailure {
  const m = message(code, params);
  return { what, message: m.message, code, params: m.params ?? {}, ...values };
}

function fromMismatch(m: Mismatch): TestFailure {
  return failed(m.path, 'expect.difference', { difference: m.difference }, { expected: m.expected, actual: m.actual });
}

/** A run's or an item's error as a message param: its code when it has one, its words always. */
function errorParam(error: { message: string; code?: string; params?: unknown } | undefined): Message | undefined {
  if (!error) return undefined;
  const params = error.params as Message['params'];
  return error.code !== undefined && params !== undefined
    ? { code: error.code, params, message: error.message }
    : { code: 'text', params: { text: error.message }, message: error.message };
}

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
    const error = errorParam(trace.error);
    failures.push(
      failed(
        'outcome',
        'expect.outcome-succeed',
        { status: endedAs(trace), ...(error ? { error } : {}) },
        { expected: 'success', actual: trace.status },
      ),
    );
  } else if (outcome === 'failed' && trace.status === 'success') {
    failures.push(failed('outcome', 'expect.outcome-fail', {}, { expected: 'failed', actual: trace.status }));
  }

  if (e.error !== undefined) {
    const actual = trace.error?.message;
    if (actual === undefined) {
      failures.push(failed('error', 'expect.error-none', { error: e.error }, { expected: e.error }));
    } else if (!actual.includes(e.error)) {
      failures.push(
        failed('error', 'expect.error-mismatch', { error: e.error, actual }, { expected: e.error, actual }),
      );
    }
  }

  const path = trace.steps.map((s) => s.name);
  if (e.path !== undefined && !sameList(e.path, path)) {
    const divergence = firstDivergence(e.path, path);
    failures.push(
      failed(
        'path',
        'expect.path',
        { expected: e.path, actual: path, ...(divergence ? { divergence } : {}) },
        { expected: e.path, actual: path },
      ),
    );
  }

  for (const name of e.notVisited ?? []) {
    if (path.includes(name)) {
      failures.push(
        failed(
          `notVisited ${name}`,
          'expect.not-visited',
          { step: name, path },
          { expected: 'not visited', actual: path },
        ),
      );
    }
  }

  for (const [name, expected] of Object.entries(e.steps ?? {})) {
    const step = trace.steps.find((s) => s.name === name);
    if (!step) {
      failures.push(failed(`steps.${name}`, 'expect.step-not-run', { step: name, path }, { expected }));
      continue;
    }
    for (const m of partialMatch(expected, step.output, `steps.${name}`)) {
      failures.push(fromMismatch(m));
    }
  }

  if (e.vars !== undefined) {
    for (const m of partialMatch(e.vars, trace.vars, 'vars')) {
      failures.push(fromMismatch(m));
    }
  }

  for (const expected of e.requests ?? []) checkRequest(expected, trace, failures);

  for (const [key, expected] of Object.entries(e.state ?? {})) checkState(key, expected, state, failures);
  for (const [loop, expected] of Object.entries(e.iterations ?? {})) checkIterations(loop, expected, trace, failures);

  if (e.response !== undefined) {
    const actual = trace.response;
    if (!actual) {
      failures.push(failed('response', 'expect.no-response', {}, { expected: e.response }));
    } else {
      if (e.response.status !== undefined && e.response.status !== actual.status) {
        failures.push(
          failed(
            'response.status',
            'expect.response-status',
            { expected: e.response.status, actual: actual.status, node: actual.nodeName },
            { expected: e.response.status, actual: actual.status },
          ),
        );
      }
      if (e.response.headers !== undefined) {
        const lower = Object.fromEntries(Object.entries(actual.headers).map(([k, v]) => [k.toLowerCase(), v]));
        const wanted = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
        for (const m of partialMatch(wanted, lower, 'response.headers')) {
          failures.push(fromMismatch(m));
        }
      }
      if (e.response.body !== undefined) {
        for (const m of partialMatch(e.response.body, actual.body, 'response.body')) {
          failures.push(fromMismatch(m));
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
    failures.push(failed(what, 'expect.state-not-read', { key }));
    return;
  }
  const actual = Object.prototype.hasOwnProperty.call(state, key) ? state[key] : undefined;
  if (expected === null) {
    if (actual !== undefined && actual !== null) {
      failures.push(
        failed(what, 'expect.state-not-empty', { key, actual: preview(actual) }, { expected: null, actual }),
      );
    }
    return;
  }
  if (actual === undefined) {
    const kept = Object.keys(state);
    failures.push(failed(what, 'expect.state-missing', { key, expected: preview(expected), kept }, { expected }));
    return;
  }
  for (const m of partialMatch(expected, actual, what)) {
    failures.push(fromMismatch(m));
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
    const error = errorParam(step?.error);
    failures.push(
      container
        ? failed(what, 'expect.loop-inner-step', { step: loop, loop: container.name }, { expected })
        : step
          ? failed(what, 'expect.loop-no-items', { step: loop, ...(error ? { error } : {}) }, { expected })
          : failed(what, 'expect.step-not-run', { step: loop, path: trace.steps.map((s) => s.name) }, { expected }),
    );
    return;
  }
  for (const key of ['count', 'failed'] as const) {
    const want = expected[key];
    if (want === undefined || want === iterations[key]) continue;
    failures.push(
      failed(
        `${what}.${key}`,
        'expect.loop-count',
        { what: key, expected: want, actual: iterations[key] },
        { expected: want, actual: iterations[key] },
      ),
    );
  }
  for (const [index, item] of Object.entries(expected.items ?? {})) {
    const at = `${what}.items.${index}`;
    // The key is the 0-based index; the words number the item from 1, as every report shows it.
    const n = Number(index);
    const kept = iterations.kept.find((it) => it.index === Number(index));
    if (!kept) {
      failures.push(
        n >= iterations.count
          ? failed(at, 'expect.item-not-run', { index: n, count: iterations.count }, { expected: item })
          : failed(
              at,
              'expect.item-not-kept',
              { index: n, keepFirst: iterations.keepFirst, keepFailed: iterations.keepFailed },
              { expected: item },
            ),
      );
      continue;
    }
    const outcome = item.outcome ?? 'success';
    if (outcome !== kept.status) {
      const error = errorParam(kept.error);
      failures.push(
        failed(
          `${at}.outcome`,
          'expect.item-outcome',
          { index: n, expected: outcome, ...(error ? { error } : {}) },
          { expected: outcome, actual: kept.status },
        ),
      );
    }
    if (item.error !== undefined && !(kept.error?.message ?? '').includes(item.error)) {
      failures.push(
        failed(
          `${at}.error`,
          'expect.item-error',
          { index: n, error: item.error, ...(kept.error ? { actual: kept.error.message } : {}) },
          { expected: item.error, actual: kept.error?.message },
        ),
      );
    }
    const path = kept.steps.map((s) => s.name);
    if (item.path !== undefined && !sameList(item.path, path)) {
      const divergence = firstDivergence(item.path, path);
      failures.push(
        failed(
          `${at}.path`,
          'expect.item-path',
          { index: n, expected: item.path, actual: path, ...(divergence ? { divergence } : {}) },
          { expected: item.path, actual: path },
        ),
      );
    }
    for (const [name, output] of Object.entries(item.steps ?? {})) {
      const ran = kept.steps.find((s) => s.name === name);
      if (!ran) {
        failures.push(
          failed(
            `${at}.steps.${name}`,
            'expect.item-step-not-run',
            { index: n, step: name, path },
            { expected: output },
          ),
        );
        continue;
      }
      for (const m of partialMatch(output, ran.output, `${at}.steps.${name}`)) {
        failures.push(fromMismatch(m));
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
      failures.push(
        failed(
          what,
          'expect.request-count',
          {
            count: expected.count,
            node: expected.node,
            actual: matching.length,
            sent: fromNode.slice(0, 5).map(sentLine),
            more: fromNode.length > 5,
          },
          { expected: expected.count, actual: matching.length },
        ),
      );
    }
    return;
  }
  if (matching.length > 0) return;
  if (fromNode.length === 0) {
    const ran = everyStep(trace.steps).some((s) => s.name === expected.node);
    failures.push(
      failed(what, 'expect.request-none', { node: expected.node, ran }, { expected: describeExpected(expected) }),
    );
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
  failures.push(
    failed(
      what,
      'expect.request-closest',
      { node: expected.node, method: best.trace.method, url: best.trace.url, differences: bestDiffs },
      {
        expected: describeExpected(expected),
        actual: { method: best.trace.method, url: best.trace.url, headers: best.trace.headers, body: best.trace.body },
      },
    ),
  );
}

function requestMismatches(expected: ExpectedRequest, actual: RequestTrace): RequestDifference[] {
  const out: RequestDifference[] = [];
  if (expected.method !== undefined && expected.method.toUpperCase() !== actual.method.toUpperCase()) {
    out.push({ kind: 'method', expected: expected.method.toUpperCase(), actual: actual.method });
  }
  if (expected.url !== undefined && !wildcardMatch(expected.url, actual.url)) {
    out.push({ kind: 'url', expected: expected.url, actual: actual.url });
  }
  if (expected.headers) {
    const lower = new Map(Object.entries(actual.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, value] of Object.entries(expected.headers)) {
      const got = lower.get(name.toLowerCase());
      if (got === undefined) out.push({ kind: 'header-missing', name, expected: String(value) });
      else if (!wildcardMatch(String(value), got))
        out.push({ kind: 'header', name, expected: String(value), actual: got });
    }
  }
  if (expected.body !== undefined) {
    const body = parseBody(actual.body);
    for (const m of partialMatch(expected.body, body, 'body'))
      out.push({ kind: 'body', path: m.path, detail: m.difference });
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

function sentLine(r: SentRequest): SentLine {
  return { method: r.trace.method, url: r.trace.url, ...(r.trace.status ? { status: r.trace.status } : {}) };
}

function endedAs(trace: RunTrace): EndedAs {
  return trace.status === 'timeout' || trace.status === 'cancelled' ? trace.status : 'failed';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function firstDivergence(expected: readonly string[], actual: readonly string[]): Divergence | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      return {
        step: i + 1,
        ...(expected[i] !== undefined ? { expected: preview(expected[i]) } : {}),
        ...(actual[i] !== undefined ? { actual: preview(actual[i]) } : {}),
      };
    }
  }
  return undefined;
}
