/**
 * The server's durable state in one SQLite file (better-sqlite3, WAL): every accepted delivery
 * and what became of it (status, trace, duration, flow version), the deployed flow versions and
 * the audit trail of deploys.
 *
 * Durability contract: a delivery is committed before the webhook answers 202 (HistoryWriter
 * groups the deliveries of one event-loop turn into one commit), so an accepted event survives
 * any crash after that point. Starts, run states and outcomes are committed in batches off the
 * request path. WAL with `synchronous = NORMAL` keeps each commit to one append to the log file
 * (durable against a process crash; a power cut can lose the last commits, documented).
 */
import Database from 'better-sqlite3';
import { runStateProblem, type RunState } from '../../../core/run-state.js';
import type { MessageParams } from '../../../core/messages/message.js';
import type { RunTrace } from '../../../core/trace.js';
import { jsonText } from '../../engine/flow-workers/json-text.js';
import { startWalCheckpointer, WRITER_CHECKPOINT_PAGES, type WalCheckpointer } from './wal-checkpointer.js';

export type ExecutionStatus =
  'queued' | 'running' | 'waiting' | 'success' | 'failed' | 'cancelled' | 'timeout' | 'interrupted';

export interface ExecutionSummary {
  id: string;
  flowId: string;
  flowVersion: number;
  status: ExecutionStatus;
  receivedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  attempts: number;
  /** `code` + `params` word it in other languages (`runErrorMessage`); `message` is English. */
  error?: { message: string; nodeId?: string; nodeName?: string; code?: string; params?: MessageParams };
  /** A `waiting` execution: when it goes on (ISO-8601). */
  wakeAt?: string;
}

export interface ExecutionRecord extends ExecutionSummary {
  trigger: StoredTrigger;
  orderingKey: string | null;
  trace: RunTrace | null;
  /** Set on a re-run: the execution it repeats. */
  rerunOf: string | null;
}

export interface StoredTrigger {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, string>;
}

export interface AcceptInput {
  id: string;
  flowId: string;
  flowVersion: number;
  trigger: StoredTrigger;
  orderingKey?: string;
  rerunOf?: string;
  receivedAt?: string;
  /** Where the run starts (a re-run from the failed step), kept with the delivery. */
  runState?: RunState;
}

/**
 * What became of an execution. `runState` is the run's last saved state, kept only where a
 * re-run from the failed step needs it; a finished execution otherwise holds none (the state is
 * unredacted run data, and a finished run has no use for it). A `waiting` outcome is no end:
 * the execution keeps its state and trace so far and goes on at `wakeAt`.
 */
export interface Outcome {
  status: ExecutionStatus;
  trace?: RunTrace;
  error?: ExecutionSummary['error'];
  runState?: RunState;
  /** With status `waiting`: when the run goes on (ISO-8601). */
  wakeAt?: string;
}

export interface FlowVersionRecord {
  flowId: string;
  version: number;
  source: string;
  deployedAt: string;
  deployedBy: string;
  /** Where the version came from: `file:<path>` or `api`. */
  origin: string;
}

export interface ExecutionFilter {
  flow?: string;
  status?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export interface Retention {
  /** Finished executions older than this are deleted. */
  maxAgeMs?: number;
  /** Only the newest this many finished executions are kept per flow. */
  maxPerFlow?: number;
}

interface ExecutionRow {
  id: string;
  flow_id: string;
  flow_version: number;
  status: ExecutionStatus;
  received_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  attempts: number;
  error: string | null;
  trigger: string;
  ordering_key: string | null;
  trace: string | null;
  rerun_of: string | null;
  run_state: string | null;
  wake_at: string | null;
  seq: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  flow_id TEXT NOT NULL,
  flow_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  received_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  duration_ms REAL,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  trigger TEXT NOT NULL,
  ordering_key TEXT,
  trace TEXT,
  rerun_of TEXT,
  run_state TEXT
);
CREATE INDEX IF NOT EXISTS executions_flow ON executions(flow_id, received_at);
CREATE INDEX IF NOT EXISTS executions_status ON executions(status);
CREATE INDEX IF NOT EXISTS executions_received ON executions(received_at);
CREATE TABLE IF NOT EXISTS flow_versions (
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  deployed_at TEXT NOT NULL,
  deployed_by TEXT NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (flow_id, version)
);
CREATE TABLE IF NOT EXISTS flow_state (
  flow_id TEXT PRIMARY KEY,
  active_version INTEGER,
  removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS schedule_ticks (
  flow_id TEXT PRIMARY KEY,
  last_tick INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  flow_id TEXT,
  version INTEGER,
  detail TEXT
);
`;

const FINISHED = `status NOT IN ('queued', 'running', 'waiting', 'interrupted')`;

/** The WHERE clause (and its named parameters) of a filter over executions, after `base` conditions. */
function whereOf(
  filter: Pick<ExecutionFilter, 'flow' | 'status' | 'since' | 'until'>,
  base: string[] = [],
): { where: string; params: Record<string, string> } {
  const conditions = [...base];
  const params: Record<string, string> = {};
  const add = (key: keyof typeof filter, condition: string) => {
    const value = filter[key];
    if (!value) return;
    conditions.push(condition);
    params[key] = value;
  };
  add('flow', 'flow_id = @flow');
  add('status', 'status = @status');
  add('since', 'received_at >= @since');
  add('until', 'received_at < @until');
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function summary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    status: row.status,
    receivedAt: row.received_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    attempts: row.attempts,
    ...(row.error ? { error: JSON.parse(row.error) as ExecutionSummary['error'] } : {}),
    ...(row.wake_at ? { wakeAt: row.wake_at } : {}),
  };
}

export interface HistoryOptions {
  /**
   * Checkpoint the write-ahead log from a thread of its own (wal-checkpointer.ts), so commits on
   * this connection do not stop to copy it; for servers (tests and tools leave it off).
   */
  backgroundCheckpoints?: boolean;
}

export class HistoryStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(file: string, options: HistoryOptions = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    if (options.backgroundCheckpoints && file !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
      this.checkpointer = startWalCheckpointer(file);
    }
    // Files written before run states were kept get the column (NULL: resume from the start).
    const columns = this.db.pragma('table_info(executions)') as { name: string }[];
    if (!columns.some((c) => c.name === 'run_state')) this.db.exec('ALTER TABLE executions ADD COLUMN run_state TEXT');
    // Files written before durable waits get the column; the scheduler reads due waits by it.
    if (!columns.some((c) => c.name === 'wake_at')) this.db.exec('ALTER TABLE executions ADD COLUMN wake_at TEXT');
    this.db.exec(`CREATE INDEX IF NOT EXISTS executions_waiting ON executions(wake_at) WHERE status = 'waiting'`);
    this.stmts = {
      accept: this.db.prepare(
        `INSERT INTO executions (id, flow_id, flow_version, status, received_at, trigger, ordering_key, rerun_of, run_state)
         VALUES (@id, @flowId, @flowVersion, 'queued', @receivedAt, @trigger, @orderingKey, @rerunOf, @runState)`,
      ),
      start: this.db.prepare(
        `UPDATE executions SET status = 'running', wake_at = NULL, started_at = COALESCE(started_at, @startedAt), attempts = attempts + 1 WHERE id = @id`,
      ),
      finish: this.db.prepare(
        `UPDATE executions SET status = @status, finished_at = @finishedAt, duration_ms = @durationMs, error = @error, trace = @trace, run_state = @runState WHERE id = @id`,
      ),
      // A wait: no end (no finished_at), the state to go on from, the trace so far, and a fresh
      // count of attempts (a worker death after the wait is the stretch's first).
      suspend: this.db.prepare(
        `UPDATE executions SET status = 'waiting', wake_at = @wakeAt, duration_ms = @durationMs, trace = @trace,
           run_state = @runState, attempts = 0 WHERE id = @id AND finished_at IS NULL`,
      ),
      dueWaits: this.db.prepare(
        `SELECT id FROM executions WHERE status = 'waiting' AND wake_at <= ? ORDER BY wake_at LIMIT ?`,
      ),
      claimWait: this.db.prepare(
        `UPDATE executions SET status = 'queued', wake_at = NULL WHERE id = ? AND status = 'waiting'`,
      ),
      cancelWait: this.db.prepare(
        `UPDATE executions SET status = 'cancelled', wake_at = NULL, finished_at = @finishedAt, error = @error, trace = @trace
         WHERE id = @id AND status = 'waiting'`,
      ),
      saveRunState: this.db.prepare(`UPDATE executions SET run_state = ? WHERE id = ? AND status = 'running'`),
      runState: this.db.prepare(`SELECT run_state FROM executions WHERE id = ?`),
      setStatus: this.db.prepare(`UPDATE executions SET status = @status WHERE id = @id`),
      interrupt: this.db.prepare(
        `UPDATE executions SET status = 'interrupted', attempts = MAX(attempts - 1, 0) WHERE id = ? AND status = 'running'`,
      ),
      get: this.db.prepare(`SELECT * FROM executions WHERE id = ?`),
      unfinished: this.db.prepare(
        `SELECT * FROM executions WHERE status IN ('queued', 'running', 'interrupted') ORDER BY seq`,
      ),
      addVersion: this.db.prepare(
        `INSERT INTO flow_versions (flow_id, version, source, deployed_at, deployed_by, origin)
         VALUES (@flowId, @version, @source, @deployedAt, @deployedBy, @origin)`,
      ),
      lastVersion: this.db.prepare(`SELECT * FROM flow_versions WHERE flow_id = ? ORDER BY version DESC LIMIT 1`),
      version: this.db.prepare(`SELECT * FROM flow_versions WHERE flow_id = ? AND version = ?`),
      versions: this.db.prepare(
        `SELECT flow_id, version, deployed_at, deployed_by, origin FROM flow_versions WHERE flow_id = ? ORDER BY version`,
      ),
      setActive: this.db.prepare(
        `INSERT INTO flow_state (flow_id, active_version, removed) VALUES (?, ?, 0)
         ON CONFLICT(flow_id) DO UPDATE SET active_version = excluded.active_version, removed = 0`,
      ),
      setRemoved: this.db.prepare(
        `INSERT INTO flow_state (flow_id, active_version, removed) VALUES (?, NULL, 1)
         ON CONFLICT(flow_id) DO UPDATE SET active_version = NULL, removed = 1`,
      ),
      activeFlows: this.db.prepare(
        `SELECT v.* FROM flow_state s JOIN flow_versions v ON v.flow_id = s.flow_id AND v.version = s.active_version
         WHERE s.removed = 0`,
      ),
      state: this.db.prepare(`SELECT * FROM flow_state WHERE flow_id = ?`),
      audit: this.db.prepare(
        `INSERT INTO audit (at, actor, action, flow_id, version, detail) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** The last tick (ms since the epoch) a scheduled flow fired for, on this database. */
  lastScheduledTick(flowId: string): number | undefined {
    const row = this.db.prepare(`SELECT last_tick FROM schedule_ticks WHERE flow_id = ?`).get(flowId) as
      { last_tick: number } | undefined;
    return row?.last_tick;
  }

  /**
   * Records that a scheduled flow fires for `tick`; false when it fired for this tick or a later
   * one already (a reload's or a second process's try), so a tick fires once.
   */
  claimScheduledTick(flowId: string, tick: number): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO schedule_ticks (flow_id, last_tick) VALUES (?, ?)
         ON CONFLICT(flow_id) DO UPDATE SET last_tick = excluded.last_tick WHERE last_tick < excluded.last_tick`,
      )
      .run(flowId, tick);
    return result.changes === 1;
  }

  /**
   * Commits deliveries, starts, run states and outcomes in one transaction, in that order (a
   * delivery accepted and finished within one batch ends up finished). HistoryWriter groups them.
   */
  writeBatch(batch: {
    accepts: readonly AcceptInput[];
    starts: readonly string[];
    states: readonly (readonly [id: string, state: RunState])[];
    finishes: ReadonlyMap<string, Outcome>;
  }): void {
    this.db.transaction(() => {
      const now = new Date().toISOString();
      for (const input of batch.accepts) {
        this.stmts.accept.run({
          id: input.id,
          flowId: input.flowId,
          flowVersion: input.flowVersion,
          receivedAt: input.receivedAt ?? now,
          trigger: JSON.stringify(input.trigger),
          orderingKey: input.orderingKey ?? null,
          rerunOf: input.rerunOf ?? null,
          runState: input.runState ? JSON.stringify(input.runState) : null,
        });
      }
      for (const id of batch.starts) this.stmts.start.run({ id, startedAt: now });
      for (const [id, state] of batch.states) this.stmts.saveRunState.run(JSON.stringify(state), id);
      for (const [id, outcome] of batch.finishes) {
        const trace = outcome.trace;
        if (outcome.status === 'waiting') {
          this.stmts.suspend.run({
            id,
            wakeAt: outcome.wakeAt ?? now,
            durationMs: trace?.durationMs ?? null,
            trace: trace ? jsonText(trace) : null,
            runState: outcome.runState ? JSON.stringify(outcome.runState) : null,
          });
          continue;
        }
        const error = outcome.error ?? trace?.error;
        this.stmts.finish.run({
          id,
          status: outcome.status,
          finishedAt: now,
          durationMs: trace?.durationMs ?? null,
          error: error ? JSON.stringify(error) : null,
          trace: trace ? jsonText(trace) : null,
          runState: outcome.runState ? JSON.stringify(outcome.runState) : null,
        });
      }
    })();
  }

  /** One delivery, committed now (tests and tools; the server goes through HistoryWriter). */
  accept(input: AcceptInput): void {
    this.writeBatch({ accepts: [input], starts: [], states: [], finishes: new Map() });
  }

  /** One outcome, committed now (tests and tools; the server goes through HistoryWriter). */
  finish(id: string, outcome: Outcome): void {
    this.writeBatch({ accepts: [], starts: [], states: [], finishes: new Map([[id, outcome]]) });
  }

  /** The execution's last saved run state, if it has a usable one. */
  runState(id: string): RunState | undefined {
    const row = this.stmts.runState.get(id) as { run_state: string | null } | undefined;
    if (!row?.run_state) return undefined;
    const state = JSON.parse(row.run_state) as unknown;
    return runStateProblem(state) === undefined ? (state as RunState) : undefined;
  }

  /**
   * Takes the waiting executions due at `now` (ISO-8601), oldest wake time first: each is moved
   * to `queued` in the same transaction that reads it, so two schedulers on one database (or a
   * cancel) never both get it. Returns them with their saved states.
   */
  claimDueWaits(now: string, limit = 100): { record: ExecutionRecord; state: RunState | undefined }[] {
    return this.db.transaction(() => {
      const ids = (this.stmts.dueWaits.all(now, limit) as { id: string }[]).map((r) => r.id);
      const claimed: { record: ExecutionRecord; state: RunState | undefined }[] = [];
      for (const id of ids) {
        if (this.stmts.claimWait.run(id).changes === 0) continue;
        claimed.push({ record: this.get(id)!, state: this.runState(id) });
      }
      return claimed;
    })();
  }

  /**
   * Cancels a waiting execution: it ends `cancelled` (its saved state kept for a re-run from
   * there) and is never resumed. False when it is not waiting (any more).
   */
  cancelWaiting(id: string, error: NonNullable<ExecutionSummary['error']>, trace: RunTrace | null): boolean {
    return (
      this.stmts.cancelWait.run({
        id,
        finishedAt: new Date().toISOString(),
        error: JSON.stringify(error),
        trace: trace ? jsonText(trace) : null,
      }).changes > 0
    );
  }

  setStatus(id: string, status: ExecutionStatus): void {
    this.stmts.setStatus.run({ id, status });
  }

  /** A run stopped by a shutdown: it resumes at the next start without counting as a death. */
  interrupt(id: string): void {
    this.stmts.interrupt.run(id);
  }

  get(id: string): ExecutionRecord | undefined {
    const row = this.stmts.get.get(id) as ExecutionRow | undefined;
    if (!row) return undefined;
    return {
      ...summary(row),
      trigger: JSON.parse(row.trigger) as StoredTrigger,
      orderingKey: row.ordering_key,
      trace: row.trace ? (JSON.parse(row.trace) as RunTrace) : null,
      rerunOf: row.rerun_of,
    };
  }

  /** Deliveries accepted but not finished (a crash or a shutdown left them), oldest first. */
  unfinished(): ExecutionRecord[] {
    return (this.stmts.unfinished.all() as ExecutionRow[]).map((row) => this.get(row.id)!);
  }

  list(filter: ExecutionFilter = {}): ExecutionSummary[] {
    const { where, params } = whereOf(filter);
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const sql = `SELECT id, flow_id, flow_version, status, received_at, started_at, finished_at, duration_ms, attempts, error, wake_at
      FROM executions ${where} ORDER BY seq DESC LIMIT @limit`;
    return (this.db.prepare(sql).all({ ...params, limit }) as ExecutionRow[]).map(summary);
  }

  /** Erases finished executions of a flow and/or received before a time; returns how many. */
  erase(filter: { flow?: string; before?: string }): number {
    const { where, params } = whereOf(
      { ...(filter.flow ? { flow: filter.flow } : {}), ...(filter.before ? { until: filter.before } : {}) },
      [FINISHED],
    );
    return this.db.prepare(`DELETE FROM executions ${where}`).run(params).changes;
  }

  /** Applies the retention policy; returns how many executions were deleted. */
  prune(retention: Retention, now = Date.now()): number {
    let deleted = 0;
    if (retention.maxAgeMs !== undefined) {
      deleted += this.erase({ before: new Date(now - retention.maxAgeMs).toISOString() });
    }
    if (retention.maxPerFlow !== undefined) {
      deleted += this.db
        .prepare(
          `DELETE FROM executions WHERE ${FINISHED} AND seq IN (
             SELECT seq FROM (
               SELECT seq, ROW_NUMBER() OVER (PARTITION BY flow_id ORDER BY seq DESC) AS n
               FROM executions WHERE ${FINISHED}
             ) WHERE n > ?
           )`,
        )
        .run(retention.maxPerFlow).changes;
    }
    return deleted;
  }

  // ---- deployed flows ------------------------------------------------------------------------

  /** Stores a new version and makes it the active one; returns its number. */
  addVersion(input: { flowId: string; source: string; deployedBy: string; origin: string }): number {
    return this.db.transaction(() => {
      const last = this.stmts.lastVersion.get(input.flowId) as { version: number } | undefined;
      const version = (last?.version ?? 0) + 1;
      this.stmts.addVersion.run({ ...input, version, deployedAt: new Date().toISOString() });
      this.stmts.setActive.run(input.flowId, version);
      this.stmts.audit.run(new Date().toISOString(), input.deployedBy, 'deploy', input.flowId, version, input.origin);
      return version;
    })();
  }

  /** The newest version whose source is exactly this text, so an unchanged file is no new version. */
  latestVersion(flowId: string): FlowVersionRecord | undefined {
    const row = this.stmts.lastVersion.get(flowId) as Record<string, unknown> | undefined;
    return row ? versionRecord(row) : undefined;
  }

  version(flowId: string, version: number): FlowVersionRecord | undefined {
    const row = this.stmts.version.get(flowId, version) as Record<string, unknown> | undefined;
    return row ? versionRecord(row) : undefined;
  }

  versions(flowId: string): Omit<FlowVersionRecord, 'source'>[] {
    return (this.stmts.versions.all(flowId) as Record<string, unknown>[]).map((row) => ({
      flowId: row.flow_id as string,
      version: row.version as number,
      deployedAt: row.deployed_at as string,
      deployedBy: row.deployed_by as string,
      origin: row.origin as string,
    }));
  }

  activate(flowId: string, version: number, actor: string, action: 'rollback' | 'reload'): void {
    this.db.transaction(() => {
      this.stmts.setActive.run(flowId, version);
      this.stmts.audit.run(new Date().toISOString(), actor, action, flowId, version, null);
    })();
  }

  remove(flowId: string, actor: string): void {
    this.db.transaction(() => {
      this.stmts.setRemoved.run(flowId);
      this.stmts.audit.run(new Date().toISOString(), actor, 'delete', flowId, null, null);
    })();
  }

  isRemoved(flowId: string): boolean {
    const row = this.stmts.state.get(flowId) as { removed: number } | undefined;
    return row?.removed === 1;
  }

  /** Active versions of flows deployed through the API or loaded from files, not removed. */
  activeFlows(): FlowVersionRecord[] {
    return (this.stmts.activeFlows.all() as Record<string, unknown>[]).map(versionRecord);
  }

  auditTrail(
    flowId?: string,
  ): { at: string; actor: string; action: string; flowId: string | null; version: number | null }[] {
    const rows = (
      flowId
        ? this.db.prepare(`SELECT * FROM audit WHERE flow_id = ? ORDER BY seq`).all(flowId)
        : this.db.prepare(`SELECT * FROM audit ORDER BY seq`).all()
    ) as { at: string; actor: string; action: string; flow_id: string | null; version: number | null }[];
    return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, flowId: r.flow_id, version: r.version }));
  }

  close(): void {
    this.checkpointer?.stop();
    this.db.close();
  }
}

function versionRecord(row: Record<string, unknown>): FlowVersionRecord {
  return {
    flowId: row.flow_id as string,
    version: row.version as number,
    source: row.source as string,
    deployedAt: row.deployed_at as string,
    deployedBy: row.deployed_by as string,
    origin: row.origin as string,
  };
}
