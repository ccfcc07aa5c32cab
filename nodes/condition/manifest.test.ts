import { describe, expect, expectTypeOf, it } from 'vitest';
import { templateModeAt } from '../../core/template-fields.js';
import { createAjv } from '../../core/schema/ajv.js';
import { issueLines, validateNodes } from '../../test/support/validate-nodes.js';
import { conditionManifest, type ConditionConfig } from './manifest.js';

const validate = createAjv([conditionManifest.configSchema]).compile(conditionManifest.configSchema);
const check = (config: Partial<ConditionConfig>) =>
  conditionManifest.check!({ ...conditionManifest.defaults, ...config });

describe('condition manifest', () => {
  it('has the agreed defaults, ports and expression fields', () => {
    expect(conditionManifest.defaults).toEqual({ mode: 'rules', combinator: 'all', caseInsensitive: true, rules: [] });
    expect(validate(conditionManifest.defaults)).toBe(true);
    expect(conditionManifest).toMatchObject({
      type: 'condition',
      version: 1,
      category: 'logic',
      ports: ['true', 'false'],
    });
    expect(templateModeAt(conditionManifest.configSchema, '/rules/0/left')).toBe('expression');
    expect(templateModeAt(conditionManifest.configSchema, '/expression')).toBe('expression');
    expect(templateModeAt(conditionManifest.configSchema, '/rules/0/right')).toBe('value');
  });

  it('accepts every right-hand shape and refuses an unknown operator', () => {
    const rules = [
      { left: 'a', operator: 'equals', right: 'x' },
      { left: 'a', operator: 'gt', right: 3 },
      { left: 'a', operator: 'equals', right: true },
      { left: 'a', operator: 'in', right: ['x', 2] },
      { left: 'a', operator: 'isEmpty' },
    ];
    expect(validate({ ...conditionManifest.defaults, rules })).toBe(true);
    expect(validate({ ...conditionManifest.defaults, rules: [{ left: 'a', operator: 'like', right: 'x' }] })).toBe(
      false,
    );
    expect(validate({ ...conditionManifest.defaults, rules: [{ left: 'a', operator: 'in', right: [{ x: 1 }] }] })).toBe(
      false,
    );
  });

  it('checks what the schema cannot: rules present, right values, regular expressions, the expression', () => {
    expect(check({})).toEqual([{ pointer: '/rules', code: 'condition.no-rules', message: 'add at least one rule' }]);
    expect(
      check({
        rules: [
          { left: 'trigger.body.a', operator: 'equals' },
          { left: 'trigger.body.a', operator: 'matches', right: '([a-z]+' },
          { left: 'trigger.body.a', operator: 'contains', right: ['x'] },
          { left: 'trigger.body.a', operator: 'gt', right: true },
          { left: 'trigger.body.a', operator: 'equals', right: '' },
          { left: 'trigger.body.a', operator: 'matches', right: '{{ vars.pattern }}' },
          { left: 'trigger.body.a', operator: 'exists' },
        ],
      }),
    ).toMatchObject([
      {
        pointer: '/rules/0/right',
        code: 'rules.needs-value',
        message: 'rule 1 "equals" needs a value to compare with',
      },
      {
        pointer: '/rules/1/right',
        code: 'rules.bad-regex',
        message: expect.stringMatching(/^rule 2: the regular expression "\(\[a-z\]\+" is not valid: /),
      },
      {
        pointer: '/rules/2/right',
        code: 'rules.not-a-list',
        message: 'rule 3 "contains" compares with one value, not a list; use "in" for a list',
      },
      {
        pointer: '/rules/3/right',
        code: 'rules.needs-number',
        message: 'rule 4 "is greater than" needs a number or a date, not true/false',
      },
    ]);
    expect(check({ mode: 'expression' })).toEqual([
      {
        pointer: '/expression',
        code: 'condition.empty-expression',
        message: expect.stringMatching(/expression is empty/),
      },
    ]);
    expect(check({ mode: 'expression', expression: 'trigger.body.CSAT <= 2' })).toEqual([]);
  });

  it('reports a left expression that does not parse through the validator, naming the node', () => {
    const issues = validateNodes(
      [conditionManifest],
      [
        {
          id: 'c',
          type: 'condition',
          name: 'notConnected',
          config: { ...conditionManifest.defaults, rules: [{ left: 'trigger.body.(', operator: 'isEmpty' }] },
        },
      ],
    );
    expect(issueLines(issues).join('\n')).toMatch(/\/nodes\/1\/config\/rules\/0\/left \|.*notConnected/);
  });
});

describe('ConditionConfig', () => {
  it('is derived from the schema (checked by the type-checker)', () => {
    expectTypeOf<ConditionConfig['mode']>().toEqualTypeOf<'rules' | 'expression'>();
    expectTypeOf<ConditionConfig['rules'][number]['left']>().toEqualTypeOf<string>();
  });
});
