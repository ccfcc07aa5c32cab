/**
 * Keeps the latest run state of every running execution and writes them to the history in
 * batches: one transaction per flush, however many executions checkpointed since the last one.
 * Workers send a state after every node; writing each one as it comes would cost a commit per
 * node per request.
 *
 * Two kinds of failure, two sources of truth: when a worker dies, the server itself is alive
 * and resumes from the state it holds here (exact: the last node that finished does not run
 * again). When the server process dies, the next start resumes from what was flushed, at most
 * `flushMs` older (a node that finished in that window runs again, with the same idempotency
 * key, as a node in flight would).
 */
import type { RunState } from '../../../core/run-state.js';
import type { HistoryStore } from './history.js';

export class RunStateQueue {
  private readonly latest = new Map<string, RunState>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly history: HistoryStore,
    private readonly flushMs = 10,
  ) {}

  /** The state after a node of a running execution. */
  put(id: string, state: RunState): void {
    this.latest.set(id, state);
    if (this.closed) return;
    this.dirty.add(id);
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** The latest state this process has heard of for a running execution. */
  held(id: string): RunState | undefined {
    return this.latest.get(id);
  }

  /** Forgets an execution that finished (its outcome write carries whatever state it keeps). */
  drop(id: string): RunState | undefined {
    const state = this.latest.get(id);
    this.latest.delete(id);
    this.dirty.delete(id);
    return state;
  }

  /** Writes what is pending now (also at shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return;
    const batch = [...this.dirty].map((id): [string, RunState] => [id, this.latest.get(id)!]);
    this.dirty.clear();
    this.history.saveRunStates(batch);
  }

  /** Writes what is pending and writes nothing more (the database is about to close). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
