/**
 * Issue 11 item 2: two branches from one output both run. The validator warns (code
 * `branches-both-create`, English and Japanese) when each of them creates a record, and stays
 * quiet when only one does or when they join before the record is created.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../core/messages/format.js';
import { validateFlow } from '../core/validate/validate-flow.js';
import type { FlowIssue } from '../core/validation-types.js';
import { NODE_MANIFESTS } from '../nodes/registry.js';
import { code, condition, testFlow, testNode, trigger, webService, type EdgeSpec } from './support/test-flows.js';

const ticket = (name: string, operation = 'create') =>
  testNode('ticket', name, {
    provider: 'zendesk',
    operation,
    baseUrl: 'https://acme.zendesk.com',
    subject: 'Call back',
    ...(operation === 'update' ? { recordId: '{{ trigger.body.id }}' } : {}),
  });
const isUnhappy = () => condition('isUnhappy', [{ field: 'trigger.body.score', operator: 'lt', value: 3 }]);

function branchIssues(nodes: Parameters<typeof testFlow>[0], edges: EdgeSpec[]): FlowIssue[] {
  return validateFlow(testFlow(nodes, edges), NODE_MANIFESTS).filter((i) => i.code === 'branches-both-create');
}

describe('branches from one output that both create a record', () => {
  it('warns on the branching node, naming the output and both records, in English and Japanese', () => {
    const issues = branchIssues(
      [trigger(), isUnhappy(), ticket('openCase'), ticket('openFollowUp')],
      [
        ['trigger', 'out', 'isUnhappy'],
        ['isUnhappy', 'true', 'openCase'],
        ['isUnhappy', 'true', 'openFollowUp'],
      ],
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', nodeId: 'n-isUnhappy', pointer: '/nodes/1' });
    expect(issues[0]!.message).toBe(
      "Condition 'isUnhappy': the branches leaving output 'true' all run, and Ticket 'openCase' and Ticket 'openFollowUp' each create a record, so one event creates 2. If only one branch should run, choose it with a Condition",
    );
    const ja = formatMessage({ code: issues[0]!.code, params: issues[0]!.params! } as never, 'ja');
    expect(ja).toContain('出力「true」から分かれた枝はすべて実行され');
    expect(ja).toContain('2 件作成されます');
  });

  it('counts a POST deeper in a branch, not a GET, an update or the other output', () => {
    const post = webService('postCallback', { method: 'POST', url: 'https://api.example.com/callbacks' });
    const get = webService('getContact', { method: 'GET', url: 'https://api.example.com/contacts' });
    expect(
      branchIssues(
        [trigger(), isUnhappy(), ticket('openCase'), code('shape', 'return 1;'), post],
        [
          ['trigger', 'out', 'isUnhappy'],
          ['isUnhappy', 'true', 'openCase'],
          ['isUnhappy', 'true', 'shape'],
          ['shape', 'success', 'postCallback'],
        ],
      ).map((i) => i.message),
    ).toEqual([expect.stringContaining("Ticket 'openCase' and Web Service 'postCallback' each create a record")]);
    expect(
      branchIssues(
        [trigger(), isUnhappy(), ticket('openCase'), get, ticket('update', 'update')],
        [
          ['trigger', 'out', 'isUnhappy'],
          ['isUnhappy', 'true', 'openCase'],
          ['isUnhappy', 'true', 'getContact'],
          ['isUnhappy', 'false', 'update'],
        ],
      ),
    ).toEqual([]);
  });

  it('stays quiet when the branches join before the one record is created', () => {
    expect(
      branchIssues(
        [trigger(), isUnhappy(), code('a', 'return 1;'), code('b', 'return 2;'), ticket('openCase')],
        [
          ['trigger', 'out', 'isUnhappy'],
          ['isUnhappy', 'true', 'a'],
          ['isUnhappy', 'true', 'b'],
          ['a', 'success', 'openCase'],
          ['b', 'success', 'openCase'],
        ],
      ),
    ).toEqual([]);
  });
});
