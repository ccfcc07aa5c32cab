/**
 * Condition: decides between the `true` and `false` ports, either with a rule builder
 * (left value, operator, right value; all or any) or with one JSONata expression.
 */
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { safeRegexProblem } from '../../core/safe-regex.js';

export const CONDITION_OPERATORS = [
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

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Operators that look at the left value only. */
export const UNARY_OPERATORS: ReadonlySet<ConditionOperator> = new Set(['isEmpty', 'isNotEmpty', 'exists']);

const OPERATOR_WORDS: Record<ConditionOperator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  startsWith: 'starts with',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  exists: 'exists',
  gt: 'is greater than',
  gte: 'is greater than or equal to',
  lt: 'is less than',
  lte: 'is less than or equal to',
  matches: 'matches the regular expression',
  in: 'is one of',
};

export function operatorWords(operator: ConditionOperator): string {
  return OPERATOR_WORDS[operator] ?? operator;
}

export const conditionConfigSchema = {
  type: 'object',
  title: 'Condition',
  additionalProperties: false,
  required: ['mode', 'combinator', 'caseInsensitive', 'rules'],
  properties: {
    mode: {
      type: 'string',
      title: 'Decide with',
      description:
        'rules: a list of comparisons built from fields; expression: one JSONata expression that is true or false.',
      enum: ['rules', 'expression'],
    },
    combinator: {
      type: 'string',
      title: 'Match',
      description: 'all: every rule must match (AND); any: at least one rule must match (OR).',
      enum: ['all', 'any'],
    },
    caseInsensitive: {
      type: 'boolean',
      title: 'Ignore upper/lower case',
      description:
        'Compare text without regard to case, so "CHAT" equals "chat" (Genesys analytics uses lowercase values, event payloads UPPERCASE).',
    },
    rules: {
      type: 'array',
      title: 'Rules',
      description: 'Each rule compares a value from the flow with another value.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['left', 'operator'],
        properties: {
          left: {
            type: 'string',
            title: 'Value to check',
            description:
              'Where the value comes from, e.g. trigger.body.ConversationID or steps.getDetails.fields.mediaType.',
            minLength: 1,
            'x-template': 'expression',
          },
          operator: {
            type: 'string',
            title: 'Operator',
            description:
              'equals, not equals, contains (text or list), starts with, is empty, is not empty, exists, greater/less than (numbers or dates), matches (regular expression), in (one of a list).',
            enum: [...CONDITION_OPERATORS],
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
      },
    },
    expression: {
      type: 'string',
      title: 'Expression',
      description:
        'Used when deciding with an expression: JSONata such as trigger.body.Q1 <= 2 and $exists(trigger.body.ConversationID). A true (non-empty, non-zero) result takes the True port.',
      'x-template': 'expression',
    },
  },
} as const;

/**
 * Config of a Condition node (v1).
 *
 * ```json
 * { "mode": "rules", "combinator": "all", "caseInsensitive": true,
 *   "rules": [{ "left": "trigger.body.ConversationID", "operator": "isNotEmpty" },
 *             { "left": "trigger.body.Status", "operator": "notEquals", "right": "connected" }] }
 * ```
 *
 * Derived from the schema: a schema change the code does not follow fails type-checking.
 */
export type ConditionConfig = ConfigOf<typeof conditionConfigSchema>;

/** One rule: a JSONata `left`, an operator, and (except isEmpty, isNotEmpty, exists) a `right` that may hold `{{ }}`. */
export type ConditionRule = ConditionConfig['rules'][number];

export const conditionManifest = defineManifest<ConditionConfig>()({
  type: 'condition',
  version: 1,
  category: 'logic',
  title: 'Condition',
  configSchema: conditionConfigSchema,
  defaults: { mode: 'rules', combinator: 'all', caseInsensitive: true, rules: [] },
  ports: ['true', 'false'],
  credentialSlots: [],
  check: checkCondition,
});

/** Semantic checks the JSON Schema cannot express. */
export function checkCondition(config: ConditionConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  if (config.mode === 'expression') {
    if (typeof config.expression !== 'string' || config.expression.trim() === '') {
      issues.push({
        pointer: '/expression',
        message: 'the expression is empty; write a JSONata expression that is true or false',
      });
    }
    return issues;
  }
  const rules = Array.isArray(config.rules) ? config.rules : [];
  if (rules.length === 0) {
    issues.push({ pointer: '/rules', message: 'add at least one rule' });
  }
  rules.forEach((rule, index) => {
    const at = `/rules/${index}/right`;
    const words = operatorWords(rule.operator);
    if (UNARY_OPERATORS.has(rule.operator)) return;
    if (rule.right === undefined || rule.right === '') {
      // Comparing with empty text is legitimate for equals/notEquals only.
      if (!(rule.right === '' && (rule.operator === 'equals' || rule.operator === 'notEquals'))) {
        issues.push({ pointer: at, message: `rule ${index + 1} "${words}" needs a value to compare with` });
      }
      return;
    }
    if (Array.isArray(rule.right) && rule.operator !== 'in') {
      issues.push({
        pointer: at,
        message: `rule ${index + 1} "${words}" compares with one value, not a list; use "in" for a list`,
      });
      return;
    }
    if (rule.operator === 'matches' && typeof rule.right === 'string' && !rule.right.includes('{{')) {
      const problem = regexProblem(rule.right, config.caseInsensitive !== false);
      if (problem) issues.push({ pointer: at, message: `rule ${index + 1}: ${problem}` });
    }
    if (
      (rule.operator === 'gt' || rule.operator === 'gte' || rule.operator === 'lt' || rule.operator === 'lte') &&
      typeof rule.right === 'boolean'
    ) {
      issues.push({ pointer: at, message: `rule ${index + 1} "${words}" needs a number or a date, not true/false` });
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
