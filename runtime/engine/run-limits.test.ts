/** Engine-level guards every host relies on (issue 12): payload nesting and the run timer. */
import { afterAll, describe, expect, it } from 'vitest';
import { condition, testFlow, trigger, webService } from '../../test/support/test-flows.js';
import type { Transport } from '../http/transport.js';
import { createFlowRuntime, FlowLoadError } from './flow-runtime.js';

const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
afterAll(() => runtime.close());

const flow = testFlow(
  [trigger(), condition('isGold', [{ left: 'trigger.body.tier', operator: 'equals', right: 'gold' }])],
  [['trigger', 'out', 'isGold']],
);

describe('run limits in the engine', () => {
  it('refuses a trigger body nested 100,000 levels with a clear error instead of overflowing the stack', async () => {
    const loaded = runtime.load(flow);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    const trace = await loaded.run({ trigger: { body: { tier: 'gold', deep } } });
    expect(trace.status).toBe('failed');
    expect(trace.error).toEqual({
      message:
        'the trigger body is nested more than 128 levels deep (objects and arrays inside each other); Flowdesk refuses deeper JSON',
      code: 'too-deep',
    });
    expect(trace.steps).toEqual([]);
  });

  it('refuses a parsed flow nested too deeply as a load error', () => {
    const deep = { ...flow, description: JSON.parse('['.repeat(1000) + ']'.repeat(1000)) as unknown };
    expect(() => runtime.load(deep as never, { fileName: 'deep.flow.json' })).toThrow(FlowLoadError);
    expect(() => runtime.load(deep as never, { fileName: 'deep.flow.json' })).toThrow(
      /deep\.flow\.json is nested more than 128 levels deep/,
    );
  });

  it('a timeout beyond what Node timers hold does not fire at once', async () => {
    // A node that waits on a real timer, as a request does, so an overflowed run timer (which
    // Node turns into 1 ms) would fire first.
    const slow: Transport = {
      send: async () => {
        await new Promise((r) => setTimeout(r, 30));
        return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{}' };
      },
    };
    const withCall = testFlow(
      [trigger(), webService('lookup', { url: 'https://api.example.com/x' })],
      [['trigger', 'out', 'lookup']],
    );
    const trace = await runtime
      .load(withCall)
      .run({ trigger: { body: {} }, transport: slow, timeoutMs: 99_999_999_999_999 });
    expect(trace.error).toBeUndefined();
    expect(trace.status).toBe('success');
  });
});
