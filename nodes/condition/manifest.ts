/**
 * Condition: decides between the `true` and `false` ports, either with a rule builder
 * (left value, operator, right value; all or any) or with one JSONata expression.
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { checkRules, ruleSchema } from '../shared/rule-builder/rules.js';
import { conditionMessages } from './messages.js';

addMessages(conditionMessages);

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
      items: ruleSchema,
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
      const code = 'condition.empty-expression';
      issues.push({ pointer: '/expression', code, message: conditionMessages.en[code]() });
    }
    return issues;
  }
  const rules = Array.isArray(config.rules) ? config.rules : [];
  if (rules.length === 0) {
    issues.push({
      pointer: '/rules',
      code: 'condition.no-rules',
      message: conditionMessages.en['condition.no-rules'](),
    });
  }
  issues.push(...checkRules(rules, config.caseInsensitive !== false, '/rules'));
  return issues;
}
