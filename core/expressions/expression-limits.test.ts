/**
 * Issue 12, items 1, 2 and 14: what an expression may build is bounded before V8 builds it,
 * regex literals run in linear time, and the limit messages say the real limits.
 */
import { describe, expect, it } from 'vitest';
import type { RunScope } from '../node-type.js';
import { compileExpression, compileTemplate, compileValue } from './compile.js';
import { jsonataSyntaxError } from './jsonata-compile.js';

const evil = 'a'.repeat(28) + '!';
const scope: RunScope = {
  trigger: {
    body: { width: 150_000_000, text: evil, pattern: '(a+)+$', big: 'x'.repeat(6_000_000) },
    headers: {},
    query: {},
  },
  steps: {},
  vars: {},
};

const run = (source: string) => compileExpression(source).evaluate(scope);

describe('expression size limits', () => {
  it('refuses $pad to 500,000,000 characters with a clear error, and the process goes on', async () => {
    await expect(run('$length($pad("x", 500000000))')).rejects.toThrow(
      /\$pad would build a text of 500,000,000 characters; an expression may build at most 10,000,000/,
    );
    expect(await run('$length($pad("x", 5))')).toBe(5);
  });

  it('refuses a $pad width taken from the payload before a string function sees the result', async () => {
    await expect(run('$substring($pad("x", trigger.body.width), 0, 3)')).rejects.toThrow(
      /\$pad would build a text of 150,000,000 characters/,
    );
    await expect(run('$uppercase($pad("x", -trigger.body.width))')).rejects.toThrow(/150,000,000 characters/);
  });

  it('bounds $join, & and the other string builders', async () => {
    await expect(run('$join([trigger.body.big, trigger.body.big])')).rejects.toThrow(
      /\$join would build a text of 12,000,000/,
    );
    await expect(run('trigger.body.big & trigger.body.big')).rejects.toThrow(
      /the & operator would build a text of 12,000,000 characters/,
    );
    await expect(run('$reduce([1..40], function($a, $b){ $a & $a }, "xy")')).rejects.toThrow(
      /the & operator would build/,
    );
    await expect(run('$encodeUrlComponent($pad("", 4000000, "é"))')).rejects.toThrow(
      /\$encodeUrlComponent would build/,
    );
    expect(await run('"a" & 1 & null & {"x": [1]} & undefined')).toBe('a1null{"x":[1]}');
    expect(await run('$join(["a", "b"], "-") & $string(1.5) & $pad("7", -3, "0")')).toBe('a-b1.5007');
  });

  it('charges large strings to the evaluation, so a loop cannot fill memory before the time limit', async () => {
    await expect(run('$count([1..50].($$.trigger.body.big & $string($)))')).rejects.toThrow(
      /this evaluation has built .* characters of large text; the limit is 100,000,000/,
    );
  });

  it("says the real sequence limit (1,000,000), not jsonata's 1e7", async () => {
    await expect(run('$count([1..20000000])')).rejects.toThrow(
      /sequence longer than the limit of 1,000,000 items \(it tried 20,000,000\)/,
    );
    await expect(run('$count([1..2000000])')).rejects.toThrow(/limit of 1,000,000 items/);
    await expect(run('$split($pad("", 2000000), "")')).rejects.toThrow(/\$split would build a list of 2,000,000 items/);
    expect(await run('$count([1..1000])')).toBe(1000);
  });

  it('caps a filled-in template value and names the template', async () => {
    const template = compileTemplate('{{ trigger.body.big }}-{{ trigger.body.big }}', 'text');
    await expect(template.evaluate(scope)).rejects.toThrow(/template .* produced 12,000,001 characters/);
    const value = compileValue({ a: '{{ [trigger.body.big, trigger.body.big] }}' });
    await expect(value.evaluate(scope)).rejects.toThrow(/produced a value of more than 10,000,000 characters/);
    // Each part under the cap, the whole body over it.
    const body = compileValue({ a: '{{ trigger.body.big }}', b: ['{{ trigger.body.big }}'] });
    await expect(body.evaluate(scope)).rejects.toThrow(
      /the filled-in value produced a value of more than 10,000,000 characters/,
    );
  });

  it('lets a node read a list larger than a filled-in value may be (readOnly), still capping what expressions build', async () => {
    // Three texts of 6,000,000 characters: 18 M characters of JSON.
    const big = (scope.trigger.body as { big: string }).big;
    const list: RunScope = { ...scope, trigger: { ...scope.trigger, body: { users: [big, big, big] } } };
    await expect(compileValue('{{ trigger.body.users }}').evaluate(list)).rejects.toThrow(
      /more than 10,000,000 characters/,
    );
    expect(await compileValue('{{ trigger.body.users }}', undefined, { readOnly: true }).evaluate(list)).toHaveLength(
      3,
    );
    await expect(
      compileValue('{{ $pad("", 20000000) }}', undefined, { readOnly: true }).evaluate(list),
    ).rejects.toThrow(/an expression may build at most 10,000,000/);
  });

  it('refuses $eval, whose text could come from a payload', async () => {
    expect(jsonataSyntaxError('$eval(trigger.body.code)')?.message).toMatch(/\$eval is not available/);
    expect(() => compileExpression('$eval("1")')).toThrow(/cannot be used at character \d+: \$eval is not available/);
  });
});

describe('regular expressions in expressions', () => {
  it('runs (a+)+$ against "a"*28+"!" in linear time, case-insensitive included', async () => {
    expect(await run('$contains(trigger.body.text, /(a+)+$/)')).toBe(false);
    expect(await run('$contains(trigger.body.text, /(A+)+$/i)')).toBe(false);
    expect(await run('$match(trigger.body.text, /(a+)+$/i)')).toBeUndefined();
    expect(await run('$replace(trigger.body.text, /(a+)+$/i, "-")')).toBe(evil);
    expect(await run('$count($split(trigger.body.text, /(a+)+$/))')).toBe(1);
  });

  it('keeps jsonata regex semantics: groups, indexes, flags, replacement', async () => {
    expect(await run('$match("ab12cd345", /([a-z]+)(\\d+)/).groups')).toEqual(['ab', '12', 'cd', '345']);
    expect(await run('$match("ab12cd345", /\\d+/).index')).toEqual([2, 6]);
    expect(await run('$replace("Hello World", /o/i, "0")')).toBe('Hell0 W0rld');
    expect(await run('$replace("John Smith", /(\\w+)\\s(\\w+)/, "$2, $1")')).toBe('Smith, John');
    expect(await run('$split("a1b22c", /\\d+/)')).toEqual(['a', 'b', 'c']);
    expect(await run('$contains("HELLO", /hel/i)')).toBe(true);
  });

  it('refuses patterns the linear-time engine cannot run, at validation and at compile', () => {
    expect(jsonataSyntaxError('$match(x, /(a)\\1/)')?.message).toMatch(/backreference .* linear-time regex engine/);
    expect(jsonataSyntaxError('$contains(x, /a(?!b)/)')?.message).toMatch(/lookahead/);
    expect(() => compileExpression('$contains(x, /(?<=a)b/)')).toThrow(/cannot be used .*lookbehind/);
  });
});

describe('keys a payload controls (issue 12, item 12)', () => {
  it('keeps a "__proto__" key of a payload as data instead of turning it into a prototype', async () => {
    const body = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const local: RunScope = { trigger: { body, headers: {}, query: {} }, steps: {}, vars: {} };
    const value = (await compileExpression('trigger.body').evaluate(local)) as Record<string, unknown>;
    expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    const built = await compileValue(JSON.parse('{"__proto__": "{{ trigger.body.a }}"}')).evaluate(local);
    expect(JSON.stringify(built)).toBe('{"__proto__":1}');
  });
});
