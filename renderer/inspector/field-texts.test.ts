import { describe, expect, it } from 'vitest';
import { NODE_MANIFESTS, manifestFor } from '../../nodes/registry.js';
import { editorFor } from '../../nodes/registry.editor.js';
import { fieldTextsFor, localizeUiSchema } from './field-texts.js';
import { buildUiSchema } from './ui-schema.js';

type Schema = Record<string, unknown>;

/** Every field of a config schema by pattern pointer (`*` for array items), `$defs` followed. */
function schemaFields(root: Schema): Map<string, Schema> {
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const out = new Map<string, Schema>();
  const walk = (schema: Schema | undefined, pointer: string) => {
    if (!schema || typeof schema !== 'object') return;
    const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
    const s = ref?.startsWith('#/$defs/') ? defs[ref.slice('#/$defs/'.length)]! : schema;
    if (pointer) out.set(pointer, s);
    for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
      walk(child, `${pointer}/${key}`);
    if (s.items && typeof s.items === 'object') walk(s.items as Schema, `${pointer}/*`);
  };
  walk(root, '');
  return out;
}

describe('field texts', () => {
  it('name only fields and enum values that exist', () => {
    for (const manifest of NODE_MANIFESTS) {
      for (const lang of ['en', 'ja'] as const) {
        for (const [pointer, text] of Object.entries(editorFor(manifest.type)?.fieldTexts?.[lang] ?? {})) {
          const key = `${manifest.type}:${pointer}`;
          const field = schemaFields(manifest.configSchema as Schema).get(pointer);
          expect(field, `${lang} ${key}: no such field`).toBeDefined();
          for (const value of Object.keys(text.options ?? {}))
            expect((field!.enum as unknown[]).map(String), `${lang} ${key}: option ${value}`).toContain(value);
        }
      }
    }
  });

  it('give Japanese for every titled or described field and every enum value of the built-in nodes', () => {
    const missing: string[] = [];
    for (const manifest of NODE_MANIFESTS) {
      const texts = fieldTextsFor(editorFor(manifest.type), 'ja');
      for (const [pointer, field] of schemaFields(manifest.configSchema as Schema)) {
        const text = texts[pointer];
        // A title the language writes the same way (URL, JSONPath) is still given, so a
        // missing one is a forgotten translation and not a choice.
        if (typeof field.title === 'string' && !text?.title) missing.push(`${manifest.type}:${pointer} title`);
        if (typeof field.description === 'string' && !text?.description) missing.push(`${manifest.type}:${pointer}`);
        const enumValues = Array.isArray(field.enum) ? field.enum.map(String) : [];
        // Values that read the same in every language (GET, POST…) need no label.
        const needsLabels = enumValues.some((v) => /[a-z]/.test(v));
        if (needsLabels && enumValues.some((v) => !text?.options?.[v]))
          missing.push(`${manifest.type}:${pointer} options`);
      }
      for (const hint of editorFor(manifest.type)?.fields ?? []) {
        if (hint.help && !texts[hint.pointer]?.help) missing.push(`${manifest.type}:${hint.pointer} help`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('puts them into the uiSchema without touching the values', () => {
    const manifest = manifestFor('condition')!;
    const editor = editorFor('condition');
    const ui = buildUiSchema(manifest, editor, manifest.defaults as Record<string, unknown>);
    const ja = localizeUiSchema(ui, editor, 'ja') as any;
    expect(ja.combinator['ui:enumNames']).toEqual({ all: 'すべてのルール（AND）', any: 'いずれかのルール（OR）' });
    expect(ja.rules.items.operator['ui:enumNames'].notEquals).toBe('等しくない');
    expect(ja.mode['ui:description']).toMatch(/JSONata/);
    expect(ja.combinator['ui:title']).toBe(editor!.fieldTexts!.ja!['/combinator']!.title);
    const en = localizeUiSchema(ui, editor, 'en') as any;
    expect(en.rules.items.operator['ui:enumNames'].notEquals).toBe('does not equal');
    expect(en.mode['ui:description']).toBeUndefined();
    // The built uiSchema is left as it was.
    expect((ui as any).combinator?.['ui:enumNames']).toBeUndefined();
  });
});
