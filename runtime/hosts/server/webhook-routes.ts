/**
 * `POST /hooks/<flow id>` (and `/hooks/<flow id>/<trigger path>`): authenticates the caller
 * with the trigger's own verifier over the RAW body, parses JSON or a form, checks the input
 * schema, then makes the delivery durable and answers 202 `{ executionId }` — or, for a sync
 * trigger, waits for the flow's Respond node (504 after the trigger's timeout; the run goes
 * on). A refused request (401/400/413/415/404) runs nothing and stores nothing; it only counts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ResolvedCredential } from '../../../core/credentials.js';
import type { WebhookResponse } from '../../../core/node-type.js';
import { NodeError } from '../../../core/node-type.js';
import {
  compileInputSchema,
  inputSchemaMessage,
  verifyWebhookRequest,
} from '../../../nodes/webhook-trigger/executor.js';
import { decodeWebhookBody, FORM_CONTENT_TYPE } from '../../../nodes/webhook-trigger/inbound.js';
import type { CredentialProvider } from '../../credentials/provider.js';
import { resolveCredential } from '../../credentials/resolve.js';
import { Redactor } from '../../redactor.js';
import { deliveryKey, type DeliveryDedup } from './delivery-dedup.js';
import type { Executions, Waiter } from './executions.js';
import type { FlowCatalog, ServedFlow, WebhookServing } from './flow-catalog.js';
import type { ServerMetrics } from './metrics.js';

export interface WebhookRouteOptions {
  catalog: FlowCatalog;
  executions: Executions;
  metrics: ServerMetrics;
  credentials: CredentialProvider;
  log: Logger;
  bodyLimit: number;
  /** Claims of delivery keys, for triggers that drop redeliveries. */
  dedup: DeliveryDedup;
  /** False while shutting down: new deliveries get 503. */
  isAccepting(): boolean;
  /**
   * The address callers use (`--public-url`, else the listening address), without a trailing
   * slash: signatures that cover the URL are checked against it, not against the Host header a
   * proxy may have rewritten.
   */
  publicBase(): string;
}

const HOP_BY_HOP = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade']);

function refuse(reply: FastifyReply, status: number, error: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error, ...extra });
}

function flatHeaders(headers: FastifyRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function flatQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (query && typeof query === 'object') {
    for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
      out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
    }
  }
  return out;
}

export function registerWebhookRoutes(app: FastifyInstance, o: WebhookRouteOptions): void {
  /** Resolved caller credentials by flow version; a failed resolution is retried next time. */
  const credentialCache = new Map<string, Promise<ResolvedCredential>>();

  const credentialFor = async (
    flow: ServedFlow & { trigger: WebhookServing },
  ): Promise<ResolvedCredential | undefined> => {
    const name = flow.trigger.credential;
    if (!name) return undefined;
    const key = `${flow.id}@${flow.version}`;
    let resolved = credentialCache.get(key);
    if (!resolved) {
      resolved = resolveCredential(name, flow.flow.credentials?.[name], o.credentials, new Redactor());
      credentialCache.set(key, resolved);
      // Credentials can be rotated in the environment file; look again after a minute.
      setTimeout(() => credentialCache.delete(key), 60_000).unref();
    }
    try {
      return await resolved;
    } catch (error) {
      credentialCache.delete(key);
      o.log.error(
        { flowId: flow.id, err: error instanceof Error ? error.message : String(error) },
        "the webhook's caller credential cannot be resolved; callers are refused",
      );
      return undefined;
    }
  };

  app.register(async (hooks) => {
    // Bodies arrive as raw bytes: the HMAC covers exactly what the caller sent.
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser(
      ['application/json', 'application/x-www-form-urlencoded'],
      { parseAs: 'buffer', bodyLimit: o.bodyLimit },
      (_request, body, done) => done(null, body),
    );
    hooks.addContentTypeParser(
      /^application\/[\w.+-]+\+json$/,
      { parseAs: 'buffer', bodyLimit: o.bodyLimit },
      (_r, body, done) => done(null, body),
    );

    hooks.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
      const flowId = (request.params as { flowId?: string }).flowId ?? '(unknown)';
      const known = o.catalog.get(flowId) ? flowId : '(unknown)';
      if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        o.metrics.webhooks.inc({ flow: known, outcome: 'too-large' });
        return refuse(reply, 413, `the body is larger than the limit of ${o.bodyLimit} bytes`);
      }
      if (error.statusCode === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        o.metrics.webhooks.inc({ flow: known, outcome: 'unsupported-type' });
        return refuse(
          reply,
          415,
          `content type '${request.headers['content-type'] ?? '(none)'}' is not accepted: send application/json or application/x-www-form-urlencoded`,
        );
      }
      if (error.statusCode && error.statusCode < 500) {
        o.metrics.webhooks.inc({ flow: known, outcome: 'bad-request' });
        return refuse(reply, error.statusCode, error.message);
      }
      o.log.error({ err: error.message, flowId }, 'webhook failed');
      return refuse(reply, 500, 'the server could not take the delivery');
    });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.params as { flowId: string; '*'?: string };
      const served = o.catalog.get(params.flowId);
      if (served?.trigger.kind === 'schedule') {
        // Served, but started by its schedule: say so rather than "no flow here".
        const { cron, timeZone } = served.trigger.schedule;
        o.metrics.webhooks.inc({ flow: served.id, outcome: 'not-found' });
        return refuse(
          reply,
          404,
          `flow '${served.id}' runs on a schedule (${cron}, ${timeZone}) and has no webhook; start it by hand with POST /api/flows/${served.id}/run`,
          { code: 'schedule.no-webhook' },
        );
      }
      const flow = served as (ServedFlow & { trigger: WebhookServing }) | undefined;
      const extra = params['*'];
      if (!flow || (extra !== undefined && extra !== '' && extra !== flow.trigger.path)) {
        o.metrics.webhooks.inc({ flow: '(unknown)', outcome: 'not-found' });
        return refuse(reply, 404, `no flow is served at ${request.url.split('?')[0]}`);
      }
      if (!o.isAccepting()) {
        o.metrics.webhooks.inc({ flow: flow.id, outcome: 'shutting-down' });
        reply.header('retry-after', '5');
        return refuse(reply, 503, 'the server is shutting down; send the delivery again shortly');
      }
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const headers = flatHeaders(request.headers);

      const verdict = verifyWebhookRequest(flow.trigger.config, await credentialFor(flow), {
        headers,
        rawBody: raw,
        url: `${o.publicBase()}${request.url}`,
      });
      if (!verdict.ok) {
        o.metrics.webhooks.inc({ flow: flow.id, outcome: 'unauthorized' });
        return refuse(
          reply,
          401,
          `not authorized: ${verdict.reason}`,
          verdict.detail ? { code: verdict.detail.code } : {},
        );
      }

      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      let body: unknown;
      const text = raw.toString('utf8');
      if (type === FORM_CONTENT_TYPE) {
        body = text;
      } else {
        try {
          body = text.trim() === '' ? null : JSON.parse(text);
        } catch (error) {
          o.metrics.webhooks.inc({ flow: flow.id, outcome: 'bad-json' });
          return refuse(reply, 400, `the body is not valid JSON: ${(error as Error).message}`);
        }
      }
      // What the trigger node makes of the body (a form as an object, JSON text fields, a
      // preset's envelope), so the input schema sees it and a bad body is refused at the door.
      try {
        body = decodeWebhookBody(flow.trigger.config, { body, headers });
      } catch (error) {
        if (!(error instanceof NodeError)) throw error;
        o.metrics.webhooks.inc({ flow: flow.id, outcome: 'bad-body' });
        return refuse(reply, 400, error.message, { code: (error.details as { problem?: string }).problem });
      }

      const schema = flow.trigger.config.inputSchema;
      if (schema !== undefined) {
        const validate = compileInputSchema(schema);
        if (!validate(body)) {
          const problems = (validate.errors ?? []).map((e) => ({
            pointer: e.instancePath,
            message: e.message ?? 'is not valid',
          }));
          o.metrics.webhooks.inc({ flow: flow.id, outcome: 'schema' });
          return refuse(reply, 400, inputSchemaMessage(problems), { problems });
        }
      }

      const trigger = { body, headers, query: flatQuery(request.query) };
      let orderingKey: string | undefined;
      if (flow.trigger.orderingKey) {
        try {
          const value = await flow.trigger.orderingKey.evaluate({ trigger, steps: {}, vars: {} });
          orderingKey = typeof value === 'string' ? value : JSON.stringify(value);
        } catch (error) {
          o.metrics.webhooks.inc({ flow: flow.id, outcome: 'ordering-key' });
          return refuse(reply, 400, `the ordering key could not be computed: ${(error as Error).message}`);
        }
      }

      // A redelivery (same delivery key within the window) runs nothing and stores nothing.
      const executionId = randomUUID();
      const delivery = deliveryKey(flow.id, flow.trigger.config, headers, raw);
      if (delivery) {
        const first = await o.dedup.claim(delivery.key, executionId, delivery.windowSeconds);
        if (first !== undefined) {
          o.metrics.webhooks.inc({ flow: flow.id, outcome: 'duplicate' });
          return reply.code(200).send({ executionId: first, duplicate: true });
        }
      }
      const accept = async (waiter?: Waiter): Promise<void> => {
        try {
          await o.executions.accept(flow, trigger, orderingKey, waiter, executionId);
        } catch (error) {
          // Not accepted: the sender's retry of this delivery must get through.
          if (delivery) await o.dedup.release(delivery.key, executionId).catch(() => {});
          throw error;
        }
      };

      if (flow.trigger.mode === 'async') {
        await accept();
        o.metrics.webhooks.inc({ flow: flow.id, outcome: 'accepted' });
        return reply.code(202).send({ executionId });
      }

      // Sync: the delivery is durable first, then the caller waits for the Respond node.
      let settle: (answer: SyncAnswer) => void = () => {};
      const answered = new Promise<SyncAnswer>((resolve) => (settle = resolve));
      await accept({
        onRespond: (response) => settle({ kind: 'respond', response }),
        onDone: (status, error) => settle({ kind: 'done', status, error }),
      });
      o.metrics.webhooks.inc({ flow: flow.id, outcome: 'accepted' });
      const timer = setTimeout(() => settle({ kind: 'timeout' }), flow.trigger.timeoutMs);
      const answer = await answered;
      clearTimeout(timer);
      reply.header('x-flowdesk-execution-id', executionId);
      if (answer.kind === 'timeout') {
        return refuse(reply, 504, `the flow did not answer within ${flow.trigger.timeoutMs} ms; it goes on running`, {
          executionId,
        });
      }
      if (answer.kind === 'done' && answer.status === 'waiting') {
        return refuse(reply, 504, `the flow waits (a Wait node) before it answers; it goes on when the wait is over`, {
          executionId,
        });
      }
      if (answer.kind === 'done') {
        return refuse(
          reply,
          500,
          answer.status === 'success'
            ? 'the flow ended without reaching a Respond to webhook node'
            : `the flow failed before answering: ${answer.error ?? answer.status ?? 'unknown error'}`,
          { executionId },
        );
      }
      const { status, headers: answerHeaders, body: answerBody } = answer.response;
      for (const [name, value] of Object.entries(answerHeaders)) {
        if (!HOP_BY_HOP.has(name.toLowerCase())) reply.header(name, value);
      }
      reply.code(status);
      if (typeof answerBody === 'string') {
        if (!reply.hasHeader('content-type')) reply.header('content-type', 'text/plain; charset=utf-8');
        return reply.send(answerBody);
      }
      if (answerBody === undefined || answerBody === null) return reply.send();
      reply.header('content-type', (reply.getHeader('content-type') as string | undefined) ?? 'application/json');
      return reply.send(JSON.stringify(answerBody));
    };

    hooks.post('/hooks/:flowId', handler);
    hooks.post('/hooks/:flowId/*', handler);
  });
}

type SyncAnswer =
  | { kind: 'respond'; response: WebhookResponse }
  | { kind: 'done'; status: string | undefined; error: string | undefined }
  | { kind: 'timeout' };
