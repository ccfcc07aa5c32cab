import { describe, expect, it } from 'vitest';
import type { RunState } from '../../../core/run-state.js';
import { testFlow, testNode, trigger } from '../../../test/support/test-flows.js';
import { createFlowRuntime } from '../flow-runtime.js';
import { applyStateDelta, stateDelta } from './state-delta.js';

describe('run state differences (worker → host)', () => {
  it('rebuilds every state of a real run from the first one and the differences, carrying only what is new', async () => {
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
    const code = (name: string, source: string) => testNode('code', name, { source, timeoutMs: 2000, memoryMB: 16 });
    const flow = testFlow(
      [
        trigger(),
        code('first', 'return { a: trigger.body.id };'),
        code('second', 'return { b: steps.first.a + 1 };'),
        code('third', 'return { c: steps.second.b + 1 };'),
      ],
      [
        ['trigger', 'out', 'first'],
        ['first', 'success', 'second'],
        ['second', 'success', 'third'],
      ],
    );
    const states: RunState[] = [];
    const trace = await runtime.load(JSON.stringify(flow)).run({
      trigger: { body: { id: 41, big: 'x'.repeat(5000) } },
      onCheckpoint: (s) => void states.push(s),
    });
    expect(trace.status).toBe('success');
    expect(states.length).toBe(4);

    let rebuilt = states[0]!;
    for (let i = 1; i < states.length; i++) {
      const delta = stateDelta(states[i - 1], states[i]!);
      // The trigger (5 KB) and earlier outputs do not cross again.
      expect(JSON.stringify(delta)).not.toContain('x'.repeat(100));
      expect(Object.keys(delta.outputs)).toEqual([
        states[i]!.done.at(-1) === 'n-vip' ? 'vip' : Object.keys(delta.outputs)[0],
      ]);
      rebuilt = applyStateDelta(rebuilt, delta);
      expect(rebuilt).toEqual(states[i]);
    }
    expect(rebuilt.scope.steps).toMatchObject({ first: { a: 41 }, second: { b: 42 }, third: { c: 43 } });
    await runtime.close();
  });
});
