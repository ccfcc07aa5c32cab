import { describe, expect, it } from 'vitest';
import { compileJsonPath } from './json-path-eval.js';
import { jsonPathProblem, normalizeJsonPath, parseJsonPath } from './json-path.js';

describe('JSONPath syntax', () => {
  it('adds the $ root admins leave out', () => {
    expect(normalizeJsonPath('conversationId')).toBe('$.conversationId');
    expect(normalizeJsonPath("['Course Name']")).toBe("$['Course Name']");
    expect(normalizeJsonPath(' $.a ')).toBe('$.a');
  });

  it('tells single-valued paths from multiple-valued ones', () => {
    const multiple = (p: string) => parseJsonPath(p).multiple;
    expect(multiple('$.participants[0].userId')).toBe(false);
    expect(multiple('$["Course Name"]')).toBe(false);
    expect(multiple('$')).toBe(false);
    expect(multiple("$.participants[?(@.purpose=='agent')].userId")).toBe(true);
    expect(multiple('$.participants[*].purpose')).toBe(true);
    expect(multiple('$..userId')).toBe(true);
    expect(multiple('$.a[0:2]')).toBe(true);
    expect(multiple("$['a','b']")).toBe(true);
  });

  it('explains what is wrong and where', () => {
    expect(jsonPathProblem('')).toBe('JSONPath "" is not valid: the path is empty');
    expect(jsonPathProblem('$.a[')).toContain('"[" is not closed with "]" at character 4 of "$.a["');
    expect(jsonPathProblem('$.a.')).toContain('a field name is missing after "."');
    expect(jsonPathProblem("$.p[?(@.x=='a']")).toContain('is not closed');
    expect(jsonPathProblem('$.a)b')).toContain('unexpected ")" in a field name');
    expect(jsonPathProblem('$x')).toContain('unexpected "x"');
    expect(jsonPathProblem('$.a[foo]')).toContain('"[foo]" is not an index, a quoted name, "*" or a filter');
    expect(jsonPathProblem("$.participants[?(@.purpose=='agent')].userId")).toBeUndefined();
  });
});

describe('JSONPath evaluation (Genesys translation-map semantics)', () => {
  const doc = {
    a: null,
    participants: [{ purpose: 'customer' }, { purpose: 'agent', userId: 'u1' }, { purpose: 'agent', userId: 'u2' }],
  };

  it('resolves a null value as found, a missing one as not found', () => {
    expect(compileJsonPath('$.a').evaluate(doc)).toEqual({ found: true, value: null });
    expect(compileJsonPath('b').evaluate(doc)).toEqual({ found: false, value: undefined });
  });

  it('returns arrays for filters, with every match after a transfer', () => {
    expect(compileJsonPath("$.participants[?(@.purpose=='agent')].userId").evaluate(doc)).toEqual({
      found: true,
      value: ['u1', 'u2'],
    });
    expect(compileJsonPath("$.participants[?(@.purpose=='acd')].userId").evaluate(doc)).toEqual({
      found: false,
      value: [],
    });
  });

  it('copes with bodies that are not objects', () => {
    expect(compileJsonPath('$.a').evaluate(undefined)).toEqual({ found: false, value: undefined });
    expect(compileJsonPath('$.a').evaluate('plain text')).toEqual({ found: false, value: undefined });
    expect(compileJsonPath('$').evaluate('plain text')).toEqual({ found: true, value: 'plain text' });
  });
});

describe('JSONPath filters (issue 12, item 2)', () => {
  const evil = 'a'.repeat(28) + '!';
  const doc = { items: [{ name: evil }, { name: 'aaa' }, { name: 'AAB' }] };

  it('runs regex literals in filters in linear time, .match and .test alike, with flags', () => {
    expect(compileJsonPath('$.items[?(@.name.match(/(a+)+$/))].name').evaluate(doc).value).toEqual(['aaa']);
    expect(compileJsonPath('$.items[?(/(a+)+$/i.test(@.name))].name').evaluate(doc).value).toEqual(['aaa']);
    expect(compileJsonPath('$.items[?(@.name.match(/^aab$/i))].name').evaluate(doc).value).toEqual(['AAB']);
    // A text pattern would otherwise become a backtracking RegExp inside String#match.
    expect(compileJsonPath("$.items[?(@.name.match('(a+)+$'))].name").evaluate(doc).value).toEqual(['aaa']);
    expect(compileJsonPath("$.items[?(@.name.search('B') == 2)].name").evaluate(doc).value).toEqual(['AAB']);
  });

  it('keeps the usual filters working', () => {
    expect(compileJsonPath("$.items[?(@.name.startsWith('AA') || @.name === 'aaa')].name").evaluate(doc).value).toEqual(
      ['aaa', 'AAB'],
    );
    expect(compileJsonPath('$.items[?(@.name.length < 5)].name').evaluate(doc).value).toEqual(['aaa', 'AAB']);
  });

  it('refuses what a filter may not do, in validation and at compile', () => {
    expect(jsonPathProblem('$.items[?(@.name.match(/(a)\\1/))]')).toMatch(/backreference/);
    expect(jsonPathProblem('$.items[?(@.name.repeat(100000000))]')).toMatch(/cannot call \.repeat\(\)/);
    expect(jsonPathProblem('$.items[?(@.name.padStart(1e9).length > 1)]')).toMatch(/cannot call \.padStart\(\)/);
    expect(() => compileJsonPath('$.items[?(/(?<=a)b/.test(@.name))]')).toThrow(/lookbehind/);
    expect(jsonPathProblem('$.items[?(@.price / 2 > 1)]')).toBeUndefined();
  });
});
