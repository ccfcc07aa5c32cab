/**
 * Runs work in replaceable child processes (`child_process.fork`), so whatever a flow does
 * cannot stall or end the host: a slow Code task or expression keeps the child busy, not the
 * host's event loop, and a V8 fatal error ("invalid size", heap out of memory), which no
 * try/catch and no worker thread contains, ends only the child. The caller gets a
 * `ChildProcessError` and the next call gets a fresh process.
 *
 * A small pool: at most `size` children at once (further calls wait their turn); each child
 * serves one call at a time and is replaced after `maxCallsPerChild` calls (1 = a fresh process
 * per call, the default: no state can leak from one run to the next), when it dies, or when a
 * call overruns `watchdogMs`. The child module calls `serveParent` (child-main.ts).
 *
 * Used by the browser designer's host for runs and test runs; a server host can use it the
 * same way with a larger pool.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isChildReply, type ChildErrorInfo, type ChildRequestMessage } from './child-protocol.js';

export interface ChildRunnerOptions {
  /** The child's entry module (it calls `serveParent`). A `.ts` file is started through tsx (tests). */
  modulePath: string;
  /** Children alive at once; default 2. */
  size?: number;
  /** Calls a child serves before it is replaced; default 1 (a fresh process per call). */
  maxCallsPerChild?: number;
  /** A call not answered after this long is stopped with its process; default 10 minutes. */
  watchdogMs?: number;
  /** V8 heap limit of each child in MiB (`--max-old-space-size`); Node's default when absent. */
  maxOldSpaceMb?: number;
  /** Extra Node options for the child. */
  execArgv?: string[];
  /** The child's environment; the host's when absent. */
  env?: NodeJS.ProcessEnv;
  /** How a process is called in messages ("the run process"). */
  label?: string;
}

export interface ChildRunner<P, R> {
  call(payload: P): Promise<R>;
  /** Children alive right now (busy or idle). */
  readonly alive: number;
  /** Ends every child; pending calls fail. */
  close(): Promise<void>;
}

/** The child died, was stopped by the watchdog, or the runner was closed. */
export class ChildProcessError extends Error {
  constructor(
    message: string,
    readonly reason: 'crashed' | 'timeout' | 'closed' | 'send-failed',
  ) {
    super(message);
    this.name = 'ChildProcessError';
  }
}

/** An error the child's handler threw, with its name kept (FlowLoadError, ArgumentError…). */
export class ChildTaskError extends Error {
  readonly code: string | undefined;
  constructor(info: ChildErrorInfo) {
    super(info.message);
    this.name = info.name;
    this.code = info.code;
  }
}

interface Slot {
  child: ChildProcess;
  calls: number;
  busy: boolean;
  dead: boolean;
  /** Set while a call runs: settles it when the child exits. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

function tsxLoader(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return undefined;
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal ${signal}`;
  return `exit code ${code}`;
}

export function createChildRunner<P, R>(options: ChildRunnerOptions): ChildRunner<P, R> {
  const size = Math.max(1, options.size ?? 2);
  const maxCalls = Math.max(1, options.maxCallsPerChild ?? 1);
  const watchdogMs = options.watchdogMs ?? 10 * 60_000;
  const label = options.label ?? 'the run process';
  const execArgv = [...(options.execArgv ?? [])];
  if (options.maxOldSpaceMb !== undefined) execArgv.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  if (options.modulePath.endsWith('.ts')) {
    const loader = tsxLoader();
    if (loader) execArgv.unshift('--import', loader);
  }

  const slots = new Set<Slot>();
  const waiting: { resolve: (slot: Slot) => void; reject: (err: Error) => void }[] = [];
  let nextId = 1;
  let closed = false;

  function spawnSlot(): Slot {
    const child = fork(options.modulePath, [], {
      execArgv,
      ...(options.env ? { env: options.env } : {}),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    const slot: Slot = { child, calls: 0, busy: false, dead: false };
    child.on('exit', (code, signal) => {
      slot.dead = true;
      slots.delete(slot);
      slot.onExit?.(code, signal);
      // A place freed up: a waiting call may start a new child.
      wakeWaiter();
    });
    child.on('error', () => {
      // 'exit' follows (or the send fails); nothing more to do here.
    });
    slots.add(slot);
    return slot;
  }

  function acquire(): Promise<Slot> {
    if (closed) return Promise.reject(new ChildProcessError(`${label} pool is closed`, 'closed'));
    for (const slot of slots) {
      if (!slot.busy && !slot.dead) {
        slot.busy = true;
        return Promise.resolve(slot);
      }
    }
    if (slots.size < size) {
      const slot = spawnSlot();
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise<Slot>((resolve, reject) => waiting.push({ resolve, reject }));
  }

  function wakeWaiter(): void {
    if (waiting.length === 0 || closed) return;
    for (const slot of slots) {
      if (!slot.busy && !slot.dead) {
        slot.busy = true;
        waiting.shift()!.resolve(slot);
        return;
      }
    }
    if (slots.size < size) {
      const slot = spawnSlot();
      slot.busy = true;
      waiting.shift()!.resolve(slot);
    }
  }

  function release(slot: Slot): void {
    slot.busy = false;
    slot.onExit = undefined;
    if (slot.calls >= maxCalls || closed) {
      slot.dead = true;
      slots.delete(slot);
      slot.child.kill();
    }
    wakeWaiter();
  }

  async function call(payload: P): Promise<R> {
    const slot = await acquire();
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        slot.child.off('message', onMessage);
        if (!keep && !slot.dead) {
          slot.dead = true;
          slots.delete(slot);
          slot.child.kill('SIGKILL');
        }
        fn();
        release(slot);
      };
      const timer = setTimeout(
        () =>
          finish(
            () =>
              reject(
                new ChildProcessError(
                  `The run did not finish within ${Math.round(watchdogMs / 1000)} s and ${label} was stopped.`,
                  'timeout',
                ),
              ),
            false,
          ),
        watchdogMs,
      );
      const onMessage = (message: unknown) => {
        if (!isChildReply(message) || message.id !== id) return;
        slot.calls++;
        finish(() => (message.ok ? resolve(message.result as R) : reject(new ChildTaskError(message.error))), true);
      };
      slot.onExit = (code, signal) =>
        finish(
          () =>
            reject(
              new ChildProcessError(
                `${capitalize(label)} stopped unexpectedly (${describeExit(code, signal)}) before the run finished: the flow may have exhausted memory or crashed the engine. The designer keeps working; the run's result is lost.`,
                'crashed',
              ),
            ),
          false,
        );
      slot.child.on('message', onMessage);
      if (slot.dead) {
        slot.onExit(slot.child.exitCode, slot.child.signalCode);
        return;
      }
      const message: ChildRequestMessage<P> = { kind: 'flowdesk-request', id, payload };
      try {
        slot.child.send(message, (err) => {
          if (err) {
            finish(
              () => reject(new ChildProcessError(`could not hand the run to ${label}: ${err.message}`, 'send-failed')),
              false,
            );
          }
        });
      } catch (err) {
        // JSON.stringify of the payload failed (e.g. nesting too deep): refuse, keep the child.
        finish(
          () =>
            reject(
              new ChildProcessError(`could not hand the run to ${label}: ${(err as Error).message}`, 'send-failed'),
            ),
          true,
        );
      }
    });
  }

  return {
    call,
    get alive() {
      return slots.size;
    },
    async close() {
      closed = true;
      const exits: Promise<void>[] = [];
      for (const slot of [...slots]) {
        if (slot.child.exitCode === null && slot.child.signalCode === null) {
          exits.push(new Promise<void>((done) => slot.child.once('exit', () => done())));
          slot.child.kill('SIGKILL');
        }
      }
      for (const waiter of waiting.splice(0)) waiter.reject(new ChildProcessError(`${label} pool is closed`, 'closed'));
      await Promise.all(exits);
    },
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
