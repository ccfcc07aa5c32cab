/**
 * What the validator says about Apply to each: its body is closed (entered only through
 * "each", left only by ending), holds no Respond to webhook and no second loop, and steps
 * read per item stay where they exist. Each message is checked in English and Japanese.
 */
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { formatMessage } from '../../core/messages/format.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { NODE_MANIFESTS } from '../registry.js';
import { code, testFlow, testNode, trigger, type EdgeSpec } from '../../test/support/test-flows.js';

const loop = (config: Record<string, unknown> = {}, name = 'each') =>
  testNode('applyToEach', name, { items: '{{ trigger.body.users }}', ...config });

function issues(flow: FlowFile): FlowIssue[] {
  return loadFlowText(JSON.stringify(flow), NODE_MANIFESTS).issues;
}

const lines = (found: readonly FlowIssue[]) => found.map((i) => `${i.severity} ${i.code} | ${i.message}`);

/** trigger → each; each → body nodes; each.done → after, plus `extra` edges. */
function flowWith(nodes: ReturnType<typeof code>[], extra: EdgeSpec[], loopConfig: Record<string, unknown> = {}) {
  return testFlow([trigger(), loop(loopConfig), ...nodes], [['trigger', 'out', 'each'], ...extra]);
}

describe('Apply to each in validation', () => {
  it('accepts a closed body, the loop’s output after Done, and body steps in “Result per item”', () => {
    const flow = flowWith(
      [
        code('upsert', 'return item.id;'),
        code('note', 'return steps.upsert;'),
        code('after', 'return steps.each.results;'),
      ],
      [
        ['each', 'each', 'upsert'],
        ['upsert', 'success', 'note'],
        ['each', 'done', 'after'],
      ],
      { result: '{{ { "id": item.id, "upserted": steps.upsert, "at": index } }}' },
    );
    expect(lines(issues(flow))).toEqual([]);
  });

  it('refuses a connection into the body from outside it, naming both ends and the loop', () => {
    const flow = flowWith(
      [code('upsert', 'return 1;'), code('report', 'return 2;'), code('after', 'return 3;')],
      [
        ['each', 'each', 'upsert'],
        ['upsert', 'success', 'report'],
        ['each', 'done', 'after'],
        ['after', 'success', 'report'],
      ],
    );
    const found = issues(flow).filter((i) => i.code === 'loop-body-entered');
    expect(lines(found)).toEqual([
      "error loop-body-entered | Code 'report': it runs inside the loop of Apply to each 'each' (its 'each' output leads here), but connection 5 also leads here from Code 'after', outside that loop. A step inside a loop runs once per item and is reached only through the loop: connect Code 'after' elsewhere, or hang what runs after the loop off its 'done' output",
    ]);
    expect(found[0]).toMatchObject({ pointer: '/edges/4', nodeId: 'n-report' });
    expect(formatMessage(found[0]!, 'ja')).toContain('ループの中のステップは項目ごとに実行され');
  });

  it('refuses the loop’s own Done leading back into its body', () => {
    const flow = flowWith(
      [code('upsert', 'return 1;')],
      [
        ['each', 'each', 'upsert'],
        ['each', 'done', 'upsert'],
      ],
    );
    expect(issues(flow).map((i) => i.code)).toContain('loop-body-entered');
  });

  it('refuses a loop inside a loop and a Respond to webhook inside one', () => {
    const flow = flowWith(
      [loop({ items: '{{ item.roles }}' }, 'inner'), code('role', 'return 1;'), testNode('respondToWebhook', 'answer')],
      [
        ['each', 'each', 'inner'],
        ['inner', 'each', 'role'],
        ['inner', 'done', 'answer'],
      ],
    );
    const found = issues(flow).filter((i) => i.severity === 'error');
    expect(lines(found)).toEqual([
      "error loop-nested | Apply to each 'inner': it is inside the loop of Apply to each 'each'; a loop inside a loop is not supported. Process the inner list with a Code task, or in a second flow",
      "error loop-body-respond | Respond to webhook 'answer': it is inside the loop of Apply to each 'each', so it would answer the caller once per item; the caller gets one answer per run: put it before the loop or after its 'done' output",
    ]);
    for (const issue of found) expect(formatMessage(issue, 'ja')).not.toBe(issue.message);
  });

  it('warns when nothing is connected to “each”', () => {
    const flow = flowWith([code('after', 'return 1;')], [['each', 'done', 'after']]);
    expect(lines(issues(flow))).toEqual([
      "warning loop-body-empty | Apply to each 'each': nothing is connected to its 'each' output, so nothing runs for each item; connect the steps that handle one item there",
    ]);
  });

  it('names a step read outside the loop it runs in, the loop’s output read inside it, and item read outside any loop', () => {
    const flow = flowWith(
      [
        testNode('condition', 'check', {
          mode: 'rules',
          combinator: 'all',
          caseInsensitive: false,
          rules: [{ left: 'steps.each.total', operator: 'equals', right: '1' }],
        }),
        testNode('webService', 'after', { url: 'https://example.com/{{ steps.check.result }}/{{ item.id }}' }),
      ],
      [
        ['each', 'each', 'check'],
        ['each', 'done', 'after'],
      ],
    );
    const found = issues(flow).filter((i) =>
      ['step-in-loop-body', 'loop-output-in-body', 'item-outside-loop'].includes(i.code),
    );
    expect(lines(found)).toEqual([
      "error loop-output-in-body | Condition 'check': Rules › item 1 › Value to check uses steps.each, the loop this step runs in; its output is there only after the last item (from its 'done' output). Inside the loop, use item and index",
      "warning item-outside-loop | Web Service 'after': URL uses item or index, which are set only inside an Apply to each loop (in the steps it runs for each item); here they are empty",
      "error step-in-loop-body | Web Service 'after': URL uses steps.check, but 'check' runs inside the loop of Apply to each 'each', once per item; after the loop, read what the items gave from steps.each.results",
    ]);
    for (const issue of found) expect(formatMessage(issue, 'ja')).not.toBe(issue.message);
  });

  it('asks for a template in Items', () => {
    const flow = flowWith([code('one', 'return 1;')], [['each', 'each', 'one']], { items: 'trigger.body.users' });
    expect(lines(issues(flow))).toEqual([
      "error node-check | Apply to each 'each': Items must be a template giving a list, such as {{ trigger.body.users }} or {{ steps.getUsers.body.entities }}",
    ]);
  });

  it('does not ask a sync webhook’s body paths to answer the caller: the run answers after Done', () => {
    const flow = testFlow(
      [
        trigger({ response: { mode: 'sync', timeoutMs: 5000 } }),
        loop(),
        code('upsert', 'return 1;'),
        testNode('respondToWebhook', 'answer'),
      ],
      [
        ['trigger', 'out', 'each'],
        ['each', 'each', 'upsert'],
        ['each', 'done', 'answer'],
        ['each', 'error', 'answer'],
      ],
    );
    expect(lines(issues(flow))).toEqual([]);
  });
});
