/**
 * The accepting side of queue mode (`flowdesk serve --queue`): a delivery accepted at the door
 * (and committed to the history) becomes a BullMQ job naming the execution and the flow version,
 * and every flow version the server serves is stored in Redis for the workers.
 */
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { RedisDedup, type DeliveryDedup } from './delivery-dedup.js';
import type { DispatchedExecution } from './executions.js';
import type { HistoryStore } from './history.js';
import { queueConnection, type QueueAddress } from './queue-connection.js';
import {
  executionJobOptions,
  OrderingKeys,
  QUEUE_NAME,
  QUEUE_PREFIX,
  QueueFlowStore,
  type ExecutionJobData,
} from './queue-jobs.js';

export interface QueueDispatcher {
  /** Resolves once Redis holds the job (and the text of its flow version). */
  dispatch(execution: DispatchedExecution): Promise<void>;
  /** A flow version is served: store its text for the workers (dispatch waits for it). */
  publish(flowId: string, version: number, source: string): void;
  readonly queue: Queue<ExecutionJobData>;
  /** Delivery-key claims shared by every accepting server on this Redis. */
  readonly dedup: DeliveryDedup;
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
    publish(flowId, version, source) {
      void publish(flowId, version, source).catch(() => {});
    },
    async dispatch(execution) {
      await ensurePublished(execution.flowId, execution.flowVersion);
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
        },
        executionJobOptions(execution.id),
      );
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
