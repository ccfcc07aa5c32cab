// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FlowTest } from '../../core/flow.js';
import { addCase, casePayload, deleteCase, patchCase, renameCase } from './test-cases.js';

const base: FlowTest[] = [{ name: 'happy', trigger: { body: { a: 1 } } }];

describe('test case edits', () => {
  it('adds cases under unique names', () => {
    const first = addCase(base, 'happy');
    expect(first.name).toBe('happy 2');
    expect(first.tests).toHaveLength(2);
  });

  it('refuses an empty or taken name and renames otherwise', () => {
    const two = addCase(base, 'other').tests;
    expect(renameCase(two, 'other', ' ')).toEqual({ refused: 'empty' });
    expect(renameCase(two, 'other', 'happy')).toEqual({ refused: 'taken' });
    const renamed = renameCase(two, 'other', 'sad');
    expect('tests' in renamed && renamed.tests.map((t) => t.name)).toEqual(['happy', 'sad']);
  });

  it('drops keys patched to undefined and deletes by name', () => {
    const patched = patchCase([{ ...base[0]!, description: 'x' }], 'happy', { description: undefined });
    expect('description' in patched[0]!).toBe(false);
    expect(deleteCase(base, 'happy')).toEqual([]);
  });

  it('reads a payload file from the shipped samples by base name', () => {
    const test: FlowTest = { name: 'f', trigger: { payloadFile: 'payloads/x.SAMPLE.json' } };
    expect(casePayload(test, [{ name: 'x.SAMPLE.json', text: '{"CSAT": 1}' }])).toEqual({ CSAT: 1 });
    expect(casePayload(test, [])).toBeUndefined();
    expect(casePayload(base[0]!, [])).toEqual({ a: 1 });
  });
});
