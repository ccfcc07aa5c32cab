/**
 * The renderer half of the node-type registry: editor info (labels, icon, colour, form hints,
 * help) per type. Adding a node type is its folder plus one line here (and in registry.ts /
 * registry.runtime.ts).
 */
import type { NodeEditorInfo } from '../core/node-type.js';
import { codeEditor } from './code/editor.js';
import { conditionEditor } from './condition/editor.js';
import { respondToWebhookEditor } from './respond-to-webhook/editor.js';
import { ticketEditor } from './ticket/editor.js';
import { webServiceEditor } from './web-service/editor.js';
import { webhookTriggerEditor } from './webhook-trigger/editor.js';

export const NODE_EDITORS: readonly NodeEditorInfo[] = [
  webhookTriggerEditor,
  webServiceEditor,
  conditionEditor,
  codeEditor,
  ticketEditor,
  respondToWebhookEditor,
];

const byType = new Map(NODE_EDITORS.map((e) => [e.type, e]));

export function editorFor(type: string): NodeEditorInfo | undefined {
  return byType.get(type);
}
