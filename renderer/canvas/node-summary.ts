/**
 * The one-line summary under a node's name: what the node does at a glance (method and URL,
 * provider and operation…), worded by the node type's editor half in the UI language.
 */
import type { FlowNode } from '../../core/flow.js';
import type { NodeEditorInfo } from '../../core/node-type.js';
import { editorFor } from '../../nodes/registry.editor.js';
import type { Locale } from '../i18n/index.js';
import { optionLabel } from '../inspector/field-texts.js';

function fill(text: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function nodeSummary(
  node: Pick<FlowNode, 'type' | 'config'>,
  locale: Locale = 'en',
  editors: (type: string) => NodeEditorInfo | undefined = editorFor,
): string {
  const editor = editors(node.type);
  if (!editor?.summary) return '';
  const texts = editor.texts;
  return editor.summary(node.config ?? {}, {
    locale,
    text: (key, vars) => fill(texts?.[locale][key] ?? texts?.en[key] ?? key, vars),
    option: (pointer, value) => optionLabel(editor, pointer, value, locale),
  });
}
