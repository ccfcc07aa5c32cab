/**
 * The one list of node types: each folder's manifest, one line each. Adding a node type is its
 * folder plus one line here; the runtime registry (`registry.runtime.ts`, executors) and the
 * editor registry (`registry.editor.ts`, editor halves) are keyed by this list's type ids, so
 * the compiler refuses a registry that misses or invents a type, and
 * `nodes/node-types.test.ts` proves the three views agree. See docs/adding-a-node-type.md.
 */
import { applyToEachManifest } from './apply-to-each/manifest.js';
import { codeManifest } from './code/manifest.js';
import { conditionManifest } from './condition/manifest.js';
import { recallManifest } from './recall/manifest.js';
import { recordManifest } from './record/manifest.js';
import { rememberManifest } from './remember/manifest.js';
import { respondToWebhookManifest } from './respond-to-webhook/manifest.js';
import { scheduleTriggerManifest } from './schedule-trigger/manifest.js';
import { switchManifest } from './switch/manifest.js';
import { ticketManifest } from './ticket/manifest.js';
import { webServiceManifest } from './web-service/manifest.js';
import { webhookTriggerManifest } from './webhook-trigger/manifest.js';
import { waitManifest } from './wait/manifest.js';

export const NODE_TYPES = [
  webhookTriggerManifest,
  scheduleTriggerManifest,
  webServiceManifest,
  conditionManifest,
  switchManifest,
  applyToEachManifest,
  codeManifest,
  ticketManifest,
  recordManifest,
  rememberManifest,
  recallManifest,
  respondToWebhookManifest,
  waitManifest,
] as const;

/** The type id of a built-in node type. */
export type NodeTypeId = (typeof NODE_TYPES)[number]['type'];
