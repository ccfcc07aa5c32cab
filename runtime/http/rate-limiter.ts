/**
 * Outbound rate limits declared on credentials (`FLOWDESK_CRED_<NAME>_RATE_LIMIT=300/min`): the
 * HTTP client takes one point per attempt that carries the credential, waiting (abortably) for
 * the next window when the points are spent. rate-limiter-flexible does the counting: in memory
 * for one process, or in Redis so every queue worker on every machine shares one budget per
 * credential. A 429 with Retry-After from the service is still honoured by the retry policy on
 * top of this.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimit } from '../../core/credentials.js';

export interface OutboundRateLimiter {
  /** Resolves when one request under `name`'s limit may go; rejects when `signal` aborts. */
  acquire(name: string, limit: RateLimit, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** The environment variable through which a queue worker hands its Redis to its flow workers. */
export const RATE_LIMIT_REDIS_ENV = 'FLOWDESK_RATE_LIMIT_REDIS';

function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function limiterSet(make: (limit: RateLimit, keyPrefix: string) => RateLimiterAbstract, close: () => Promise<void>) {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (name: string, limit: RateLimit) => {
    // The limit is part of the key: a changed limit starts a new budget rather than mixing two.
    const id = `${name}:${limit.points}/${limit.seconds}`;
    let limiter = limiters.get(id);
    if (!limiter) limiters.set(id, (limiter = make(limit, `flowdesk:rate:${id}`)));
    return limiter;
  };
  const limiter: OutboundRateLimiter = {
    async acquire(name, limit, signal) {
      const counter = limiterFor(name, limit);
      for (;;) {
        try {
          await counter.consume('requests', 1);
          return;
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          await waitFor(Math.max(rejection.msBeforeNext, 1), signal);
        }
      }
    },
    close,
  };
  return limiter;
}

/** One process's budget per credential. */
export function createMemoryRateLimiter(): OutboundRateLimiter {
  return limiterSet(
    (limit, keyPrefix) => new RateLimiterMemory({ points: limit.points, duration: limit.seconds, keyPrefix }),
    () => Promise.resolve(),
  );
}

/**
 * One budget per credential for every process on this Redis. If Redis fails, each process falls
 * back to its own in-memory budget (rate-limiter-flexible's insurance limiter) rather than
 * stopping every flow.
 */
export async function createRedisRateLimiter(options: RedisOptions): Promise<OutboundRateLimiter> {
  const { Redis: RedisClient } = await import('ioredis');
  const redis: Redis = new RedisClient({ ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // the insurance limiter covers it; the host logs Redis trouble
  return limiterSet(
    (limit, keyPrefix) =>
      new RateLimiterRedis({
        storeClient: redis,
        points: limit.points,
        duration: limit.seconds,
        keyPrefix,
        insuranceLimiter: new RateLimiterMemory({ points: limit.points, duration: limit.seconds }),
      }),
    async () => {
      redis.disconnect();
    },
  );
}
