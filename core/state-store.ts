/**
 * The state store: a key-value store that survives between runs of one flow ("Remember" /
 * "Recall"), so the run that handles a call's end can find the case the run for its start
 * opened. Values are JSON; keys may expire (TTL); `setIfAbsent` is atomic, so two events racing
 * for the same call let exactly one run win.
 *
 * Two layers:
 * - a `StateStore` is a backend holding every flow's keys as JSON text (in memory for `flowdesk
 *   run`, tests and the test bench; SQLite under `flowdesk serve`; Redis in queue mode);
 * - a `FlowState` is what a node sees (`ctx.state`): one flow's keys, with the limits below
 *   checked the same way whatever the backend. The engine makes one per run with
 *   `flowStateOf`, naming the flow, so one flow never reads another's keys.
 */
import { message } from './messages/make.js';
import type { Message } from './messages/message.js';

/** Longest key, in characters, after its template is rendered. */
export const STATE_KEY_MAX_CHARS = 512;
/** Largest value, as UTF-8 JSON. A state store holds ids and small records, not payloads. */
export const STATE_VALUE_MAX_BYTES = 64 * 1024;
/** Longest time to live: ten years, so expiry times stay ordinary numbers in every backend. */
export const STATE_TTL_MAX_MS = 10 * 366 * 24 * 3600 * 1000;

export interface StateWriteOptions {
  /** Milliseconds until the key is forgotten; absent: kept until deleted. */
  ttlMs?: number;
}

/** What `setIfAbsent` did. */
export interface SetIfAbsentResult {
  /**
   * True when this run set the key: it was absent (or expired), or this same run had set it
   * already (a run resumed after a crash re-runs its last node and must not lose to itself).
   */
  won: boolean;
  /** What the key holds now: this run's value when it won, else the winner's (undefined if it expired meanwhile). */
  value: unknown;
}

/** One flow's keys, as a node sees them through `ctx.state`. Every method may throw `StateError`. */
export interface FlowState {
  /** The value under `key`, or undefined when there is none (never set, deleted or expired). */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, options?: StateWriteOptions): Promise<void>;
  /** Sets `key` only when it holds nothing, atomically across every process sharing the store. */
  setIfAbsent(key: string, value: unknown, options?: StateWriteOptions): Promise<SetIfAbsentResult>;
  /**
   * Adds `by` (a whole number, may be negative) to the whole number under `key`, starting from 0
   * when there is none, and returns the new value. The TTL applies when this call creates the
   * key; an existing key keeps its expiry (a counter per time window).
   */
  increment(key: string, by: number, options?: StateWriteOptions): Promise<number>;
  /** Forgets `key`; true when there was a value. */
  delete(key: string): Promise<boolean>;
}

/**
 * A backend: every flow's keys, values as JSON text. Implementations make `setIfAbsent` and
 * `increment` atomic against every other process using the same store, treat an expired key as
 * absent everywhere, and never see a value the limits refuse (`flowStateOf` checks them first).
 */
export interface StateStore {
  get(flowId: string, key: string): Promise<string | undefined>;
  /** Keeps the key's owner (see `setIfAbsent`). */
  set(flowId: string, key: string, json: string, ttlMs: number | undefined): Promise<void>;
  /**
   * Sets the key to `json` when absent or expired, recording `owner` (the run id); reports
   * `won` then, or when the key's recorded owner is `owner`. `current` is the stored JSON
   * after the call.
   */
  setIfAbsent(
    flowId: string,
    key: string,
    json: string,
    ttlMs: number | undefined,
    owner: string,
  ): Promise<{ won: boolean; current: string | undefined }>;
  /** Throws `StateError` with code `state.not-a-number` when the key holds anything but a whole number. */
  increment(flowId: string, key: string, by: number, ttlMs: number | undefined): Promise<number>;
  delete(flowId: string, key: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A state operation refused or failed, worded as a message (core/messages `state.*`), naming the
 * key. Nodes turn it into a `NodeError` (their error port, or the run fails naming the node).
 */
export class StateError extends Error {
  constructor(readonly detail: Message & { message: string }) {
    super(detail.message);
    this.name = 'StateError';
  }
}

/** UTF-8 length of a string, without Node's Buffer or the DOM's TextEncoder (core uses neither). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** How a key is shown in messages: the whole key, or its start when it is very long. */
function shownKey(key: string): string {
  return key.length > 80 ? `${key.slice(0, 77)}…` : key;
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.trim() === '') throw new StateError(message('state.key-empty', {}));
  if (key.length > STATE_KEY_MAX_CHARS) {
    throw new StateError(
      message('state.key-too-long', { key: shownKey(key), length: key.length, max: STATE_KEY_MAX_CHARS }),
    );
  }
  return key;
}

function checkTtl(key: string, options: StateWriteOptions | undefined): number | undefined {
  const ttl = options?.ttlMs;
  if (ttl === undefined) return undefined;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > STATE_TTL_MAX_MS) {
    throw new StateError(message('state.bad-ttl', { key: shownKey(key), ttl: String(ttl), maxDays: 3660 }));
  }
  return ttl;
}

function toJson(key: string, value: unknown): string {
  if (value === undefined) throw new StateError(message('state.no-value', { key: shownKey(key) }));
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw new StateError(
      message('state.not-json', { key: shownKey(key), error: err instanceof Error ? err.message : String(err) }),
    );
  }
  if (json === undefined) throw new StateError(message('state.no-value', { key: shownKey(key) }));
  const bytes = utf8Bytes(json);
  if (bytes > STATE_VALUE_MAX_BYTES) {
    throw new StateError(message('state.value-too-large', { key: shownKey(key), bytes, max: STATE_VALUE_MAX_BYTES }));
  }
  return json;
}

function fromJson(json: string | undefined): unknown {
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

/**
 * One flow's view of a store for one run. `owner` is the run id: `setIfAbsent` reports a win
 * again to the run that set the key, so a run resumed after a crash does not lose to itself.
 */
export function flowStateOf(store: StateStore, flowId: string, owner: string): FlowState {
  return {
    async get(key) {
      return fromJson(await store.get(flowId, checkKey(key)));
    },
    async set(key, value, options) {
      checkKey(key);
      const ttl = checkTtl(key, options);
      await store.set(flowId, key, toJson(key, value), ttl);
    },
    async setIfAbsent(key, value, options) {
      checkKey(key);
      const ttl = checkTtl(key, options);
      const { won, current } = await store.setIfAbsent(flowId, key, toJson(key, value), ttl, owner);
      return { won, value: fromJson(current) };
    },
    async increment(key, by, options) {
      checkKey(key);
      if (!Number.isSafeInteger(by)) {
        throw new StateError(message('state.bad-increment', { key: shownKey(key), by: String(by) }));
      }
      return store.increment(flowId, key, by, checkTtl(key, options));
    },
    async delete(key) {
      return store.delete(flowId, checkKey(key));
    },
  };
}

/** The error a backend throws when an increment meets a value that is not a whole number. */
export function notANumber(key: string, json: string): StateError {
  const shown = json.length > 40 ? `${json.slice(0, 37)}…` : json;
  return new StateError(message('state.not-a-number', { key: shownKey(key), value: shown }));
}

/** True when `json` is a whole number a backend may add to (JSON text of a safe integer). */
export function isWholeNumberJson(json: string): boolean {
  if (!/^-?\d{1,16}$/.test(json)) return false;
  return Number.isSafeInteger(Number(json));
}

/** The error a backend throws when an increment would leave the safe integer range. */
export function incrementOverflow(key: string): StateError {
  return new StateError(message('state.increment-overflow', { key: shownKey(key) }));
}
