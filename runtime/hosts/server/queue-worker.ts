/**
 * `flowdesk worker --queue redis://… --concurrency N`: takes execution jobs from the queue and
 * runs them on the same child-process pool, engine and history code as `flowdesk serve`.
 *
 * Crash rules (docs/server.md, "Scaling out with Redis"):
 * - every start, node state and outcome is committed before the run goes on (durable mode, with
 *   acknowledged checkpoints), so when this whole machine dies the next worker resumes each run
 *   after its last finished node; only a node in flight at the kill runs again, with the same
 *   idempotency key (the run keeps its id);
 * - a job whose worker stops renewing its lock is stalled: BullMQ gives it to another worker once,
 *   and fails it the second time (`maxStalledCount` 1); the execution is then recorded failed
 *   with code `poison` and shows in the dead-letter view.
 *
 * Durable waits: a run that reaches a long Wait is saved as `waiting` and its job goes back to
 * BullMQ's delayed set until the wake time, holding no worker; whichever worker takes it then
 * resumes the run after the Wait.
 */
import { availableParallelism, hostname } from 'node:os';
import { DelayedError, Worker } from 'bullmq';
import { pino, type Logger } from 'pino';
import { message } from '../../../core/messages/make.js';
import { createFlowWorkers } from '../../engine/flow-workers/flow-workers.js';
import { RATE_LIMIT_REDIS_ENV } from '../../http/rate-limiter.js';
import { STATE_STORE_ENV, type StateStoreAddress } from '../../state/open-store.js';
import { Executions } from './executions.js';
import { FlowCatalog } from './flow-catalog.js';
import { HistoryStore } from './history.js';
import { ServerMetrics } from './metrics.js';
import { checkReachable, parseQueueUrl, queueConnection } from './queue-connection.js';
import {
  OrderingKeys,
  QUEUE_NAME,
  QUEUE_PREFIX,
  QUEUE_STATS_KEY,
  QueueFlowStore,
  WORKER_JOBS_KEY,
  replyChannel,
  STALLED_TOO_OFTEN,
  type ExecutionJobData,
  type QueueReply,
} from './queue-jobs.js';
import { LOG_REDACT } from './server.js';

/** How soon a job waiting for an earlier one with its ordering key looks again. */
const ORDER_RECHECK_MS = 50;

export interface QueueWorkerOptions {
  /** `redis://…` of the queue the accepting servers fill. */
  queue: string;
  /** Executions this worker runs at once. */
  concurrency: number;
  /** The history database the accepting servers write (one file on one machine). */
  db: string;
  /** Flow worker processes under this worker (default: the number of cores). */
  processes?: number;
  /** A job whose lock is not renewed for this long is stalled (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  runTimeoutMs?: number;
  workerMaxOldSpaceMb?: number;
  /** Waits this long or longer are saved and resumed by a delayed job (default 30 s). */
  durableWaitsFromMs?: number;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

export interface QueueWorker {
  readonly history: HistoryStore;
  readonly metrics: ServerMetrics;
  /** Stops taking jobs, lets the running ones finish, closes everything. */
  close(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const env = options.env ?? process.env;
  const log = options.log ?? pino({ redact: { paths: LOG_REDACT, censor: '[redacted]' } });
  const address = parseQueueUrl(options.queue);
  await checkReachable(address);
  const connection = queueConnection(address);
  connection.on('error', (error: Error) => log.error({ queue: address.shown, err: error.message }, 'Redis error'));
  const history = new HistoryStore(options.db, { backgroundCheckpoints: true });
  const metrics = new ServerMetrics();
  let closing = false;
  const runner = createFlowWorkers({
    size: options.processes ?? availableParallelism(),
    // The flow workers count credentials' rate limits in this Redis, with every other worker.
    env: {
      ...env,
      [RATE_LIMIT_REDIS_ENV]: JSON.stringify(address.options),
      // Remember / Recall: one state store for every worker on every machine, in this Redis.
      [STATE_STORE_ENV]: JSON.stringify({ kind: 'redis', options: address.options } satisfies StateStoreAddress),
    },
    ...(options.runTimeoutMs !== undefined ? { runTimeoutMs: options.runTimeoutMs } : {}),
    ...(options.workerMaxOldSpaceMb ? { maxOldSpaceMb: options.workerMaxOldSpaceMb } : {}),
    onChildExit: ({ pid, code, signal }) => {
      if (closing) return;
      metrics.workerRestarts.inc();
      log.error({ pid, code, signal }, 'a flow worker process died; starting a replacement');
    },
  });
  const flows = new QueueFlowStore(connection);
  const ordering = new OrderingKeys(connection);
  const executions = new Executions({
    history,
    runner,
    // Only to read a version's trigger settings (personal fields to mask); it serves nothing.
    catalog: new FlowCatalog(history),
    metrics,
    log,
    durable: true,
    loadVersion: (flowId, version) => flows.load(flowId, version),
    ...(options.runTimeoutMs !== undefined ? { runTimeoutMs: options.runTimeoutMs } : {}),
    ...(options.durableWaitsFromMs !== undefined ? { durableWaitsFromMs: options.durableWaitsFromMs } : {}),
  });
  if (!(await runner.ready(30_000))) log.warn('not every flow worker process started within 30 s');

  const worker = new Worker<ExecutionJobData>(
    QUEUE_NAME,
    async (job, token) => {
      const { order } = job.data;
      if (order && !(await ordering.isTurn(order))) {
        // An earlier delivery with this ordering key has no outcome yet: look again shortly,
        // without holding this worker's slot.
        await job.moveToDelayed(Date.now() + ORDER_RECHECK_MS, token);
        throw new DelayedError();
      }
      const { executionId, replyTo } = job.data;
      const reply = (message: QueueReply) => {
        // A lost reply only costs the caller its answer (504 after its timeout); the run goes on.
        connection.publish(replyChannel(replyTo!), JSON.stringify(message)).catch(() => {});
      };
      const outcome = await executions.runStored(
        executionId,
        replyTo
          ? {
              onRespond: (response) => reply({ executionId, kind: 'respond', response }),
              onDone: (status, error) =>
                reply({ executionId, kind: 'done', ...(status ? { status } : {}), ...(error ? { error } : {}) }),
            }
          : undefined,
      );
      if (outcome === 'finished-already' && replyTo) {
        const record = history.get(executionId);
        reply({ executionId, kind: 'done', ...(record ? { status: record.status } : {}) });
      }
      if (outcome === 'waiting') {
        // Saved at a Wait: the job comes back at the wake time (BullMQ's delayed set, so a restart
        // of every worker loses nothing), to whichever worker is free then. Its ordering place is
        // given up meanwhile, so later deliveries with its key do not wait for the wait.
        if (order) await ordering.finished(order);
        const wakeAt = Date.parse(history.get(executionId)?.wakeAt ?? '');
        await job.moveToDelayed(Number.isNaN(wakeAt) ? Date.now() : wakeAt, token);
        throw new DelayedError();
      }
      if (outcome === 'missing') {
        // The history is the source of truth: a job without its delivery cannot run anywhere.
        log.error({ executionId: job.data.executionId, queue: address.shown }, 'the job names no stored delivery');
      }
      if (order) await ordering.finished(order);
      return outcome;
    },
    {
      connection,
      prefix: QUEUE_PREFIX,
      concurrency: options.concurrency,
      maxStalledCount: 1,
      ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
    },
  );
  worker.on('error', (error) => log.error({ err: error.message }, 'queue worker error'));
  const workerName = `${hostname()}:${process.pid}`;
  const count = (key: string, field: string) =>
    connection
      .hincrby(key, field, 1)
      .catch((error: unknown) =>
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'queue metrics not counted'),
      );
  worker.on('stalled', (jobId) => {
    void count(QUEUE_STATS_KEY, 'stalled');
    log.warn({ jobId }, 'a job stalled (its worker died); another worker takes it');
  });
  worker.on('completed', () => void count(WORKER_JOBS_KEY, workerName));
  worker.on('failed', (job, error) => {
    if (!job) return;
    const { executionId, order } = job.data;
    const givenUp = error.message === STALLED_TOO_OFTEN || job.attemptsMade >= (job.opts.attempts ?? 1);
    // The deliveries after it with the same ordering key go on.
    if (givenUp && order) {
      ordering
        .finished(order)
        .catch((e: unknown) =>
          log.error({ executionId, err: e instanceof Error ? e.message : String(e) }, 'ordering key not released'),
        );
    }
    if (error.message === STALLED_TOO_OFTEN) {
      executions.failStored(executionId, {
        message: message('queue.poison', { attempts: job.stalledCounter }).message,
        code: 'poison',
      });
    } else if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      executions.failStored(executionId, {
        message: `the queue gave up after ${job.attemptsMade} attempts: ${error.message}`,
        code: 'queue',
      });
    } else {
      log.warn({ executionId, attempt: job.attemptsMade, err: error.message }, 'job failed; the queue tries again');
    }
  });
  await worker.waitUntilReady();

  return {
    history,
    metrics,
    async close() {
      if (closing) return;
      closing = true;
      await worker.close();
      await runner.close();
      executions.close();
      connection.disconnect();
      history.close();
    },
  };
}
