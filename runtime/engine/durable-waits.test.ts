/**
 * Durable waits in the engine: with `durableWaitsFromMs` a long Wait is not slept; the run is
 * checkpointed with the Wait done and ends as `waiting`, and resuming that state goes on after
 * the Wait, running every later node once.
 */
import { describe, expect, it } from 'vitest';
import type { RunState } from '../../core/run-state.js';
import { testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { createFlowRuntime } from './flow-runtime.js';

const NOW = Date.parse('2026-12-07T14:00:00Z');
const noCredentials = { get: () => Promise.resolve(undefined) };

const flow = (delay: string) =>
  testFlow(
    [
      trigger(),
      testNode('code', 'before', { source: 'return { n: 1 };' }),
      testNode('wait', 'pause', { mode: 'delay', delay }),
      testNode('code', 'after', { source: 'return { n: steps.before.n + 1 };' }),
    ],
    [
      ['trigger', 'out', 'before'],
      ['before', 'success', 'pause'],
      ['pause', 'out', 'after'],
    ],
  );

describe('durable waits', () => {
  it('a long wait ends the run as waiting with its state saved after the Wait; resuming goes on from there', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials, now: () => NOW });
    const loaded = runtime.load(flow('10 minutes'));
    const states: RunState[] = [];
    const slept: number[] = [];
    const sleep = (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    };
    const first = await loaded.run({
      trigger: { body: {} },
      durableWaitsFromMs: 30_000,
      onCheckpoint: (s) => void states.push(s),
      sleep,
    });
    expect(first.status).toBe('waiting');
    expect(first.wakeAt).toBe('2026-12-07T14:10:00.000Z');
    expect(first.error).toBeUndefined();
    expect(slept).toEqual([]);
    expect(first.steps.map((s) => s.name)).toEqual(['trigger', 'before', 'pause']);
    const saved = states.at(-1)!;
    expect(saved.done).toEqual(['n-trigger', 'n-before', 'n-pause']);
    expect(saved.pending).toEqual(['n-after']);

    const resumed = await loaded.run({ resume: JSON.parse(JSON.stringify(saved)) as RunState, sleep });
    expect(resumed.status).toBe('success');
    expect(resumed.steps.map((s) => s.name)).toEqual(['trigger', 'before', 'pause', 'after']);
    expect(resumed.steps[3]!.output).toEqual({ n: 2 });
    expect(slept).toEqual([]);
    await runtime.close();
  });

  it('a short wait is slept even where waits can be durable, and without a checkpoint every wait is slept', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials, now: () => NOW });
    const slept: number[] = [];
    const sleep = (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    };
    const short = await runtime.load(flow('5 seconds')).run({
      trigger: { body: {} },
      durableWaitsFromMs: 30_000,
      onCheckpoint: () => {},
      sleep,
    });
    expect(short.status).toBe('success');
    const unsaved = await runtime
      .load(flow('10 minutes'))
      .run({ trigger: { body: {} }, durableWaitsFromMs: 30_000, sleep });
    expect(unsaved.status).toBe('success');
    expect(slept).toEqual([5_000, 600_000]);
    await runtime.close();
  });

  it('a wait shorter than the threshold but longer than the run may still take is durable too', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials, now: () => NOW });
    const trace = await runtime.load(flow('20 seconds')).run({
      trigger: { body: {} },
      timeoutMs: 10_000,
      durableWaitsFromMs: 30_000,
      onCheckpoint: () => {},
    });
    expect(trace.status).toBe('waiting');
    expect(trace.wakeAt).toBe('2026-12-07T14:00:20.000Z');
    await runtime.close();
  });

  it('a long wait inside an Apply to each body is slept, not saved: an iteration cannot stop on its own', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials, now: () => NOW });
    const looped = testFlow(
      [
        trigger(),
        testNode('applyToEach', 'each', {
          items: '{{ [1, 2] }}',
          concurrency: 1,
          maxItems: 10,
          tooMany: 'fail',
          onItemError: 'stop',
        }),
        testNode('wait', 'pause', { mode: 'delay', delay: '10 minutes' }),
        testNode('code', 'after', { source: 'return { n: 1 };' }),
      ],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'pause'],
        ['each', 'done', 'after'],
      ],
    );
    const slept: number[] = [];
    const trace = await runtime.load(looped).run({
      trigger: { body: {} },
      durableWaitsFromMs: 30_000,
      onCheckpoint: () => {},
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    });
    expect(trace.status).toBe('success');
    expect(trace.wakeAt).toBeUndefined();
    expect(slept).toEqual([600_000, 600_000]);
    expect(trace.steps.map((s) => s.name)).toEqual(['trigger', 'each', 'after']);
    await runtime.close();
  });
});
