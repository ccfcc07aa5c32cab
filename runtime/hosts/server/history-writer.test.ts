import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_STATE_VERSION, type RunState } from '../../../core/run-state.js';
import { HistoryStore } from './history.js';
import { HistoryWriter } from './history-writer.js';

const state = (id: string, done: string[]): RunState => ({
  version: RUN_STATE_VERSION,
  runId: id,
  flowId: 'f',
  startedAt: '2026-01-01T00:00:00.000Z',
  elapsedMs: 1,
  scope: { trigger: { body: {}, headers: {}, query: {} }, steps: {}, vars: {} },
  done,
  pending: [],
  steps: [],
});

describe('history writer (group commit)', () => {
  let dir: string;
  let file: string;
  let store: HistoryStore;
  let batches: { accepts: number; starts: number; states: number; finishes: number }[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-writer-'));
    file = join(dir, 'h.db');
    store = new HistoryStore(file);
    batches = [];
    const write = store.writeBatch.bind(store);
    store.writeBatch = (batch) => {
      batches.push({
        accepts: batch.accepts.length,
        starts: batch.starts.length,
        states: batch.states.length,
        finishes: batch.finishes.size,
      });
      write(batch);
    };
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const accept = (writer: HistoryWriter, id: string) =>
    writer.accept({ id, flowId: 'f', flowVersion: 1, trigger: { body: { id }, headers: {}, query: {} } });

  it('commits the deliveries of one turn in one transaction, and each is on disk when its promise resolves', async () => {
    const writer = new HistoryWriter(store, (e) => {
      throw e;
    });
    const ids = ['a', 'b', 'c', 'd'];
    await Promise.all(ids.map((id) => accept(writer, id)));
    expect(batches).toEqual([{ accepts: 4, starts: 0, states: 0, finishes: 0 }]);
    // Another connection (as another process would) sees them committed.
    const other = new Database(file, { readonly: true });
    expect(
      (other.prepare('SELECT id FROM executions ORDER BY seq').all() as { id: string }[]).map((r) => r.id),
    ).toEqual(ids);
    other.close();
  });

  it('writes starts, the latest run state and outcomes of many executions in one later commit', async () => {
    const writer = new HistoryWriter(store, (e) => {
      throw e;
    });
    await Promise.all(['a', 'b'].map((id) => accept(writer, id)));
    writer.start('a');
    writer.start('b');
    writer.runState('a', state('a', ['t']));
    writer.runState('a', state('a', ['t', 'n1']));
    writer.runState('b', state('b', ['t']));
    writer.finish('b', { status: 'failed', error: { message: 'boom' }, runState: state('b', ['t']) });
    expect(writer.heldState('a')!.done).toEqual(['t', 'n1']);
    expect(batches).toHaveLength(1); // nothing of that written yet: it is off the request path
    writer.flush();
    expect(batches[1]).toEqual({ accepts: 0, starts: 2, states: 1, finishes: 1 });
    expect(store.get('a')).toMatchObject({ status: 'running', attempts: 1 });
    expect(store.runState('a')!.done).toEqual(['t', 'n1']);
    expect(store.get('b')).toMatchObject({ status: 'failed', attempts: 1, error: { message: 'boom' } });
    expect(store.runState('b')!.done).toEqual(['t']);
  });

  it('refuses a delivery it could not commit, so the caller does not get a 202 for it', async () => {
    const writer = new HistoryWriter(store, () => {});
    await accept(writer, 'same');
    await expect(accept(writer, 'same')).rejects.toThrow(/UNIQUE/);
  });
});
