/** An output port's words on the canvas, also used where messages name a port. */
import { editorFor } from '../../nodes/registry.editor.js';
import { pick } from '../i18n/translate.js';

/**
 * The port's label in the UI language: the editor's, else the port id as it is. A port without
 * a label is one the admin named (a Switch output); an expression must give that exact name,
 * so the canvas must not show "CustomerEnd" for "customerEnd".
 */
export function portLabel(type: string, port: string, locale: 'en' | 'ja'): string {
  const fromEditor = editorFor(type)?.portLabels?.[port];
  if (fromEditor) return pick(fromEditor, locale, port);
  const builtin: Record<string, { en: string; ja: string }> = {
    true: { en: 'True', ja: '真' },
    false: { en: 'False', ja: '偽' },
    success: { en: 'Success', ja: '成功' },
    error: { en: 'Error', ja: 'エラー' },
    out: { en: 'Out', ja: '出力' },
  };
  return pick(builtin[port], locale, port);
}
