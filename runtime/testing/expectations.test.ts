import { describe, expect, it } from 'vitest';
import type { RunTrace, StepTrace } from '../../core/trace.js';
import { checkExpectations } from './expectations.js';

function step(name: string, output: unknown, extra: Partial<StepTrace> = {}): StepTrace {
  return {
    nodeId: `id-${name}`,
    name,
    type: 'x',
    startedAtMs: 0,
    durationMs: 0,
    requests: [],
    logs: [],
    output,
    port: 'out',
    ...extra,
  };
}

const trace: RunTrace = {
  runId: 'r',
  flowId: 'f',
  flowName: 'F',
  startedAt: new Date(0).toISOString(),
  durationMs: 1,
  status: 'success',
  steps: [
    step('trigger', { a: 1 }),
    step(
      'getUser',
      { status: 200, fields: { name: 'Ann' } },
      {
        requests: [
          {
            purpose: 'token',
            attempt: 1,
            method: 'POST',
            url: 'https://login.example.com/oauth/token',
            headers: {},
            durationMs: 1,
            status: 200,
          },
          {
            purpose: 'main',
            attempt: 1,
            method: 'PUT',
            url: 'https://api.example.com/users/42?x=1',
            headers: { 'content-type': 'application/json', authorization: '[redacted]' },
            body: { user: { id: 42, tags: ['a'] } },
            durationMs: 1,
            status: 200,
          },
        ],
      },
    ),
  ],
  vars: { name: 'Ann' },
};

describe('checkExpectations', () => {
  it('passes when every expectation holds', () => {
    expect(
      checkExpectations(
        {
          path: ['trigger', 'getUser'],
          notVisited: ['ticket'],
          steps: { getUser: { fields: { name: 'Ann' } } },
          vars: { name: 'Ann' },
          requests: [
            {
              node: 'getUser',
              method: 'put',
              url: 'https://api.example.com/users/*',
              headers: { 'Content-Type': 'application/json' },
              body: { user: { id: 42 } },
              count: 1,
            },
          ],
        },
        trace,
      ),
    ).toEqual([]);
  });

  it('explains a wrong path with the first divergence', () => {
    const [f] = checkExpectations({ path: ['trigger', 'isVip', 'getUser'] }, trace);
    expect(f!.what).toBe('path');
    expect(f!.message).toBe(
      'expected the path trigger → isVip → getUser, got trigger → getUser (step 2: expected "isVip", got "getUser")',
    );
  });

  it('names the step and field that differ', () => {
    const failures = checkExpectations({ steps: { getUser: { fields: { name: 'Bob' } }, ticket: {} } }, trace);
    expect(failures.map((f) => [f.what, f.message])).toEqual([
      ['steps.getUser.fields.name', 'expected "Bob", got "Ann"'],
      ['steps.ticket', "expected step 'ticket' to have run, but it did not (path trigger → getUser)"],
    ]);
  });

  it('explains an unmatched request against the closest one sent', () => {
    const [f] = checkExpectations(
      {
        requests: [
          { node: 'getUser', method: 'PUT', url: 'https://api.example.com/users/*', body: { user: { id: 43 } } },
        ],
      },
      trace,
    );
    expect(f!.what).toBe('request PUT getUser');
    expect(f!.message).toContain(
      'closest was PUT https://api.example.com/users/42?x=1: body.user.id: expected 43, got 42',
    );
  });

  it('counts only main requests (token requests are plumbing)', () => {
    const [f] = checkExpectations({ requests: [{ node: 'getUser', count: 2 }] }, trace);
    expect(f!.message).toContain("expected 2 matching requests from 'getUser', got 1");
  });

  it('checks outcome and error text', () => {
    const failed: RunTrace = {
      ...trace,
      status: 'failed',
      error: { message: "Web Service 'getUser' failed: HTTP 500" },
    };
    expect(checkExpectations(undefined, failed)[0]!.message).toBe(
      "expected the run to succeed, but it failed: Web Service 'getUser' failed: HTTP 500",
    );
    expect(checkExpectations({ outcome: 'failed', error: 'HTTP 500' }, failed)).toEqual([]);
    expect(checkExpectations({ outcome: 'failed', error: 'timeout' }, failed)[0]!.what).toBe('error');
    expect(checkExpectations({ outcome: 'failed' }, trace)[0]!.message).toBe(
      'expected the run to fail, but it succeeded',
    );
  });
});
