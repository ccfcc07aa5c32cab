/**
 * What queue mode keeps in Redis: BullMQ jobs that name an execution (its delivery, state and
 * outcome stay in the history database), and the deployed flow versions, so a worker on any
 * machine runs the exact version a delivery was accepted under without reading its own disk.
 */
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** BullMQ queue name and key prefix: every Flowdesk key in Redis starts with `flowdesk:`. */
export const QUEUE_NAME = 'executions';
export const QUEUE_PREFIX = 'flowdesk';

export interface ExecutionJobData {
  executionId: string;
  flowId: string;
  flowVersion: number;
}

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
