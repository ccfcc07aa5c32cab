// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FlowTest } from '../../core/flow.js';
import { addCase, casePayload, deleteCase, patchCase, renameCase, sampleFile, triggerHeaders } from './test-cases.js';

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

describe('trigger headers and sample files', () => {
  it('accepts an object of text values, treats empty as none and refuses anything else', () => {
    expect(triggerHeaders({ 'X-Source': 'qualtrics' })).toEqual({ 'X-Source': 'qualtrics' });
    expect(triggerHeaders(undefined)).toBeUndefined();
    expect(triggerHeaders({})).toBeUndefined();
    expect(triggerHeaders({ 'X-Count': 3 })).toBeNull();
    expect(triggerHeaders(['X-Source'])).toBeNull();
    expect(triggerHeaders('X-Source: qualtrics')).toBeNull();
  });

  it('names the sample a payloadFile points at, and reads the payload from it', () => {
    expect(sampleFile('payloads/survey.json')).toBe('survey.json');
    expect(sampleFile(undefined)).toBeUndefined();
    const test = { name: 'a', trigger: { payloadFile: 'payloads/survey.json' } };
    expect(casePayload(test, [{ name: 'survey.json', text: '{"Q1": 2}' }])).toEqual({ Q1: 2 });
  });
});
