/** Executors of every node type, for the runtime only (the renderer never imports this). */
import type { NodeExecutor } from '../core/node-type.js';
import { codeExecutor } from './code/executor.js';
import { conditionExecutor } from './condition/executor.js';
import { respondToWebhookExecutor } from './respond-to-webhook/executor.js';
import { ticketExecutor } from './ticket/executor.js';
import { webServiceExecutor } from './web-service/executor.js';
import { webhookTriggerExecutor } from './webhook-trigger/executor.js';

export const NODE_EXECUTORS: ReadonlyMap<string, NodeExecutor<any>> = new Map(
  [
    webhookTriggerExecutor,
    webServiceExecutor,
    conditionExecutor,
    codeExecutor,
    ticketExecutor,
    respondToWebhookExecutor,
  ].map((e) => [e.type, e]),
);
