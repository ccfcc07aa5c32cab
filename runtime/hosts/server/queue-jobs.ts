/**
 * What queue mode keeps in Redis: BullMQ jobs that name an execution (its delivery, state and
 * outcome stay in the history database), and the deployed flow versions, so a worker on any
 * machine runs the exact version a delivery was accepted under without reading its own disk.
 */
import type { JobsOptions } from 'bullmq';
import type { WebhookResponse } from '../../../core/node-type.js';
import type { Redis } from 'ioredis';

/** BullMQ queue name and key prefix: every Flowdesk key in Redis starts with `flowdesk:`. */
export const QUEUE_NAME = 'executions';
export const QUEUE_PREFIX = 'flowdesk';

export interface ExecutionJobData {
  executionId: string;
  flowId: string;
  flowVersion: number;
  /** Its place among deliveries with the same ordering key (OrderingKeys). */
  order?: { key: string; seq: number };
  /** A sync caller waits at this accepting server: the worker publishes the answer here. */
  replyTo?: string;
}

/** What a worker tells the accepting server a sync caller waits at (Redis pub/sub). */
export type QueueReply =
  | { executionId: string; kind: 'respond'; response: WebhookResponse }
  | { executionId: string; kind: 'done'; status?: string; error?: string };

/** The pub/sub channel of one accepting server's sync callers. */
export const replyChannel = (serverId: string) => `${QUEUE_PREFIX}:replies:${serverId}`;

/** The message BullMQ fails a job with once it stalled more often than `maxStalledCount`. */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

/**
 * At least once: a job whose processor throws (the history could not be written, Redis went
 * away mid-job) is tried again with backoff. A flow that fails is an outcome, not a throw: it is
 * not retried by the queue (its nodes have their own retry policies). The job id is the
 * execution id, so enqueueing an execution twice (a restart re-enqueues what is unfinished)
 * adds nothing.
 */
export function executionJobOptions(executionId: string): JobsOptions {
  return {
    jobId: executionId,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 86_400 },
  };
}

const flowKey = (flowId: string) => `${QUEUE_PREFIX}:flow-versions:${flowId}`;

/**
 * Deployed flow versions in Redis, one hash per flow (version → text). A version is never
 * rewritten (HSETNX): version numbers come from the one history database.
 */
export class QueueFlowStore {
  /** Texts by `id@version`; a version never changes, so the cache never goes stale. */
  private readonly cache = new Map<string, string>();

  constructor(private readonly redis: Redis) {}

  async publish(flowId: string, version: number, source: string): Promise<void> {
    await this.redis.hsetnx(flowKey(flowId), String(version), source);
    this.cache.set(`${flowId}@${version}`, source);
  }

  async load(flowId: string, version: number): Promise<string | undefined> {
    const key = `${flowId}@${version}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const source = await this.redis.hget(flowKey(flowId), String(version));
    if (source === null) return undefined;
    this.cache.set(key, source);
    return source;
  }
}

/**
 * Ordering keys across workers (BullMQ has no per-group ordering in its open-source edition):
 * each flow + ordering key has a Redis hash holding `next`, the last place handed out at the door
 * (arrival order), and `done`, the last place whose execution has its outcome. A worker runs a job
 * only when `done` is the place just before its own; otherwise the job goes back to the delayed
 * set for a moment, so a waiting job never holds a worker's slot (the earlier one may need it).
 */
export class OrderingKeys {
  /** Idle keys are forgotten after a week (a key's places restart at 1 then). */
  private static readonly TTL_SECONDS = 7 * 86_400;

  constructor(private readonly redis: Redis) {}

  static keyOf(flowId: string, orderingKey: string): string {
    return `${QUEUE_PREFIX}:order:${flowId}:${orderingKey}`;
  }

  /** The door: the next place for this key. */
  async place(key: string): Promise<number> {
    const [[error, seq]] = (await this.redis
      .multi()
      .hincrby(key, 'next', 1)
      .expire(key, OrderingKeys.TTL_SECONDS)
      .exec()) as [[Error | null, number]];
    if (error) throw error;
    return seq;
  }

  /** A worker: true when every earlier place has its outcome. */
  async isTurn(order: { key: string; seq: number }): Promise<boolean> {
    const done = Number((await this.redis.hget(order.key, 'done')) ?? 0);
    return done >= order.seq - 1;
  }

  /** A worker: this place has its outcome (or was given up); the next may run. Never goes back. */
  async finished(order: { key: string; seq: number }): Promise<void> {
    await this.redis.eval(
      `local done = tonumber(redis.call('HGET', KEYS[1], 'done') or '0')
       if tonumber(ARGV[1]) > done then redis.call('HSET', KEYS[1], 'done', ARGV[1]) end
       redis.call('EXPIRE', KEYS[1], ARGV[2])
       return 1`,
      1,
      order.key,
      String(order.seq),
      String(OrderingKeys.TTL_SECONDS),
    );
  }
}

/** Counters the workers keep in Redis, read by the accepting servers' /metrics. */
export const QUEUE_STATS_KEY = `${QUEUE_PREFIX}:queue-stats`;
/** Jobs finished per worker (`host:pid`), for per-worker throughput. */
export const WORKER_JOBS_KEY = `${QUEUE_PREFIX}:worker-jobs`;
