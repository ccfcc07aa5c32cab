/**
 * Runs flows in N child processes (node:child_process fork of flow-child), so a run that
 * crashes V8 or gets OOM-killed takes one process down, not the host. A dead child is replaced
 * at once; the runs it held reject with `ChildDiedError` and the host decides what to do with
 * them (the server resumes them once). Jobs go to the child with the fewest runs in flight.
 *
 * Also an in-process runner with the same interface, for hosts and tests that want no children.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WebhookResponse } from '../../../core/node-type.js';
import type { RunState } from '../../../core/run-state.js';
import type { RunTrace } from '../../../core/trace.js';
import type { CredentialProvider } from '../../credentials/provider.js';
import { createFlowRuntime, type LoadedFlow } from '../flow-runtime.js';
import type { FromChild, RunJob, ToChild } from './protocol.js';

export type { RunJob } from './protocol.js';

/** What a host hears from a run while it goes on. */
export interface RunHooks {
  /** A Respond to webhook node answered the caller (the run goes on). */
  onRespond?: (response: WebhookResponse) => void;
  /** The run after each node (only when the job asks for `checkpoints`). */
  onCheckpoint?: (state: RunState) => void;
}

export interface FlowRunner {
  /** Runs one job; `source` must be the text of `flowKey`. Rejects with ChildDiedError. */
  run(job: RunJob & { source: string }, hooks?: RunHooks): Promise<RunTrace>;
  /** Process ids of the live children (empty in process). */
  pids(): number[];
  /** The child process running this run id, while it runs (operators' logs, tests). */
  pidRunning(id: string): number | undefined;
  /** Drops a flow version from the children's caches. */
  forget(flowKey: string): void;
  /** Resolves once every child has started (or after `timeoutMs`); true when all did. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

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

export interface ChildPoolOptions {
  size: number;
  /** V8 heap limit per child in MB: a run that grows past it kills only its child. */
  maxOldSpaceMb?: number;
  /** Environment of the children (credentials come from it); `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
  /** Told when a child dies and when its replacement is up. */
  onChildExit?: (info: { pid: number | undefined; code: number | null; signal: NodeJS.Signals | null }) => void;
}

interface Pending {
  job: RunJob & { source: string };
  resolve: (trace: RunTrace) => void;
  reject: (error: Error) => void;
  hooks: RunHooks;
}

interface Slot {
  child: ChildProcess;
  pid: number | undefined;
  loaded: Set<string>;
  inflight: Map<string, Pending>;
  startedAt: number;
  /** The child said it is ready (its engine is loaded). */
  up: boolean;
}

/** The child's entry: the compiled .js next to this file, or the .ts source under tsx (tests). */
function childEntry(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { file: fileURLToPath(new URL('./flow-child.ts', here)), execArgv: ['--import', 'tsx'] };
  }
  return { file: fileURLToPath(new URL('./flow-child.js', here)), execArgv: [] };
}

export function createChildPool(options: ChildPoolOptions): FlowRunner {
  const entry = childEntry();
  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(Math.max(1, options.size)).fill(undefined);
  let closing = false;
  /** Consecutive early deaths, to slow down a crash loop. */
  let quickDeaths = 0;

  const spawn = (index: number): Slot => {
    const execArgv = [...entry.execArgv];
    if (options.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
    const child = fork(entry.file, [], {
      execArgv,
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = {
      child,
      pid: child.pid,
      loaded: new Set(),
      inflight: new Map(),
      startedAt: Date.now(),
      up: false,
    };
    slots[index] = slot;
    child.on('message', (message: FromChild) => onMessage(slot, message));
    child.on('error', () => {
      // 'exit' follows and does the clean-up.
    });
    child.on('exit', (code, signal) => {
      if (slots[index] === slot) slots[index] = undefined;
      const died = new ChildDiedError(slot.pid, code, signal);
      for (const pending of slot.inflight.values()) pending.reject(died);
      slot.inflight.clear();
      options.onChildExit?.({ pid: slot.pid, code, signal });
      if (closing) return;
      quickDeaths = Date.now() - slot.startedAt < 2000 ? quickDeaths + 1 : 0;
      const delay = Math.min(5000, quickDeaths * quickDeaths * 100);
      setTimeout(() => {
        if (!closing && slots[index] === undefined) spawn(index);
      }, delay).unref();
    });
    return slot;
  };

  const onMessage = (slot: Slot, message: FromChild): void => {
    if (message.t === 'ready') {
      slot.up = true;
      return;
    }
    const pending = slot.inflight.get(message.id);
    if (!pending) return;
    switch (message.t) {
      case 'respond':
        pending.hooks.onRespond?.(message.response);
        return;
      case 'checkpoint':
        pending.hooks.onCheckpoint?.(message.state);
        return;
      case 'done':
        slot.inflight.delete(message.id);
        pending.resolve(message.trace);
        return;
      case 'error':
        slot.inflight.delete(message.id);
        slot.loaded.delete(pending.job.flowKey);
        pending.reject(new Error(message.message));
        return;
      case 'need-source':
        slot.child.send({ t: 'run', job: pending.job } satisfies ToChild);
        slot.loaded.add(pending.job.flowKey);
        return;
    }
  };

  for (let i = 0; i < slots.length; i++) spawn(i);

  const pick = (): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots) {
      if (!slot || !slot.child.connected) continue;
      if (!best || slot.inflight.size < best.inflight.size) best = slot;
    }
    return best;
  };

  const waitForSlot = async (): Promise<Slot> => {
    for (;;) {
      const slot = pick();
      if (slot) return slot;
      if (closing) throw new Error('the worker pool is closing');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    async run(job, hooks = {}) {
      const slot = await waitForSlot();
      return new Promise<RunTrace>((resolve, reject) => {
        slot.inflight.set(job.id, { job, resolve, reject, hooks });
        const known = slot.loaded.has(job.flowKey);
        const { source, ...rest } = job;
        const message: ToChild = { t: 'run', job: known ? rest : { ...rest, source } };
        slot.loaded.add(job.flowKey);
        try {
          slot.child.send(message);
        } catch (error) {
          slot.inflight.delete(job.id);
          reject(new ChildDiedError(slot.pid, null, null));
          void error;
        }
      });
    },
    pids() {
      return slots.filter((s): s is Slot => s !== undefined && s.up && s.child.connected).map((s) => s.pid!);
    },
    async ready(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (slots.every((s) => s?.up === true)) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    },
    pidRunning(id) {
      return slots.find((s) => s?.inflight.has(id))?.pid;
    },
    forget(flowKey) {
      for (const slot of slots) {
        if (!slot || !slot.loaded.delete(flowKey)) continue;
        if (slot.child.connected) slot.child.send({ t: 'forget', flowKey } satisfies ToChild);
      }
    },
    async close() {
      closing = true;
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (!slot || slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
              slot.child.once('exit', () => resolve());
              if (slot.child.connected) slot.child.disconnect();
              const kill = setTimeout(() => slot.child.kill('SIGKILL'), 3000);
              kill.unref();
            }),
        ),
      );
    },
  };
}

/** Same interface, runs in this process (no crash isolation). */
export function createInProcessRunner(credentials: CredentialProvider): FlowRunner {
  const runtime = createFlowRuntime({ credentials });
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
        ...(onRespond ? { onRespond } : {}),
        ...(job.checkpoints && onCheckpoint ? { onCheckpoint } : {}),
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
