import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../json-schema.js';
import { createAjv } from '../schema/ajv.js';
import { fieldLabel, humanizeName, schemaProblems } from './schema-words.js';

function problems(schema: JsonSchema, data: unknown): string[] {
  const validate = createAjv([schema]).compile(schema);
  validate(data);
  return schemaProblems(validate.errors, (p) => fieldLabel(schema, p)).map((p) => `${p.pointer} ${p.message}`);
}

describe('schema words', () => {
  it('humanizes field names without titles', () => {
    expect(humanizeName('maxRetries')).toBe('Max retries');
    expect(humanizeName('initial_delay-ms')).toBe('Initial delay ms');
    expect(humanizeName('URLPath')).toBe('Url path');
  });

  it('words common keywords', () => {
    const schema: JsonSchema = {
      type: 'object',
      additionalProperties: false,
      properties: {
        n: { type: 'integer', title: 'Count', minimum: 1, maximum: 3 },
        s: { type: 'string', minLength: 2, pattern: '^a', 'x-patternMessage': 'must start with a' },
        e: { type: 'string', format: 'email', title: 'Email' },
        list: { type: 'array', title: 'Tags', minItems: 1, uniqueItems: true },
        c: { const: 'x', title: 'Kind' },
      },
    };
    expect(problems(schema, { n: 5, s: 'b', e: 'nope', list: [], c: 'y', z: 1 })).toEqual([
      "/z The settings has a field Flowdesk does not know: 'z'",
      '/n Count must be at most 3',
      '/s S must be at least 2 characters long',
      '/s S must start with a',
      '/e Email must be a valid email address',
      '/list Tags needs at least one item',
      '/c Kind must be x',
    ]);
    expect(problems(schema, { n: 1.5, list: [1, 1] })).toEqual([
      '/n Count must be a whole number',
      '/list Tags has the same item twice (items 1 and 2)',
    ]);
  });

  it('shows the errors of the oneOf branch the data picks by a const property', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        body: {
          title: 'Body',
          oneOf: [
            {
              type: 'object',
              required: ['type', 'json'],
              properties: { type: { const: 'json' }, json: { title: 'JSON body' } },
            },
            {
              type: 'object',
              required: ['type', 'text'],
              properties: { type: { const: 'text' }, text: { type: 'string', title: 'Text body' } },
            },
          ],
        },
      },
    };
    expect(problems(schema, { body: { type: 'text' } })).toEqual(['/body/text Body › Text body is required']);
    expect(problems(schema, { body: { type: 'xml' } })).toEqual(['/body Body does not match any of the allowed forms']);
  });
});
