/**
 * Executors of every node type in `node-types.ts`, for the runtime only: the renderer may not
 * import this file (lint zone and tsconfig.renderer.json), so executors never reach its bundle.
 * Keyed by the list's type ids: a listed type without an executor, or an executor of no listed
 * type, does not compile.
 */
import type { NodeExecutor, NodeTypeManifest, RuntimeNodeTypes } from '../core/node-type.js';
import { applyToEachExecutor } from './apply-to-each/executor.js';
import { applyToEachManifest } from './apply-to-each/manifest.js';
import { codeExecutor } from './code/executor.js';
import { codeManifest } from './code/manifest.js';
import { conditionExecutor } from './condition/executor.js';
import { conditionManifest } from './condition/manifest.js';
import type { NodeTypeId } from './node-types.js';
import { NODE_MANIFESTS } from './registry.js';
import { recallExecutor } from './recall/executor.js';
import { recallManifest } from './recall/manifest.js';
import { recordExecutor } from './record/executor.js';
import { recordManifest } from './record/manifest.js';
import { rememberExecutor } from './remember/executor.js';
import { rememberManifest } from './remember/manifest.js';
import { respondToWebhookExecutor } from './respond-to-webhook/executor.js';
import { respondToWebhookManifest } from './respond-to-webhook/manifest.js';
import { scheduleTriggerExecutor } from './schedule-trigger/executor.js';
import { scheduleTriggerManifest } from './schedule-trigger/manifest.js';
import { switchExecutor } from './switch/executor.js';
import { switchManifest } from './switch/manifest.js';
import { ticketExecutor } from './ticket/executor.js';
import { ticketManifest } from './ticket/manifest.js';
import { webServiceExecutor } from './web-service/executor.js';
import { webServiceManifest } from './web-service/manifest.js';
import { webhookTriggerExecutor } from './webhook-trigger/executor.js';
import { webhookTriggerManifest } from './webhook-trigger/manifest.js';
import { waitExecutor } from './wait/executor.js';
import { waitManifest } from './wait/manifest.js';

const executors: { readonly [K in NodeTypeId]: NodeExecutor } = {
  [webhookTriggerManifest.type]: webhookTriggerExecutor,
  [scheduleTriggerManifest.type]: scheduleTriggerExecutor,
  [webServiceManifest.type]: webServiceExecutor,
  [conditionManifest.type]: conditionExecutor,
  [switchManifest.type]: switchExecutor,
  [applyToEachManifest.type]: applyToEachExecutor,
  [codeManifest.type]: codeExecutor,
  [ticketManifest.type]: ticketExecutor,
  [recordManifest.type]: recordExecutor,
  [rememberManifest.type]: rememberExecutor,
  [recallManifest.type]: recallExecutor,
  [respondToWebhookManifest.type]: respondToWebhookExecutor,
  [waitManifest.type]: waitExecutor,
};

export const NODE_EXECUTORS: ReadonlyMap<string, NodeExecutor> = new Map(Object.entries(executors));

/** The built-in node types, as the engine and the test runner take them. */
export const BUILT_IN_NODE_TYPES: RuntimeNodeTypes = { manifests: NODE_MANIFESTS, executors: NODE_EXECUTORS };

/**
 * The built-in node types plus `extra` ones (a test's node type, a third-party package): each
 * is a folder's manifest and executor. A type id already known is refused.
 */
export function withNodeTypes(
  extra: readonly { manifest: NodeTypeManifest; executor: NodeExecutor }[],
  base: RuntimeNodeTypes = BUILT_IN_NODE_TYPES,
): RuntimeNodeTypes {
  const executors = new Map(base.executors);
  for (const { manifest, executor } of extra) {
    if (executors.has(manifest.type) || base.manifests.some((m) => m.type === manifest.type))
      throw new Error(`node type '${manifest.type}' is already registered`);
    if (executor.type !== manifest.type)
      throw new Error(`the executor of '${manifest.type}' says it runs '${executor.type}'`);
    executors.set(manifest.type, executor);
  }
  return { manifests: [...base.manifests, ...extra.map((e) => e.manifest)], executors };
}
