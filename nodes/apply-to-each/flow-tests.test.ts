/**
 * `flowdesk test` with a loop: recorded responses answer a body node once per item, in item
 * order; expectations address the loop's iterations (count, failures, an item's path, outputs
 * and error), and request expectations count the requests sent inside the loop.
 */
import { describe, expect, it } from 'vitest';
import type { FlowTest } from '../../core/flow.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { runFlowTests } from '../../runtime/testing/run-flow-tests.js';
import { testFlow, testNode, trigger, webService } from '../../test/support/test-flows.js';
import { NODE_MANIFESTS } from '../registry.js';

const users = [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }];

function flowWith(test: FlowTest) {
  return testFlow(
    [
      trigger(),
      testNode('applyToEach', 'each', { items: '{{ trigger.body.users }}', onItemError: 'collect' }),
      webService('upsert', {
        method: 'PUT',
        url: 'https://directory.example.com/users/{{ item.id }}',
        body: { type: 'json', json: { id: '{{ item.id }}', position: '{{ index }}' } },
      }),
    ],
    [
      ['trigger', 'out', 'each'],
      ['each', 'each', 'upsert'],
    ],
    { tests: [test] },
  );
}

const syncCase: FlowTest = {
  name: 'the second user fails',
  trigger: { body: { users } },
  responses: { upsert: [{ status: 200, body: { id: 'd1' } }, { status: 500 }, { status: 200, body: { id: 'd3' } }] },
  expect: {
    path: ['trigger', 'each'],
    steps: { each: { succeeded: 2, failed: 1, errors: [{ index: 1, node: 'upsert' }] } },
    requests: [
      { node: 'upsert', method: 'PUT', count: 3 },
      { node: 'upsert', url: 'https://directory.example.com/users/u2', body: { id: 'u2', position: 1 } },
    ],
    iterations: {
      each: {
        count: 3,
        failed: 1,
        items: {
          '0': { path: ['upsert'], steps: { upsert: { status: 200, body: { id: 'd1' } } } },
          '1': { outcome: 'failed', path: ['upsert'], error: 'answered 500' },
        },
      },
    },
  },
};

async function run(test: FlowTest) {
  const text = JSON.stringify(flowWith(test));
  expect(loadFlowText(text, NODE_MANIFESTS).issues.filter((i) => i.severity === 'error')).toEqual([]);
  const [result] = await runFlowTests({ text, path: '/nowhere/loop.flow.json' }, { env: {} });
  return result!;
}

describe('flowdesk test with Apply to each', () => {
  it('answers each item’s request from the recordings in order and checks what each item did', async () => {
    const result = await run(syncCase);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('says which iteration expectation failed, with expected and actual', async () => {
    const result = await run({
      ...syncCase,
      expect: {
        iterations: {
          each: {
            count: 2,
            items: {
              '1': { path: ['upsert'] },
              '2': { steps: { upsert: { body: { id: 'dX' } } } },
              '7': { path: ['upsert'] },
            },
          },
          upsert: { count: 1 },
          trigger: { count: 1 },
        },
      },
    });
    expect(result.failures.map((f) => `${f.what}: ${f.message}`)).toEqual([
      'iterations.each.count: expected 2 items to run, got 3',
      "iterations.each.items.1.outcome: expected item 2 (index 1) to succeed, but it failed: Web Service 'upsert' failed: PUT https://directory.example.com/users/u2 answered 500 Internal Server Error (its error port is not connected)",
      'iterations.each.items.2.steps.upsert.body.id: expected "dX", got "d3"',
      'iterations.each.items.7: expected item 8 (index 7) to run, but only 3 ran',
      "iterations.upsert: 'upsert' is a step inside the loop 'each', not a loop: expect what it did per item under iterations.each.items",
      "iterations.trigger: 'trigger' ran no items: it is not a loop (Apply to each), or it failed before its first item",
    ]);
  });

  it('refuses expectations naming nodes the flow does not have', () => {
    const flow = flowWith({
      ...syncCase,
      expect: { iterations: { eachUser: { count: 1 }, each: { items: { '0': { path: ['upsrt'] } } } } },
    });
    const issues = loadFlowText(JSON.stringify(flow), NODE_MANIFESTS).issues.filter(
      (i) => i.code === 'test-unknown-node',
    );
    expect(issues.map((i) => `${i.pointer} | ${i.message}`)).toEqual([
      "/tests/0/expect/iterations/eachUser | Test 'the second user fails': expects the iterations of 'eachUser', but no node is named 'eachUser'",
      "/tests/0/expect/iterations/each/items/0/path/0 | Test 'the second user fails': expects a path through 'upsrt', but no node is named 'upsrt'",
    ]);
  });
});
