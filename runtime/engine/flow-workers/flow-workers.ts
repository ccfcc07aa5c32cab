/**
 * Runs flows in N worker processes (flow-worker.ts, through the hosts' one child-process pool
 * in runtime/process), so a run that crashes V8 or gets OOM-killed takes one process down, not
 * the host. A dead worker is replaced at once; the runs it held reject with `ChildDiedError` and
 * the host decides what to do with them (the server resumes them once). Jobs go to the worker
 * with the fewest runs in flight.
 *
 * Also an in-process runner with the same interface, for hosts and tests that want no children.
 */
import { fileURLToPath } from 'node:url';
import type { WebhookResponse } from '../../../core/node-type.js';
import type { RunState } from '../../../core/run-state.js';
import type { StateStore } from '../../../core/state-store.js';
import type { RunTrace } from '../../../core/trace.js';
import type { CredentialProvider } from '../../credentials/provider.js';
import { ChildProcessError, ChildTaskError, createChildRunner } from '../../process/child-runner.js';
import { createFlowRuntime, DEFAULT_RUN_TIMEOUT_MS, type LoadedFlow } from '../flow-runtime.js';
import { NEED_SOURCE, type RunEvent, type RunJob, type WireJob, type WorkerNotice } from './flow-job.js';
import { parseRemembered } from './json-text.js';
import { applyStateDelta } from './state-delta.js';

export type { RunJob } from './flow-job.js';

/** What a host hears from a run while it goes on. */
export interface RunHooks {
  /** A Respond to webhook node answered the caller (the run goes on). */
  onRespond?: (response: WebhookResponse) => void;
  /**
   * The run after each node with side effects (only when the job asks for `checkpoints`). With `'acked'`
   * checkpoints the run goes on once this returns: save the state before returning.
   */
  onCheckpoint?: (state: RunState) => void;
}

export interface FlowRunner {
  /** Runs one job; `source` must be the text of `flowKey`. Rejects with ChildDiedError. */
  run(job: RunJob & { source: string }, hooks?: RunHooks): Promise<RunTrace>;
  /** Process ids of the live workers (empty in process). */
  pids(): number[];
  /** The worker process running this run id, while it runs (operators' logs, tests). */
  pidRunning(id: string): number | undefined;
  /** Drops a flow version from the workers' caches. */
  forget(flowKey: string): void;
  /** Resolves once every worker has started (or after `timeoutMs`); true when all did. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The worker running a job ended before the job did (crash, OOM kill, watchdog, shutdown). */
export class ChildDiedError extends Error {
  constructor(
    readonly pid: number | undefined,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(
      `the worker process${pid ? ` ${pid}` : ''} running it ended (${signal ? `signal ${signal}` : `exit code ${String(exitCode)}`})`,
    );
    this.name = 'ChildDiedError';
  }
}

export interface FlowWorkersOptions {
  size: number;
  /** V8 heap limit per worker in MB: a run that grows past it kills only its worker. */
  maxOldSpaceMb?: number;
  /** Environment of the workers (credentials come from it); `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
  /** The longest a run may take; a worker silent on a run well past it is stopped. */
  runTimeoutMs?: number;
  /** Told when a worker dies (its replacement is on its way). */
  onChildExit?: (info: { pid: number | undefined; code: number | null; signal: NodeJS.Signals | null }) => void;
}

/** The worker's entry: the compiled .js next to this file, or the .ts source under tsx (tests). */
function workerEntry(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./flow-worker${ext}`, import.meta.url));
}

/** Runs in flight per worker: far more than a run's own awaits ever hold up. */
const RUNS_PER_WORKER = 1000;

export function createFlowWorkers(options: FlowWorkersOptions): FlowRunner {
  const pool = createChildRunner<WireJob, string, RunEvent, WorkerNotice>({
    modulePath: workerEntry(),
    size: options.size,
    warm: true,
    concurrency: RUNS_PER_WORKER,
    maxCallsPerChild: Infinity,
    // The engine stops a run at its timeout; the watchdog is for a worker that cannot (a
    // synchronous loop outside the sandbox's interrupt).
    watchdogMs: (options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS) + 60_000,
    serialization: 'advanced',
    closeGraceMs: 3000,
    label: 'the worker process',
    ...(options.env ? { env: options.env } : {}),
    ...(options.maxOldSpaceMb ? { maxOldSpaceMb: options.maxOldSpaceMb } : {}),
    ...(options.onChildExit ? { onChildExit: options.onChildExit } : {}),
  });

  const call = async (job: WireJob, hooks: RunHooks): Promise<RunTrace> => {
    let state: RunState | undefined;
    try {
      // Parsed once here; the history stores the same text (json-text.ts).
      return parseRemembered<RunTrace>(
        await pool.call(job, {
          tag: job.id,
          onEvent: (event) => {
            if (event.t === 'respond') return hooks.onRespond?.(event.response);
            if (event.t === 'checkpoint') state = event.state;
            else if (state) state = applyStateDelta(state, event.delta);
            else return; // a difference without its base: cannot happen (IPC keeps the order)
            try {
              hooks.onCheckpoint?.(state);
            } finally {
              // A state that could not be saved only means a resume one node earlier: go on.
              if (job.checkpoints === 'acked') pool.notify({ t: 'checkpoint-saved', runId: job.id });
            }
          },
        }),
      );
    } catch (error) {
      if (error instanceof ChildProcessError && error.reason !== 'send-failed') {
        throw new ChildDiedError(error.exit?.pid, error.exit?.code ?? null, error.exit?.signal ?? null);
      }
      throw error;
    }
  };

  return {
    async run(job, hooks = {}) {
      // The flow text goes only to a worker that has not loaded this version yet.
      const { source, trigger, ...rest } = job;
      const withoutSource: WireJob = { ...rest, trigger: JSON.stringify(trigger) };
      try {
        return await call(withoutSource, hooks);
      } catch (error) {
        if (error instanceof ChildTaskError && error.code === NEED_SOURCE)
          return call({ ...withoutSource, source }, hooks);
        throw error;
      }
    },
    pids: () => pool.pids(),
    pidRunning: (id) => pool.pidOf(id),
    forget: (flowKey) => pool.notify({ t: 'forget', flowKey }),
    ready: (timeoutMs) => pool.ready(timeoutMs),
    close: () => pool.close(),
  };
}

/**
 * Same interface, runs in this process (no crash isolation). `stateStore`: where Remember /
 * Recall keep their keys (the caller closes it); in memory when absent.
 */
export function createInProcessRunner(credentials: CredentialProvider, stateStore?: StateStore): FlowRunner {
  const runtime = createFlowRuntime({ credentials, ...(stateStore ? { stateStore } : {}) });
  const flows = new Map<string, LoadedFlow>();
  return {
    async run(job, hooks = {}) {
      let loaded = flows.get(job.flowKey);
      if (!loaded) flows.set(job.flowKey, (loaded = runtime.load(job.source)));
      const { onRespond, onCheckpoint } = hooks;
      return loaded.run({
        trigger: job.trigger,
        runId: job.id,
        ...(job.resume ? { resume: job.resume } : {}),
        ...(job.timeoutMs !== undefined ? { timeoutMs: job.timeoutMs } : {}),
        ...(job.durableWaitsFromMs !== undefined ? { durableWaitsFromMs: job.durableWaitsFromMs } : {}),
        ...(onRespond ? { onRespond } : {}),
        ...(job.checkpoints && onCheckpoint ? { onCheckpoint, checkpointAfter: 'side-effects' as const } : {}),
      });
    },
    pids: () => [],
    pidRunning: () => undefined,
    ready: () => Promise.resolve(true),
    forget(flowKey) {
      flows.delete(flowKey);
    },
    close: () => runtime.close(),
  };
}
