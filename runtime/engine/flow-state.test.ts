/**
 * The engine hands every node the flow's state store as `ctx.state`, namespaced by the flow's
 * id: what one flow remembers, another flow on the same store cannot read. A run may bring its
 * own store (a test case's seeded one); otherwise the runtime's.
 */
import { describe, expect, it } from 'vitest';
import { defineManifest, type NodeExecutor } from '../../core/node-type.js';
import { withNodeTypes } from '../../nodes/registry.runtime.js';
import { testFlow, trigger } from '../../test/support/test-flows.js';
import { createMemoryStateStore } from '../state/memory-store.js';
import { createFlowRuntime } from './flow-runtime.js';

/** A test-only node: counts runs under `trigger.body.key` and outputs the count and what `other` holds. */
const counterManifest = defineManifest<Record<string, never>>()({
  type: 'testCounter',
  version: 1,
  category: 'logic',
  title: 'Counter',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  ports: ['out'],
  credentialSlots: [],
});
const counterExecutor: NodeExecutor<Record<string, never>> = {
  type: counterManifest.type,
  prepare: () => ({
    async run(ctx) {
      const key = String((ctx.scope.trigger.body as { key: string }).key);
      const count = await ctx.state.increment(key, 1);
      return { port: 'out', output: { count, other: (await ctx.state.get('other')) ?? null } };
    },
  }),
};
const nodeTypes = withNodeTypes([{ manifest: counterManifest, executor: counterExecutor }]);

const counterFlow = (id: string) =>
  testFlow(
    [trigger(), { id: 'n-count', type: 'testCounter', version: 1, name: 'count', config: {} }],
    [['trigger', 'out', 'count']],
    { id },
  );

const countOf = (trace: { steps: { name: string; output?: unknown }[] }) =>
  (trace.steps.find((s) => s.name === 'count')!.output as { count: number; other: unknown }).count;

describe('the state store in the engine', () => {
  it("keeps keys between a flow's runs, and apart from another flow's", async () => {
    const store = createMemoryStateStore();
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined }, nodeTypes, stateStore: store });
    const a = runtime.load(counterFlow('flow-a'));
    const b = runtime.load(counterFlow('flow-b'));
    expect(countOf(await a.run({ trigger: { body: { key: 'calls' } } }))).toBe(1);
    expect(countOf(await a.run({ trigger: { body: { key: 'calls' } } }))).toBe(2);
    expect(countOf(await b.run({ trigger: { body: { key: 'calls' } } }))).toBe(1);
    expect(store.snapshot('flow-a')).toEqual({ calls: 2 });
    expect(store.snapshot('flow-b')).toEqual({ calls: 1 });
  });

  it("uses a run's own store when given one, else one in memory per runtime", async () => {
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined }, nodeTypes });
    const loaded = runtime.load(counterFlow('flow-a'));
    const seeded = createMemoryStateStore();
    await seeded.set('flow-a', 'calls', '41', undefined);
    await seeded.set('flow-a', 'other', '"seeded"', undefined);
    const trace = await loaded.run({ trigger: { body: { key: 'calls' } }, state: seeded });
    expect(trace.steps[1]!.output).toEqual({ count: 42, other: 'seeded' });
    expect(countOf(await loaded.run({ trigger: { body: { key: 'calls' } } }))).toBe(1);
    expect(countOf(await loaded.run({ trigger: { body: { key: 'calls' } } }))).toBe(2);
    expect(seeded.snapshot('flow-a')).toEqual({ calls: 42, other: 'seeded' });
  });
});
