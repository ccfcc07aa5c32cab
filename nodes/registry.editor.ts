/**
 * The renderer half of every node type in `node-types.ts`: labels, icon, form hints, help,
 * summary, output shape, texts. Keyed by the list's type ids: a listed type without an editor
 * half, or an editor of no listed type, does not compile.
 */
import type { NodeEditorInfo, NodeTypeManifest } from '../core/node-type.js';
import { applyToEachEditor } from './apply-to-each/editor.js';
import { applyToEachManifest } from './apply-to-each/manifest.js';
import { codeEditor } from './code/editor.js';
import { codeManifest } from './code/manifest.js';
import { conditionEditor } from './condition/editor.js';
import { conditionManifest } from './condition/manifest.js';
import type { NodeTypeId } from './node-types.js';
import { NODE_MANIFESTS } from './registry.js';
import { recallEditor } from './recall/editor.js';
import { recallManifest } from './recall/manifest.js';
import { recordEditor } from './record/editor.js';
import { recordManifest } from './record/manifest.js';
import { rememberEditor } from './remember/editor.js';
import { rememberManifest } from './remember/manifest.js';
import { respondToWebhookEditor } from './respond-to-webhook/editor.js';
import { respondToWebhookManifest } from './respond-to-webhook/manifest.js';
import { scheduleTriggerEditor } from './schedule-trigger/editor.js';
import { scheduleTriggerManifest } from './schedule-trigger/manifest.js';
import { switchEditor } from './switch/editor.js';
import { switchManifest } from './switch/manifest.js';
import { ticketEditor } from './ticket/editor.js';
import { ticketManifest } from './ticket/manifest.js';
import { webServiceEditor } from './web-service/editor.js';
import { webServiceManifest } from './web-service/manifest.js';
import { webhookTriggerEditor } from './webhook-trigger/editor.js';
import { webhookTriggerManifest } from './webhook-trigger/manifest.js';
import { waitEditor } from './wait/editor.js';
import { waitManifest } from './wait/manifest.js';

const editors: { readonly [K in NodeTypeId]: NodeEditorInfo } = {
  [webhookTriggerManifest.type]: webhookTriggerEditor,
  [scheduleTriggerManifest.type]: scheduleTriggerEditor,
  [webServiceManifest.type]: webServiceEditor,
  [conditionManifest.type]: conditionEditor,
  [switchManifest.type]: switchEditor,
  [applyToEachManifest.type]: applyToEachEditor,
  [codeManifest.type]: codeEditor,
  [ticketManifest.type]: ticketEditor,
  [recordManifest.type]: recordEditor,
  [rememberManifest.type]: rememberEditor,
  [recallManifest.type]: recallEditor,
  [respondToWebhookManifest.type]: respondToWebhookEditor,
  [waitManifest.type]: waitEditor,
};

export const NODE_EDITORS: readonly NodeEditorInfo[] = Object.values(editors);

const byType = new Map<string, NodeEditorInfo>(Object.entries(editors));

export function editorFor(type: string): NodeEditorInfo | undefined {
  return byType.get(type);
}

/** The node types the designer offers: manifests in palette order, and each one's editor half. */
export interface EditorNodeTypes {
  readonly manifests: readonly NodeTypeManifest[];
  editorFor(type: string): NodeEditorInfo | undefined;
}

export const BUILT_IN_EDITOR_TYPES: EditorNodeTypes = { manifests: NODE_MANIFESTS, editorFor };

/** The built-in node types plus `extra` ones (a test's node type, a third-party package). */
export function withEditorTypes(
  extra: readonly { manifest: NodeTypeManifest; editor: NodeEditorInfo }[],
  base: EditorNodeTypes = BUILT_IN_EDITOR_TYPES,
): EditorNodeTypes {
  const more = new Map(extra.map((e) => [e.manifest.type, e.editor]));
  return {
    manifests: [...base.manifests, ...extra.map((e) => e.manifest)],
    editorFor: (type) => more.get(type) ?? base.editorFor(type),
  };
}
