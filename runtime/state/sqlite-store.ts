/**
 * The state store in a SQLite file (better-sqlite3, WAL), for `flowdesk serve`. Every process
 * that runs flows (the server's worker processes) opens the file itself: a state call is one
 * statement or one short IMMEDIATE transaction in the process that needs it, SQLite serialises
 * writers across processes (with `busy_timeout` for the wait), and nothing goes through the
 * server's own process, which is busy accepting webhooks. The file lives beside the history
 * database rather than in it, so the history writer's batched transactions never hold up a
 * flow's state call, nor the other way round.
 *
 * Expired rows are invisible to every statement (they compare `expires_at` with now) and are
 * deleted by a sweep every few minutes.
 */
import Database from 'better-sqlite3';
import { incrementOverflow, isWholeNumberJson, notANumber, type StateStore } from '../../core/state-store.js';

export interface SqliteStateStoreOptions {
  /** Clock in epoch ms (TTL); `Date.now` when absent. */
  now?: () => number;
  /** How often expired rows are deleted; 5 minutes by default, 0 for never (tests sweep by hand). */
  sweepEveryMs?: number;
}

export interface SqliteStateStore extends StateStore {
  /** Deletes expired rows now; returns how many. */
  sweep(): number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS flow_state (
  flow_id    TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  -- the run that set it with setIfAbsent (a resumed run re-running its claim wins again)
  owner      TEXT,
  -- epoch ms after which the row is gone; NULL: kept until deleted
  expires_at INTEGER,
  PRIMARY KEY (flow_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flow_state_expiry ON flow_state (expires_at) WHERE expires_at IS NOT NULL;
`;

/** The state database beside a history database: `flowdesk.db` → `flowdesk.state.db`. */
export function stateDbBeside(historyDb: string): string {
  const dot = historyDb.lastIndexOf('.');
  const slash = Math.max(historyDb.lastIndexOf('/'), historyDb.lastIndexOf('\\'));
  return dot > slash + 1 ? `${historyDb.slice(0, dot)}.state${historyDb.slice(dot)}` : `${historyDb}.state.db`;
}

export function createSqliteStateStore(file: string, options: SqliteStateStoreOptions = {}): SqliteStateStore {
  const now = options.now ?? Date.now;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Several worker processes write the same file: wait for the lock rather than fail.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const LIVE = '(expires_at IS NULL OR expires_at > @now)';
  const EXPIRED = 'flow_state.expires_at IS NOT NULL AND flow_state.expires_at <= @now';
  const selectLive = db.prepare<
    { flow: string; key: string; now: number },
    { value: string; owner: string | null; expires_at: number | null }
  >(`SELECT value, owner, expires_at FROM flow_state WHERE flow_id = @flow AND key = @key AND ${LIVE}`);
  // A plain write keeps the key's owner, unless the row it replaces had expired.
  const upsert = db.prepare(
    `INSERT INTO flow_state (flow_id, key, value, owner, expires_at) VALUES (@flow, @key, @value, NULL, @expires)
     ON CONFLICT (flow_id, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
       owner = CASE WHEN ${EXPIRED} THEN NULL ELSE flow_state.owner END`,
  );
  // One statement decides who wins: it inserts, or replaces an expired row, or changes nothing.
  // (ON CONFLICT DO NOTHING alone would let an expired row block the key until the sweep.)
  const claim = db.prepare(
    `INSERT INTO flow_state (flow_id, key, value, owner, expires_at) VALUES (@flow, @key, @value, @owner, @expires)
     ON CONFLICT (flow_id, key) DO UPDATE SET value = excluded.value, owner = excluded.owner,
       expires_at = excluded.expires_at WHERE ${EXPIRED}`,
  );
  const update = db.prepare(`UPDATE flow_state SET value = @value WHERE flow_id = @flow AND key = @key`);
  const remove = db.prepare<{ flow: string; key: string }, { expires_at: number | null }>(
    `DELETE FROM flow_state WHERE flow_id = @flow AND key = @key RETURNING expires_at`,
  );
  const sweepRows = db.prepare(`DELETE FROM flow_state WHERE expires_at IS NOT NULL AND expires_at <= @now`);

  const expiresAt = (ttlMs: number | undefined) => (ttlMs === undefined ? null : now() + ttlMs);

  // IMMEDIATE: the write lock is taken at BEGIN, so two processes never both read and then
  // both try to upgrade (which would make one fail with SQLITE_BUSY at once).
  const claimTx = db.transaction((flow: string, key: string, value: string, owner: string, expires: number | null) => {
    const t = now();
    const { changes } = claim.run({ flow, key, value, owner, expires, now: t });
    if (changes === 1) return { won: true, current: value };
    const held = selectLive.get({ flow, key, now: t });
    return { won: held?.owner === owner, current: held?.value };
  });
  const incrementTx = db.transaction((flow: string, key: string, by: number, ttlMs: number | undefined) => {
    const t = now();
    const held = selectLive.get({ flow, key, now: t });
    if (held && !isWholeNumberJson(held.value)) throw notANumber(key, held.value);
    const value = (held ? Number(held.value) : 0) + by;
    if (!Number.isSafeInteger(value)) throw incrementOverflow(key);
    if (held) update.run({ flow, key, value: String(value) });
    else upsert.run({ flow, key, value: String(value), expires: ttlMs === undefined ? null : t + ttlMs, now: t });
    return value;
  });

  const sweep = () => sweepRows.run({ now: now() }).changes;
  const every = options.sweepEveryMs ?? 5 * 60_000;
  const timer = every > 0 ? setInterval(sweep, every) : undefined;
  timer?.unref();

  return {
    async get(flow, key) {
      return selectLive.get({ flow, key, now: now() })?.value;
    },
    async set(flow, key, value, ttlMs) {
      upsert.run({ flow, key, value, expires: expiresAt(ttlMs), now: now() });
    },
    async setIfAbsent(flow, key, value, ttlMs, owner) {
      return claimTx.immediate(flow, key, value, owner, expiresAt(ttlMs));
    },
    async increment(flow, key, by, ttlMs) {
      return incrementTx.immediate(flow, key, by, ttlMs);
    },
    async delete(flow, key) {
      const row = remove.get({ flow, key });
      return row !== undefined && (row.expires_at === null || row.expires_at > now());
    },
    async close() {
      if (timer) clearInterval(timer);
      if (db.open) db.close();
    },
    sweep,
  };
}
