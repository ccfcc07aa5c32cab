import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { formatMessage } from '../../core/messages/format.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { NODE_MANIFESTS } from '../../nodes/registry.js';
import { code, condition, testFlow, trigger } from '../../test/support/test-flows.js';
import { runRecordedCase } from '../testing/run-flow-tests.js';
import { createFlowRuntime } from './flow-runtime.js';

const runtime = createFlowRuntime({ credentials: { get: async () => undefined } });

/** A Condition on the region parameter, and one comparing a secret parameter with the payload. */
function flowWithParams(): FlowFile {
  return testFlow(
    [
      trigger(),
      condition('isJapan', [{ left: 'params.genesysRegion', operator: 'equals', right: 'mypurecloud.jp' }]),
      condition('pinMatches', [{ left: 'trigger.body.pin', operator: 'equals', right: '{{ params.pin }}' }]),
    ],
    [
      ['trigger', 'out', 'isJapan'],
      ['isJapan', 'true', 'pinMatches'],
    ],
    {
      params: {
        genesysRegion: {
          type: 'string',
          default: 'mypurecloud.com',
          enum: ['mypurecloud.com', 'mypurecloud.jp', 'mypurecloud.de'],
          description: 'The Genesys Cloud region of the org',
        },
        pin: { type: 'string', secret: true },
      },
    },
  );
}

describe('flow parameters', () => {
  it('are read as params.x, each layer over the defaults, and a secret one never shows in the trace', async () => {
    const loaded = runtime.load(flowWithParams());
    const trace = await loaded.run({
      trigger: { body: { pin: 'S3cret-pin-4711' } },
      params: [{ pin: 'S3cret-pin-4711' }, { genesysRegion: 'mypurecloud.jp' }],
    });
    expect(trace.status).toBe('success');
    expect(trace.steps.map((s) => [s.name, s.port])).toEqual([
      ['trigger', 'out'],
      ['isJapan', 'true'],
      ['pinMatches', 'true'],
    ]);
    expect(JSON.stringify(trace)).not.toContain('S3cret-pin-4711');

    const usOrg = await loaded.run({ trigger: { body: {} }, params: [{ pin: 'S3cret-pin-4711' }] });
    expect(usOrg.steps.map((s) => s.port)).toEqual(['out', 'false']);
  });

  it('are read by Code tasks as params, and a secret one logged there is redacted', async () => {
    const flow = testFlow(
      [
        trigger(),
        code(
          'build',
          'console.log("key " + params.pin); return { url: "https://api." + params.genesysRegion + "/api/v2", all: Object.keys(params).length };',
        ),
        code('whole', 'const p = input.params; return { region: p.genesysRegion };'),
      ],
      [
        ['trigger', 'out', 'build'],
        ['build', 'success', 'whole'],
      ],
      { params: flowWithParams().params! },
    );
    const trace = await runtime.load(flow).run({
      trigger: { body: {} },
      params: [{ pin: 'S3cret-pin-4711', genesysRegion: 'mypurecloud.jp' }],
    });
    expect(trace.status).toBe('success');
    const step = (name: string) => trace.steps.find((s) => s.name === name)!;
    // The plan passes only what the source names (pin and genesysRegion), or everything via input.
    expect(step('build').output).toEqual({ url: 'https://api.mypurecloud.jp/api/v2', all: 2 });
    expect(step('whole').output).toEqual({ region: 'mypurecloud.jp' });
    expect(JSON.stringify(trace)).not.toContain('S3cret-pin-4711');
  });

  it('fail the run before any node when one has no value or a wrong one, saying which', async () => {
    const trace = await runtime.load(flowWithParams()).run({
      trigger: { body: {} },
      params: [{ genesysRegion: 'example.com' }],
    });
    expect(trace.status).toBe('failed');
    expect(trace.steps).toEqual([]);
    expect(trace.error?.code).toBe('params');
    expect(trace.error?.message).toBe(
      "The flow's parameters are not all given: 'genesysRegion' must be one of 'mypurecloud.com', 'mypurecloud.jp', 'mypurecloud.de', not \"example.com\"; 'pin' has no value (set it in the environment or a parameters file)",
    );
    expect(formatMessage({ code: 'run.params', params: trace.error!.params! }, 'ja')).toContain(
      '「pin」に値がありません',
    );
  });

  it('are overridden per test case', async () => {
    const flow = flowWithParams();
    const loaded = runtime.load(flow);
    const test = {
      name: 'jp org',
      trigger: { body: { pin: '1234-5678' } },
      params: { genesysRegion: 'mypurecloud.jp' },
    };
    const trace = await runRecordedCase(loaded, test, '.', {
      params: [{ pin: '1234-5678', genesysRegion: 'mypurecloud.de' }],
    });
    expect(trace.steps.map((s) => s.port)).toEqual(['out', 'true', 'true']);
  });

  it('are validated: an undeclared params.x, a default of the wrong type, a secret written into the flow', () => {
    const flow = flowWithParams();
    flow.params!.pin = { type: 'string', secret: true, default: 'written-in-clear' };
    flow.params!.pageSize = { type: 'number', default: 'ten' as never };
    (flow.nodes[1]!.config.rules as { left: string }[])[0]!.left = 'params.genesysRegoin';
    const issues = loadFlowText(JSON.stringify(flow), NODE_MANIFESTS).issues.filter((i) => i.severity === 'error');
    expect(issues.map((i) => `${i.pointer} | ${i.message}`)).toEqual([
      "/params/pin/default | Parameter 'pin' is secret, so its value must not be written into the flow: remove its default and give the value through the environment or a parameters file",
      "/params/pageSize/default | Parameter 'pageSize': its default is not a number",
      "/nodes/1/config/rules/0/left | Condition 'isJapan': Rules › item 1 › Value to check uses params.genesysRegoin, but the flow declares no parameter 'genesysRegoin' (it has 'genesysRegion', 'pin', 'pageSize'); add it under the flow's parameters",
    ]);
  });
});
