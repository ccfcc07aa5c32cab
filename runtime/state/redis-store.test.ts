/** The Redis state store against a real redis-server on a random port (test/support/redis-server.ts). */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redis-server.js';
import { raceForKeys } from '../../test/support/state-race.js';
import { stateStoreContract } from '../../test/support/state-store-contract.js';
import { createRedisStateStore } from './redis-store.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(async () => {
  await redis?.stop();
});

const options = () => ({ host: '127.0.0.1', port: redis.port });

// Redis keeps its own clock, so the contract's controlled-clock expiry test is skipped here and
// expiry is checked below with a real, short time to live.
stateStoreContract('Redis', async () => {
  const flush = new Redis(options());
  await flush.flushall();
  flush.disconnect();
  const store = await createRedisStateStore(options());
  return { store, dispose: () => store.close() };
});

describe('Redis state store', () => {
  it('keeps each key under the flow’s prefix with the TTL it was given, and Redis forgets it then', async () => {
    const store = await createRedisStateStore(options());
    const raw = new Redis(options());
    await store.set('flex:lifecycle', 'task:WT1', '35436', 60_000);
    const pttl = await raw.pttl('flowdesk:state:{flex%3Alifecycle}:task:WT1');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await raw.get('flowdesk:state:{flex%3Alifecycle}:task:WT1')).toBe('35436');

    await store.setIfAbsent('f', 'claim', '"A"', 25, 'run-A');
    await store.increment('f', 'window', 1, 25);
    // Past the TTL by Redis's clock: poll the key, not the time (nothing here asserts speed).
    while ((await raw.exists('flowdesk:state:{f}:claim', 'flowdesk:state:{f}:window')) > 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await store.get('f', 'claim')).toBeUndefined();
    expect(await store.setIfAbsent('f', 'claim', '"B"', undefined, 'run-B')).toEqual({ won: true, current: '"B"' });
    expect(await store.increment('f', 'window', 1, undefined)).toBe(1);
    raw.disconnect();
    await store.close();
  });

  it('lets exactly one of several processes win each key, and loses no increment', async () => {
    const raw = new Redis(options());
    await raw.flushall();
    const won = await raceForKeys({ kind: 'redis', options: options() }, 4, 150);
    const winners = new Map<string, number>();
    for (const keys of won) for (const key of keys) winners.set(key, (winners.get(key) ?? 0) + 1);
    expect(winners.size).toBe(150);
    expect([...winners.values()].every((n) => n === 1)).toBe(true);
    expect(await raw.get('flowdesk:state:{race-flow}:claims')).toBe(String(4 * 150));
    raw.disconnect();
  }, 60_000);

  it('fails a call in words when Redis cannot be reached', async () => {
    const store = await createRedisStateStore({
      host: '127.0.0.1',
      port: 1,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await expect(store.get('f', 'k')).rejects.toThrow();
    await store.close();
  });
});
