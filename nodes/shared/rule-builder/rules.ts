/**
 * The rule builder Condition and Switch share: one rule compares a value from the flow (a
 * JSONata path) with another value through an operator. This file is the declarative half
 * (operators, the rule's JSON Schema, semantic checks); evaluate.ts runs rules, operators.ts
 * holds the comparison semantics. Environment-neutral: manifests and editors import it.
 */
import type { NodeConfigIssue } from '../../../core/node-type.js';
import { addMessages } from '../../../core/messages/format.js';
import { safeRegexProblem } from '../../../core/safe-regex.js';
import { operatorText, ruleMessage, ruleMessages } from './messages.js';

addMessages(ruleMessages);

export const RULE_OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
  'matches',
  'in',
] as const;

export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** Operators that look at the left value only. */
export const UNARY_OPERATORS: ReadonlySet<RuleOperator> = new Set(['isEmpty', 'isNotEmpty', 'exists']);

export function operatorWords(operator: RuleOperator): string {
  return operatorText('en', operator);
}

/** The JSON Schema of one rule; a node's schema puts it in its `rules` list. */
export const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['left', 'operator'],
  properties: {
    left: {
      type: 'string',
      title: 'Value to check',
      description: 'Where the value comes from, e.g. trigger.body.ConversationID or steps.getDetails.fields.mediaType.',
      minLength: 1,
      'x-template': 'expression',
    },
    operator: {
      type: 'string',
      title: 'Operator',
      description:
        'equals, not equals, contains (text or list), starts with, is empty, is not empty, exists, greater/less than (numbers or dates), matches (regular expression), in (one of a list).',
      enum: [...RULE_OPERATORS],
    },
    right: {
      title: 'Compare with',
      description:
        'The value to compare with: text, a number, true/false, or a list for "in". Text may hold {{ }}, e.g. {{ vars.expectedQueue }}. Not used by is empty, is not empty and exists.',
      type: ['string', 'number', 'boolean', 'array'],
      items: { type: ['string', 'number'] },
      'x-template': 'value',
    },
  },
} as const;

/** One rule as a config holds it. */
export interface Rule {
  left: string;
  operator: RuleOperator;
  right?: string | number | boolean | (string | number)[];
}

/**
 * Semantic checks of a rule list the schema cannot express. `at` is the list's pointer
 * (`/rules`, `/outputs/2/rules`); `output` names the Switch output the list belongs to.
 */
export function checkRules(
  rules: readonly Rule[],
  caseInsensitive: boolean,
  at: string,
  output?: string,
): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  rules.forEach((rule, index) => {
    const pointer = `${at}/${index}/right`;
    const ref = { rule: index, operator: rule.operator, ...(output === undefined ? {} : { output }) };
    if (UNARY_OPERATORS.has(rule.operator)) return;
    if (rule.right === undefined || rule.right === '') {
      // Comparing with empty text is legitimate for equals/notEquals only.
      if (!(rule.right === '' && (rule.operator === 'equals' || rule.operator === 'notEquals'))) {
        issues.push({ pointer, ...ruleMessage('rules.needs-value', ref) });
      }
      return;
    }
    if (Array.isArray(rule.right) && rule.operator !== 'in') {
      issues.push({ pointer, ...ruleMessage('rules.not-a-list', ref) });
      return;
    }
    if (rule.operator === 'matches' && typeof rule.right === 'string' && !rule.right.includes('{{')) {
      const problem = regexProblem(rule.right, caseInsensitive);
      if (problem) issues.push({ pointer, ...ruleMessage('rules.bad-regex', { ...ref, problem }) });
    }
    if (
      (rule.operator === 'gt' || rule.operator === 'gte' || rule.operator === 'lt' || rule.operator === 'lte') &&
      typeof rule.right === 'boolean'
    ) {
      issues.push({ pointer, ...ruleMessage('rules.needs-number', ref) });
    }
  });
  return issues;
}

/**
 * Why a pattern cannot be used, in plain words; undefined when it can. Checked with the same
 * linear-time engine the rule runs on, so the designer refuses what the runtime would.
 */
export function regexProblem(pattern: string, caseInsensitive = false): string | undefined {
  return safeRegexProblem(pattern, caseInsensitive ? 'i' : '');
}
