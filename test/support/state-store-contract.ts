/**
 * What every state store backend must do, the same for each (memory, SQLite, Redis): the
 * backends' test files call `stateStoreContract` with a factory. `advance` moves the store's
 * clock; a backend whose clock cannot be controlled (Redis expires keys by its own) passes
 * none, and its expiry is tested on its own with a real, short TTL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flowStateOf, StateError, type StateStore } from '../../core/state-store.js';

export interface ContractStore {
  store: StateStore;
  /** Moves the store's clock forward; absent when the backend keeps its own time. */
  advance?: (ms: number) => void;
  /** Called after each test (close the store, remove its files). */
  dispose?: () => Promise<void>;
}

export function stateStoreContract(name: string, make: () => Promise<ContractStore>): void {
  describe(`${name} state store: the contract every backend keeps`, () => {
    let made: ContractStore | undefined;
    const open = async () => (made = await make());
    afterEach(async () => {
      await made?.dispose?.();
      made = undefined;
    });

    it('returns nothing for a key never set, and a set value as the same JSON', async () => {
      const { store } = await open();
      expect(await store.get('flow-a', 'task:WT1')).toBeUndefined();
      await store.set('flow-a', 'task:WT1', '{"ticketId":35436,"tags":["flex"]}', undefined);
      expect(await store.get('flow-a', 'task:WT1')).toBe('{"ticketId":35436,"tags":["flex"]}');
      await store.set('flow-a', 'task:WT1', '"replaced"', undefined);
      expect(await store.get('flow-a', 'task:WT1')).toBe('"replaced"');
    });

    it("keeps each flow's keys apart, even under the same key", async () => {
      const { store } = await open();
      await store.set('flow-a', 'k', '1', undefined);
      await store.set('flow-b', 'k', '2', undefined);
      expect(await store.get('flow-a', 'k')).toBe('1');
      expect(await store.get('flow-b', 'k')).toBe('2');
      // A flow id that is another's plus a separator's worth of key is still another flow.
      await store.set('flow', 'a:k', '3', undefined);
      expect(await store.get('flow-a', 'k')).toBe('1');
      expect(await store.delete('flow-b', 'k')).toBe(true);
      expect(await store.get('flow-a', 'k')).toBe('1');
    });

    it('lets the first setIfAbsent win and tells the others what the winner stored', async () => {
      const { store } = await open();
      expect(await store.setIfAbsent('f', 'call:1', '"run-A claims"', undefined, 'run-A')).toEqual({
        won: true,
        current: '"run-A claims"',
      });
      expect(await store.setIfAbsent('f', 'call:1', '"run-B claims"', undefined, 'run-B')).toEqual({
        won: false,
        current: '"run-A claims"',
      });
      expect(await store.get('f', 'call:1')).toBe('"run-A claims"');
    });

    it('reports a win again to the run that set the key (a resumed run re-runs its last node)', async () => {
      const { store } = await open();
      await store.setIfAbsent('f', 'call:1', '"A"', undefined, 'run-A');
      // The winner went on and stored the ticket id under the same key: still its key.
      await store.set('f', 'call:1', '35436', undefined);
      expect(await store.setIfAbsent('f', 'call:1', '"A"', undefined, 'run-A')).toEqual({
        won: true,
        current: '35436',
      });
      expect((await store.setIfAbsent('f', 'call:1', '"B"', undefined, 'run-B')).won).toBe(false);
      // Deleted, the key is free again, for anyone.
      expect(await store.delete('f', 'call:1')).toBe(true);
      expect(await store.setIfAbsent('f', 'call:1', '"B"', undefined, 'run-B')).toEqual({ won: true, current: '"B"' });
    });

    it('lets exactly one of many concurrent setIfAbsent calls win', async () => {
      const { store } = await open();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.setIfAbsent('f', 'race', `"run-${i}"`, undefined, `run-${i}`)),
      );
      const winners = results.filter((r) => r.won);
      expect(winners).toHaveLength(1);
      const stored = await store.get('f', 'race');
      expect(results.every((r) => r.current === stored)).toBe(true);
    });

    it('increments whole numbers from 0, by negative steps too, and refuses anything else', async () => {
      const { store } = await open();
      expect(await store.increment('f', 'count', 1, undefined)).toBe(1);
      expect(await store.increment('f', 'count', 5, undefined)).toBe(6);
      expect(await store.increment('f', 'count', -10, undefined)).toBe(-4);
      expect(await store.get('f', 'count')).toBe('-4');
      await store.set('f', 'text', '"abc"', undefined);
      await store.set('f', 'half', '1.5', undefined);
      for (const key of ['text', 'half']) {
        const err = await store.increment('f', key, 1, undefined).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StateError);
        expect((err as StateError).detail.code).toBe('state.not-a-number');
        expect((err as StateError).message).toContain(`'${key}'`);
      }
      expect(await store.get('f', 'text')).toBe('"abc"');
      await store.set('f', 'big', String(Number.MAX_SAFE_INTEGER), undefined);
      const over = await store.increment('f', 'big', 1, undefined).catch((e: unknown) => e);
      expect((over as StateError).detail?.code).toBe('state.increment-overflow');
      expect(await store.get('f', 'big')).toBe(String(Number.MAX_SAFE_INTEGER));
    });

    it('counts concurrent increments without losing one', async () => {
      const { store } = await open();
      await Promise.all(Array.from({ length: 50 }, () => store.increment('f', 'n', 1, undefined)));
      expect(await store.get('f', 'n')).toBe('50');
    });

    it('says whether delete forgot anything', async () => {
      const { store } = await open();
      expect(await store.delete('f', 'nothing')).toBe(false);
      await store.set('f', 'k', 'true', undefined);
      expect(await store.delete('f', 'k')).toBe(true);
      expect(await store.get('f', 'k')).toBeUndefined();
    });

    it('keeps keys apart whatever characters they hold', async () => {
      const { store } = await open();
      const keys = ['a:b', 'a', 'a:', 'キー:通話', "o'neil", 'x%y', 'with space', '{braces}'];
      for (const [i, key] of keys.entries()) await store.set('f', key, String(i), undefined);
      for (const [i, key] of keys.entries()) expect(await store.get('f', key)).toBe(String(i));
    });

    it('forgets a key when its time is up, for every operation', async (ctx) => {
      const made = await open();
      if (!made.advance) return ctx.skip();
      const { store, advance } = made;
      await store.set('f', 'short', '"x"', 60_000);
      await store.set('f', 'kept', '"y"', undefined);
      advance(59_999);
      expect(await store.get('f', 'short')).toBe('"x"');
      advance(1);
      expect(await store.get('f', 'short')).toBeUndefined();
      expect(await store.get('f', 'kept')).toBe('"y"');

      // An expired claim is free again, for another run.
      await store.setIfAbsent('f', 'claim', '"A"', 1000, 'run-A');
      expect((await store.setIfAbsent('f', 'claim', '"B"', 1000, 'run-B')).won).toBe(false);
      advance(1000);
      expect(await store.setIfAbsent('f', 'claim', '"B"', 1000, 'run-B')).toEqual({ won: true, current: '"B"' });
      expect(await store.delete('f', 'short')).toBe(false);

      // A counter's window: the TTL starts when the increment creates the key, later ones keep it.
      expect(await store.increment('f', 'window', 1, 10_000)).toBe(1);
      advance(6000);
      expect(await store.increment('f', 'window', 1, 10_000)).toBe(2);
      advance(4000);
      expect(await store.get('f', 'window')).toBeUndefined();
      expect(await store.increment('f', 'window', 1, 10_000)).toBe(1);

      // A plain set replaces the expiry with its own (none: kept).
      await store.set('f', 'renewed', '1', 1000);
      await store.set('f', 'renewed', '2', undefined);
      advance(5000);
      expect(await store.get('f', 'renewed')).toBe('2');
    });

    it('checks limits before the backend sees anything, through a flow view', async () => {
      const { store } = await open();
      const state = flowStateOf(store, 'f', 'run-1');
      await expect(state.set('k', 'x'.repeat(70_000))).rejects.toThrow(/'k' is 70,002 bytes/);
      expect(await store.get('f', 'k')).toBeUndefined();
    });
  });
}
