import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from './history.js';

describe('history: listing and erasing by filter', () => {
  let dir: string;
  let store: HistoryStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-history-'));
    store = new HistoryStore(join(dir, 'h.db'));
    const add = (id: string, flowId: string, receivedAt: string, status?: 'success' | 'failed') => {
      store.accept({ id, flowId, flowVersion: 1, trigger: { body: {}, headers: {}, query: {} }, receivedAt });
      if (status) store.finish(id, { status });
    };
    add('a1', 'a', '2026-01-01T00:00:00Z', 'success');
    add('a2', 'a', '2026-01-02T00:00:00Z', 'failed');
    add('a3', 'a', '2026-01-03T00:00:00Z'); // still queued
    add('b1', 'b', '2026-01-02T12:00:00Z', 'success');
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = (list: { id: string }[]) => list.map((e) => e.id);

  it('lists newest first by flow, status and time, with a limit', () => {
    expect(ids(store.list())).toEqual(['b1', 'a3', 'a2', 'a1']);
    expect(ids(store.list({ flow: 'a' }))).toEqual(['a3', 'a2', 'a1']);
    expect(ids(store.list({ flow: 'a', status: 'failed' }))).toEqual(['a2']);
    expect(ids(store.list({ since: '2026-01-02T00:00:00Z', until: '2026-01-03T00:00:00Z' }))).toEqual(['b1', 'a2']);
    expect(ids(store.list({ limit: 1 }))).toEqual(['b1']);
  });

  it('erases only finished executions, by flow and/or before a time', () => {
    expect(store.erase({ flow: 'a', before: '2026-01-02T00:00:00Z' })).toBe(1);
    expect(ids(store.list())).toEqual(['b1', 'a3', 'a2']);
    expect(store.erase({ flow: 'a' })).toBe(1);
    // The queued delivery is never erased: it has not run yet.
    expect(ids(store.list())).toEqual(['b1', 'a3']);
    expect(store.erase({})).toBe(1);
    expect(ids(store.list())).toEqual(['a3']);
  });
});
