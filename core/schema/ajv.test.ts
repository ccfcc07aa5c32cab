import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkSchema, compileChecked, createAjv } from './ajv.js';

/** What a plain ajv instance with the meta-schema check built in says about a schema. */
function plainCompileError(schema: Record<string, unknown>): string | undefined {
  try {
    createAjv([schema]).compile(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('checkSchema / compileChecked (one meta-schema check per process)', () => {
  const invalid: Record<string, Record<string, unknown>> = {
    'a misspelt type': { type: 'strnig' },
    'several problems': { type: 'object', properties: { a: { type: 'nope', minLength: -1 } }, required: 'a' },
  };
  for (const [name, schema] of Object.entries(invalid)) {
    it(`refuses ${name} with the words ajv.compile uses`, () => {
      const expected = plainCompileError(schema);
      expect(expected).toMatch(/^schema is invalid: /);
      expect(() => checkSchema(schema)).toThrow(expected);
      const shared = createAjv([schema], { metaSchemaCheck: 'shared' });
      expect(() => compileChecked(shared, schema)).toThrow(expected);
    });
  }

  it('still lets compile refuse what the meta-schema allows (a pattern that is not a regex)', () => {
    const schema = { type: 'string', pattern: '(' };
    expect(() => checkSchema(schema)).not.toThrow();
    // Patterns compile on the linear-time engine, which words the refusal itself.
    expect(() => compileChecked(createAjv([schema], { metaSchemaCheck: 'shared' }), schema)).toThrow(
      /the regular expression "\(" is not valid: missing closing \)/,
    );
  });

  it('runs schema patterns in linear time and refuses what RE2 cannot run (issue 12, item 2)', () => {
    const schema = { type: 'string', pattern: '(a+)+$' };
    const validate = compileChecked(createAjv([schema], { metaSchemaCheck: 'shared' }), schema);
    expect(validate('a'.repeat(28) + '!')).toBe(false);
    expect(validate('aaa')).toBe(true);
    const lookahead = { type: 'string', pattern: '^(?=a)' };
    expect(() => compileChecked(createAjv([lookahead], { metaSchemaCheck: 'shared' }), lookahead)).toThrow(
      /lookahead .* linear-time regex engine/,
    );
  });

  it('compiles a valid schema into a validator that answers as the plain one does', () => {
    const schema = {
      type: 'object',
      required: ['url'],
      properties: { url: { type: 'string', format: 'uri', 'x-template': true }, n: { type: 'integer', minimum: 1 } },
    };
    const plain = createAjv([schema]).compile(schema);
    const shared = compileChecked(createAjv([schema], { metaSchemaCheck: 'shared' }), schema);
    for (const data of [{ url: 'https://example.com' }, { url: 'not a uri', n: 0 }, { n: 'x' }, 42]) {
      expect(shared(data)).toBe(plain(data));
      expect(shared.errors ?? null).toEqual(plain.errors ?? null);
    }
  });

  it('checks schemas in the instance unless asked to share the check', () => {
    const ajv = createAjv([], { metaSchemaCheck: 'shared' });
    expect(ajv).toBeInstanceOf(Ajv2020);
    expect(ajv.opts.validateSchema).toBe(false);
    expect(createAjv().opts.validateSchema).toBe(true);
  });
});
