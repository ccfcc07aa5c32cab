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
