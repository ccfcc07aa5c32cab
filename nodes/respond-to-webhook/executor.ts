/**
 * Runtime half of Respond to webhook: renders status, headers and body against the run's scope
 * and hands them to the host (`ctx.respond`), which answers the waiting caller; the node then
 * takes `out` and the run goes on. Its output is the answer, so the trace shows what was sent.
 */
import {
  NodeError,
  type ExecContext,
  type NodeExecutor,
  type NodeResult,
  type WebhookResponse,
} from '../../core/node-type.js';
import type { RespondToWebhookConfig } from './manifest.js';

export const respondToWebhookExecutor: NodeExecutor<RespondToWebhookConfig> = {
  type: 'respondToWebhook',
  prepare(node, tools) {
    const config = node.config;
    const status = typeof config.status === 'string' ? tools.template(config.status, 'value') : undefined;
    const headers = (config.headers ?? []).map((h) => ({ name: h.name, value: tools.template(h.value, 'text') }));
    const body = config.body === undefined ? undefined : tools.value(config.body);
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        let code: number;
        if (status) {
          const value = await status.evaluate(ctx.scope);
          code = typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : (value as number);
          if (!Number.isInteger(code) || code < 100 || code > 599) {
            throw new NodeError(
              `the status template gave ${JSON.stringify(value) ?? 'nothing'}, not an HTTP status from 100 to 599`,
              'respond-status',
            );
          }
        } else {
          code = config.status as number;
        }
        const rendered: Record<string, string> = {};
        for (const h of headers) rendered[h.name] = String(await h.value.evaluate(ctx.scope));
        const answer: WebhookResponse = {
          status: code,
          headers: rendered,
          body: body === undefined ? null : await body.evaluate(ctx.scope),
        };
        ctx.respond(answer);
        return { port: 'out', output: answer };
      },
    };
  },
};
