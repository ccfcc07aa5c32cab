/**
 * Scheduled flows in queue mode (`flowdesk serve --queue`): one BullMQ job scheduler per flow
 * (`upsertJobScheduler`, the cron and its time zone), shared by every accepting server on the
 * Redis. BullMQ keeps one pending job per scheduler and tick (its id names the tick), so however
 * many servers upsert the same schedule, each tick is one job, taken by one server's worker,
 * which stores it as an execution and hands it to the execution queue like a webhook delivery.
 *
 * A server upserts the schedulers of the flows it serves (at start, reload, deploy) and removes
 * the one of a flow it stops serving or that lost its schedule. Closing a server removes
 * nothing: the other servers keep firing. Missed ticks (every server down) are not replayed: the
 * one pending job runs late, once, then the next tick follows, as with a single server.
 */
import { createHash } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { firingBody, withinWindow } from '../../../core/schedule/schedule.js';
import type { Executions } from './executions.js';
import type { FlowCatalog, ServedFlow } from './flow-catalog.js';
import type { HistoryStore } from './history.js';
import { queueConnection, type QueueAddress } from './queue-connection.js';
import { QUEUE_PREFIX } from './queue-jobs.js';

export const SCHEDULE_QUEUE_NAME = 'schedules';

interface FiringJobData {
  flowId: string;
}

/** Job scheduler id of a flow: one per flow, whatever its version. */
export const schedulerIdOf = (flowId: string) => `flow:${flowId}`;

/**
 * The execution id of a flow's firing at a tick: the same on every server and every retry of the
 * job, so a firing is stored once even when its job runs twice.
 */
export function scheduledExecutionId(flowId: string, tick: number): string {
  const hex = createHash('sha256').update(`${flowId}\u0000${tick}`).digest('hex');
  // Shaped like a UUID (version 8: custom), as every other execution id is.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface QueueSchedules {
  /** A flow is served: upsert its job scheduler, or remove it when the flow has no schedule. */
  serve(flow: ServedFlow): void;
  remove(flowId: string): void;
  /** Starts taking firings (once the server accepts work). */
  start(): void;
  readonly queue: Queue<FiringJobData>;
  close(): Promise<void>;
}

export interface QueueSchedulesOptions {
  catalog: FlowCatalog;
  executions: Executions;
  history: HistoryStore;
  log: Logger;
}

export function startQueueSchedules(address: QueueAddress, o: QueueSchedulesOptions): QueueSchedules {
  const connection = queueConnection(address);
  connection.on('error', (error: Error) => o.log.error({ err: error.message }, 'Redis error (schedules)'));
  const queue = new Queue<FiringJobData>(SCHEDULE_QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });

  const fire = async (job: Job<FiringJobData>): Promise<string> => {
    const { flowId } = job.data;
    // The tick the job was made for (its id names it too); BullMQ keeps it as `prevMillis`.
    const tick = (job.opts as { prevMillis?: number }).prevMillis ?? job.timestamp + (job.opts.delay ?? 0);
    const flow = o.catalog.get(flowId);
    if (!flow || flow.trigger.kind !== 'schedule') {
      o.log.warn({ flowId }, 'a scheduled firing names a flow this server does not serve on a schedule; skipped');
      return 'not-served';
    }
    if (!withinWindow(tick, flow.trigger.schedule)) return 'outside-window';
    const id = scheduledExecutionId(flowId, tick);
    if (o.history.get(id)) return 'stored-already';
    await o.executions.accept(
      flow,
      { body: firingBody(tick, Date.now()), headers: {}, query: {} },
      undefined,
      undefined,
      id,
    );
    return 'fired';
  };

  const worker = new Worker<FiringJobData>(SCHEDULE_QUEUE_NAME, fire, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency: 1,
    autorun: false,
  });
  worker.on('error', (error) => o.log.error({ err: error.message }, 'schedule worker error'));
  worker.on('failed', (job, error) =>
    o.log.error({ flowId: job?.data.flowId, err: error.message }, 'a scheduled firing could not be stored'),
  );

  const upsert = (flow: ServedFlow) => {
    if (flow.trigger.kind !== 'schedule') return queue.removeJobScheduler(schedulerIdOf(flow.id));
    const { cron, timeZone } = flow.trigger.schedule;
    return queue.upsertJobScheduler(
      schedulerIdOf(flow.id),
      { pattern: cron, tz: timeZone },
      {
        name: 'fire',
        data: { flowId: flow.id },
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 86_400, count: 1000 },
          removeOnFail: { age: 7 * 86_400 },
        },
      },
    );
  };

  return {
    queue,
    serve(flow) {
      upsert(flow).catch((error: unknown) =>
        o.log.error(
          { flowId: flow.id, err: error instanceof Error ? error.message : String(error) },
          "the flow's schedule could not be stored in Redis",
        ),
      );
    },
    remove(flowId) {
      queue
        .removeJobScheduler(schedulerIdOf(flowId))
        .catch((error: unknown) =>
          o.log.error(
            { flowId, err: error instanceof Error ? error.message : String(error) },
            "the flow's schedule could not be removed from Redis",
          ),
        );
    },
    start() {
      void worker
        .run()
        .catch((error: unknown) =>
          o.log.error({ err: error instanceof Error ? error.message : String(error) }, 'schedule worker stopped'),
        );
    },
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
