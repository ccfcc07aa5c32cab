/**
 * The one-line summary under a node's name: what the node does at a glance (method and URL,
 * provider and operation…). Reads config defensively: a hand-edited file may hold anything.
 */
import type { FlowNode } from '../../core/flow.js';
import type { Locale, T } from '../i18n/index.js';
import { optionLabel } from '../inspector/field-texts.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const providerNames: Record<string, string> = {
  zendesk: 'Zendesk',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
  rest: 'REST',
};

/** Comparisons read best as symbols in a one-line summary, in any language. */
const operatorSymbols: Record<string, string> = {
  equals: '=',
  notEquals: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

export function nodeSummary(node: Pick<FlowNode, 'type' | 'config'>, t: T, locale: Locale = 'en'): string {
  const c = node.config ?? {};
  const label = (pointer: string, value: string) => optionLabel(node.type, pointer, value, locale);
  switch (node.type) {
    case 'webService': {
      const method = str(c.method) || 'GET';
      const url = str(c.url);
      return url ? `${method} ${url}` : method;
    }
    case 'ticket': {
      const provider = providerNames[str(c.provider)] ?? str(c.provider);
      const operation = label('/operation', str(c.operation));
      return provider ? t('summary.provider', { provider, operation }) : '';
    }
    case 'condition': {
      if (c.mode === 'expression') return `${t('summary.expression')}: ${str(c.expression)}`;
      const rules = Array.isArray(c.rules) ? c.rules : [];
      const first = rules[0] as { left?: unknown; operator?: unknown; right?: unknown } | undefined;
      if (rules.length === 1 && first) {
        const right = first.right === undefined ? '' : ` ${JSON.stringify(first.right)}`;
        const operator = str(first.operator);
        return `${str(first.left)} ${operatorSymbols[operator] ?? label('/rules/*/operator', operator)}${right}`;
      }
      const combinator = str(c.combinator) || 'all';
      return t('summary.rules', { count: rules.length, combinator: t(`summary.combinator.${combinator}`) });
    }
    case 'code': {
      const source = str(c.source).trim();
      return source ? t('summary.code', { lines: source.split('\n').length }) : '';
    }
    case 'webhookTrigger': {
      const auth = (c.auth ?? {}) as { type?: unknown };
      return t('summary.auth', { type: label('/auth/type', str(auth.type) || 'none') });
    }
    default:
      return '';
  }
}
