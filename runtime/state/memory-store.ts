/**
 * The state store in this process's memory: `flowdesk run`, `flowdesk test`, the designer's
 * test bench and a runtime given no other store. One JavaScript thread makes every operation
 * atomic. Expired keys are invisible at once and dropped when touched or swept.
 */
import { incrementOverflow, isWholeNumberJson, notANumber, type StateStore } from '../../core/state-store.js';

interface Held {
  json: string;
  /** Epoch ms after which the key is gone; undefined: never. */
  expiresAt: number | undefined;
  /** The run that set it with setIfAbsent. */
  owner: string | undefined;
}

export interface MemoryStateStore extends StateStore {
  /** Every live key of one flow with its value (tests' `expect.state`, the test bench). */
  snapshot(flowId: string): Record<string, unknown>;
  /** Drops expired keys now; returns how many. */
  sweep(): number;
}

/** A sweep every this many writes keeps a long-lived process from holding expired keys forever. */
const SWEEP_EVERY_WRITES = 1000;

export function createMemoryStateStore(options: { now?: () => number } = {}): MemoryStateStore {
  const now = options.now ?? Date.now;
  const flows = new Map<string, Map<string, Held>>();
  let writes = 0;

  const live = (flowId: string, key: string): Held | undefined => {
    const keys = flows.get(flowId);
    const held = keys?.get(key);
    if (!held) return undefined;
    if (held.expiresAt !== undefined && held.expiresAt <= now()) {
      keys!.delete(key);
      return undefined;
    }
    return held;
  };
  const put = (flowId: string, key: string, held: Held) => {
    let keys = flows.get(flowId);
    if (!keys) flows.set(flowId, (keys = new Map()));
    keys.set(key, held);
    if (++writes % SWEEP_EVERY_WRITES === 0) store.sweep();
  };
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? undefined : now() + ttlMs);

  const store: MemoryStateStore = {
    async get(flowId, key) {
      return live(flowId, key)?.json;
    },
    async set(flowId, key, json, ttlMs) {
      put(flowId, key, { json, expiresAt: expiry(ttlMs), owner: live(flowId, key)?.owner });
    },
    async setIfAbsent(flowId, key, json, ttlMs, owner) {
      const held = live(flowId, key);
      if (held) return { won: held.owner === owner, current: held.json };
      put(flowId, key, { json, expiresAt: expiry(ttlMs), owner });
      return { won: true, current: json };
    },
    async increment(flowId, key, by, ttlMs) {
      const held = live(flowId, key);
      if (held && !isWholeNumberJson(held.json)) throw notANumber(key, held.json);
      const value = (held ? Number(held.json) : 0) + by;
      if (!Number.isSafeInteger(value)) throw incrementOverflow(key);
      put(flowId, key, {
        json: String(value),
        expiresAt: held ? held.expiresAt : expiry(ttlMs),
        owner: held?.owner,
      });
      return value;
    },
    async delete(flowId, key) {
      const held = live(flowId, key);
      flows.get(flowId)?.delete(key);
      return held !== undefined;
    },
    async close() {
      flows.clear();
    },
    snapshot(flowId) {
      const out: Record<string, unknown> = {};
      for (const key of [...(flows.get(flowId)?.keys() ?? [])].sort()) {
        const held = live(flowId, key);
        if (held) out[key] = JSON.parse(held.json) as unknown;
      }
      return out;
    },
    sweep() {
      const t = now();
      let dropped = 0;
      for (const keys of flows.values()) {
        for (const [key, held] of keys) {
          if (held.expiresAt !== undefined && held.expiresAt <= t) {
            keys.delete(key);
            dropped++;
          }
        }
      }
      return dropped;
    },
  };
  return store;
}
