import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stateStoreContract } from '../../test/support/state-store-contract.js';
import { raceForKeys } from '../../test/support/state-race.js';
import { createSqliteStateStore, stateDbBeside } from './sqlite-store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-state-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

stateStoreContract('SQLite', async () => {
  let t = 1_700_000_000_000;
  const store = createSqliteStateStore(join(tempDir(), 'state.db'), { now: () => t, sweepEveryMs: 0 });
  return { store, advance: (ms) => void (t += ms), dispose: () => store.close() };
});

describe('SQLite state store', () => {
  it('lets exactly one of several processes win each key, and loses no increment', async () => {
    const path = join(tempDir(), 'race.db');
    // The file exists with its table before the racers open it, as under `flowdesk serve`.
    await createSqliteStateStore(path, { sweepEveryMs: 0 }).close();
    const won = await raceForKeys({ kind: 'sqlite', path }, 4, 150);
    const winners = new Map<string, number>();
    for (const keys of won) for (const key of keys) winners.set(key, (winners.get(key) ?? 0) + 1);
    expect(winners.size).toBe(150);
    expect([...winners.values()].every((n) => n === 1)).toBe(true);
    // Every process won something only if the race was real; the total is what matters.
    const store = createSqliteStateStore(path, { sweepEveryMs: 0 });
    expect(await store.get('race-flow', 'claims')).toBe(String(4 * 150));
    for (const [i, keys] of won.entries()) {
      for (const key of keys.slice(0, 5)) expect(await store.get('race-flow', key)).toBe(JSON.stringify(`run-${i}`));
    }
    await store.close();
  }, 60_000);

  it('keeps keys across reopening the file, and sweeps expired rows', async () => {
    const path = join(tempDir(), 'state.db');
    let t = 0;
    const first = createSqliteStateStore(path, { now: () => t, sweepEveryMs: 0 });
    await first.set('f', 'kept', '1', undefined);
    await first.set('f', 'short', '2', 1000);
    await first.close();
    const again = createSqliteStateStore(path, { now: () => t, sweepEveryMs: 0 });
    expect(await again.get('f', 'kept')).toBe('1');
    t = 1000;
    expect(await again.get('f', 'short')).toBeUndefined();
    expect(again.sweep()).toBe(1);
    expect(again.sweep()).toBe(0);
    await again.close();
  });

  it('lives beside the history database', () => {
    expect(stateDbBeside('/srv/flowdesk.db')).toBe('/srv/flowdesk.state.db');
    expect(stateDbBeside('/srv/history')).toBe('/srv/history.state.db');
    expect(stateDbBeside('/srv.d/history')).toBe('/srv.d/history.state.db');
  });
});
