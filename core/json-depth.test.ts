import { describe, expect, it } from 'vitest';
import { jsonTextDepth, jsonTextTooDeep, MAX_JSON_DEPTH, valueDepth } from './json-depth.js';

describe('JSON depth without recursion', () => {
  it('counts nesting in text, ignoring brackets inside strings', () => {
    expect(jsonTextDepth('{"a":[1,{"b":2}]}').depth).toBe(3);
    expect(jsonTextDepth('{"a":"[[[[\\"[[["}').depth).toBe(1);
    expect(jsonTextDepth('42').depth).toBe(0);
  });

  it('stops at 100,000 levels with the offset where the limit was passed', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonTextTooDeep(text)).toBe(true);
    expect(jsonTextDepth(text)).toEqual({ depth: MAX_JSON_DEPTH + 1, offset: MAX_JSON_DEPTH });
    expect(jsonTextTooDeep('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false);
  });

  it('measures parsed values iteratively', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(valueDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
    expect(valueDepth({ a: [1, { b: null }] })).toBe(3);
    expect(valueDepth('x')).toBe(0);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(valueDepth(cycle)).toBe(MAX_JSON_DEPTH + 1);
  });
});
