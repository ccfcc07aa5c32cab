/**
 * Runs accepted executions: one at a time per ordering key in arrival order (others in
 * parallel), on the runner's worker processes, writing each outcome to the history off the
 * request path. Workers report the run's state after every node; an execution whose worker
 * died resumes once from its last state (finished nodes do not run again), a second death
 * marks it failed as poison (only a manual re-run starts it again). Executions left unfinished
 * by a previous process resume from their last saved state at start.
 *
 * Durable waits: a run that reaches a long Wait ends as `waiting` with its state saved; the wait
 * scheduler (wait-scheduler.ts) claims it from the history when due and it resumes here after
 * the Wait, in any process that opens the same history (in queue mode a delayed job does it).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { WebhookResponse } from '../../../core/node-type.js';
import { DURABLE_WAIT_FROM_MS, type RunState } from '../../../core/run-state.js';
import type { RunStatus, RunTrace } from '../../../core/trace.js';
import { DEFAULT_TOKEN_HEADER, signatureHeaderOf } from '../../../nodes/webhook-trigger/manifest.js';
import { message } from '../../../core/messages/make.js';
import { isSensitiveName, REDACTED } from '../../redactor.js';
import { ChildDiedError, type FlowRunner } from '../../engine/flow-workers/flow-workers.js';
import type { FlowCatalog, ServedFlow } from './flow-catalog.js';
import type { ExecutionRecord, HistoryStore, StoredTrigger } from './history.js';
import { maskTrace, personalValues } from './mask.js';
import type { ServerMetrics } from './metrics.js';
import { HistoryWriter } from './history-writer.js';

/** Attempts after which a worker death makes the execution poison. */
const MAX_ATTEMPTS = 2;

export interface Waiter {
  onRespond?(response: WebhookResponse): void;
  /** The run ended: its status (undefined when it could not run) and why it failed, if it did. */
  onDone?(status: string | undefined, error?: string): void;
}

export interface AlertTarget {
  /** POSTed `{ executionId, flowId, flowVersion, failedNode, message }` when an execution fails. */
  url?: string;
  /** A served flow started with the same body (an error flow). */
  flowId?: string;
}

export interface ExecutionsOptions {
  history: HistoryStore;
  runner: FlowRunner;
  catalog: FlowCatalog;
  metrics: ServerMetrics;
  log: Logger;
  runTimeoutMs?: number;
  alert?: AlertTarget;
  /**
   * Queue mode, accepting side: accepted executions are handed to the queue (resolves once it
   * holds them) instead of running here.
   */
  dispatch?: (execution: DispatchedExecution, waiter?: Waiter) => Promise<void>;
  /** Queue mode, worker side: where a flow version's text comes from (the queue's flow store). */
  loadVersion?: (flowId: string, version: number) => Promise<string | undefined>;
  /**
   * Commit each start, run state and outcome before the run goes on (queue workers: the machine
   * running them can go at once, children and all, so nothing held only in memory survives).
   */
  durable?: boolean;
  /** Waits this long or longer are saved and resumed when due (default 30 s, DURABLE_WAIT_FROM_MS). */
  durableWaitsFromMs?: number;
  /** The clock due waits are read against (tests move it on; `Date.now` when absent). */
  now?: () => number;
}

/** What the queue carries for an execution: its delivery and state stay in the history. */
export interface DispatchedExecution {
  id: string;
  flowId: string;
  flowVersion: number;
  orderingKey: string | null;
}

interface Job {
  id: string;
  flowId: string;
  flowVersion: number;
  trigger: StoredTrigger;
  orderingKey: string | null;
  waiter?: Waiter;
  /** Where the run continues: a state saved by an earlier process, or a re-run's failed step. */
  resume?: RunState;
  /** Attempts so far (each start counts; a shutdown's interruption does not). */
  attempts: number;
}

/** A re-run from the failed step that cannot be: says why (the API answers 409 with it). */
export class RerunRefused extends Error {
  override readonly name = 'RerunRefused';
}

interface FlowVersionInfo {
  source: string;
  personal: ServedFlow['trigger']['personal'];
}

export class Executions {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly versions = new Map<string, FlowVersionInfo>();
  private accepting = true;
  private readonly writer: HistoryWriter;

  constructor(private readonly o: ExecutionsOptions) {
    this.writer = new HistoryWriter(o.history, (error) =>
      o.log.error({ err: error instanceof Error ? error.message : String(error) }, 'history write failed'),
    );
  }

  /** Writes the delivery (durable once this resolves) and schedules it; returns its execution id. */
  async accept(
    flow: ServedFlow,
    trigger: StoredTrigger,
    orderingKey: string | undefined,
    waiter?: Waiter,
    /** Chosen by the caller when it had to name the execution first (a delivery-key claim). */
    id: string = randomUUID(),
  ): Promise<string> {
    await this.writer.accept({
      id,
      flowId: flow.id,
      flowVersion: flow.version,
      trigger: storedTrigger(trigger, flow),
      ...(orderingKey !== undefined ? { orderingKey } : {}),
    });
    this.versions.set(`${flow.id}@${flow.version}`, { source: flow.source, personal: flow.trigger.personal });
    await this.schedule({
      id,
      flowId: flow.id,
      flowVersion: flow.version,
      trigger,
      orderingKey: orderingKey ?? null,
      ...(waiter ? { waiter } : {}),
      attempts: 0,
    });
    return id;
  }

  /**
   * Starts a stored execution again as a new execution (manual re-run): from the start, or
   * from the failed step with the earlier nodes' outputs taken from the state saved when it
   * failed (those nodes do not run again). The new run has its own run id, so idempotency keys
   * built from it are new; keys built from the payload stay the same.
   */
  async rerun(record: ExecutionRecord, from: 'start' | 'failed' = 'start'): Promise<string> {
    let resume: RunState | undefined;
    if (from === 'failed') {
      if (record.status === 'success' || !record.finishedAt) {
        throw new RerunRefused(
          `execution '${record.id}' is ${record.status}, not failed: only a failed, timed-out or cancelled execution re-runs from its failed step`,
        );
      }
      resume = this.o.history.runState(record.id);
      if (!resume) {
        throw new RerunRefused(
          `execution '${record.id}' has no saved run state (it failed before its first node finished, or was stored by an older server); re-run it from the start`,
        );
      }
    }
    const id = randomUUID();
    await this.writer.accept({
      id,
      flowId: record.flowId,
      flowVersion: record.flowVersion,
      trigger: record.trigger,
      ...(record.orderingKey ? { orderingKey: record.orderingKey } : {}),
      rerunOf: record.id,
      // Kept with the delivery: in queue mode another process picks it up from there.
      ...(resume ? { runState: { ...resume, runId: id } } : {}),
    });
    await this.schedule({
      id,
      flowId: record.flowId,
      flowVersion: record.flowVersion,
      trigger: record.trigger,
      orderingKey: record.orderingKey,
      ...(resume ? { resume: { ...resume, runId: id } } : {}),
      attempts: 0,
    });
    return id;
  }

  /** Picks up what a previous process left: queued ones run, running ones resume once. */
  recover(): number {
    const left = this.o.history.unfinished();
    for (const record of left) {
      const resume = this.o.history.runState(record.id);
      if (record.status === 'running' && record.attempts >= MAX_ATTEMPTS) {
        this.poison(record.id, record.flowId, record.attempts, resume);
        continue;
      }
      this.o.log.info(
        { executionId: record.id, flowId: record.flowId, status: record.status, afterNodes: resume?.done.length ?? 0 },
        'resuming execution',
      );
      void this.schedule({
        id: record.id,
        flowId: record.flowId,
        flowVersion: record.flowVersion,
        trigger: record.trigger,
        orderingKey: record.orderingKey,
        ...(resume ? { resume } : {}),
        attempts: record.attempts,
      });
    }
    return left.length;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Stops starting runs, waits for the running ones up to the deadline and marks the rest
   * interrupted (without counting the attempt), so the next start resumes them.
   */
  async drain(deadlineMs: number): Promise<number> {
    this.accepting = false;
    const all = Promise.allSettled([...this.running.values()]);
    await Promise.race([all, new Promise((r) => setTimeout(r, deadlineMs).unref())]);
    const left = [...this.running.keys()];
    this.writer.flush();
    for (const id of left) this.o.history.interrupt(id);
    return left.length;
  }

  /** Commits the writes still pending; called last, before the history closes. */
  close(): void {
    this.writer.close();
  }

  /**
   * Queue worker: runs a stored execution, resuming from its saved state (finished nodes do not
   * run again). Resolves once its outcome is committed; an execution already finished (a job
   * delivered again after its outcome was written) is left alone. Rejects only when the history
   * cannot be read or written, so the queue retries the job.
   */
  async runStored(id: string, waiter?: Waiter): Promise<'ran' | 'waiting' | 'finished-already' | 'missing'> {
    const record = this.o.history.get(id);
    if (!record) return 'missing';
    if (record.finishedAt) return 'finished-already';
    const resume = this.o.history.runState(id);
    const job: Job = {
      id,
      flowId: record.flowId,
      flowVersion: record.flowVersion,
      trigger: record.trigger,
      orderingKey: record.orderingKey,
      ...(resume ? { resume } : {}),
      ...(waiter ? { waiter } : {}),
      attempts: record.attempts,
    };
    // Answered before a crash: the caller (still waiting, maybe) gets that answer now.
    if (resume?.response) waiter?.onRespond?.(resume.response);
    this.o.metrics.inFlight.inc();
    const run = this.executeOnce(job);
    this.running.set(id, run);
    let status: RunStatus | undefined;
    try {
      status = await run;
    } finally {
      this.running.delete(id);
      this.o.metrics.inFlight.dec();
    }
    return status === 'waiting' ? 'waiting' : 'ran';
  }

  /**
   * Resumes the waiting executions that are due, after their Wait; returns how many. The wait
   * scheduler calls it at start and on a timer: each is claimed in the history first, so it
   * resumes once even with several schedulers on one database.
   */
  resumeDue(): number {
    if (!this.accepting) return 0;
    // A wait recorded within the writer's window must be on disk before it can be claimed.
    this.writer.flush();
    const due = this.o.history.claimDueWaits(new Date((this.o.now ?? Date.now)()).toISOString());
    for (const { record, state } of due) {
      this.o.log.info(
        { executionId: record.id, flowId: record.flowId, afterNodes: state?.done.length ?? 0 },
        'resuming an execution whose wait is over',
      );
      void this.schedule({
        id: record.id,
        flowId: record.flowId,
        flowVersion: record.flowVersion,
        trigger: record.trigger,
        orderingKey: record.orderingKey,
        ...(state ? { resume: state } : {}),
        attempts: record.attempts,
      });
    }
    return due.length;
  }

  /**
   * Cancels a waiting execution: it ends `cancelled` and never resumes (its state is kept, so it
   * can be re-run from there). Says why not when it is not waiting.
   */
  cancelWaiting(id: string): 'cancelled' | 'not-waiting' | 'missing' {
    this.writer.flush();
    const record = this.o.history.get(id);
    if (!record) return 'missing';
    if (record.status !== 'waiting') return 'not-waiting';
    // As the engine words a cut-short run: code the status, the reason a message in `detail`, so
    // the designer words it (and the wake time) in its user's language.
    const cancelled = message('run.cancelled-waiting', record.wakeAt !== undefined ? { wakeAt: record.wakeAt } : {});
    const error = { message: cancelled.message, code: 'cancelled', params: { detail: cancelled } };
    let trace: RunTrace | null = null;
    if (record.trace) {
      const { wakeAt: _wakeAt, ...rest } = record.trace;
      trace = { ...rest, status: 'cancelled', error };
    }
    if (!this.o.history.cancelWaiting(id, error, trace)) return 'not-waiting';
    this.o.metrics.executions.inc({ flow: record.flowId, status: 'cancelled' });
    this.o.log.info({ executionId: id, flowId: record.flowId }, 'waiting execution cancelled');
    return 'cancelled';
  }

  /**
   * Queue worker: records that the queue gave up on an execution (its workers died too often,
   * or its job failed every attempt), unless it has an outcome already.
   */
  failStored(id: string, error: { message: string; code: string }): void {
    const record = this.o.history.get(id);
    if (!record || record.finishedAt) return;
    const runState = this.o.history.runState(id);
    this.writer.finish(id, { status: 'failed', ...(runState ? { runState } : {}), error });
    this.writer.flush();
    this.o.metrics.executions.inc({ flow: record.flowId, status: 'failed' });
    this.o.log.error({ executionId: id, flowId: record.flowId, code: error.code }, error.message);
  }

  private schedule(job: Job): Promise<void> {
    if (this.o.dispatch) {
      return this.o.dispatch(
        { id: job.id, flowId: job.flowId, flowVersion: job.flowVersion, orderingKey: job.orderingKey },
        job.waiter,
      );
    }
    this.o.metrics.inFlight.inc();
    if (job.orderingKey === null) {
      void this.execute(job);
      return Promise.resolve();
    }
    const key = `${job.flowId}\u0000${job.orderingKey}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.execute(job));
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return Promise.resolve();
  }

  private async versionInfo(flowId: string, version: number): Promise<FlowVersionInfo | undefined> {
    const key = `${flowId}@${version}`;
    let info = this.versions.get(key);
    if (!info) {
      const source = this.o.loadVersion
        ? await this.o.loadVersion(flowId, version)
        : this.o.history.version(flowId, version)?.source;
      if (source === undefined) return undefined;
      try {
        const checked = this.o.catalog.check(source);
        info = { source, personal: checked.trigger.personal };
      } catch {
        info = { source, personal: [] };
      }
      this.versions.set(key, info);
    }
    return info;
  }

  /** In durable mode, commits what is pending now rather than within the writer's window. */
  private commitNow(): void {
    if (this.o.durable) this.writer.flush();
  }

  private execute(job: Job): Promise<void> {
    const done = this.executeOnce(job)
      .then(() => {})
      .catch((error: unknown) =>
        // Only a broken database gets here (a closed one at shutdown); the delivery stays stored.
        this.o.log.error(
          { executionId: job.id, err: error instanceof Error ? error.message : String(error) },
          'execution bookkeeping failed',
        ),
      )
      .finally(() => {
        this.running.delete(job.id);
        this.o.metrics.inFlight.dec();
      });
    this.running.set(job.id, done);
    return done;
  }

  /** Runs a job to its outcome; resolves with the run's status (undefined when it could not run). */
  private async executeOnce(job: Job): Promise<RunStatus | undefined> {
    const { runner, log } = this.o;
    const { writer } = this;
    if (!this.accepting) return undefined; // stays queued in the database; the next start runs it
    const info = await this.versionInfo(job.flowId, job.flowVersion);
    if (!info) {
      writer.finish(job.id, {
        status: 'failed',
        error: this.o.loadVersion
          ? {
              message: message('queue.flow-version-missing', { flowId: job.flowId, version: job.flowVersion }).message,
              code: 'no-flow',
            }
          : { message: `version ${job.flowVersion} of flow '${job.flowId}' is not in the history`, code: 'no-flow' },
      });
      this.commitNow();
      job.waiter?.onDone?.(undefined, 'the flow version is gone');
      return undefined;
    }
    let resume = job.resume;
    const onRespond = job.waiter?.onRespond?.bind(job.waiter);
    for (;;) {
      writer.start(job.id);
      this.commitNow();
      job.attempts++;
      try {
        const trace = await runner.run(
          {
            id: job.id,
            flowKey: `${job.flowId}@${job.flowVersion}`,
            source: info.source,
            trigger: job.trigger,
            checkpoints: this.o.durable ? 'acked' : true,
            durableWaitsFromMs: this.o.durableWaitsFromMs ?? DURABLE_WAIT_FROM_MS,
            ...(resume ? { resume } : {}),
            ...(this.o.runTimeoutMs !== undefined ? { timeoutMs: this.o.runTimeoutMs } : {}),
          },
          {
            ...(onRespond ? { onRespond } : {}),
            onCheckpoint: (state) => {
              writer.runState(job.id, state);
              this.commitNow();
            },
          },
        );
        const last = writer.heldState(job.id) ?? resume;
        const masked = maskTrace(trace, personalValues(info.personal, job.trigger.body));
        if (trace.status === 'waiting') {
          // No end: the state after the Wait stays to resume from; metrics count the run once, at its end.
          writer.finish(job.id, {
            status: 'waiting',
            trace: masked,
            ...(trace.wakeAt ? { wakeAt: trace.wakeAt } : {}),
            ...(last ? { runState: last } : {}),
          });
          this.commitNow();
          log.info({ executionId: job.id, flowId: job.flowId, wakeAt: trace.wakeAt }, 'execution waits');
          job.waiter?.onDone?.('waiting');
          return 'waiting';
        }
        writer.finish(job.id, {
          status: trace.status,
          trace: masked,
          // Kept for a re-run from the failed step: the state before the node that failed.
          ...(trace.status !== 'success' && last ? { runState: last } : {}),
        });
        this.commitNow();
        this.o.metrics.recordTrace(trace);
        job.waiter?.onDone?.(trace.status, trace.error?.message);
        if (trace.status !== 'success') this.alert(job, masked);
        return trace.status;
      } catch (error) {
        if (error instanceof ChildDiedError) {
          const attempts = job.attempts;
          resume = writer.heldState(job.id) ?? resume;
          log.warn(
            {
              executionId: job.id,
              flowId: job.flowId,
              attempts,
              afterNodes: resume?.done.length ?? 0,
              err: error.message,
            },
            'worker died mid-run',
          );
          if (!this.accepting) {
            // Its start and last state committed first, then marked to resume at the next start.
            writer.flush();
            writer.release(job.id);
            this.o.history.interrupt(job.id);
            return undefined;
          }
          if (attempts < MAX_ATTEMPTS) continue; // resume once, from the last node that finished
          this.poison(job.id, job.flowId, attempts, resume);
          this.commitNow();
          job.waiter?.onDone?.(undefined, error.message);
          this.alert(job, undefined, error.message);
          return undefined;
        }
        const message = error instanceof Error ? error.message : String(error);
        log.error({ executionId: job.id, flowId: job.flowId, err: message }, 'execution could not run');
        writer.finish(job.id, { status: 'failed', error: { message, code: 'internal' } });
        this.commitNow();
        this.o.metrics.executions.inc({ flow: job.flowId, status: 'failed' });
        job.waiter?.onDone?.(undefined, message);
        return undefined;
      }
    }
  }

  private poison(id: string, flowId: string, attempts: number, runState: RunState | undefined): void {
    this.writer.finish(id, {
      status: 'failed',
      ...(runState ? { runState } : {}),
      error: {
        message: `its worker process died ${attempts} times while running it; it is not run again automatically (poison). Re-run it by hand once the cause is fixed.`,
        code: 'poison',
      },
    });
    this.o.metrics.executions.inc({ flow: flowId, status: 'failed' });
    this.o.log.error({ executionId: id, flowId }, 'execution marked failed as poison');
  }

  private alert(job: Job, trace: RunTrace | undefined, message?: string): void {
    const target = this.o.alert;
    if (!target || (!target.url && !target.flowId)) return;
    const payload = {
      executionId: job.id,
      flowId: job.flowId,
      flowVersion: job.flowVersion,
      status: trace?.status ?? 'failed',
      failedNode: trace?.error?.nodeName ?? null,
      message: trace?.error?.message ?? message ?? 'the execution failed',
    };
    if (target.url) {
      fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
      }).catch((error: unknown) =>
        this.o.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'alert webhook failed'),
      );
    }
    if (target.flowId && target.flowId !== job.flowId) {
      const errorFlow = this.o.catalog.get(target.flowId);
      if (errorFlow) {
        this.accept(errorFlow, { body: payload, headers: {}, query: {} }, undefined).catch((error: unknown) =>
          this.o.log.error(
            { err: error instanceof Error ? error.message : String(error) },
            'the error flow could not start',
          ),
        );
      } else this.o.log.warn({ flowId: target.flowId }, 'the error flow is not served');
    }
  }
}

/**
 * What is stored for a delivery: the body and query as received (a resume or re-run needs
 * them), the headers without the caller's credential (the trigger's token or signature header,
 * Authorization and anything named like a secret).
 */
function storedTrigger(trigger: StoredTrigger, flow: ServedFlow): StoredTrigger {
  // A firing carries no caller's headers.
  if (flow.trigger.kind !== 'webhook') return trigger;
  const auth = flow.trigger.config.auth;
  const own = new Set([auth?.headerName ?? DEFAULT_TOKEN_HEADER, signatureHeaderOf(auth)].map((h) => h.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(trigger.headers)) {
    headers[name] = own.has(name.toLowerCase()) || isSensitiveName(name) ? REDACTED : value;
  }
  return { ...trigger, headers };
}
