/**
 * A process racing others for the same state keys (the SQLite and Redis stores' race tests):
 * opens the store the parent names, waits for "go", claims every key with setIfAbsent as its
 * own run, and reports the keys it won and the increments it made.
 */
import type { StateStore } from '../../core/state-store.js';
import { openStateStore, type StateStoreAddress } from '../../runtime/state/open-store.js';

interface Orders {
  address: StateStoreAddress;
  runId: string;
  keys: number;
}

const orders = await new Promise<Orders>((resolve) => process.once('message', (m) => resolve(m as Orders)));
const store: StateStore = await openStateStore(orders.address);
process.send!({ ready: true });
await new Promise<void>((resolve) => process.once('message', () => resolve()));
const won: string[] = [];
// Claims in flight together, as a worker's many concurrent runs would have them.
await Promise.all(
  Array.from({ length: orders.keys }, async (_, i) => {
    const key = `call:${i}`;
    const { won: first } = await store.setIfAbsent(
      'race-flow',
      key,
      JSON.stringify(orders.runId),
      undefined,
      orders.runId,
    );
    if (first) won.push(key);
    await store.increment('race-flow', 'claims', 1, undefined);
  }),
);
await store.close();
process.send!({ won });
process.disconnect();
