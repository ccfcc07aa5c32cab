/**
 * Opens a state store from a plain description, so a host can tell the processes that run its
 * flows which store to use (`FLOWDESK_STATE_STORE` in their environment, JSON): the SQLite file
 * beside the server's history, or the Redis every queue worker shares.
 */
import type { RedisOptions } from 'ioredis';
import type { StateStore } from '../../core/state-store.js';

export type StateStoreAddress = { kind: 'sqlite'; path: string } | { kind: 'redis'; options: RedisOptions };

/** The environment variable through which a host hands its state store to its flow workers. */
export const STATE_STORE_ENV = 'FLOWDESK_STATE_STORE';

export async function openStateStore(address: StateStoreAddress): Promise<StateStore> {
  if (address.kind === 'sqlite') {
    const { createSqliteStateStore } = await import('./sqlite-store.js');
    return createSqliteStateStore(address.path);
  }
  const { createRedisStateStore } = await import('./redis-store.js');
  return createRedisStateStore(address.options);
}

/** The store `env` names, or undefined (the runtime then keeps state in memory). */
export async function stateStoreFromEnv(env: NodeJS.ProcessEnv): Promise<StateStore | undefined> {
  const text = env[STATE_STORE_ENV];
  if (text === undefined || text === '') return undefined;
  let address: StateStoreAddress;
  try {
    address = JSON.parse(text) as StateStoreAddress;
  } catch (err) {
    throw new Error(`${STATE_STORE_ENV} is not valid JSON: ${(err as Error).message}`);
  }
  if (address?.kind !== 'sqlite' && address?.kind !== 'redis') {
    throw new Error(`${STATE_STORE_ENV} must name a "sqlite" or "redis" store`);
  }
  return openStateStore(address);
}
