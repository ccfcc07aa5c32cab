import { describe, expect, it } from 'vitest';
import { partialMatch, wildcardMatch } from './match.js';

describe('partialMatch', () => {
  it('accepts extra keys in the actual object and matches nested keys', () => {
    expect(partialMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }, 'steps.x')).toEqual([]);
  });

  it('reports each differing leaf with its path', () => {
    const m = partialMatch(
      { fields: { agentId: 'a1', queue: 'q' } },
      { fields: { agentId: 'b2' } },
      'steps.getDetails',
    );
    expect(m.map((x) => x.path)).toEqual(['steps.getDetails.fields.agentId', 'steps.getDetails.fields.queue']);
    expect(m[0]!.message).toBe('expected "a1", got "b2"');
    expect(m[1]!.message).toBe('expected "q", but it is missing');
  });

  it('matches arrays by position with the same length', () => {
    expect(partialMatch([{ id: 1 }, { id: 2 }], [{ id: 1, x: 0 }, { id: 2 }], 'v')).toEqual([]);
    expect(partialMatch([1, 2], [1, 2, 3], 'vars.tags')[0]!.message).toBe('expected 2 items, got 3: [1,2,3]');
    expect(partialMatch([1, 2], [1, 3], 'vars.tags')[0]!.path).toBe('vars.tags[1]');
  });

  it('distinguishes types: "1" is not 1, null is not missing', () => {
    expect(partialMatch({ a: 1 }, { a: '1' }, 'x')).toHaveLength(1);
    expect(partialMatch({ a: null }, {}, 'x')[0]!.message).toBe('expected null, but it is missing');
    expect(partialMatch({ a: null }, { a: null }, 'x')).toEqual([]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(partialMatch({ 'content-type': 'a' }, { 'content-type': 'b' }, 'h')[0]!.path).toBe('h["content-type"]');
  });
});

describe('wildcardMatch', () => {
  it('treats * as any run of characters and everything else literally', () => {
    expect(wildcardMatch('https://api.example.com/users/*', 'https://api.example.com/users/42?x=1')).toBe(true);
    expect(wildcardMatch('https://api.example.com/users/?', 'https://api.example.com/users/a')).toBe(false);
    expect(wildcardMatch('*/users/*/roles', 'https://h/users/7/roles')).toBe(true);
    expect(wildcardMatch('exact', 'exact')).toBe(true);
  });
});
