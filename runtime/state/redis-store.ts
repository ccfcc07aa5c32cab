/**
 * The state store in Redis, for queue mode: every `flowdesk worker` on every machine shares it.
 * A key lives at `flowdesk:state:{<flow id>}:<key>` (the flow id URL-encoded, so no flow's
 * prefix is another's), its value as JSON with a PX expiry; the run that won a setIfAbsent at
 * `flowdesk:state-owner:{<flow id>}:<key>`. The braces are a cluster hash tag: both keys of one
 * flow hash to one slot, so the scripts below may touch both.
 *
 * setIfAbsent is SET NX PX and increment INCRBY, each inside a short Lua script that Redis runs
 * atomically with the checks around it (who owns a claim, whether a value is a whole number
 * the flow can hold). Expiry is Redis's own: an expired key is gone for every command.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { incrementOverflow, notANumber, type StateStore } from '../../core/state-store.js';

/** KEYS: value, owner. ARGV: json, owner, ttl ms or ''. Returns [won 0/1, current json or false]. */
const CLAIM = `
local set
if ARGV[3] ~= '' then set = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3])
else set = redis.call('SET', KEYS[1], ARGV[1], 'NX') end
if set then
  if ARGV[3] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) else redis.call('SET', KEYS[2], ARGV[2]) end
  return {1, ARGV[1]}
end
local current = redis.call('GET', KEYS[1])
if current and redis.call('GET', KEYS[2]) == ARGV[2] then return {1, current} end
return {0, current}`;

/**
 * KEYS: value. ARGV: by, ttl ms or ''. Returns ['ok', new value] or ['nan', stored json] or
 * ['overflow']. Only whole numbers within JavaScript's safe range count as numbers, as in the
 * other stores; Lua's doubles hold those exactly.
 */
const INCREMENT = `
local max = 9007199254740991
local v = redis.call('GET', KEYS[1])
if not v then
  if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) else redis.call('SET', KEYS[1], ARGV[1]) end
  return {'ok', ARGV[1]}
end
if not string.match(v, '^%-?%d+$') or string.len(v) > 17 or math.abs(tonumber(v)) > max then return {'nan', v} end
if math.abs(tonumber(v) + tonumber(ARGV[1])) > max then return {'overflow'} end
return {'ok', tostring(redis.call('INCRBY', KEYS[1], ARGV[1]))}`;

type StateRedis = Redis & {
  flowdeskClaim(
    value: string,
    owner: string,
    json: string,
    ownerArg: string,
    ttl: string,
  ): Promise<[number, string | null]>;
  flowdeskIncrement(value: string, by: string, ttl: string): Promise<[string, string?]>;
};

export interface RedisStateStoreOptions {
  /** Prefix of every key; `flowdesk:` by default. */
  prefix?: string;
}

export async function createRedisStateStore(
  options: RedisOptions,
  storeOptions: RedisStateStoreOptions = {},
): Promise<StateStore> {
  const { Redis: RedisClient } = await import('ioredis');
  // A state call that cannot reach Redis fails its node (error port) after a short wait,
  // rather than holding the run until the run's timeout.
  const redis = new RedisClient({ maxRetriesPerRequest: 2, connectTimeout: 5000, ...options }) as StateRedis;
  redis.on('error', () => {}); // each failed call reports itself (state.unavailable); the host logs Redis trouble
  redis.defineCommand('flowdeskClaim', { numberOfKeys: 2, lua: CLAIM });
  redis.defineCommand('flowdeskIncrement', { numberOfKeys: 1, lua: INCREMENT });
  const prefix = storeOptions.prefix ?? 'flowdesk:';
  const tag = (flowId: string) => `{${encodeURIComponent(flowId)}}`;
  const valueKey = (flowId: string, key: string) => `${prefix}state:${tag(flowId)}:${key}`;
  const ownerKey = (flowId: string, key: string) => `${prefix}state-owner:${tag(flowId)}:${key}`;

  return {
    async get(flowId, key) {
      return (await redis.get(valueKey(flowId, key))) ?? undefined;
    },
    async set(flowId, key, json, ttlMs) {
      if (ttlMs === undefined) await redis.set(valueKey(flowId, key), json);
      else await redis.set(valueKey(flowId, key), json, 'PX', ttlMs);
    },
    async setIfAbsent(flowId, key, json, ttlMs, owner) {
      const [won, current] = await redis.flowdeskClaim(
        valueKey(flowId, key),
        ownerKey(flowId, key),
        json,
        owner,
        ttlMs === undefined ? '' : String(ttlMs),
      );
      return { won: won === 1, current: current ?? undefined };
    },
    async increment(flowId, key, by, ttlMs) {
      const [status, value] = await redis.flowdeskIncrement(
        valueKey(flowId, key),
        String(by),
        ttlMs === undefined ? '' : String(ttlMs),
      );
      if (status === 'nan') throw notANumber(key, value ?? '');
      if (status === 'overflow') throw incrementOverflow(key);
      return Number(value);
    },
    async delete(flowId, key) {
      const replies = await redis.multi().del(valueKey(flowId, key)).del(ownerKey(flowId, key)).exec();
      return replies?.[0]?.[1] === 1;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
