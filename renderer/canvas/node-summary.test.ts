import { describe, expect, it } from 'vitest';
import { nodeSummary } from './node-summary.js';

describe('node summary', () => {
  it('names enum values in the UI language (Japanese), and keeps the values in English', () => {
    const ticket = { type: 'ticket', config: { provider: 'zendesk', operation: 'create' } };
    expect(nodeSummary(ticket, 'en')).toBe('Zendesk · create');
    expect(nodeSummary(ticket, 'ja')).toBe('Zendesk・チケットを作成');
    const rules = { type: 'condition', config: { mode: 'rules', combinator: 'any', rules: [{}, {}] } };
    expect(nodeSummary(rules, 'en')).toBe('2 rule(s), any');
    expect(nodeSummary(rules, 'ja')).toBe('ルール 2 件（いずれか）');
    const rule = { type: 'condition', config: { rules: [{ left: 'trigger.body.Q1', operator: 'lte', right: 2 }] } };
    expect(nodeSummary(rule, 'ja')).toBe('trigger.body.Q1 ≤ 2');
    expect(nodeSummary(rule, 'en')).toBe('trigger.body.Q1 ≤ 2');
    const contains = {
      type: 'condition',
      config: { rules: [{ left: 'trigger.body.Queue', operator: 'contains', right: 'VIP' }] },
    };
    expect(nodeSummary(contains, 'ja')).toBe('trigger.body.Queue 含む "VIP"');
    expect(nodeSummary(contains, 'en')).toBe('trigger.body.Queue contains "VIP"');
    const webhook = { type: 'webhookTrigger', config: { auth: { type: 'none' } } };
    expect(nodeSummary(webhook, 'ja')).toBe('認証：なし');
  });

  it('says what a Respond node answers, not "Not configured yet"', () => {
    const plain = { type: 'respondToWebhook', config: { status: 200, headers: [] } };
    expect(nodeSummary(plain, 'en')).toBe('Answers 200');
    const lookup = {
      type: 'respondToWebhook',
      config: {
        status: '{{ vars.found ? 200 : 404 }}',
        headers: [],
        body: { customerName: '{{ steps.lookup.body.name }}', vip: true, queue: 'x', agent: 'y' },
      },
    };
    expect(nodeSummary(lookup, 'en')).toBe('Answers {{ vars.found ? 200 : 404 }} with customerName, vip, queue, …');
    expect(nodeSummary(lookup, 'ja')).toBe('{{ vars.found ? 200 : 404 }} で応答（customerName, vip, queue, …）');
    expect(nodeSummary({ type: 'respondToWebhook', config: { headers: [] } }, 'en')).toBe('');
  });
});
