/**
 * Remember and Recall through the real engine: a value kept by one run is found by a later run
 * of the same flow, set-if-absent lets exactly one of two racing runs through, counters count,
 * and a refused value takes the error port (or fails the run naming the node) in plain words.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import type { Message } from '../../core/messages/message.js';
import { portsOf, type SummaryWords } from '../../core/node-type.js';
import { createAjv } from '../../core/schema/ajv.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { createMemoryStateStore } from '../../runtime/state/memory-store.js';
import { code, testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { issueLines, validateNodes } from '../../test/support/validate-nodes.js';
import { recallManifest } from '../recall/manifest.js';
import { rememberEditor } from './editor.js';
import { rememberManifest } from './manifest.js';

const remember = (name: string, config: Record<string, unknown>) => testNode('remember', name, config);
const recall = (name: string, key: string) => testNode('recall', name, { key });
const names = (steps: { name: string }[]) => steps.map((s) => s.name);

/** One flow: a "created" event claims the task, a "completed" one recalls what was kept. */
function taskFlow(claim: Record<string, unknown> = {}) {
  return testFlow(
    [
      trigger(),
      testNode('switch', 'byEvent', {
        mode: 'expression',
        expression: 'trigger.body.EventType',
        outputs: [{ name: 'created' }, { name: 'completed' }],
      }),
      remember('claimTask', {
        operation: 'setIfAbsent',
        key: 'task:{{ trigger.body.TaskSid }}',
        value: '{{ trigger.body.ticketId }}',
        ...claim,
      }),
      code('openTicket', 'return "opened";'),
      code('duplicate', 'return "duplicate";'),
      recall('findTicket', 'task:{{ trigger.body.TaskSid }}'),
      code('addNote', 'return steps.findTicket.value;'),
      code('nothingKept', 'return null;'),
    ],
    [
      ['trigger', 'out', 'byEvent'],
      ['byEvent', 'created', 'claimTask'],
      ['claimTask', 'done', 'openTicket'],
      ['claimTask', 'already', 'duplicate'],
      ['byEvent', 'completed', 'findTicket'],
      ['findTicket', 'found', 'addNote'],
      ['findTicket', 'notFound', 'nothingKept'],
    ],
    { id: 'task-lifecycle' },
  );
}

const created = (TaskSid: string, ticketId: unknown = 35436) => ({ EventType: 'created', TaskSid, ticketId });
const completed = (TaskSid: string) => ({ EventType: 'completed', TaskSid });

describe('Remember and Recall', () => {
  it('keep a value between runs of a flow, with its JSON type', async () => {
    const store = createMemoryStateStore();
    const loaded = createFlowRuntime({ credentials: { get: async () => undefined }, stateStore: store }).load(
      taskFlow(),
    );
    const first = await loaded.run({ trigger: { body: created('WT1') } });
    expect(names(first.steps)).toEqual(['trigger', 'byEvent', 'claimTask', 'openTicket']);
    expect(first.steps[2]).toMatchObject({
      port: 'done',
      output: { key: 'task:WT1', first: true, value: 35436 },
      details: { state: { operation: 'setIfAbsent', key: 'task:WT1', kept: { forgetAfter: 7, unit: 'days' } } },
    });
    expect(store.snapshot('task-lifecycle')).toEqual({ 'task:WT1': 35436 });

    const end = await loaded.run({ trigger: { body: completed('WT1') } });
    expect(names(end.steps)).toEqual(['trigger', 'byEvent', 'findTicket', 'addNote']);
    expect(end.steps[2]).toMatchObject({ port: 'found', output: { key: 'task:WT1', found: true, value: 35436 } });
    expect(end.steps[3]!.output).toBe(35436);

    const other = await loaded.run({ trigger: { body: completed('WT2') } });
    expect(names(other.steps)).toEqual(['trigger', 'byEvent', 'findTicket', 'nothingKept']);
    expect(other.steps[2]).toMatchObject({ port: 'notFound', output: { key: 'task:WT2', found: false, value: null } });
  });

  it('let only the first of two racing events through "remember if not yet remembered"', async () => {
    const store = createMemoryStateStore();
    const loaded = createFlowRuntime({ credentials: { get: async () => undefined }, stateStore: store }).load(
      taskFlow(),
    );
    const [a, b] = await Promise.all([
      loaded.run({ trigger: { body: created('WT9', 1) } }),
      loaded.run({ trigger: { body: created('WT9', 2) } }),
    ]);
    const ends = [a!, b!].map((t) => t.steps.at(-1)!.name).sort();
    expect(ends).toEqual(['duplicate', 'openTicket']);
    const loser = [a!, b!].find((t) => t.steps.at(-1)!.name === 'duplicate')!;
    const winner = [a!, b!].find((t) => t.steps.at(-1)!.name === 'openTicket')!;
    // The loser learns what the winner kept.
    expect(loser.steps[2]!.output).toEqual({
      key: 'task:WT9',
      first: false,
      value: (winner.steps[2]!.output as { value: number }).value,
    });
  });

  it('count with increment and forget with delete', async () => {
    const store = createMemoryStateStore();
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined }, stateStore: store });
    const flow = (config: Record<string, unknown>) =>
      testFlow(
        [trigger(), remember('op', { key: 'calls:{{ trigger.body.queue }}', ...config })],
        [['trigger', 'out', 'op']],
      );
    const count = runtime.load(flow({ operation: 'increment', by: 2 }));
    expect((await count.run({ trigger: { body: { queue: 'billing' } } })).steps[1]!.output).toEqual({
      key: 'calls:billing',
      value: 2,
    });
    expect((await count.run({ trigger: { body: { queue: 'billing' } } })).steps[1]!.output).toEqual({
      key: 'calls:billing',
      value: 4,
    });
    const forget = runtime.load(flow({ operation: 'delete' }));
    expect((await forget.run({ trigger: { body: { queue: 'billing' } } })).steps[1]).toMatchObject({
      port: 'done',
      output: { key: 'calls:billing', existed: true },
    });
    expect((await forget.run({ trigger: { body: { queue: 'billing' } } })).steps[1]!.output).toEqual({
      key: 'calls:billing',
      existed: false,
    });
  });

  it('send a refused value to the error port, or fail the run naming the node, in the UI language', async () => {
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
    const tooBig = remember('keepPayload', { key: 'payload:{{ trigger.body.id }}', value: '{{ trigger.body }}' });
    const body = { id: 'c-1', transcript: 'x'.repeat(70_000) };

    const wired = runtime.load(
      testFlow(
        [trigger(), tooBig, code('handle', 'return steps.keepPayload.code;')],
        [
          ['trigger', 'out', 'keepPayload'],
          ['keepPayload', 'error', 'handle'],
        ],
      ),
    );
    const handled = await wired.run({ trigger: { body } });
    expect(handled.status).toBe('success');
    expect(handled.steps[1]).toMatchObject({
      port: 'error',
      output: { code: 'state.value-too-large', key: 'payload:c-1' },
    });
    expect(handled.steps[2]!.output).toBe('state.value-too-large');

    const unwired = runtime.load(testFlow([trigger(), tooBig], [['trigger', 'out', 'keepPayload']]));
    const failed = await unwired.run({ trigger: { body } });
    expect(failed.status).toBe('failed');
    expect(failed.error!.message).toBe(
      "Remember 'keepPayload' failed: the value for 'payload:c-1' is 70,028 bytes as JSON; a remembered value may be at most 65,536 bytes (remember an id, not a whole payload) (its error port is not connected)",
    );
    expect(formatMessage({ code: 'run.node-failed', params: failed.error!.params } as Message, 'ja')).toContain(
      '「payload:c-1」の値は JSON で 70,028 バイトあります',
    );
  });

  it('say in the trace which store failed to answer', async () => {
    const broken = createMemoryStateStore();
    broken.get = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined }, stateStore: broken });
    const trace = await runtime
      .load(testFlow([trigger(), recall('findTicket', 'task:1')], [['trigger', 'out', 'findTicket']]))
      .run({ trigger: { body: {} } });
    expect(trace.status).toBe('failed');
    expect(trace.error!.message).toBe(
      "Recall 'findTicket' failed: the state store could not be reached: connect ECONNREFUSED 127.0.0.1:6379 (its error port is not connected)",
    );
  });
});

describe('the Remember and Recall node types', () => {
  it('have ports by operation, valid defaults, and checks worded in English and Japanese', () => {
    expect(portsOf(rememberManifest, { operation: 'set' })).toEqual(['done', 'error']);
    expect(portsOf(rememberManifest, { operation: 'setIfAbsent' })).toEqual(['done', 'already', 'error']);
    expect(portsOf(recallManifest, {})).toEqual(['found', 'notFound', 'error']);
    for (const manifest of [rememberManifest, recallManifest]) {
      expect(createAjv([manifest.configSchema]).compile(manifest.configSchema)(manifest.defaults)).toBe(true);
    }

    const issues = validateNodes(
      [rememberManifest, recallManifest],
      [
        { id: 'a', type: 'remember', name: 'claim', config: { ...rememberManifest.defaults } },
        {
          id: 'b',
          type: 'remember',
          name: 'count',
          config: { operation: 'increment', key: 'n', forgetAfter: 9999, forgetUnit: 'days' },
        },
        { id: 'c', type: 'recall', name: 'find', config: { key: ' ' } },
        { id: 'd', type: 'remember', name: 'forget', config: { operation: 'delete', key: 'n', forgetAfter: 99999 } },
      ],
    );
    expect(issueLines(issues)).toEqual([
      "/nodes/1/config/key | Remember 'claim': the key is required: it names what is remembered, e.g. task:{{ trigger.body.TaskSid }}",
      "/nodes/1/config/value | Remember 'claim': the value is required, e.g. {{ steps.createTicket.id }} (to forget a key, choose the Delete operation)",
      "/nodes/2/config/forgetAfter | Remember 'count': Forget after may be at most 3,660 days (ten years)",
      "/nodes/3/config/key | Recall 'find': the key is required: the name a Remember node used, e.g. task:{{ trigger.body.TaskSid }}",
    ]);
    expect(
      formatMessage(
        issues.find((i) => i.pointer === '/nodes/2/config/forgetAfter')!,
        'ja',
      ),
    ).toContain('「忘れるまでの時間」は 3,660 日（10 年）までです');
  });

  it('summarise on the canvas what they keep and for how long', () => {
    const texts = rememberEditor.texts!;
    const words = (locale: 'en' | 'ja'): SummaryWords => ({
      locale,
      text: (key, vars = {}) => texts[locale][key]!.replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v])),
      option: (_pointer, value) => value,
    });
    const claim = {
      operation: 'setIfAbsent',
      key: 'task:{{ trigger.body.TaskSid }}',
      value: '{{ steps.createTicket.id }}',
      forgetAfter: 7,
      forgetUnit: 'days',
    };
    expect(rememberEditor.summary!(claim, words('en'))).toBe(
      'task:{{ trigger.body.TaskSid }} = {{ steps.createTicket.id }}, if new · 7 days',
    );
    expect(rememberEditor.summary!(claim, words('ja'))).toBe(
      'task:{{ trigger.body.TaskSid }} = {{ steps.createTicket.id }}（未記憶のときだけ）・7 日',
    );
    expect(rememberEditor.summary!({ operation: 'increment', key: 'n', by: 1, forgetAfter: 0 }, words('en'))).toBe(
      'n + 1',
    );
    expect(rememberEditor.summary!({ operation: 'delete', key: 'n', forgetAfter: 7 }, words('en'))).toBe('forget n');
    expect(rememberEditor.summary!({ key: '' }, words('ja'))).toBe('キーがありません');
    expect(rememberEditor.outputShape!(claim, {})).toMatchObject({
      kind: 'object',
      fields: { key: { kind: 'string' }, first: { kind: 'boolean' }, value: { kind: 'any' } },
    });
  });
});
