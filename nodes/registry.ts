/**
 * The node-type registry: every manifest, one line each. Adding a node type is its folder
 * under nodes/ plus one line here (and one in registry.runtime.ts / registry.editor.ts).
 */
import type { NodeTypeManifest } from '../core/node-type.js';
import { codeManifest } from './code/manifest.js';
import { conditionManifest } from './condition/manifest.js';
import { respondToWebhookManifest } from './respond-to-webhook/manifest.js';
import { ticketManifest } from './ticket/manifest.js';
import { webServiceManifest } from './web-service/manifest.js';
import { webhookTriggerManifest } from './webhook-trigger/manifest.js';

export const NODE_MANIFESTS: readonly NodeTypeManifest<any>[] = [
  webhookTriggerManifest,
  webServiceManifest,
  conditionManifest,
  codeManifest,
  ticketManifest,
  respondToWebhookManifest,
];

const byType = new Map(NODE_MANIFESTS.map((m) => [m.type, m]));

export function manifestFor(type: string): NodeTypeManifest<any> | undefined {
  return byType.get(type);
}
