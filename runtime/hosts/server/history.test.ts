import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunState } from '../../../core/run-state.js';
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

describe('history: waiting executions', () => {
  let dir: string;
  let store: HistoryStore;
  const state = (id: string): RunState => ({
    version: 1,
    runId: id,
    flowId: 'a',
    startedAt: '2026-12-07T14:00:00.000Z',
    elapsedMs: 5,
    scope: { trigger: { body: {}, headers: {}, query: {} }, steps: {}, vars: {} },
    done: ['t', 'w'],
    pending: ['next'],
    steps: [],
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-history-waits-'));
    store = new HistoryStore(join(dir, 'h.db'));
    for (const [id, wakeAt] of [
      ['soon', '2026-12-07T14:10:00.000Z'],
      ['later', '2026-12-07T15:00:00.000Z'],
    ] as const) {
      store.accept({ id, flowId: 'a', flowVersion: 1, trigger: { body: {}, headers: {}, query: {} } });
      store.finish(id, { status: 'waiting', wakeAt, runState: state(id) });
    }
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a waiting execution unfinished, with its wake time and state, out of reach of erasing', () => {
    expect(store.get('soon')).toMatchObject({
      status: 'waiting',
      wakeAt: '2026-12-07T14:10:00.000Z',
      finishedAt: null,
    });
    expect(store.runState('soon')!.pending).toEqual(['next']);
    expect(store.erase({ flow: 'a' })).toBe(0);
    // Not picked up as left unfinished by a crash: the wait scheduler resumes it when due.
    expect(store.unfinished()).toEqual([]);
  });

  it('hands out a wait only once it is due, and only once', () => {
    expect(store.claimDueWaits('2026-12-07T14:09:59.999Z')).toEqual([]);
    const due = store.claimDueWaits('2026-12-07T14:10:00.000Z');
    expect(due.map((d) => [d.record.id, d.record.status, d.state?.pending])).toEqual([['soon', 'queued', ['next']]]);
    expect(store.claimDueWaits('2026-12-07T14:30:00.000Z')).toEqual([]);
    expect(store.get('soon')!.wakeAt).toBeUndefined();
  });

  it('cancels a waiting execution so it is never handed out; a claimed one cannot be cancelled', () => {
    const error = { message: 'the run was cancelled', code: 'cancelled' };
    expect(store.cancelWaiting('later', error, null)).toBe(true);
    expect(store.get('later')).toMatchObject({ status: 'cancelled', error });
    expect(store.claimDueWaits('2026-12-08T00:00:00.000Z').map((d) => d.record.id)).toEqual(['soon']);
    expect(store.cancelWaiting('soon', error, null)).toBe(false);
  });
});

describe('history: checkpoints in a thread of their own', () => {
  it("copies the log into the database file without the writer's commits doing it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-history-'));
    const file = join(dir, 'h.db');
    const store = new HistoryStore(file, { backgroundCheckpoints: true });
    try {
      const body = { text: 'x'.repeat(5000) };
      // About 400 pages: under the 1,000 at which the writer would checkpoint by default, so
      // only the thread can have put them in the database file.
      for (let i = 0; i < 200; i++) {
        store.accept({ id: `e${i}`, flowId: 'f', flowVersion: 1, trigger: { body, headers: {}, query: {} } });
      }
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(200 * 5000), {
        timeout: 20_000,
        interval: 50,
      });
      expect(store.get('e199')?.trigger.body).toEqual(body);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the log to the writer without the option (the control for the test above)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-history-'));
    const file = join(dir, 'h.db');
    const store = new HistoryStore(file);
    try {
      const body = { text: 'x'.repeat(5000) };
      for (let i = 0; i < 200; i++) {
        store.accept({ id: `e${i}`, flowId: 'f', flowVersion: 1, trigger: { body, headers: {}, query: {} } });
      }
      expect(statSync(file).size).toBeLessThan(200 * 5000);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(200 * 5000);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
