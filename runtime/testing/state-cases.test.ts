/**
 * Test cases and the state store: a case says what earlier runs remembered (`state`), runs on
 * a store of its own, and expects on what is remembered after the run (`expect.state`), in
 * `flowdesk test`'s runner as in the test bench (the same function).
 */
import { describe, expect, it } from 'vitest';
import type { FlowFile, FlowTest } from '../../core/flow.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { NODE_MANIFESTS } from '../../nodes/registry.js';
import { code, testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { checkExpectations } from './expectations.js';
import { runFlowTests } from './run-flow-tests.js';

/** Completed: recall the ticket, note it, forget the task; created: claim the task for this run. */
function lifecycle(tests: FlowTest[]): FlowFile {
  return testFlow(
    [
      trigger(),
      testNode('switch', 'byEvent', {
        mode: 'expression',
        expression: 'trigger.body.EventType',
        outputs: [{ name: 'created' }, { name: 'completed' }],
      }),
      testNode('remember', 'claimTask', {
        operation: 'setIfAbsent',
        key: 'task:{{ trigger.body.TaskSid }}',
        value: '{{ trigger.body.ticketId }}',
      }),
      testNode('recall', 'findTicket', { key: 'task:{{ trigger.body.TaskSid }}' }),
      code('addNote', 'return "note on " + steps.findTicket.value;'),
      testNode('remember', 'forgetTask', { operation: 'delete', key: 'task:{{ trigger.body.TaskSid }}' }),
    ],
    [
      ['trigger', 'out', 'byEvent'],
      ['byEvent', 'created', 'claimTask'],
      ['byEvent', 'completed', 'findTicket'],
      ['findTicket', 'found', 'addNote'],
      ['addNote', 'success', 'forgetTask'],
    ],
    { id: 'lifecycle', tests },
  );
}

const run = async (flow: FlowFile) =>
  runFlowTests({ text: JSON.stringify(flow), path: '/tmp/state-cases/lifecycle.flow.json' }, { env: {} });

describe('test cases with a state store', () => {
  it('seed the store, expect on it after the run, and see it in the result', async () => {
    const [completed, created, duplicate] = await run(
      lifecycle([
        {
          name: 'completed: the ticket remembered at creation gets the note, then the task is forgotten',
          trigger: { body: { EventType: 'completed', TaskSid: 'WT1' } },
          state: { 'task:WT1': 35436, 'task:WT2': 1 },
          expect: {
            path: ['trigger', 'byEvent', 'findTicket', 'addNote', 'forgetTask'],
            steps: { addNote: 'note on 35436' },
            state: { 'task:WT1': null, 'task:WT2': 1 },
          },
        },
        {
          name: 'created: the task is claimed',
          trigger: { body: { EventType: 'created', TaskSid: 'WT3', ticketId: { id: 7, via: 'flex' } } },
          expect: { state: { 'task:WT3': { id: 7 } } },
        },
        {
          name: 'a duplicate created event finds the claim and goes no further',
          trigger: { body: { EventType: 'created', TaskSid: 'WT3', ticketId: 8 } },
          state: { 'task:WT3': 7 },
          expect: { steps: { claimTask: { first: false, value: 7 } }, state: { 'task:WT3': 7 } },
        },
      ]),
    );
    for (const c of [completed!, created!, duplicate!]) expect(c.failures).toEqual([]);
    expect(completed!.state).toEqual({ 'task:WT2': 1 });
    expect(created!.state).toEqual({ 'task:WT3': { id: 7, via: 'flex' } });
    // Each case has its own store: the second case's claim did not leak into the third.
    expect(duplicate!.trace.steps.find((s) => s.name === 'claimTask')!.port).toBe('already');
  });

  it('fail in plain words when the store holds something else, or nothing', async () => {
    const [result] = await run(
      lifecycle([
        {
          name: 'wrong expectations',
          trigger: { body: { EventType: 'created', TaskSid: 'WT5', ticketId: 5 } },
          state: { other: 'x' },
          expect: { state: { 'task:WT5': 6, 'task:WT6': 1, other: null } },
        },
      ]),
    );
    expect(result!.failures.map((f) => `${f.what}: ${f.message}`)).toEqual([
      "state 'task:WT5': expected 6, got 5",
      "state 'task:WT6': expected 'task:WT6' to be remembered as 1, but nothing is kept under it (the store holds 'other', 'task:WT5')",
      `state 'other': expected nothing remembered under 'other', but it holds "x"`,
    ]);
  });

  it('are refused by validation when a key is empty', () => {
    const flow = lifecycle([
      { name: 'bad seed', trigger: { body: {} }, state: { '': 1 }, expect: { state: { '': 1 } } },
    ]);
    const { issues } = loadFlowText(JSON.stringify(flow), NODE_MANIFESTS);
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.pointer} | ${i.message}`)).toEqual([
      "/tests/0/state/ | Test 'bad seed': Remembered before the run: the name '' is not allowed",
      "/tests/0/expect/state/ | Test 'bad seed': Expectations › Remembered after the run: the name '' is not allowed",
    ]);
  });

  it('say so when a host did not read the store back', () => {
    const trace = {
      runId: 'r',
      flowId: 'f',
      flowName: 'F',
      startedAt: '',
      durationMs: 0,
      status: 'success' as const,
      steps: [],
      vars: {},
    };
    expect(checkExpectations({ state: { k: 1 } }, trace)).toEqual([
      {
        what: "state 'k'",
        message: "expected 'k' in the state store, but this run's store was not read back",
        code: 'expect.state-not-read',
        params: { key: 'k' },
      },
    ]);
  });
});
