import { describe, expect, it } from 'vitest';
import type { RunTrace } from '../../../core/trace.js';
import { EXIT, exitCodeForRun } from './exit-codes.js';

function trace(status: RunTrace['status'], error?: RunTrace['error']): RunTrace {
  return {
    runId: 'r',
    flowId: 'f',
    flowName: 'F',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    status,
    ...(error ? { error } : {}),
    steps: [],
    vars: {},
  };
}

describe('exitCodeForRun', () => {
  it('exits 0 for a successful run and 1 for a failed one', () => {
    expect(exitCodeForRun(trace('success'))).toBe(EXIT.ok);
    expect(exitCodeForRun(trace('failed', { message: 'GET x answered 500', code: 'http-500' }))).toBe(EXIT.failed);
    expect(exitCodeForRun(trace('timeout', { message: 'too slow', code: 'timeout' }))).toBe(EXIT.failed);
  });

  it('exits 2 for a payload the trigger refused, by the error code', () => {
    expect(exitCodeForRun(trace('failed', { message: 'anything at all', code: 'input-schema' }))).toBe(EXIT.invalid);
  });

  it('does not read the wording: a message naming the input schema with another code is a failed run', () => {
    const error = { message: "Code 'x' failed: the input schema is odd", code: 'code-error' };
    expect(exitCodeForRun(trace('failed', error))).toBe(EXIT.failed);
  });
});
