/** The error of a body the Webhook trigger cannot read; environment-neutral. */
import { NodeError } from '../../core/node-type.js';
import { webhookMessage, type WebhookMessageCode } from './messages.js';

/** The NodeError code of a body the trigger cannot read (the server answers 400 with it). */
export const BODY_ERROR_CODE = 'webhook-body';

/** A NodeError whose message comes from the node's catalogue, with the problem's code in its details. */
export function bodyError(code: WebhookMessageCode, params: Record<string, string | number>): NodeError {
  const detail = webhookMessage(code, params as never);
  return new NodeError(detail.message, BODY_ERROR_CODE, { problem: code, ...params }, { detail });
}
