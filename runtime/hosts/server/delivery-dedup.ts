/**
 * Redeliveries run once: a trigger with `deduplicate` names a delivery key (a header the sender
 * sets, else a hash of the body), and the first delivery with a key claims it for a window; a
 * later one within the window is answered with the first one's execution id and runs nothing.
 * In queue mode the claims live in Redis (`SET NX EX`), shared by every accepting server; a
 * single `flowdesk serve` keeps them in memory (they do not survive its restart).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DEFAULT_DEDUP_WINDOW_SECONDS, type WebhookTriggerConfig } from '../../../nodes/webhook-trigger/manifest.js';
import { QUEUE_PREFIX } from './queue-jobs.js';

export interface DeliveryDedup {
  /** Claims `key` for `executionId`; returns the execution id that holds it already, if any. */
  claim(key: string, executionId: string, windowSeconds: number): Promise<string | undefined>;
  /** Gives a claim back (the delivery could not be accepted after all), if it is still this one's. */
  release(key: string, executionId: string): Promise<void>;
}

/** The claim key of a delivery, or undefined when the trigger does not deduplicate. */
export function deliveryKey(
  flowId: string,
  config: WebhookTriggerConfig,
  headers: Readonly<Record<string, string>>,
  rawBody: Buffer,
): { key: string; windowSeconds: number } | undefined {
  const dedup = config.deduplicate;
  if (!dedup) return undefined;
  const fromHeader = dedup.header ? headers[dedup.header.toLowerCase()] : undefined;
  // Hashed: keys stay short whatever the sender puts in its header, and a body is not stored.
  const hash = createHash('sha256');
  if (fromHeader !== undefined && fromHeader !== '') hash.update('header\0').update(fromHeader);
  else hash.update('body\0').update(rawBody);
  return { key: `${flowId}:${hash.digest('hex')}`, windowSeconds: dedup.windowSeconds ?? DEFAULT_DEDUP_WINDOW_SECONDS };
}

export class MemoryDedup implements DeliveryDedup {
  private readonly claims = new Map<string, { id: string; until: number }>();

  claim(key: string, executionId: string, windowSeconds: number): Promise<string | undefined> {
    const now = Date.now();
    const held = this.claims.get(key);
    if (held && held.until > now) return Promise.resolve(held.id);
    this.claims.set(key, { id: executionId, until: now + windowSeconds * 1000 });
    if (this.claims.size % 1024 === 0) this.sweep(now);
    return Promise.resolve(undefined);
  }

  release(key: string, executionId: string): Promise<void> {
    if (this.claims.get(key)?.id === executionId) this.claims.delete(key);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    for (const [key, claim] of this.claims) if (claim.until <= now) this.claims.delete(key);
  }
}

export class RedisDedup implements DeliveryDedup {
  constructor(private readonly redis: Redis) {}

  async claim(key: string, executionId: string, windowSeconds: number): Promise<string | undefined> {
    const name = `${QUEUE_PREFIX}:delivery:${key}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((await this.redis.set(name, executionId, 'EX', windowSeconds, 'NX')) === 'OK') return undefined;
      const holder = await this.redis.get(name);
      if (holder !== null) return holder;
      // The claim expired between the two commands: try once more.
    }
    return undefined;
  }

  async release(key: string, executionId: string): Promise<void> {
    const name = `${QUEUE_PREFIX}:delivery:${key}`;
    // Only our own claim: compare and delete in one step.
    await this.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
      1,
      name,
      executionId,
    );
  }
}
