import { describe, expect, it } from 'vitest';
import type { RunTrace } from '../../core/trace.js';
import { Redactor } from '../redactor.js';
import { redactTrace } from './redact-trace.js';

function trace(output: unknown, vars: Record<string, unknown> = {}): RunTrace {
  return {
    runId: 'r',
    flowId: 'f',
    flowName: 'F',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    status: 'success',
    steps: [
      {
        nodeId: 'n',
        name: 'n',
        type: 'code',
        startedAtMs: 0,
        durationMs: 1,
        requests: [],
        output,
        logs: [{ level: 'info', message: 'got s3cret-value-1', at: 0 }],
      },
    ],
    vars,
  };
}

describe('redactTrace', () => {
  it('replaces registered secrets everywhere and masks sensitive keys, without touching the input', () => {
    const redactor = new Redactor();
    redactor.add('s3cret-value-1');
    const output = {
      echo: 'Bearer s3cret-value-1',
      access_token: 'never-registered',
      nested: [{ password: 'x1' }],
      n: 1,
    };
    const t = trace(output, { seen: 's3cret-value-1' });
    const r = redactTrace(redactor, t);
    expect(r.steps[0]!.output).toEqual({
      echo: 'Bearer [redacted]',
      access_token: '[redacted]',
      nested: [{ password: '[redacted]' }],
      n: 1,
    });
    expect(r.steps[0]!.logs[0]!.message).toBe('got [redacted]');
    expect(r.vars).toEqual({ seen: '[redacted]' });
    expect(output.echo).toBe('Bearer s3cret-value-1');
    expect(t.steps[0]!.logs[0]!.message).toBe('got s3cret-value-1');
  });

  it('shares unchanged objects and redacts an object reached twice once', () => {
    const redactor = new Redactor();
    redactor.add('s3cret-value-1');
    const clean = { big: Array.from({ length: 50 }, (_, i) => ({ i })) };
    const dirty = { note: 's3cret-value-1' };
    const r = redactTrace(redactor, trace({ body: clean, a: dirty }, { again: dirty, body: clean }));
    const out = r.steps[0]!.output as { body: unknown; a: unknown };
    expect(out.body).toBe(clean);
    expect(r.vars.again).toBe(out.a);
    expect(out.a).toEqual({ note: '[redacted]' });
  });
});
