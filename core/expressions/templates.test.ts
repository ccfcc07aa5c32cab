import { describe, expect, it } from 'vitest';
import type { RunScope } from '../node-type.js';
import { compileExpression, compileTemplate, compileValue, createPrepareTools } from './compile.js';
import { DEFAULT_EXPRESSION_LIMITS } from './jsonata-compile.js';
import { parseTemplate } from './parse-template.js';
import { pipedTextToTemplate } from './piped-text.js';
import { expressionReferences, templateReferences } from './references.js';

const scope: RunScope = {
  trigger: {
    body: {
      ConversationID: 'c-1/2 x',
      'Agent Name': 'Ana Ōta',
      count: 3,
      flag: true,
      tags: ['a', 'b'],
      nested: { k: 1 },
    },
    headers: { 'x-api-token': 't' },
    query: {},
  },
  steps: { getDetails: { status: 200, body: { user: { id: 'u-9', tags: ['x'] } } } },
  vars: { agentId: 'u-9', nothing: null },
};

describe('pipedTextToTemplate', () => {
  it('rewrites e:// and rm:// fields, quoting names JSONata would misread', () => {
    expect(pipedTextToTemplate('id=${e://Field/ConversationID}&r=${rm://Field/ResponseID}')).toBe(
      'id={{ trigger.body.ConversationID }}&r={{ trigger.body.ResponseID }}',
    );
    expect(pipedTextToTemplate('${e://Field/Agent Name} ${e://Field/queue-id}')).toBe(
      '{{ trigger.body.`Agent Name` }} {{ trigger.body.`queue-id` }}',
    );
    expect(pipedTextToTemplate('no pipes ${here}')).toBe('no pipes ${here}');
  });
});

describe('parseTemplate', () => {
  it('splits text and expressions with offsets', () => {
    const parsed = parseTemplate('a {{ trigger.body.x }} b');
    expect(parsed.errors).toEqual([]);
    expect(parsed.parts).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'expr', source: 'trigger.body.x', offset: 5 },
      { kind: 'text', text: ' b' },
    ]);
  });

  it('does not end an expression at }} inside strings or nested object constructors', () => {
    const parsed = parseTemplate('{{ "}}" & x }}|{{ {"a": {"b": 1}} }}|{{ `n}}` }}');
    expect(parsed.errors).toEqual([]);
    expect(parsed.parts.filter((p) => p.kind === 'expr').map((p) => (p.kind === 'expr' ? p.source : ''))).toEqual([
      '"}}" & x',
      '{"a": {"b": 1}}',
      '`n}}`',
    ]);
  });

  it('reports syntax errors with their position in the template text', () => {
    const parsed = parseTemplate('url/{{ steps. }}');
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.message).toBe('a field name is missing after the last dot');
    expect(parsed.errors[0]!.offset).toBeGreaterThanOrEqual(7);
    expect(parseTemplate('a {{ b').errors[0]).toEqual({ offset: 2, message: 'a "{{" is never closed with "}}"' });
    expect(parseTemplate('{{ }}').errors[0]!.message).toMatch(/empty/);
  });

  it('treats piped text as an expression part', () => {
    expect(parseTemplate('x ${e://Field/Agent Name}').parts).toEqual([
      { kind: 'text', text: 'x ' },
      { kind: 'expr', source: 'trigger.body.`Agent Name`', offset: 2 },
    ]);
  });
});

describe('compileTemplate', () => {
  it('keeps the JSON type of a whole-value template in value mode', async () => {
    expect(await compileTemplate('{{ trigger.body.count }}', 'value').evaluate(scope)).toBe(3);
    expect(await compileTemplate('{{ trigger.body.flag }}', 'value').evaluate(scope)).toBe(true);
    expect(await compileTemplate('{{ trigger.body.nested }}', 'value').evaluate(scope)).toEqual({ k: 1 });
    expect(await compileTemplate('{{ trigger.body.tags }}', 'value').evaluate(scope)).toEqual(['a', 'b']);
    expect(await compileTemplate('{{ trigger.body.missing }}', 'value').evaluate(scope)).toBeUndefined();
  });

  it('returns plain arrays, not jsonata sequences', async () => {
    const value = await compileTemplate('{{ trigger.body.tags.$uppercase($) }}', 'value').evaluate(scope);
    expect(value).toEqual(['A', 'B']);
    expect(Object.keys(value as object)).toEqual(['0', '1']);
  });

  it('stringifies in text mode and mixed templates', async () => {
    expect(await compileTemplate('{{ trigger.body.count }}', 'text').evaluate(scope)).toBe('3');
    expect(
      await compileTemplate(
        'n={{ trigger.body.count }} o={{ trigger.body.nested }} m={{ trigger.body.missing }} z={{ vars.nothing }}',
        'value',
      ).evaluate(scope),
    ).toBe('n=3 o={"k":1} m= z=');
  });

  it('URL-encodes substituted parts only', async () => {
    const t = compileTemplate(
      'https://api.example.com/conv/{{ trigger.body.ConversationID }}?name={{ trigger.body.`Agent Name` }}',
      'url',
    );
    expect(await t.evaluate(scope)).toBe('https://api.example.com/conv/c-1%2F2%20x?name=Ana%20%C5%8Cta');
    expect(await compileTemplate('{{ trigger.body.ConversationID }}', 'url').evaluate(scope)).toBe('c-1%2F2%20x');
  });

  it('resolves piped text against the trigger body', async () => {
    expect(await compileTemplate('/r/${rm://Field/ConversationID}', 'url').evaluate(scope)).toBe('/r/c-1%2F2%20x');
  });

  it('writes a literal {{ as a JSONata string', async () => {
    expect(await compileTemplate('a {{ "{{" }} b }}', 'text').evaluate(scope)).toBe('a {{ b }}');
  });

  it('short-circuits static text', async () => {
    const t = compileTemplate('plain text', 'value');
    expect(t.isStatic).toBe(true);
    expect(await t.evaluate(scope)).toBe('plain text');
  });

  it('throws a syntax error naming the template at compile time', () => {
    expect(() => compileTemplate('x {{ steps. }}', 'text')).toThrow(
      /template "x \{\{ steps\. \}\}" has an error at character/,
    );
  });

  it('names the expression when evaluation fails', async () => {
    await expect(compileTemplate('{{ $nope(steps.getDetails.body.x) }}', 'value').evaluate(scope)).rejects.toThrow(
      /could not evaluate \{\{ \$nope\(steps\.getDetails\.body\.x\) \}\}: .*function/,
    );
  });

  it('stops runaway recursion and loops', async () => {
    await expect(compileExpression('($f := function($x){ 1 + $f($x) }; $f(1))').evaluate(scope)).rejects.toThrow(
      /could not evaluate expression .*nested deeper than the limit of 400 levels/,
    );
    // Tail calls do not grow the stack; the time box stops them.
    const loop = compileExpression('($f := function($x){ $f($x) }; $f(1))', {
      ...DEFAULT_EXPRESSION_LIMITS,
      timeoutMs: 50,
      maxSequence: 1000,
    });
    await expect(loop.evaluate(scope)).rejects.toThrow(/ran longer than the limit of 50 ms/);
    const big = compileExpression('[1..100000]', { ...DEFAULT_EXPRESSION_LIMITS, timeoutMs: 1000, maxSequence: 1000 });
    await expect(big.evaluate(scope)).rejects.toThrow(/could not evaluate .*limit of 1,000 items/);
  });
});

describe('compileValue', () => {
  it('walks objects and arrays, keeps types, never templates keys', async () => {
    const v = compileValue({
      '{{ key }}': 'static',
      id: '{{ steps.getDetails.body.user.id }}',
      n: '{{ trigger.body.count }}',
      list: ['{{ trigger.body.flag }}', 1, '{{ trigger.body.missing }}'],
      gone: '{{ trigger.body.missing }}',
      text: 'Agent {{ trigger.body.`Agent Name` }}',
    });
    expect(v.isStatic).toBe(false);
    expect(await v.evaluate(scope)).toEqual({
      '{{ key }}': 'static',
      id: 'u-9',
      n: 3,
      list: [true, 1, null],
      text: 'Agent Ana Ōta',
    });
  });

  it('is static when nothing is templated', async () => {
    const value = { a: [1, { b: 'c' }], d: null };
    const v = compileValue(value);
    expect(v.isStatic).toBe(true);
    expect(await v.evaluate(scope)).toBe(value);
  });
});

describe('createPrepareTools', () => {
  it('exposes the three compilers', async () => {
    const tools = createPrepareTools();
    expect(await tools.template('{{ vars.agentId }}', 'text').evaluate(scope)).toBe('u-9');
    expect(await tools.expression('trigger.body.count > 2').evaluate(scope)).toBe(true);
    expect(await tools.value({ a: '{{ trigger.body.count }}' }).evaluate(scope)).toEqual({ a: 3 });
  });
});

describe('expressionReferences', () => {
  it('finds steps, trigger, vars and params roots', () => {
    expect(expressionReferences('steps.getDetails.body.x & vars.x & trigger.body.y & params.region')).toEqual({
      steps: ['getDetails'],
      trigger: true,
      vars: ['x'],
      params: ['region'],
      item: false,
      wholeSteps: false,
      wholeVars: false,
    });
    expect(expressionReferences('item.id & index').item).toBe(true);
    expect(expressionReferences('trigger.body.item').item).toBe(false);
    expect(expressionReferences('$count(steps.`a`.items[id = steps.b.id]) + $$.steps.c.n').steps).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(expressionReferences('$keys(steps)').wholeSteps).toBe(true);
    expect(expressionReferences('"literal"')).toMatchObject({ steps: [], trigger: false, vars: [] });
    expect(templateReferences('{{ steps.a.x }}/${e://Field/Y}/{{ vars.z }}')).toMatchObject({
      steps: ['a'],
      trigger: true,
      vars: ['z'],
    });
  });
});

describe('plain path fast lane', () => {
  it('gives exactly what jsonata gives', async () => {
    const { default: jsonata } = await import('jsonata');
    const { toPlainJson } = await import('./jsonata-compile.js');
    const { plainPath } = await import('./compile.js');
    const data: RunScope = {
      trigger: {
        body: { a: { b: [1, 2], c: null, d: 0, e: '', f: { g: [{ h: 1 }, { h: [2, 3] }] }, one: [5] } },
        headers: {},
        query: {},
      },
      steps: { s: { body: [{ id: 1 }, { id: 2 }], n: 4 } },
      vars: { 'x y': 'z' },
    };
    const sources = [
      'trigger.body.a',
      'trigger.body.a.b',
      'trigger.body.a.c',
      'trigger.body.a.d',
      'trigger.body.a.e',
      'trigger.body.a.f.g.h',
      'trigger.body.a.one',
      'trigger.body.a.missing.deeper',
      'trigger.body.a.d.x',
      'steps.s.body.id',
      'steps.s.n',
      'vars.`x y`',
      'trigger.body.constructor',
      'trigger.body.a.e.length',
    ];
    for (const source of sources) {
      expect(plainPath(jsonata(source).ast()), source).toBeDefined();
      const expected = toPlainJson(await jsonata(source).evaluate(data));
      expect(await compileExpression(source).evaluate(data), source).toEqual(expected);
      expect(await compileTemplate(`{{ ${source} }}`, 'value').evaluate(data), source).toEqual(expected);
    }
    expect(plainPath(jsonata('a.b[0]').ast())).toBeUndefined();
    expect(plainPath(jsonata('a.$uppercase(b)').ast())).toBeUndefined();
    expect(plainPath(jsonata('a + 1').ast())).toBeUndefined();
  });
});
