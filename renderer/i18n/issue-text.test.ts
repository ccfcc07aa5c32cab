import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../core/validate/validate-flow.js';
import { NODE_MANIFESTS } from '../../nodes/registry.js';
import { testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { issueText } from './issue-text.js';

/** The reference ServiceNow flow with a template mistake in the case's subject. */
function issuesOfBrokenSubject() {
  const flow = JSON.parse(readFileSync(join(__dirname, '../../flows/servicenow-case-on-call.flow.json'), 'utf8'));
  const caseNode = flow.nodes.find((n: { type: string }) => n.type === 'ticket');
  caseNode.config.subject = 'Inbound call {{ trigger.body. }}';
  caseNode.config.fields = [{ name: 'short_description', value: '{{ trigger.body..x }}' }];
  return validateFlow(flow, NODE_MANIFESTS).filter((i) => i.code === 'template-syntax');
}

describe('issue text in Japanese', () => {
  const issues = issuesOfBrokenSubject();

  it("names a node's field as the Japanese form does, not by its English schema title", () => {
    const subject = issues.find((i) => i.field === '/subject')!;
    expect(subject.message).toMatch(/Subject has a template error/);
    expect(issueText(subject, 'ja')).toMatch(
      /^チケット「createCase」: 件名 の 29 文字目にテンプレートの誤りがあります: /,
    );
    expect(issueText(subject, 'en')).toBe(subject.message);
  });

  it('words list items by number and every part of the path in Japanese', () => {
    const row = issues.find((i) => i.field === '/fields/0/value')!;
    expect(row.message).toMatch(/More fields › item 1 › Value has a template error/);
    expect(issueText(row, 'ja')).toMatch(/: その他の項目 › 1 件目 › 値 の 17 文字目/);
  });

  it('keeps the English name where a part of the field has no Japanese title, rather than mixing', () => {
    const issue = { ...issues.find((i) => i.field === '/subject')!, field: '/subject/unknownPart' };
    expect(issueText(issue, 'ja')).toMatch(/: Subject の 29 文字目/);
  });

  it("leaves a node's own 'field' param alone: there it names a record's field, not the form's", () => {
    const issue = {
      code: 'node-check',
      message: 'Record \'find\': "Account.Phone": Salesforce searches its own fields only',
      field: '/match/0/field',
      params: {
        node: { index: 1, name: 'find', type: 'record' },
        detail: { code: 'record.match-field-dotted', params: { provider: 'Salesforce', field: 'Account.Phone' } },
      },
    };
    expect(issueText(issue, 'ja')).toContain('「Account.Phone」');
  });
});

describe('ports in the designer’s issue text', () => {
  const loop = (name: string) => testNode('applyToEach', name, { items: '{{ trigger.body.users }}' });
  /** An Apply to each with nothing on "each", and a Respond to webhook inside another one. */
  const flow = testFlow(
    [trigger(), loop('empty'), loop('each'), testNode('respondToWebhook', 'answer')],
    [
      ['trigger', 'out', 'empty'],
      ['empty', 'done', 'each'],
      ['each', 'each', 'answer'],
    ],
  );
  const found = validateFlow(flow, NODE_MANIFESTS);
  const issue = (code: string) => found.find((i) => i.code === code)!;

  it('names an Apply to each’s outputs by the labels the canvas draws, in English and Japanese', () => {
    // The flow file's reader (the CLI) gets the ids; the admin gets the words on the node.
    expect(issue('loop-body-empty').message).toContain("its 'each' output");
    expect(issueText(issue('loop-body-empty'), 'en')).toContain("nothing is connected to its 'Each item' output");
    expect(issueText(issue('loop-body-empty'), 'ja')).toContain('出力「各項目」に何もつながっていない');
    expect(issue('loop-body-respond').message).toContain("after its 'done' output");
    expect(issueText(issue('loop-body-respond'), 'en')).toContain("put it before the loop or after its 'Done' output");
    expect(issueText(issue('loop-body-respond'), 'ja')).toContain('ループの前か出力「完了」のあとに置いてください');
  });
});
