import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.js';
import { nodeSummary } from './node-summary.js';

const tFor = (locale: 'en' | 'ja') => (key: string, vars?: Record<string, string | number>) =>
  translate(locale, key, vars);

describe('node summary', () => {
  it('names enum values in the UI language (Japanese), and keeps the values in English', () => {
    const ticket = { type: 'ticket', config: { provider: 'zendesk', operation: 'create' } };
    expect(nodeSummary(ticket, tFor('en'), 'en')).toBe('Zendesk · create');
    expect(nodeSummary(ticket, tFor('ja'), 'ja')).toBe('Zendesk・チケットを作成');
    const rules = { type: 'condition', config: { mode: 'rules', combinator: 'any', rules: [{}, {}] } };
    expect(nodeSummary(rules, tFor('en'), 'en')).toBe('2 rule(s), any');
    expect(nodeSummary(rules, tFor('ja'), 'ja')).toBe('ルール 2 件（いずれか）');
    const rule = { type: 'condition', config: { rules: [{ left: 'trigger.body.Q1', operator: 'lte', right: 2 }] } };
    expect(nodeSummary(rule, tFor('ja'), 'ja')).toBe('trigger.body.Q1 ≤ 2');
    expect(nodeSummary(rule, tFor('en'), 'en')).toBe('trigger.body.Q1 ≤ 2');
    const contains = {
      type: 'condition',
      config: { rules: [{ left: 'trigger.body.Queue', operator: 'contains', right: 'VIP' }] },
    };
    expect(nodeSummary(contains, tFor('ja'), 'ja')).toBe('trigger.body.Queue 含む "VIP"');
    expect(nodeSummary(contains, tFor('en'), 'en')).toBe('trigger.body.Queue contains "VIP"');
    const webhook = { type: 'webhookTrigger', config: { auth: { type: 'none' } } };
    expect(nodeSummary(webhook, tFor('ja'), 'ja')).toBe('認証：なし');
  });
});
