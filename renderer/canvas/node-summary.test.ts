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
});
