import { describe, expect, it } from 'vitest';
import { createMemoryStateStore } from './memory-store.js';
import { formatMessage } from '../../core/messages/format.js';
import { flowStateOf, STATE_KEY_MAX_CHARS, STATE_VALUE_MAX_BYTES, StateError } from '../../core/state-store.js';

const refusal = async (p: Promise<unknown>): Promise<StateError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StateError);
  return err as StateError;
};

describe('a flow view of the state store', () => {
  it('stores values as JSON and gives them back as values', async () => {
    const state = flowStateOf(createMemoryStateStore(), 'f', 'run-1');
    await state.set('ticket', { id: 35436, tags: ['flex'] });
    expect(await state.get('ticket')).toEqual({ id: 35436, tags: ['flex'] });
    expect(await state.get('other')).toBeUndefined();
    // Set plainly, the key has no owner: even the run that set it does not win a claim on it.
    expect(await state.setIfAbsent('ticket', 1)).toEqual({ won: false, value: { id: 35436, tags: ['flex'] } });
    expect(await flowStateOf(createMemoryStateStore(), 'f', 'run-2').setIfAbsent('x', null)).toEqual({
      won: true,
      value: null,
    });
  });

  it('refuses a value larger than the cap, naming the key and both sizes', async () => {
    const state = flowStateOf(createMemoryStateStore(), 'f', 'run-1');
    const err = await refusal(state.set('task:WT1', { note: 'é'.repeat(STATE_VALUE_MAX_BYTES / 2) }));
    expect(err.detail.code).toBe('state.value-too-large');
    // 'é' is two bytes in UTF-8: the cap is on bytes, not characters.
    expect(err.message).toBe(
      "the value for 'task:WT1' is 65,547 bytes as JSON; a remembered value may be at most 65,536 bytes (remember an id, not a whole payload)",
    );
    expect(formatMessage(err.detail, 'ja')).toContain('「task:WT1」の値は JSON で 65,547 バイト');
    await expect(state.set('task:WT1', 'x'.repeat(STATE_VALUE_MAX_BYTES - 2))).resolves.toBeUndefined();
  });

  it('refuses empty and over-long keys, and values that are not JSON', async () => {
    const state = flowStateOf(createMemoryStateStore(), 'f', 'run-1');
    expect((await refusal(state.get('  '))).detail.code).toBe('state.key-empty');
    const long = 'k'.repeat(STATE_KEY_MAX_CHARS + 1);
    const tooLong = await refusal(state.set(long, 1));
    expect(tooLong.detail.code).toBe('state.key-too-long');
    expect(tooLong.message).toMatch(/^the key 'k{77}…' is 513 characters long; a key may have at most 512$/);
    expect((await refusal(state.set('k', undefined))).detail.code).toBe('state.no-value');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await refusal(state.set('k', cyclic))).message).toMatch(/^the value for 'k' cannot be stored as JSON: /);
    expect((await refusal(state.set('k', 10n))).detail.code).toBe('state.not-json');
  });

  it('refuses a TTL that is not a whole number of milliseconds in range, and fractional increments', async () => {
    const state = flowStateOf(createMemoryStateStore(), 'f', 'run-1');
    for (const ttlMs of [0, -1, 1.5, Number.NaN, 1e15]) {
      expect((await refusal(state.set('k', 1, { ttlMs }))).detail.code).toBe('state.bad-ttl');
    }
    expect((await refusal(state.increment('k', 0.5))).message).toBe(
      "'k' can only be increased by a whole number, not 0.5",
    );
    expect(await state.increment('k', 2, { ttlMs: 1000 })).toBe(2);
  });

  it('keeps one flow out of another flow’s keys on the same store', async () => {
    const store = createMemoryStateStore();
    await flowStateOf(store, 'flow-a', 'run-1').set('shared-name', 'a');
    expect(await flowStateOf(store, 'flow-b', 'run-2').get('shared-name')).toBeUndefined();
    expect(await flowStateOf(store, 'flow-a', 'run-3').get('shared-name')).toBe('a');
  });
});
