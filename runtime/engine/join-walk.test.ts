import { describe, expect, it } from 'vitest';
import type { RunState } from '../../core/run-state.js';
import type { RunTrace } from '../../core/trace.js';
import { code, condition, testFlow, trigger } from '../../test/support/test-flows.js';
import { createFlowRuntime } from './flow-runtime.js';

const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
const isGold = (name: string) => condition(name, [{ left: 'trigger.body.tier', operator: 'equals', right: 'gold' }]);
const names = (trace: RunTrace) => trace.steps.map((s) => s.name);
const stepOf = (trace: RunTrace, name: string) => trace.steps.find((s) => s.name === name)!;

describe('join: a node with several incoming edges', () => {
  // trigger fans out to two branches (left: two nodes long) that both lead into `join`.
  const parallel = () =>
    testFlow(
      [
        trigger(),
        code('left', 'return { a: 1 };'),
        code('leftMore', 'return { a2: steps.left.a + 1 };'),
        code('right', 'return { b: 40 };'),
        code('join', 'return { sum: steps.leftMore.a2 + steps.right.b };'),
      ],
      [
        ['trigger', 'out', 'left'],
        ['trigger', 'out', 'right'],
        ['left', 'success', 'leftMore'],
        ['leftMore', 'success', 'join'],
        ['right', 'success', 'join'],
      ],
    );

  it('runs once, after every branch that leads into it, with each branch’s output', async () => {
    const trace = await runtime.load(parallel()).run({ trigger: { body: {} } });
    expect(trace.status).toBe('success');
    expect(names(trace)).toEqual(['trigger', 'left', 'leftMore', 'right', 'join']);
    expect(stepOf(trace, 'join').output).toEqual({ sum: 42 });
    expect(stepOf(trace, 'join').join).toEqual({
      branches: [
        { from: 'leftMore', port: 'success', arrived: true },
        { from: 'right', port: 'success', arrived: true },
      ],
    });
    // A node with one incoming edge records no join.
    expect(stepOf(trace, 'left').join).toBeUndefined();
  });

  // check: gold → vip → join; otherwise → join directly. An untaken branch must not block.
  const rejoin = () =>
    testFlow(
      [
        trigger(),
        isGold('check'),
        code('vip', 'return { queue: "vip" };'),
        code('other', 'return { queue: "other" };'),
        code('join', 'return { queue: steps.vip ? steps.vip.queue : "standard" };'),
      ],
      [
        ['trigger', 'out', 'check'],
        ['check', 'true', 'vip'],
        ['check', 'false', 'other'],
        ['vip', 'success', 'join'],
        ['other', 'success', 'join'],
        ['check', 'false', 'join'],
      ],
    );

  it('does not wait for branches that were not taken, and says which did not arrive', async () => {
    const loaded = runtime.load(rejoin());
    const gold = await loaded.run({ trigger: { body: { tier: 'gold' } } });
    expect(names(gold)).toEqual(['trigger', 'check', 'vip', 'join']);
    expect(stepOf(gold, 'join').output).toEqual({ queue: 'vip' });
    expect(stepOf(gold, 'join').join?.branches).toEqual([
      { from: 'check', port: 'false', arrived: false },
      { from: 'vip', port: 'success', arrived: true },
      { from: 'other', port: 'success', arrived: false },
    ]);

    const plain = await loaded.run({ trigger: { body: { tier: 'silver' } } });
    // `check`'s false port leads both to `other` and straight to `join`: join waits for `other`.
    expect(names(plain)).toEqual(['trigger', 'check', 'other', 'join']);
    expect(stepOf(plain, 'join').join?.branches.map((b) => b.arrived)).toEqual([true, false, true]);
  });

  it('finishes a run resumed from any node with the same steps and join', async () => {
    const loaded = runtime.load(parallel());
    const states: RunState[] = [];
    const whole = await loaded.run({
      trigger: { body: {} },
      onCheckpoint: (state) => void states.push(JSON.parse(JSON.stringify(state)) as RunState),
    });
    expect(states).toHaveLength(5);
    for (const state of states) {
      const resumed = await loaded.run({ resume: state });
      expect(names(resumed)).toEqual(names(whole));
      expect(stepOf(resumed, 'join').output).toEqual({ sum: 42 });
      expect(stepOf(resumed, 'join').join).toEqual(stepOf(whole, 'join').join);
    }
  });
});

describe('join in the CLI trace', () => {
  it('prints the branches a node joined and those not taken', async () => {
    const { formatTrace } = await import('../hosts/cli/format-trace.js');
    const { createStyler } = await import('../hosts/cli/output.js');
    const flow = testFlow(
      [trigger(), isGold('check'), code('vip', 'return 1;'), code('join', 'return 2;')],
      [
        ['trigger', 'out', 'check'],
        ['check', 'true', 'vip'],
        ['vip', 'success', 'join'],
        ['check', 'false', 'join'],
      ],
    );
    const trace = await runtime.load(flow).run({ trigger: { body: { tier: 'gold' } } });
    const text = formatTrace(trace, createStyler(false));
    expect(text).toContain('joined check → false (not taken), vip → success');
  });
});
