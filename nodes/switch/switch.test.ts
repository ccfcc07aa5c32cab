import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { portsOf, type SummaryWords } from '../../core/node-type.js';
import { createAjv } from '../../core/schema/ajv.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { NODE_MANIFESTS } from '../registry.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { readPayload } from '../../test/support/payloads.js';
import { code, testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { issueLines, validateNodes } from '../../test/support/validate-nodes.js';
import { switchEditor } from './editor.js';
import type { OutputDetail } from './executor.js';
import { switchManifest, type SwitchConfig } from './manifest.js';

const topicIs = (suffix: string) => [
  { left: 'trigger.body.detail.topicName', operator: 'matches', right: `\\.${suffix}$` },
];

/** A Switch on the Genesys EventBridge topic: customer end, after-call work, or anything else. */
const byTopic = (extra: Partial<SwitchConfig> = {}) =>
  testNode('switch', 'byTopic', {
    outputs: [
      { name: 'customerEnd', combinator: 'all', rules: topicIs('customer\\.end') },
      { name: 'acw', combinator: 'all', rules: topicIs('acw') },
      {
        name: 'chat',
        combinator: 'all',
        rules: [{ left: 'trigger.body.detail.eventBody.mediaType', operator: 'equals', right: 'chat' }],
      },
    ],
    ...extra,
  });

function flowWith(node: ReturnType<typeof byTopic>) {
  return testFlow(
    [
      trigger(),
      node,
      code('onEnd', 'return "end";'),
      code('onAcw', 'return "acw";'),
      code('onChat', 'return "chat";'),
      code('other', 'return "other";'),
      code('after', 'return Object.keys(steps);'),
    ],
    [
      ['trigger', 'out', 'byTopic'],
      ['byTopic', 'customerEnd', 'onEnd'],
      ['byTopic', 'acw', 'onAcw'],
      ['byTopic', 'chat', 'onChat'],
      ['byTopic', 'default', 'other'],
      ['onEnd', 'success', 'after'],
      ['onAcw', 'success', 'after'],
      ['onChat', 'success', 'after'],
      ['other', 'success', 'after'],
    ],
  );
}

const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });
const names = (steps: { name: string }[]) => steps.map((s) => s.name);
type EventBridge = { detail: { topicName: string } };
const customerEnd = readPayload<EventBridge>('genesys-eventbridge-customer-end.json');
const acw = readPayload('genesys-eventbridge-acw.RECONSTRUCTED.json');

describe('Switch', () => {
  it('has one port per named output plus Default, on the canvas and in validation', () => {
    const node = byTopic();
    expect(portsOf(switchManifest, node.config)).toEqual(['customerEnd', 'acw', 'chat', 'default']);
    expect(portsOf(switchManifest, {})).toEqual(['default']);
    const validate = createAjv([switchManifest.configSchema]).compile(switchManifest.configSchema);
    expect(validate(switchManifest.defaults)).toBe(true);
    expect(validate(node.config)).toBe(true);
    const words: SummaryWords = { locale: 'en', text: (key) => key, option: (_pointer, value) => value };
    expect(switchEditor.summary!(node.config, words)).toBe('customerEnd · acw · chat');
    expect(switchEditor.summary!({ ...node.config, matching: 'all' }, words)).toBe('customerEnd · acw · chat (all)');
  });

  it('takes the first matching output on real EventBridge payloads, and Default when none matches', async () => {
    const loaded = runtime.load(flowWith(byTopic()));
    const end = await loaded.run({ trigger: { body: customerEnd } });
    expect(names(end.steps)).toEqual(['trigger', 'byTopic', 'onEnd', 'after']);
    const step = end.steps[1]!;
    expect(step.port).toBe('customerEnd');
    expect(step.output).toEqual({ output: 'customerEnd', outputs: ['customerEnd'] });
    // Every output is evaluated, so the trace shows each with the value its rules saw.
    expect((step.details!.outputs as OutputDetail[]).map((o) => [o.name, o.matched, o.rules[0]!.value])).toEqual([
      ['customerEnd', true, customerEnd.detail.topicName],
      ['acw', false, customerEnd.detail.topicName],
      ['chat', true, 'CHAT'],
    ]);

    const wrap = await loaded.run({ trigger: { body: acw } });
    expect(names(wrap.steps)).toEqual(['trigger', 'byTopic', 'onAcw', 'after']);

    const unknown = await loaded.run({ trigger: { body: { detail: { topicName: 'v2.users.x.presence' } } } });
    expect(names(unknown.steps)).toEqual(['trigger', 'byTopic', 'other', 'after']);
    expect(unknown.steps[1]!.port).toBe('default');
  });

  it('with "every matching output" runs each matched branch, and a node they lead to once after them', async () => {
    const loaded = runtime.load(flowWith(byTopic({ matching: 'all' })));
    const trace = await loaded.run({ trigger: { body: customerEnd } });
    expect(names(trace.steps)).toEqual(['trigger', 'byTopic', 'onEnd', 'onChat', 'after']);
    expect(trace.steps[1]).toMatchObject({ port: 'customerEnd', ports: ['customerEnd', 'chat'] });
    const { formatTrace } = await import('../../runtime/hosts/cli/format-trace.js');
    const { createStyler } = await import('../../runtime/hosts/cli/output.js');
    const printed = formatTrace(trace, createStyler(false));
    expect(printed).toContain('byTopic (switch) → customerEnd, chat');
    expect(printed).toMatch(/✗ output acw\n.*✗ trigger\.body\.detail\.topicName matches/);
    const after = trace.steps.at(-1)!;
    expect(after.join?.branches.filter((b) => b.arrived).map((b) => b.from)).toEqual(['onEnd', 'onChat']);
  });

  it('takes the output an expression names, ignoring case when asked, and Default for other values', async () => {
    const node = testNode('switch', 'byTopic', {
      mode: 'expression',
      expression: "$split(trigger.body.detail.topicName, '.')[-1]",
      outputs: [{ name: 'END' }, { name: 'acw' }],
    });
    const flow = testFlow(
      [trigger(), node, code('onEnd', 'return 1;'), code('onAcw', 'return 2;'), code('other', 'return 3;')],
      [
        ['trigger', 'out', 'byTopic'],
        ['byTopic', 'END', 'onEnd'],
        ['byTopic', 'acw', 'onAcw'],
        ['byTopic', 'default', 'other'],
      ],
    );
    const loaded = runtime.load(flow);
    expect(names((await loaded.run({ trigger: { body: customerEnd } })).steps)).toEqual([
      'trigger',
      'byTopic',
      'onEnd',
    ]);
    const wrap = await loaded.run({ trigger: { body: acw } });
    expect(names(wrap.steps)).toEqual(['trigger', 'byTopic', 'onAcw']);
    expect(wrap.steps[1]!.details!.expression).toEqual({
      expression: "$split(trigger.body.detail.topicName, '.')[-1]",
      value: 'acw',
      selected: ['acw'],
    });
    const other = await loaded.run({ trigger: { body: { detail: { topicName: 'a.b.start' } } } });
    expect(names(other.steps)).toEqual(['trigger', 'byTopic', 'other']);
  });

  it('refuses connections from outputs it does not have, naming the ones it has', () => {
    const flow = flowWith(byTopic());
    flow.edges.push({ from: 'n-byTopic', port: 'transfer', to: 'n-other' });
    const issues = loadFlowText(JSON.stringify(flow), NODE_MANIFESTS).issues;
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      "Switch 'byTopic': connection 10 leaves from output 'transfer', but this node has only 'customerEnd', 'acw', 'chat', 'default'",
    ]);
    expect(() => runtime.load(flow)).toThrow(/not valid/);
  });

  it('words its own checks in English and Japanese', () => {
    const issues = validateNodes(
      [switchManifest],
      [
        {
          id: 's',
          type: 'switch',
          name: 'route',
          config: {
            mode: 'rules',
            matching: 'first',
            caseInsensitive: true,
            outputs: [
              { name: 'created', rules: topicIs('created') },
              { name: 'Created', rules: topicIs('x') },
              { name: 'default', rules: topicIs('y') },
              { name: 'done', rules: [] },
            ],
          },
        },
      ],
    );
    expect(issueLines(issues)).toEqual([
      "/nodes/1/config/outputs/1/name | Switch 'route': output 2 is named 'Created' like output 1; each output needs its own name",
      "/nodes/1/config/outputs/2/name | Switch 'route': output 3 is named 'default', which is the name of the output taken when nothing matches; choose another name",
      "/nodes/1/config/outputs/3/rules | Switch 'route': output 'done' has no rules, so it is never taken; add a rule or remove the output",
    ]);
    expect(formatMessage(issues[0]!, 'ja')).toContain(
      '「route」: 出力 2 の名前「Created」は出力 1 と同じです。出力ごとに別の名前を付けてください',
    );
  });
});
