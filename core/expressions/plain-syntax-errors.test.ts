import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages/format.js';
import { parseTemplate } from './parse-template.js';

const firstError = (template: string) => parseTemplate(template).errors[0]?.message;

describe('template syntax errors in plain words', () => {
  it.each([
    ['{{ trigger.body. }}', 'a field name is missing after the last dot'],
    ['{{ trigger.body..id }}', 'two dots in a row: a field name is missing between them'],
    ['{{ (trigger.body.a }}', 'a closing bracket ")" is missing'],
    ['{{ trigger.body.a) }}', 'there is a bracket ")" with no opening one before it'],
    ['{{ trigger.body.items[0 }}', 'a closing bracket "]" is missing'],
    ['{{ "abc }}', 'a "{{" is never closed with "}}"'],
    ['{{ trigger.body.a = }}', 'something to compare or combine is missing after "=" at the end'],
    ['{{ trigger.body.a b }}', '"b" is not expected here: is an operator (such as = or &) or a dot missing before it?'],
  ])('%s: %s', (template, words) => {
    expect(firstError(template)).toBe(words);
  });

  it('carries each as a message code, so the Japanese UI words it too', () => {
    const error = parseTemplate('{{ trigger.body. }}').errors[0]!;
    expect(error.detail).toMatchObject({ code: 'syntax.dot-at-end' });
    expect(formatMessage(error.detail!, 'ja')).toBe('最後のドットのあとにフィールド名がありません');
    const closer = parseTemplate('{{ (trigger.body.a }}').errors[0]!;
    expect(formatMessage(closer.detail!, 'ja')).toBe('閉じる「)」がありません');
  });

  it('points at where the problem is', () => {
    const error = parseTemplate('https://x/{{ trigger.body. }}').errors[0]!;
    expect(error.offset).toBeGreaterThanOrEqual('https://x/{{ trigger.body'.length);
  });
});
