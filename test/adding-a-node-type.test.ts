/**
 * docs/adding-a-node-type.md, followed: the test-only Echo node type lives in one folder
 * (test/support/node-types/echo/) and, registered with `withNodeTypes`, validates, runs and
 * passes `flowdesk test`'s runner (the palette part is renderer/palette/palette-node-types.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION, type FlowFile } from '../core/flow.js';
import { loadFlowText } from '../core/validate/load-flow.js';
import { withNodeTypes } from '../nodes/registry.runtime.js';
import { createFlowRuntime } from '../runtime/engine/flow-runtime.js';
import { runFlowTests } from '../runtime/testing/run-flow-tests.js';
import { echoNodeType } from './support/node-types/echo/index.js';
import { testNode } from './support/test-flows.js';

const nodeTypes = withNodeTypes([echoNodeType]);

function echoFlow(text: string, expectText = 'hello Ada'): FlowFile {
  return {
    $schema: FLOW_SCHEMA_ID,
    schemaVersion: FLOW_SCHEMA_VERSION,
    id: 'echo-flow',
    name: 'Echo flow',
    nodes: [
      testNode('webhookTrigger', 'hook', { fields: [{ name: 'who', path: '$.name' }] }, { id: 'hook' }),
      { id: 'echo', type: 'testEcho', version: 1, name: 'echo', config: { text } },
    ],
    edges: [{ from: 'hook', port: 'out', to: 'echo' }],
    tests: [
      {
        name: 'greets the caller',
        trigger: { body: { name: 'Ada' } },
        expect: { path: ['hook', 'echo'], steps: { echo: { text: expectText } }, vars: { echo: expectText } },
      },
    ],
  };
}

describe('a node type added from one folder', () => {
  it('is unknown without registration, and validates once registered', () => {
    const text = JSON.stringify(echoFlow('hello {{ vars.who }}'));
    const without = loadFlowText(text, withNodeTypes([]).manifests);
    expect(without.issues.map((i) => i.message).join('\n')).toMatch(/testEcho/);
    const registered = loadFlowText(text, nodeTypes.manifests);
    expect(registered.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports its own problems through the validator, naming the node and the field', () => {
    const issues = loadFlowText(JSON.stringify(echoFlow('   ')), nodeTypes.manifests).issues;
    expect(issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'echo',
        message: expect.stringMatching(/Echo 'echo'.*Text is required/),
      }),
    );
    const broken = loadFlowText(JSON.stringify(echoFlow('hello {{ vars.who ')), nodeTypes.manifests).issues;
    expect(broken.some((i) => i.code === 'template-syntax' && i.nodeId === 'echo')).toBe(true);
  });

  it('runs in the engine, its template compiled with the mode its schema declares', async () => {
    const runtime = createFlowRuntime({ credentials: { get: async () => undefined }, nodeTypes });
    try {
      const loaded = runtime.load(echoFlow('hello {{ vars.who }}'));
      const trace = await loaded.run({ trigger: { body: { name: 'Ada' } } });
      expect(trace.status).toBe('success');
      expect(trace.steps.map((s) => [s.name, s.type, s.port])).toEqual([
        ['hook', 'webhookTrigger', 'out'],
        ['echo', 'testEcho', 'out'],
      ]);
      expect(trace.steps[1]!.output).toEqual({ text: 'hello Ada' });
      expect(trace.vars).toMatchObject({ echo: 'hello Ada' });
    } finally {
      await runtime.close();
    }
  });

  it('passes (and fails) its test cases in the test runner', async () => {
    const pass = await runFlowTests(
      { text: JSON.stringify(echoFlow('hello {{ vars.who }}')), path: 'echo.flow.json' },
      { nodeTypes },
    );
    expect(pass.map((r) => [r.testName, r.passed])).toEqual([['greets the caller', true]]);
    const fail = await runFlowTests(
      { text: JSON.stringify(echoFlow('hello {{ vars.who }}', 'goodbye')), path: 'echo.flow.json' },
      { nodeTypes },
    );
    expect(fail.map((r) => r.passed)).toEqual([false]);
  });

  it('refuses a second registration of a known type id', () => {
    expect(() => withNodeTypes([echoNodeType, echoNodeType])).toThrow(/already registered/);
  });
});
