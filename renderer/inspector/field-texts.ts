/**
 * Puts a node form's labels, help texts and enum option labels in the UI language: the node
 * type's own `fieldTexts` (its folder's i18n.ts, through its editor half) become `ui:title`,
 * `ui:description`, `ui:help` and `ui:enumNames` at their pointers. Stored values never change,
 * only what the admin reads; a field without an entry keeps the schema's English.
 */
import type { FieldText, NodeEditorInfo } from '../../core/node-type.js';
import type { Locale } from '../i18n/translate.js';
import { uiAt, type UiNode } from './ui-schema.js';

/** The entries of one node type in `locale`, by pointer (English option labels fill gaps). */
export function fieldTextsFor(editor: NodeEditorInfo | undefined, locale: Locale): Record<string, FieldText> {
  const out: Record<string, FieldText> = {};
  const texts = editor?.fieldTexts;
  if (!texts) return out;
  // English option labels first: a language without its own labels still gets the plain ones.
  for (const lang of locale === 'en' ? ['en' as const] : (['en', locale] as const)) {
    for (const [pointer, text] of Object.entries(texts[lang] ?? {})) out[pointer] = { ...out[pointer], ...text };
  }
  return out;
}

/** A copy of `ui` with the type's texts in `locale` applied. */
export function localizeUiSchema(ui: UiNode, editor: NodeEditorInfo | undefined, locale: Locale): UiNode {
  const texts = fieldTextsFor(editor, locale);
  if (Object.keys(texts).length === 0) return ui;
  const root = structuredClone(ui);
  for (const [pointer, text] of Object.entries(texts)) {
    const node = uiAt(root, pointer);
    if (text.title) node['ui:title'] = text.title;
    if (text.description) node['ui:description'] = text.description;
    // Only where the editor gives a hint: a translation must not add a second help line.
    if (text.help && typeof node['ui:help'] === 'string') node['ui:help'] = text.help;
    if (text.options) node['ui:enumNames'] = text.options;
  }
  return root;
}

/**
 * A value of an enum field as the UI language names it (`/operation`, `create` → 'チケットを
 * 作成' in Japanese). English keeps the value itself, which reads as a word there (`create`,
 * `all`); so does a value without a label.
 */
export function optionLabel(
  editor: NodeEditorInfo | undefined,
  pointer: string,
  value: string,
  locale: Locale,
): string {
  if (locale === 'en') return value;
  return editor?.fieldTexts?.[locale]?.[pointer]?.options?.[value] ?? value;
}
