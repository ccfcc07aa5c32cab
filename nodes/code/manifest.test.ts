import { describe, expect, expectTypeOf, it } from 'vitest';
import { templateModeAt } from '../../core/template-fields.js';
import { createAjv } from '../../core/schema/ajv.js';
import { issueLines, validateNodes } from '../../test/support/validate-nodes.js';
import { MAX_SOURCE_BYTES, codeManifest, type CodeConfig } from './manifest.js';

const validate = createAjv([codeManifest.configSchema]).compile(codeManifest.configSchema);
const check = (config: Partial<CodeConfig>) => codeManifest.check!({ ...codeManifest.defaults, ...config });

describe('code manifest', () => {
  it('has defaults that validate: 1000 ms, 32 MB, success/error ports', () => {
    expect(validate(codeManifest.defaults)).toBe(true);
    expect(check({})).toEqual([]);
    expect(codeManifest).toMatchObject({
      type: 'code',
      version: 1,
      category: 'logic',
      ports: ['success', 'error'],
      errorPort: 'error',
      defaults: { timeoutMs: 1000, memoryMB: 32 },
    });
    // The source is JavaScript, never parsed as a template.
    expect(templateModeAt(codeManifest.configSchema, '/source')).toBe('none');
  });

  it('gives every field a title and a description', () => {
    for (const [key, field] of Object.entries(
      codeManifest.configSchema.properties as Record<string, Record<string, unknown>>,
    )) {
      expect(field.title, key).toBeTruthy();
      expect(field.description, key).toBeTruthy();
    }
  });

  it('caps the time limit at 10 s and memory at 128 MB', () => {
    expect(validate({ ...codeManifest.defaults, timeoutMs: 10000, memoryMB: 128 })).toBe(true);
    expect(validate({ ...codeManifest.defaults, timeoutMs: 10001 })).toBe(false);
    expect(validate({ ...codeManifest.defaults, memoryMB: 129 })).toBe(false);
    expect(validate({ ...codeManifest.defaults, memoryMB: 1.5 })).toBe(false);
  });

  it('rejects an empty source and one over 64 KB, counting UTF-8 bytes', () => {
    expect(check({ source: '  \n' })).toEqual([
      { pointer: '/source', code: 'code.empty', message: expect.stringMatching(/code is empty/) },
    ]);
    expect(check({ source: 'x'.repeat(MAX_SOURCE_BYTES) })).toEqual([]);
    expect(check({ source: `return 1;//${'x'.repeat(MAX_SOURCE_BYTES)}` })).toEqual([
      {
        pointer: '/source',
        code: 'code.too-large',
        params: { kb: 65, limitKb: 64 },
        message: expect.stringMatching(/the limit is 64 KB/),
      },
    ]);
    // 22,000 Japanese characters are 66,000 bytes in UTF-8.
    expect(check({ source: `// ${'あ'.repeat(22000)}` })).toHaveLength(1);
  });

  it('does not parse {{ }} in the source as a template', () => {
    const issues = validateNodes(
      [codeManifest],
      [
        {
          id: 'c',
          type: 'code',
          name: 'clean',
          config: { ...codeManifest.defaults, source: 'const o = {{a: 1}.a}; return o;' },
        },
      ],
    );
    expect(issueLines(issues)).toEqual([]);
  });

  it('names the node and field in the validator words', () => {
    const empty = validateNodes(
      [codeManifest],
      [{ id: 'c', type: 'code', name: 'clean', config: { ...codeManifest.defaults, source: '' } }],
    );
    expect(issueLines(empty).join('\n')).toMatch(/\/nodes\/1\/config\/source \|.*clean.*code is empty/);
    const slow = validateNodes(
      [codeManifest],
      [{ id: 'c', type: 'code', name: 'clean', config: { ...codeManifest.defaults, timeoutMs: 60000 } }],
    );
    expect(issueLines(slow).join('\n')).toMatch(/\/nodes\/1\/config\/timeoutMs \|.*clean.*/);
  });
});

describe('CodeConfig', () => {
  it('is derived from the schema (checked by the type-checker)', () => {
    expectTypeOf<CodeConfig>().toEqualTypeOf<{ source: string; timeoutMs: number; memoryMB: number }>();
  });
});
