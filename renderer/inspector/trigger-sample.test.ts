// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { testCaseSample } from './trigger-sample.js';

const samples = [{ name: 'call-end.json', text: '{"conversationId":"c-1"}' }];

describe('testCaseSample', () => {
  it('takes the first test case with an inline body', () => {
    const tests = [
      { name: 'a', trigger: { headers: { x: '1' } } },
      { name: 'b', trigger: { body: { CSAT: 1 } } },
      { name: 'c', trigger: { body: { CSAT: 5 } } },
    ] as FlowFile['tests'];
    expect(testCaseSample(tests, samples)).toEqual({ CSAT: 1 });
  });

  it("reads a test case's payload file when it is one of the host's samples", () => {
    const tests = [
      { name: 'gone', trigger: { payloadFile: 'payloads/missing.json' } },
      { name: 'file', trigger: { payloadFile: 'payloads/call-end.json' } },
    ] as FlowFile['tests'];
    expect(testCaseSample(tests, samples)).toEqual({ conversationId: 'c-1' });
  });

  it('has nothing without test cases or with a payload that is not JSON', () => {
    expect(testCaseSample(undefined, samples)).toBeUndefined();
    const tests = [{ name: 'bad', trigger: { payloadFile: 'x/bad.json' } }] as FlowFile['tests'];
    expect(testCaseSample(tests, [{ name: 'bad.json', text: '{oops' }])).toBeUndefined();
  });
});
