import { describe, expect, it } from 'vitest';
import { inputFor, planInputs } from './code-inputs.js';

const scope = {
  trigger: {
    body: { customerId: 'c1', agent: { name: 'Ada', id: 'a1' }, items: [{ sku: 1 }, { sku: 2 }], text: ' hi ' },
    headers: { 'x-api-token': 'secret-token-value' },
    query: { page: '2' },
  },
  steps: { getCustomer: { status: 200, body: { tier: 'gold' } }, other: { big: 'x'.repeat(1000) } },
  vars: { region: 'eu', unused: 1 },
};

describe('planInputs', () => {
  it('follows dotted, optional and quoted accesses', () => {
    expect(planInputs("return trigger.body.agent.name + steps['getCustomer'].body?.tier;")).toEqual({
      kind: 'paths',
      roots: { trigger: [['body', 'agent', 'name']], steps: [['getCustomer', 'body', 'tier']] },
    });
  });

  it('keeps the object a method is called on, and whole roots it cannot follow', () => {
    const plan = planInputs('const { body } = trigger; return vars[k] + trigger.body.text.trim();');
    expect(plan).toEqual({ kind: 'paths', roots: { trigger: [[], ['body', 'text']], vars: [[]] } });
  });

  it('passes everything when the code can reach the scope another way', () => {
    for (const source of [
      'return input.trigger',
      'return arguments[0]',
      'return globalThis.trigger',
      'return eval("trigger")',
      'return new Function("return 1")()',
      'return \\u0074rigger.body',
    ]) {
      expect(planInputs(source)).toEqual({ kind: 'all' });
    }
  });

  it('does not take a property of something else for a root', () => {
    expect(planInputs('const o = { a: 1 }; return o.trigger + x.steps;')).toEqual({ kind: 'paths', roots: {} });
  });
});

describe('inputFor', () => {
  it('copies only what the paths reach; arrays and strings whole', () => {
    const input = inputFor(
      planInputs('return [trigger.body.items.length, trigger.body.agent.name, trigger.body.text.trim()];'),
      scope,
    );
    expect(input).toEqual({
      trigger: { body: { items: scope.trigger.body.items, agent: { name: 'Ada' }, text: ' hi ' } },
      steps: {},
      vars: {},
      params: {},
    });
    // The webhook's headers (a token here) never enter the sandbox for code that does not read them.
    expect(JSON.stringify(input)).not.toContain('secret-token-value');
  });

  it('gives the same answer as the whole scope for the code that reads it', () => {
    const source = 'return { t: steps.getCustomer.body.tier, r: vars.region, b: trigger.body }';
    const narrowed = inputFor(planInputs(source), scope) as typeof scope;
    const run = (s: typeof scope) => ({ t: s.steps.getCustomer.body.tier, r: s.vars.region, b: s.trigger.body });
    expect(run(narrowed)).toEqual(run(scope));
    expect(narrowed.steps).not.toHaveProperty('other');
  });

  it('keeps a JSON "__proto__" key as an own property', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const input = inputFor(planInputs('return trigger.body.__proto__.x'), { trigger: { body }, steps: {}, vars: {} });
    const picked = (input.trigger as { body: Record<string, unknown> }).body;
    expect(Object.prototype.hasOwnProperty.call(picked, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
  });

  it('passes the scope unchanged when the plan is all', () => {
    const input = inputFor({ kind: 'all' }, scope);
    expect(input.trigger).toBe(scope.trigger);
    expect(input.steps).toBe(scope.steps);
  });
});
