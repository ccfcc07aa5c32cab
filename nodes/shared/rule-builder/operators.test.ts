import { describe, expect, it } from 'vitest';
import { asList, compare, isEmptyValue, truthy, valuesEqual } from './operators.js';

const ci = { caseInsensitive: true };
const cs = { caseInsensitive: false };

describe('condition operators', () => {
  it('equals across JSON and typed-in text', () => {
    expect(compare('equals', 'CHAT', 'chat', ci).matched).toBe(true);
    expect(compare('equals', 'CHAT', 'chat', cs).matched).toBe(false);
    expect(compare('equals', 2, '2', ci).matched).toBe(true);
    expect(compare('equals', '2.50', 2.5, ci).matched).toBe(true);
    expect(compare('equals', true, 'true', ci).matched).toBe(true);
    expect(compare('equals', false, 'TRUE', ci).matched).toBe(false);
    expect(compare('equals', undefined, '', ci).matched).toBe(false);
    expect(compare('equals', '', '', ci).matched).toBe(true);
    expect(compare('equals', ['a', 'B'], ['A', 'b'], ci).matched).toBe(true);
    expect(valuesEqual({ a: 1, b: 'X' }, { b: 'x', a: '1' }, true)).toBe(true);
    expect(compare('notEquals', 'connected', 'Connected', ci).matched).toBe(false);
    expect(compare('notEquals', undefined, 'x', ci).matched).toBe(true);
  });

  it('contains on text and on lists; startsWith', () => {
    expect(compare('contains', 'PureCloud Webchat v2', 'webchat', ci).matched).toBe(true);
    expect(compare('contains', 'PureCloud Webchat v2', 'webchat', cs).matched).toBe(false);
    expect(compare('contains', ['8675309', '5882300'], 5882300, ci).matched).toBe(true);
    expect(compare('contains', ['Standard'], 'standard', ci).matched).toBe(true);
    expect(compare('contains', undefined, 'x', ci)).toEqual({ matched: false, note: 'the value is missing' });
    expect(compare('startsWith', 'v2.detail.events.conversation.x.customer.end', 'V2.DETAIL', ci).matched).toBe(true);
    expect(compare('startsWith', 12345, 12, ci).matched).toBe(true);
  });

  it('isEmpty / isNotEmpty / exists', () => {
    for (const empty of [undefined, null, '', [], {}]) expect(isEmptyValue(empty)).toBe(true);
    for (const full of [0, false, ' ', [null], { a: undefined }]) expect(isEmptyValue(full)).toBe(false);
    expect(compare('isNotEmpty', '1bc96a39', undefined, ci).matched).toBe(true);
    expect(compare('exists', null, undefined, ci).matched).toBe(true);
    expect(compare('exists', undefined, undefined, ci).matched).toBe(false);
  });

  it('orders numbers, numeric text and ISO dates; refuses to order anything else', () => {
    expect(compare('lte', 1, 2, ci).matched).toBe(true);
    expect(compare('gt', '10', 9, ci).matched).toBe(true); // not "10" < "9" as text
    expect(compare('gte', 60000, '60000', ci).matched).toBe(true);
    expect(compare('lt', '2021-04-01T12:27:53.386Z', '2021-04-01T12:43:23.306Z', ci).matched).toBe(true);
    expect(compare('gt', '2022-04-06T09:30:45.013Z', '2022-04-06', ci).matched).toBe(true);
    expect(compare('gt', '2022-04-06T09:30:45+09:00', '2022-04-06T01:00:00Z', ci).matched).toBe(false);
    expect(compare('gt', 'abc', 1, ci)).toEqual({
      matched: false,
      note: 'needs two numbers or two ISO dates to compare',
    });
    expect(compare('lt', undefined, 1, ci)).toEqual({ matched: false, note: 'the value is missing' });
  });

  it('matches a regular expression, honouring case-insensitivity', () => {
    expect(compare('matches', 'R_3kXq8Zp2LmN0aBc', '^r_[a-z0-9]+$', ci).matched).toBe(true);
    expect(compare('matches', 'R_3kXq8Zp2LmN0aBc', '^r_[a-z0-9]+$', cs).matched).toBe(false);
    expect(compare('matches', 'abc', 'x', { caseInsensitive: true, regex: /B/i }).matched).toBe(true);
    expect(() => compare('matches', 'abc', '(', ci)).toThrow();
  });

  it('in: a list, or text separated by commas', () => {
    expect(asList('chat, email ,voice')).toEqual(['chat', 'email', 'voice']);
    expect(compare('in', 'EMAIL', 'chat, email', ci).matched).toBe(true);
    expect(compare('in', 2, ['1', '2'], ci).matched).toBe(true);
    expect(compare('in', 'sms', ['chat', 'email'], ci).matched).toBe(false);
  });

  it('truthy follows JSONata', () => {
    expect([true, 1, 'x', [0, 1], { a: 1 }].map(truthy)).toEqual([true, true, true, true, true]);
    expect([false, 0, '', [], [0, ''], {}, null, undefined].map(truthy)).toEqual(Array(8).fill(false));
  });
});
