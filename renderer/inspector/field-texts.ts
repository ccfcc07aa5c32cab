/**
 * Puts a node form's help texts and enum option labels in the UI language: the entries of
 * `fieldTexts` (renderer/i18n/inspector.ts) for the node type become `ui:description`,
 * `ui:help` and `ui:enumNames` at their pointers. Stored values never change, only what the
 * admin reads; a field without an entry keeps the schema's English.
 */
import type { Locale } from '../i18n/translate.js';
import { fieldTexts, type FieldText } from '../i18n/inspector.js';
import { uiAt, type UiNode } from './ui-schema.js';

/** The entries of one node type, by pointer. */
export function fieldTextsFor(type: string, locale: Locale): Record<string, FieldText> {
  const prefix = `${type}:`;
  const out: Record<string, FieldText> = {};
  // English option labels first: a language without its own labels still gets the plain ones.
  for (const lang of locale === 'en' ? ['en' as const] : (['en', locale] as const)) {
    for (const [key, text] of Object.entries(fieldTexts[lang] ?? {})) {
      if (key.startsWith(prefix)) out[key.slice(prefix.length)] = { ...out[key.slice(prefix.length)], ...text };
    }
  }
  return out;
}

/** A copy of `ui` with the type's texts in `locale` applied. */
export function localizeUiSchema(ui: UiNode, type: string, locale: Locale): UiNode {
  const texts = fieldTextsFor(type, locale);
  if (Object.keys(texts).length === 0) return ui;
  const root = structuredClone(ui);
  for (const [pointer, text] of Object.entries(texts)) {
    const node = uiAt(root, pointer);
    if (text.description) node['ui:description'] = text.description;
    // Only where the editor gives a hint: a translation must not add a second help line.
    if (text.help && typeof node['ui:help'] === 'string') node['ui:help'] = text.help;
    if (text.options) node['ui:enumNames'] = text.options;
  }
  return root;
}

/**
 * A value of an enum field as the UI language names it (`ticket`, `/operation`, `create` →
 * 'チケットを作成' in Japanese). English keeps the value itself, which reads as a word there
 * (`create`, `all`); so does a value without a label.
 */
export function optionLabel(type: string, pointer: string, value: string, locale: Locale): string {
  if (locale === 'en') return value;
  return fieldTexts[locale]?.[`${type}:${pointer}`]?.options?.[value] ?? value;
}
