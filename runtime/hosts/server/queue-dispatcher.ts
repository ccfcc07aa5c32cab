/**
 * The accepting side of queue mode (`flowdesk serve --queue`): a delivery accepted at the door
 * (and committed to the history) becomes a BullMQ job naming the execution and the flow version,
 * and every flow version the server serves is stored in Redis for the workers.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { RedisDedup, type DeliveryDedup } from './delivery-dedup.js';
import type { DispatchedExecution, Waiter } from './executions.js';
import type { HistoryStore } from './history.js';
import type { QueueSnapshot } from './metrics.js';
import { queueConnection, type QueueAddress } from './queue-connection.js';
import {
  executionJobOptions,
  OrderingKeys,
  QUEUE_NAME,
  QUEUE_PREFIX,
  QUEUE_STATS_KEY,
  QueueFlowStore,
  WORKER_JOBS_KEY,
  replyChannel,
  type ExecutionJobData,
  type QueueReply,
} from './queue-jobs.js';

/** A sync caller's waiter is kept at most this long (its own timeout answers it far sooner). */
const WAITER_BOUND_MS = 10 * 60_000;

export interface QueueDispatcher {
  /**
   * Resolves once Redis holds the job (and the text of its flow version). With a waiter (a sync
   * caller), the worker's answer and outcome come back to it through this server's reply channel.
   */
  dispatch(execution: DispatchedExecution, waiter?: Waiter): Promise<void>;
  /** A flow version is served: store its text for the workers (dispatch waits for it). */
  publish(flowId: string, version: number, source: string): void;
  readonly queue: Queue<ExecutionJobData>;
  /** Delivery-key claims shared by every accepting server on this Redis. */
  readonly dedup: DeliveryDedup;
  /** The queue's state for /metrics. */
  snapshot(): Promise<QueueSnapshot>;
  close(): Promise<void>;
}

/** Expects a reachable Redis (checkReachable first, for a clear error). */
export async function startQueueDispatcher(
  address: QueueAddress,
  history: HistoryStore,
  log: Logger,
): Promise<QueueDispatcher> {
  const connection = queueConnection(address);
  connection.on('error', (error: Error) => log.error({ queue: address.shown, err: error.message }, 'Redis error'));
  const queue = new Queue<ExecutionJobData>(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  const store = new QueueFlowStore(connection);
  const ordering = new OrderingKeys(connection);
  const published = new Map<string, Promise<void>>();

  // Sync callers: one subscription per server, waiters by execution id. A waiter is dropped at
  // the run's end, or after a generous bound when no end ever comes back (a lost reply).
  const serverId = randomUUID();
  const waiters = new Map<string, Waiter>();
  const subscriber = connection.duplicate();
  subscriber.on('error', (error: Error) => log.error({ err: error.message }, 'Redis error (replies)'));
  subscriber.on('message', (_channel: string, text: string) => {
    let reply: QueueReply;
    try {
      reply = JSON.parse(text) as QueueReply;
    } catch {
      return;
    }
    const waiter = waiters.get(reply.executionId);
    if (!waiter) return;
    if (reply.kind === 'respond') waiter.onRespond?.(reply.response);
    else {
      waiters.delete(reply.executionId);
      waiter.onDone?.(reply.status, reply.error);
    }
  });
  await subscriber.subscribe(replyChannel(serverId));

  const publish = (flowId: string, version: number, source: string): Promise<void> => {
    const key = `${flowId}@${version}`;
    const stored = store.publish(flowId, version, source);
    published.set(key, stored);
    stored.catch((error: unknown) => {
      // Tried again by the next dispatch of this version.
      published.delete(key);
      log.error(
        { flowId, version, err: error instanceof Error ? error.message : String(error) },
        'the flow version could not be stored in Redis',
      );
    });
    return stored;
  };

  /** A version this process did not publish (an older one re-run) comes from the history. */
  const ensurePublished = (flowId: string, version: number): Promise<void> => {
    const pending = published.get(`${flowId}@${version}`);
    if (pending) return pending;
    const record = history.version(flowId, version);
    if (!record) return Promise.reject(new Error(`version ${version} of flow '${flowId}' is not in the history`));
    return publish(flowId, version, record.source);
  };

  return {
    queue,
    dedup: new RedisDedup(connection),
    async snapshot() {
      const [counts, stalled, perWorker] = await Promise.all([
        queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed'),
        connection.hget(QUEUE_STATS_KEY, 'stalled'),
        connection.hgetall(WORKER_JOBS_KEY),
      ]);
      return {
        waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
        stalled: Number(stalled ?? 0),
        perWorker: Object.fromEntries(Object.entries(perWorker).map(([w, n]) => [w, Number(n)])),
      };
    },
    publish(flowId, version, source) {
      void publish(flowId, version, source).catch(() => {});
    },
    async dispatch(execution, waiter) {
      await ensurePublished(execution.flowId, execution.flowVersion);
      if (waiter) {
        waiters.set(execution.id, waiter);
        setTimeout(() => waiters.delete(execution.id), WAITER_BOUND_MS).unref();
      }
      let order: ExecutionJobData['order'];
      if (execution.orderingKey !== null) {
        // Enqueued already (a restart re-adding what is unfinished): it keeps its place.
        if (await queue.getJob(execution.id)) return;
        const key = OrderingKeys.keyOf(execution.flowId, execution.orderingKey);
        order = { key, seq: await ordering.place(key) };
      }
      await queue.add(
        'run',
        {
          executionId: execution.id,
          flowId: execution.flowId,
          flowVersion: execution.flowVersion,
          ...(order ? { order } : {}),
          ...(waiter ? { replyTo: serverId } : {}),
        },
        executionJobOptions(execution.id),
      );
    },
    async close() {
      subscriber.disconnect();
      await queue.close();
      connection.disconnect();
    },
  };
}
