/**
 * The server's writes to the history, grouped into few commits (group commit): SQLite's cost per
 * write is mostly the transaction around it, and a request used to pay for three.
 *
 * - `accept` resolves once the delivery is committed (the webhook answers 202 after that), but
 *   every delivery that arrived in the same turn of the event loop shares one transaction.
 * - Starts, run states and outcomes are off the request path: they are committed together every
 *   `flushMs` (10 ms), however many executions moved in between. Only the latest run state of
 *   an execution is written.
 *
 * Two kinds of failure, two sources of truth: when a worker dies, the server itself is alive and
 * resumes from the run state it holds here (exact: the last node that finished does not run
 * again). When the server process dies, the next start sees what was committed, at most `flushMs`
 * old: a node that finished in that window runs again (with the same idempotency keys, as a node
 * in flight would), and an outcome not yet written makes the execution resume from its last state
 * (which has nothing left to run, so it just finishes).
 */
import type { RunState } from '../../../core/run-state.js';
import type { AcceptInput, HistoryStore, Outcome } from './history.js';

interface PendingAccept {
  input: AcceptInput;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class HistoryWriter {
  private accepts: PendingAccept[] = [];
  private starts: string[] = [];
  /** Latest state of each running execution this process heard of (written or not). */
  private readonly held = new Map<string, RunState>();
  private readonly dirty = new Set<string>();
  private finishes = new Map<string, Outcome>();
  private acceptTurn = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly history: HistoryStore,
    private readonly onError: (error: unknown) => void,
    private readonly flushMs = 10,
  ) {}

  /** Resolves once the delivery is on disk, with the others of this turn. */
  accept(input: AcceptInput): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the history is closed'));
    return new Promise<void>((resolve, reject) => {
      this.accepts.push({ input, resolve, reject });
      if (!this.acceptTurn) {
        this.acceptTurn = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** An attempt begins (counted, so a run that keeps killing its worker is found out). */
  start(id: string): void {
    this.starts.push(id);
    this.later();
  }

  /** The run after a node. */
  runState(id: string, state: RunState): void {
    this.held.set(id, state);
    this.dirty.add(id);
    this.later();
  }

  /** The latest state this process heard of for a running execution. */
  heldState(id: string): RunState | undefined {
    return this.held.get(id);
  }

  /** Records the outcome (the outcome carries whatever run state it keeps); returns the last state. */
  finish(id: string, outcome: Outcome): void {
    this.held.delete(id);
    this.dirty.delete(id);
    this.finishes.set(id, outcome);
    this.later();
  }

  /** Forgets the state of an execution without an outcome (it stays to resume at the next start). */
  release(id: string): void {
    this.held.delete(id);
  }

  /** Commits everything pending now (before a direct write that must come after it, and at shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.acceptTurn = false;
    const accepts = this.accepts;
    const starts = this.starts;
    const finishes = this.finishes;
    const states = [...this.dirty].map((id): [string, RunState] => [id, this.held.get(id)!]);
    this.accepts = [];
    this.starts = [];
    this.finishes = new Map();
    this.dirty.clear();
    if (accepts.length + starts.length + states.length + finishes.size === 0) return;
    try {
      this.history.writeBatch({ accepts: accepts.map((a) => a.input), starts, states, finishes });
    } catch (error) {
      for (const a of accepts) a.reject(error instanceof Error ? error : new Error(String(error)));
      if (starts.length + states.length + finishes.size > 0) this.onError(error);
      return;
    }
    for (const a of accepts) a.resolve();
  }

  /** Commits what is pending and takes no more writes (the database is about to close). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private later(): void {
    if (this.closed) return;
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }
}
