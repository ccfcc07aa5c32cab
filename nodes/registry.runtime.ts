/**
 * Executors of every node type in `node-types.ts`, for the runtime only: the renderer may not
 * import this file (lint zone and tsconfig.renderer.json), so executors never reach its bundle.
 * Keyed by the list's type ids: a listed type without an executor, or an executor of no listed
 * type, does not compile.
 */
import type { NodeExecutor } from '../core/node-type.js';
import { codeExecutor } from './code/executor.js';
import { codeManifest } from './code/manifest.js';
import { conditionExecutor } from './condition/executor.js';
import { conditionManifest } from './condition/manifest.js';
import type { NodeTypeId } from './node-types.js';
import { ticketExecutor } from './ticket/executor.js';
import { ticketManifest } from './ticket/manifest.js';
import { webServiceExecutor } from './web-service/executor.js';
import { webServiceManifest } from './web-service/manifest.js';
import { webhookTriggerExecutor } from './webhook-trigger/executor.js';
import { webhookTriggerManifest } from './webhook-trigger/manifest.js';

const executors: { readonly [K in NodeTypeId]: NodeExecutor } = {
  [webhookTriggerManifest.type]: webhookTriggerExecutor,
  [webServiceManifest.type]: webServiceExecutor,
  [conditionManifest.type]: conditionExecutor,
  [codeManifest.type]: codeExecutor,
  [ticketManifest.type]: ticketExecutor,
};

export const NODE_EXECUTORS: ReadonlyMap<string, NodeExecutor> = new Map(Object.entries(executors));
