/**
 * `flowdesk serve`: a host over the engine. Fastify in front (webhooks, admin API, health,
 * metrics), flows run in worker processes (runtime/engine/flow-workers), history in SQLite.
 * See docs/server.md.
 */
import { availableParallelism } from 'node:os';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { pino, type Logger } from 'pino';
import { createDefaultProvider } from '../../credentials/chain-provider.js';
import type { CredentialProvider } from '../../credentials/provider.js';
import { createFlowWorkers, createInProcessRunner, type FlowRunner } from '../../engine/flow-workers/flow-workers.js';
import { parseAdminTokens, type AdminToken } from './admin-tokens.js';
import { registerAdminRoutes } from './admin-routes.js';
import { MemoryDedup } from './delivery-dedup.js';
import { Executions, type AlertTarget, type DispatchedExecution, type Waiter } from './executions.js';
import { FlowCatalog, type CatalogEvent, type ServedFlow } from './flow-catalog.js';
import { HistoryStore, type Retention } from './history.js';
import { ServerMetrics } from './metrics.js';
import { checkReachable, parseQueueUrl } from './queue-connection.js';
import { startQueueDispatcher, type QueueDispatcher } from './queue-dispatcher.js';
import { startWaitScheduler, type WaitScheduler } from './wait-scheduler.js';
import { openStateStore, STATE_STORE_ENV, type StateStoreAddress } from '../../state/open-store.js';
import { stateDbBeside } from '../../state/sqlite-store.js';
import { registerWebhookRoutes } from './webhook-routes.js';
import { firingBody } from '../../../core/schedule/schedule.js';
import { FlowScheduler, systemClock, type SchedulerClock } from './flow-scheduler.js';
import { schedulerIdOf, startQueueSchedules, type QueueSchedules } from './queue-schedules.js';

export interface ServeOptions {
  /** Flow files and directories of *.flow.json. */
  paths: readonly string[];
  port?: number;
  host?: string;
  /** Worker processes; 0 runs flows in this process (no crash isolation). Default: cores. */
  workers?: number;
  /** The address callers use (behind a proxy); webhook URLs are listed with it. */
  publicUrl?: string;
  /** SQLite file of the history; `flowdesk.db` in the current directory by default. */
  db: string;
  /** SQLite file of the flows' state store (Remember / Recall); beside `db` by default (`flowdesk.state.db`). */
  stateDb?: string;
  /** FLOWDESK_ADMIN_TOKENS; `env.FLOWDESK_ADMIN_TOKENS` when absent. */
  adminTokens?: string;
  env?: NodeJS.ProcessEnv;
  /** Webhook body limit in bytes (default 1 MB). */
  bodyLimit?: number;
  /** Whole-run limit per execution (default: the engine's 60 s). */
  runTimeoutMs?: number;
  retention?: Retention;
  alert?: AlertTarget;
  /** Watch flow files and reload on change (default true). */
  watch?: boolean;
  /** How long SIGTERM waits for running executions (default 10 s). */
  shutdownDeadlineMs?: number;
  /** V8 heap limit per worker, MB. */
  workerMaxOldSpaceMb?: number;
  /** pino logger; JSON to stdout at `info` by default. */
  log?: Logger;
  /** Credentials for webhook callers' checks; env + encrypted file by default. */
  credentials?: CredentialProvider;
  /**
   * Queue mode: `redis://…`. Deliveries are accepted here as always, then run by `flowdesk
   * worker` processes sharing this Redis (and this history database) instead of in this process.
   */
  queue?: string;
  /**
   * The server's one clock: its Schedule trigger ticks, "run now" firings and the time due
   * waits are read against (in queue mode Redis keeps ticks and wake times: BullMQ's clock).
   * The system clock by default; tests simulate time with it.
   */
  clock?: SchedulerClock;
  /** Waits this long or longer are saved and resumed when due (default 30 s). */
  durableWaitsFromMs?: number;
  /** How often due waits are looked for (default 1 s). */
  waitPollMs?: number;
}

export interface FlowServer {
  url: string;
  /** Webhook URLs per served flow. */
  catalog: FlowCatalog;
  history: HistoryStore;
  runner: FlowRunner;
  adminApi: boolean;
  /** Queue mode: the BullMQ side (undefined when flows run in this server). */
  dispatcher?: QueueDispatcher;
  /** Fires scheduled flows: this server's timers, or in queue mode BullMQ job schedulers. */
  schedules: FlowScheduler | QueueSchedules;
  /** Stops accepting, finishes running executions up to the deadline, saves the rest. */
  close(): Promise<void>;
}

/** Log paths that may carry secrets, redacted by pino itself. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers["x-api-token"]',
  'req.headers["x-signature"]',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.clientSecret',
];

export function defaultLogger(): Logger {
  return pino({ redact: { paths: LOG_REDACT, censor: '[redacted]' } });
}

export async function startServer(options: ServeOptions): Promise<FlowServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLogger();
  const tokens: AdminToken[] = parseAdminTokens(options.adminTokens ?? env.FLOWDESK_ADMIN_TOKENS);
  const credentials = options.credentials ?? createDefaultProvider(env);
  const metrics = new ServerMetrics();
  // Before the database opens: a bad --queue or an unreachable Redis stops the start cleanly.
  const queueAddress = options.queue !== undefined ? parseQueueUrl(options.queue) : undefined;
  if (queueAddress) await checkReachable(queueAddress);
  const history = new HistoryStore(options.db, { backgroundCheckpoints: true });
  const dispatcher = queueAddress ? await startQueueDispatcher(queueAddress, history, log) : undefined;
  // Remember / Recall: a SQLite file beside the history, which every worker process opens
  // itself; in queue mode the flows run in `flowdesk worker`s, which share the queue's Redis.
  const stateAddress: StateStoreAddress | undefined = queueAddress
    ? undefined
    : { kind: 'sqlite', path: options.stateDb ?? stateDbBeside(options.db) };
  // Created here, before any worker opens it: a path that cannot be written stops the start.
  const inProcessState = stateAddress ? await openStateStore(stateAddress) : undefined;
  if (dispatcher) metrics.addQueue(() => dispatcher.snapshot());
  // In queue mode the workers run the flows: this process keeps no worker processes of its own.
  const workers = dispatcher ? 0 : (options.workers ?? availableParallelism());
  const runner =
    workers === 0
      ? createInProcessRunner(credentials, inProcessState)
      : createFlowWorkers({
          size: workers,
          env: stateAddress ? { ...env, [STATE_STORE_ENV]: JSON.stringify(stateAddress) } : env,
          ...(options.runTimeoutMs !== undefined ? { runTimeoutMs: options.runTimeoutMs } : {}),
          ...(options.workerMaxOldSpaceMb ? { maxOldSpaceMb: options.workerMaxOldSpaceMb } : {}),
          onChildExit: ({ pid, code, signal }) => {
            if (closing) return;
            metrics.workerRestarts.inc();
            log.error({ pid, code, signal }, 'a worker process died; starting a replacement');
          },
        });
  let closing = false;
  let accepting = false;
  let baseUrl = '';

  // Set before any flow loads (the catalog's events reach it from the first load on); it needs
  // the catalog and the executions, made below.
  const scheduling: { schedules?: FlowScheduler | QueueSchedules } = {};
  const onCatalog = (event: CatalogEvent) => {
    if (event.kind === 'loaded') {
      dispatcher?.publish(event.flow.id, event.flow.version, event.flow.source);
      scheduling.schedules?.serve(event.flow);
      log.info(
        { flowId: event.flow.id, version: event.flow.version, file: event.flow.file, reason: event.reason },
        `serving flow '${event.flow.id}' version ${event.flow.version}`,
      );
    } else if (event.kind === 'removed') {
      scheduling.schedules?.remove(event.flowId);
      log.info({ flowId: event.flowId }, `flow '${event.flowId}' removed`);
    } else {
      const p = event.problem;
      log.error(
        { source: p.source, file: p.file, issues: p.issues, keptVersion: p.keptVersion },
        p.keptVersion !== undefined
          ? `${p.message}\n(version ${p.keptVersion} keeps serving)`
          : `${p.message}\n(not served)`,
      );
    }
  };
  const catalog = new FlowCatalog(history, onCatalog, env);
  const clock = options.clock ?? systemClock;
  const executions = new Executions({
    history,
    runner,
    catalog,
    metrics,
    log,
    ...(options.runTimeoutMs !== undefined ? { runTimeoutMs: options.runTimeoutMs } : {}),
    ...(options.alert ? { alert: options.alert } : {}),
    ...(options.durableWaitsFromMs !== undefined ? { durableWaitsFromMs: options.durableWaitsFromMs } : {}),
    now: () => clock.now(),
    ...(dispatcher
      ? { dispatch: (execution: DispatchedExecution, waiter?: Waiter) => dispatcher.dispatch(execution, waiter) }
      : {}),
  });

  const schedules = queueAddress
    ? startQueueSchedules(queueAddress, { catalog, executions, history, log })
    : new FlowScheduler({
        ticks: history,
        log,
        clock,
        fire: (flow, tick, firedAt) =>
          executions.accept(flow, { body: firingBody(tick, firedAt), headers: {}, query: {} }, undefined),
      });
  scheduling.schedules = schedules;
  const nextRunAt = async (flowId: string): Promise<number | undefined> => {
    if (schedules instanceof FlowScheduler) return schedules.nextRuns().get(flowId);
    return (await schedules.queue.getJobScheduler(schedulerIdOf(flowId)))?.next ?? undefined;
  };

  const webhookUrls = (flow: ServedFlow): string[] => {
    if (flow.trigger.kind !== 'webhook') return [];
    const base = (options.publicUrl ?? baseUrl).replace(/\/+$/, '');
    const urls = [`${base}/hooks/${encodeURIComponent(flow.id)}`];
    if (flow.trigger.path) urls.push(`${urls[0]}/${flow.trigger.path}`);
    return urls;
  };

  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const app = Fastify({ logger: false, bodyLimit, forceCloseConnections: 'idle', return503OnClosing: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = accepting && (workers === 0 || runner.pids().length > 0);
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not ready', flows: catalog.list().length, workers: runner.pids().length });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  registerWebhookRoutes(app, {
    catalog,
    executions,
    metrics,
    credentials,
    log,
    bodyLimit,
    dedup: dispatcher?.dedup ?? new MemoryDedup(),
    isAccepting: () => accepting,
    publicBase: () => (options.publicUrl ?? baseUrl).replace(/\/+$/, ''),
  });
  registerAdminRoutes(app, {
    tokens,
    catalog,
    history,
    executions,
    webhookUrls,
    nextRunAt,
    deployLimit: 5 * 1024 * 1024,
    now: () => clock.now(),
  });

  // Deliveries are durable either way, but a sync caller should not pay for a cold worker.
  if (!(await runner.ready(30_000))) log.warn('not every worker process started within 30 s');
  catalog.loadDeployed();
  await catalog.loadPaths(options.paths, options.watch ?? true);
  await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  accepting = true;
  schedules.start();
  const resumed = executions.recover();
  if (resumed > 0) log.info({ count: resumed }, 'picked up executions left unfinished by the previous run');
  // In queue mode delayed jobs resume waits on the workers; here this server does.
  const waits: WaitScheduler | undefined = dispatcher
    ? undefined
    : startWaitScheduler(executions, log, options.waitPollMs);
  if (tokens.length === 0)
    log.warn('the admin API is off: set FLOWDESK_ADMIN_TOKENS (name=role:token,…) to turn it on');

  const prune = () => {
    if (!options.retention) return;
    const deleted = history.prune(options.retention);
    if (deleted > 0) log.info({ deleted }, 'execution history pruned');
  };
  prune();
  const pruneTimer = setInterval(prune, 10 * 60_000);
  pruneTimer.unref();

  return {
    url: baseUrl,
    catalog,
    history,
    runner,
    adminApi: tokens.length > 0,
    ...(dispatcher ? { dispatcher } : {}),
    schedules,
    async close() {
      if (closing) return;
      closing = true;
      accepting = false;
      clearInterval(pruneTimer);
      await schedules.close();
      waits?.stop();
      catalog.close();
      const closed = app.close();
      const left = await executions.drain(options.shutdownDeadlineMs ?? 10_000);
      if (left > 0)
        log.warn({ count: left }, 'executions still running at shutdown were saved to resume at the next start');
      await runner.close();
      await closed;
      // Let the runs the closing workers rejected record themselves before the database closes.
      await new Promise((r) => setImmediate(r));
      executions.close();
      await dispatcher?.close();
      await inProcessState?.close();
      history.close();
    },
  };
}
