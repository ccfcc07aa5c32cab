/**
 * The admin API (pinned in docs/server.md): deploys, versions, rollback, execution history,
 * re-runs. Bearer tokens from FLOWDESK_ADMIN_TOKENS; `read` tokens may read, `deploy` tokens
 * may also change things. Without tokens every /api route answers 404 saying the API is off.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { firingBody } from '../../../core/schedule/schedule.js';
import { FlowLoadError } from '../../engine/flow-runtime.js';
import { findToken, type AdminRole, type AdminToken } from './admin-tokens.js';
import { RerunRefused, type Executions } from './executions.js';
import type { FlowCatalog, ServedFlow } from './flow-catalog.js';
import type { ExecutionStatus, ExecutionSummary, HistoryStore } from './history.js';
import { OPENAPI } from './openapi.js';

export interface AdminRouteOptions {
  tokens: readonly AdminToken[];
  catalog: FlowCatalog;
  history: HistoryStore;
  executions: Executions;
  webhookUrls(flow: ServedFlow): string[];
  /** Scheduled flows: the next tick this server (or, in queue mode, the Redis scheduler) fires. */
  nextRunAt(flowId: string): Promise<number | undefined>;
  /** Largest flow text a deploy accepts. */
  deployLimit: number;
  /** The server's clock ("run now" fires at its time). */
  now(): number;
}

const STATUSES: readonly ExecutionStatus[] = [
  'queued',
  'running',
  'waiting',
  'success',
  'failed',
  'cancelled',
  'timeout',
  'interrupted',
];

function pinnedSummary(e: ExecutionSummary) {
  return {
    id: e.id,
    flowId: e.flowId,
    flowVersion: e.flowVersion,
    status: e.status,
    receivedAt: e.receivedAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    durationMs: e.durationMs,
    attempts: e.attempts,
    ...(e.error ? { error: e.error } : {}),
    ...(e.wakeAt ? { wakeAt: e.wakeAt } : {}),
  };
}

function isoOrUndefined(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new BadInput(`${name} must be a date and time like 2026-01-31T12:00:00Z`);
  return date.toISOString();
}

class BadInput extends Error {}

export function registerAdminRoutes(app: FastifyInstance, o: AdminRouteOptions): void {
  app.register(async (api) => {
    api.get('/api/openapi.json', async () => OPENAPI);

    if (o.tokens.length === 0) {
      api.all('/api/*', async (_request, reply) =>
        reply.code(404).send({ error: 'the admin API is off on this server: set FLOWDESK_ADMIN_TOKENS to turn it on' }),
      );
      return;
    }

    // Deploys send the flow's text: keep it as sent, so the stored version is byte for byte.
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: o.deployLimit }, (_r, body, done) =>
      done(null, body),
    );

    const who = (request: FastifyRequest, reply: FastifyReply, role: AdminRole): AdminToken | undefined => {
      const header = request.headers.authorization;
      if (!header) {
        void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'send Authorization: Bearer <token>' });
        return undefined;
      }
      const token = findToken(o.tokens, header);
      if (!token) {
        void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'the token is not valid' });
        return undefined;
      }
      if (role === 'deploy' && token.role !== 'deploy') {
        void reply.code(403).send({ error: `token '${token.name}' may read but not deploy` });
        return undefined;
      }
      return token;
    };

    api.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      if (error instanceof BadInput) return reply.code(400).send({ error: error.message });
      if (error.statusCode && error.statusCode < 500)
        return reply.code(error.statusCode).send({ error: error.message });
      return reply.code(500).send({ error: 'internal error' });
    });

    const flowEntry = async (flow: ServedFlow) => {
      let schedule = {};
      if (flow.trigger.kind === 'schedule') {
        const next = await o.nextRunAt(flow.id).catch(() => undefined);
        schedule = {
          schedule: flow.trigger.schedule,
          nextRunAt: next === undefined ? null : new Date(next).toISOString(),
        };
      }
      return {
        id: flow.id,
        name: flow.name,
        version: flow.version,
        status: o.catalog.problemList().some((p) => p.source === flow.id || p.file === flow.file)
          ? 'serving-previous-version'
          : 'serving',
        webhookUrls: o.webhookUrls(flow),
        ...schedule,
        deployedAt: flow.deployedAt,
        deployedBy: flow.deployedBy,
        ...(flow.file ? { file: flow.file } : {}),
      };
    };

    api.get('/api/flows', async (request, reply) => {
      if (!who(request, reply, 'read')) return reply;
      const served = await Promise.all(o.catalog.list().map(flowEntry));
      const problems = o.catalog.problemList().map((p) => ({
        source: p.source,
        ...(p.file ? { file: p.file } : {}),
        message: p.message,
        issues: p.issues,
        ...(p.keptVersion !== undefined ? { keptVersion: p.keptVersion } : {}),
        at: p.at,
      }));
      return { flows: served, problems };
    });

    api.put('/api/flows/:id', async (request, reply) => {
      const token = who(request, reply, 'deploy');
      if (!token) return reply;
      const { id } = request.params as { id: string };
      const source = typeof request.body === 'string' ? request.body : '';
      if (source.trim() === '') return reply.code(400).send({ error: 'send the flow file as the JSON body' });
      try {
        const flow = o.catalog.deploy(id, source, token.name);
        return { id: flow.id, version: flow.version, webhookUrls: o.webhookUrls(flow) };
      } catch (error) {
        if (error instanceof FlowLoadError) {
          return reply
            .code(422)
            .send({ error: 'invalid flow', issues: error.issues.filter((i) => i.severity === 'error') });
        }
        throw error;
      }
    });

    api.delete('/api/flows/:id', async (request, reply) => {
      const token = who(request, reply, 'deploy');
      if (!token) return reply;
      const { id } = request.params as { id: string };
      if (!o.catalog.remove(id, token.name)) return reply.code(404).send({ error: `no flow '${id}' is served` });
      return reply.code(204).send();
    });

    // "Run now" for a scheduled flow: one firing at this moment, stored like the scheduler's.
    api.post('/api/flows/:id/run', async (request, reply) => {
      const token = who(request, reply, 'deploy');
      if (!token) return reply;
      const { id } = request.params as { id: string };
      const flow = o.catalog.get(id);
      if (!flow) return reply.code(404).send({ error: `no flow '${id}' is served` });
      if (flow.trigger.kind !== 'schedule') {
        return reply.code(409).send({
          error: `flow '${id}' starts on a webhook: POST its body to ${o.webhookUrls(flow)[0] ?? 'its webhook'}`,
        });
      }
      const now = o.now();
      const executionId = await o.executions.accept(flow, { body: firingBody(now), headers: {}, query: {} }, undefined);
      return reply.code(202).send({ executionId });
    });

    api.get('/api/flows/:id/versions', async (request, reply) => {
      if (!who(request, reply, 'read')) return reply;
      const { id } = request.params as { id: string };
      const versions = o.history.versions(id);
      if (versions.length === 0) return reply.code(404).send({ error: `flow '${id}' has never been deployed here` });
      return {
        versions: versions.map((v) => ({ version: v.version, deployedAt: v.deployedAt, deployedBy: v.deployedBy })),
        active: o.catalog.get(id)?.version ?? null,
        audit: o.history.auditTrail(id),
      };
    });

    api.post('/api/flows/:id/rollback', async (request, reply) => {
      const token = who(request, reply, 'deploy');
      if (!token) return reply;
      const { id } = request.params as { id: string };
      const body = parseJson(request.body) as { version?: unknown } | undefined;
      const version = body?.version;
      if (typeof version !== 'number' || !Number.isInteger(version)) {
        return reply.code(400).send({ error: 'send { "version": <number> }' });
      }
      try {
        const flow = o.catalog.rollback(id, version, token.name);
        if (!flow) return reply.code(404).send({ error: `flow '${id}' has no version ${version}` });
        return { id: flow.id, version: flow.version, webhookUrls: o.webhookUrls(flow) };
      } catch (error) {
        if (error instanceof FlowLoadError) {
          return reply.code(422).send({
            error: `version ${version} no longer passes validation`,
            issues: error.issues.filter((i) => i.severity === 'error'),
          });
        }
        throw error;
      }
    });

    api.get('/api/executions', async (request, reply) => {
      if (!who(request, reply, 'read')) return reply;
      const q = request.query as Record<string, string | undefined>;
      if (q.status !== undefined && !STATUSES.includes(q.status as ExecutionStatus)) {
        return reply.code(400).send({ error: `status must be one of ${STATUSES.join(', ')}` });
      }
      const limit = q.limit === undefined ? undefined : Number(q.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
        return reply.code(400).send({ error: 'limit must be a positive whole number' });
      }
      const since = isoOrUndefined(q.since, 'since');
      const until = isoOrUndefined(q.until, 'until');
      const executions = o.history.list({
        ...(q.flow ? { flow: q.flow } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      return { executions: executions.map(pinnedSummary) };
    });

    // The dead-letter view: failed executions, newest first, with why and where.
    api.get('/api/dead-letters', async (request, reply) => {
      if (!who(request, reply, 'read')) return reply;
      const q = request.query as Record<string, string | undefined>;
      return {
        executions: o.history
          .list({ status: 'failed', ...(q.flow ? { flow: q.flow } : {}), limit: 1000 })
          .map(pinnedSummary),
      };
    });

    api.delete('/api/executions', async (request, reply) => {
      if (!who(request, reply, 'deploy')) return reply;
      const q = request.query as Record<string, string | undefined>;
      const before = isoOrUndefined(q.before, 'before');
      if (!q.flow && !before) {
        return reply.code(400).send({ error: 'say what to erase: ?flow=<id>, ?before=<date and time>, or both' });
      }
      const deleted = o.history.erase({ ...(q.flow ? { flow: q.flow } : {}), ...(before ? { before } : {}) });
      return { deleted };
    });

    api.get('/api/executions/:id', async (request, reply) => {
      if (!who(request, reply, 'read')) return reply;
      const { id } = request.params as { id: string };
      const record = o.history.get(id);
      if (!record) return reply.code(404).send({ error: `no execution '${id}'` });
      return { ...pinnedSummary(record), rerunOf: record.rerunOf, trace: record.trace };
    });

    // Only a waiting execution can be cancelled: a running one is in a worker's hands.
    api.post('/api/executions/:id/cancel', async (request, reply) => {
      if (!who(request, reply, 'deploy')) return reply;
      const { id } = request.params as { id: string };
      const outcome = o.executions.cancelWaiting(id);
      if (outcome === 'missing') return reply.code(404).send({ error: `no execution '${id}'` });
      if (outcome === 'not-waiting') {
        const status = o.history.get(id)?.status ?? 'gone';
        return reply
          .code(409)
          .send({ error: `execution '${id}' is ${status}, not waiting: only a waiting execution can be cancelled` });
      }
      return { id, status: 'cancelled' };
    });

    api.post('/api/executions/:id/rerun', async (request, reply) => {
      if (!who(request, reply, 'deploy')) return reply;
      const { id } = request.params as { id: string };
      const body = (parseJson(request.body) ?? {}) as { from?: unknown };
      const from = body.from ?? 'start';
      if (from !== 'start' && from !== 'failed') {
        return reply.code(400).send({ error: 'from must be "start" or "failed"' });
      }
      const record = o.history.get(id);
      if (!record) return reply.code(404).send({ error: `no execution '${id}'` });
      try {
        const executionId = await o.executions.rerun(record, from);
        return reply.code(202).send({ executionId });
      } catch (error) {
        if (error instanceof RerunRefused) return reply.code(409).send({ error: error.message });
        throw error;
      }
    });
  });
}

function parseJson(body: unknown): unknown {
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new BadInput(`the body is not valid JSON: ${(error as Error).message}`);
  }
}
