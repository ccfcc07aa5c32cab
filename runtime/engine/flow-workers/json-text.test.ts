import { describe, expect, it } from 'vitest';
import { jsonText, parseRemembered } from './json-text.js';

describe('JSON text remembered with the value it was parsed from', () => {
  it('gives back the very text a value was read from, not a new encoding', () => {
    // Spacing JSON.stringify would not produce: only the remembered text has it.
    const text = '{ "status": "success", "steps": [ { "name": "a" } ] }';
    const trace = parseRemembered<{ status: string }>(text);
    expect(trace.status).toBe('success');
    expect(jsonText(trace)).toBe(text);
  });

  it('encodes anything else afresh, including a copy of a remembered value', () => {
    const trace = parseRemembered<{ status: string }>('{ "status": "success" }');
    expect(jsonText({ ...trace, status: 'failed' })).toBe('{"status":"failed"}');
    expect(jsonText([1, 2])).toBe('[1,2]');
    expect(jsonText('text')).toBe('"text"');
  });
});
