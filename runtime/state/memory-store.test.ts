import { describe, expect, it } from 'vitest';
import { stateStoreContract } from '../../test/support/state-store-contract.js';
import { createMemoryStateStore } from './memory-store.js';

stateStoreContract('memory', async () => {
  let t = 1_700_000_000_000;
  return { store: createMemoryStateStore({ now: () => t }), advance: (ms) => void (t += ms) };
});

describe('memory state store', () => {
  it("shows one flow's live keys as values, for a test case's expectations", async () => {
    let t = 0;
    const store = createMemoryStateStore({ now: () => t });
    await store.set('f', 'b', '{"id":2}', undefined);
    await store.set('f', 'a', '1', 100);
    await store.set('other', 'c', '3', undefined);
    expect(store.snapshot('f')).toEqual({ a: 1, b: { id: 2 } });
    t = 100;
    expect(store.snapshot('f')).toEqual({ b: { id: 2 } });
  });

  it('drops expired keys in a sweep', async () => {
    let t = 0;
    const store = createMemoryStateStore({ now: () => t });
    await store.set('f', 'a', '1', 10);
    await store.set('f', 'b', '1', undefined);
    t = 10;
    expect(store.sweep()).toBe(1);
    expect(store.sweep()).toBe(0);
  });
});
