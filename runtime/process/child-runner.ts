/**
 * Runs work in replaceable child processes (`child_process.fork`), so whatever a flow does
 * cannot stall or end the host: a slow Code task or expression keeps the child busy, not the
 * host's event loop, and a V8 fatal error ("invalid size", heap out of memory), which no
 * try/catch and no worker thread contains, ends only the child. The caller gets a
 * `ChildProcessError` and the next call gets a fresh process.
 *
 * One pool for every host, tuned by options:
 * - the designer (defaults): at most `size` children, started on demand, one call at a time
 *   each, a fresh process per call (`maxCallsPerChild` 1: no state leaks from one run to the
 *   next), a watchdog per call;
 * - the server (`warm`, `concurrency`, `maxCallsPerChild: Infinity`): `size` long-lived children
 *   started at once and replaced as soon as one dies (slower when they keep dying at start),
 *   many calls in flight in each, events (a sync answer, checkpoints) reported during a call.
 *
 * The child module calls `serveParent` (child-main.ts); child-protocol.ts is the protocol.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  isFromChild,
  type ChildErrorInfo,
  type ChildNoticeMessage,
  type ChildRequestMessage,
  type FromChildMessage,
} from './child-protocol.js';
import type { MessageParams } from '../../core/messages/message.js';

export interface ChildRunnerOptions {
  /** The child's entry module (it calls `serveParent`). A `.ts` file is started through tsx (tests). */
  modulePath: string;
  /** Children alive at once; default 2. */
  size?: number;
  /** Calls a child serves before it is replaced; default 1 (a fresh process per call). */
  maxCallsPerChild?: number;
  /** Calls a child runs at once; default 1. */
  concurrency?: number;
  /** Start `size` children now and replace each as soon as it ends; default false (on demand). */
  warm?: boolean;
  /**
   * A call not answered after this long is stopped with its process (and every other call in
   * that process fails as crashed); default 10 minutes; `Infinity` for none.
   */
  watchdogMs?: number;
  /** V8 heap limit of each child in MiB (`--max-old-space-size`); Node's default when absent. */
  maxOldSpaceMb?: number;
  /** Extra Node options for the child. */
  execArgv?: string[];
  /** The child's environment; the host's when absent. */
  env?: NodeJS.ProcessEnv;
  /** How a process is called in messages ("the run process"). */
  label?: string;
  /** IPC encoding; default 'json' ('advanced' is structured clone: faster for large traces). */
  serialization?: 'json' | 'advanced';
  /**
   * At close, how long children get to finish on their own after the host disconnects before
   * they are killed; default 0 (killed at once).
   */
  closeGraceMs?: number;
  /** Told when a child ends (not when the runner closes it). */
  onChildExit?: (info: { pid: number | undefined; code: number | null; signal: NodeJS.Signals | null }) => void;
}

export interface CallOptions<E> {
  /** Events the child's handler reports before it answers. */
  onEvent?: (event: E) => void;
  /** Names the call for `pidOf` (e.g. the execution id). */
  tag?: string;
}

export interface ChildRunner<P, R, E = never, N = never> {
  call(payload: P, options?: CallOptions<E>): Promise<R>;
  /** Sends a notice to every live child (no answer). */
  notify(notice: N): void;
  /** Children alive right now (busy or idle). */
  readonly alive: number;
  /** Process ids of the children that said they are ready. */
  pids(): number[];
  /** The process running the call with this tag, while it runs. */
  pidOf(tag: string): number | undefined;
  /** Resolves once `size` children are ready (warm) or at once; false after `timeoutMs`. */
  ready(timeoutMs: number): Promise<boolean>;
  /** Ends every child; pending calls fail. */
  close(): Promise<void>;
}

/** The child died, was stopped by the watchdog, or the runner was closed. */
export class ChildProcessError extends Error {
  constructor(
    message: string,
    readonly reason: 'crashed' | 'timeout' | 'closed' | 'send-failed',
    readonly exit?: { pid: number | undefined; code: number | null; signal: NodeJS.Signals | null },
  ) {
    super(message);
    this.name = 'ChildProcessError';
  }
}

/** An error the child's handler threw, with its name, code and message params kept (FlowLoadError, ArgumentError…). */
export class ChildTaskError extends Error {
  readonly code: string | undefined;
  readonly params: MessageParams | undefined;
  constructor(info: ChildErrorInfo) {
    super(info.message);
    this.name = info.name;
    this.code = info.code;
    this.params = info.params;
  }
}

interface Call {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  onEvent: ((event: unknown) => void) | undefined;
  tag: string | undefined;
  timer: NodeJS.Timeout | undefined;
}

interface Slot {
  child: ChildProcess;
  pid: number | undefined;
  /** Calls handed to this child so far (for `maxCallsPerChild`). */
  assigned: number;
  inflight: Map<number, Call>;
  dead: boolean;
  /** The child said it is ready. */
  up: boolean;
  startedAt: number;
  /** The call whose watchdog stopped this child (it fails as a timeout, the others as crashed). */
  timedOut?: number;
}

/** Node's timers fire at once past this. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

export function createChildRunner<P, R, E = never, N = never>(options: ChildRunnerOptions): ChildRunner<P, R, E, N> {
  const size = Math.max(1, options.size ?? 2);
  const maxCalls = Math.max(1, options.maxCallsPerChild ?? 1);
  const concurrency = Math.max(1, options.concurrency ?? 1);
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
  /** Consecutive children that died soon after starting, to slow down a crash loop (warm). */
  let quickDeaths = 0;

  function spawnSlot(): Slot {
    const child = fork(options.modulePath, [], {
      execArgv,
      ...(options.env ? { env: options.env } : {}),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: options.serialization ?? 'json',
    });
    const slot: Slot = {
      child,
      pid: child.pid,
      assigned: 0,
      inflight: new Map(),
      dead: false,
      up: false,
      startedAt: Date.now(),
    };
    child.on('message', (message: unknown) => {
      if (isFromChild(message)) onMessage(slot, message);
    });
    child.on('exit', (code, signal) => onExit(slot, code, signal));
    child.on('error', () => {
      // 'exit' follows (or the send fails); nothing more to do here.
    });
    slots.add(slot);
    return slot;
  }

  function onMessage(slot: Slot, message: FromChildMessage): void {
    if (message.kind === 'flowdesk-ready') {
      slot.up = true;
      return;
    }
    const call = slot.inflight.get(message.id);
    if (!call) return;
    if (message.kind === 'flowdesk-event') {
      call.onEvent?.(message.event);
      return;
    }
    try {
      // Events that rode with the reply come first, as they would have on their own.
      for (const event of message.events ?? []) call.onEvent?.(event);
    } finally {
      settle(slot, message.id);
      if (message.ok) call.resolve(message.result);
      else call.reject(new ChildTaskError(message.error));
      release(slot);
    }
  }

  function onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const wasDead = slot.dead;
    slot.dead = true;
    slots.delete(slot);
    const exit = { pid: slot.pid, code, signal };
    for (const [id, call] of slot.inflight) {
      if (call.timer) clearTimeout(call.timer);
      call.reject(
        id === slot.timedOut
          ? new ChildProcessError(
              `The run did not finish within ${Math.round(watchdogMs / 1000)} s and ${label} was stopped.`,
              'timeout',
              exit,
            )
          : closed
            ? new ChildProcessError(`${label} pool is closed`, 'closed', exit)
            : new ChildProcessError(
                `${capitalize(label)} stopped unexpectedly (${describeExit(code, signal)}) before the run finished: the flow may have exhausted memory or crashed the engine. The host keeps working; the run's result is lost.`,
                'crashed',
                exit,
              ),
      );
    }
    slot.inflight.clear();
    if (closed) return;
    // A child retired after its calls (wasDead) is not news; one that died is.
    if (!wasDead || slot.timedOut !== undefined) options.onChildExit?.(exit);
    if (options.warm) {
      quickDeaths = !wasDead && Date.now() - slot.startedAt < 2000 ? quickDeaths + 1 : 0;
      const delay = Math.min(5000, quickDeaths * quickDeaths * 100);
      setTimeout(() => {
        if (closed || slots.size >= size) return;
        spawnSlot();
        wakeWaiter();
      }, delay).unref();
      return;
    }
    // A place freed up: a waiting call may start a new child.
    wakeWaiter();
  }

  /** Ends a child on purpose (retired or stopped by the watchdog). */
  function retire(slot: Slot, signal: NodeJS.Signals = 'SIGTERM'): void {
    if (slot.dead) return;
    slot.dead = true;
    slots.delete(slot);
    slot.child.kill(signal);
  }

  function available(slot: Slot): boolean {
    return !slot.dead && slot.child.connected && slot.inflight.size < concurrency && slot.assigned < maxCalls;
  }

  function pick(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of slots) {
      if (available(slot) && (!best || slot.inflight.size < best.inflight.size)) best = slot;
    }
    if (best) return best;
    // Retired children no longer count against the size (they are on their way out).
    if (!options.warm && slots.size < size) return spawnSlot();
    return undefined;
  }

  function wakeWaiter(): void {
    while (waiting.length > 0 && !closed) {
      const slot = pick();
      if (!slot) return;
      slot.assigned++;
      waiting.shift()!.resolve(slot);
    }
  }

  function settle(slot: Slot, id: number): void {
    const call = slot.inflight.get(id);
    if (call?.timer) clearTimeout(call.timer);
    slot.inflight.delete(id);
  }

  function release(slot: Slot): void {
    if (slot.assigned >= maxCalls && slot.inflight.size === 0) retire(slot);
    wakeWaiter();
  }

  /** Starts at once when a child is free (so `pidOf` knows it right away), else waits its turn. */
  function call(payload: P, callOptions: CallOptions<E> = {}): Promise<R> {
    if (closed) return Promise.reject(new ChildProcessError(`${label} pool is closed`, 'closed'));
    const slot = pick();
    if (slot) {
      slot.assigned++;
      return start(slot, payload, callOptions);
    }
    return new Promise<R>((resolve, reject) =>
      waiting.push({ resolve: (next) => start(next, payload, callOptions).then(resolve, reject), reject }),
    );
  }

  function start(slot: Slot, payload: P, callOptions: CallOptions<E>): Promise<R> {
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      const entry: Call = {
        resolve: resolve as (result: unknown) => void,
        reject,
        onEvent: callOptions.onEvent as ((event: unknown) => void) | undefined,
        tag: callOptions.tag,
        timer: undefined,
      };
      if (Number.isFinite(watchdogMs)) {
        entry.timer = setTimeout(
          () => {
            // The exit handler rejects this call (as a timeout) and the others in the child.
            slot.timedOut = id;
            retire(slot, 'SIGKILL');
          },
          Math.min(watchdogMs, MAX_TIMER_MS),
        );
      }
      slot.inflight.set(id, entry);
      if (slot.dead) {
        // It ended between being picked and now: its exit was handled without this call.
        settle(slot, id);
        reject(new ChildProcessError(`${capitalize(label)} stopped before the run could start.`, 'crashed'));
        wakeWaiter();
        return;
      }
      const message: ChildRequestMessage<P> = { kind: 'flowdesk-request', id, payload };
      const refuse = (err: Error, keep: boolean) => {
        if (!slot.inflight.has(id)) return;
        settle(slot, id);
        reject(new ChildProcessError(`could not hand the run to ${label}: ${err.message}`, 'send-failed'));
        if (!keep) retire(slot, 'SIGKILL');
        release(slot);
      };
      try {
        slot.child.send(message, (err) => {
          if (err) refuse(err, false);
        });
      } catch (err) {
        // Serialising the payload failed (e.g. nesting too deep): refuse, keep the child.
        refuse(err as Error, true);
      }
    });
  }

  if (options.warm) for (let i = 0; i < size; i++) spawnSlot();

  return {
    call,
    notify(notice) {
      const message: ChildNoticeMessage<N> = { kind: 'flowdesk-notice', notice };
      for (const slot of slots) if (!slot.dead && slot.child.connected) slot.child.send(message);
    },
    get alive() {
      return slots.size;
    },
    pids() {
      return [...slots].filter((s) => s.up && !s.dead && s.child.connected).map((s) => s.pid!);
    },
    pidOf(tag) {
      for (const slot of slots) {
        for (const entry of slot.inflight.values()) if (entry.tag === tag) return slot.pid;
      }
      return undefined;
    },
    async ready(timeoutMs) {
      if (!options.warm) return true;
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (slots.size >= size && [...slots].every((s) => s.up)) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    },
    async close() {
      closed = true;
      const grace = options.closeGraceMs ?? 0;
      const exits: Promise<void>[] = [];
      for (const slot of [...slots]) {
        if (slot.child.exitCode !== null || slot.child.signalCode !== null) continue;
        exits.push(new Promise<void>((done) => slot.child.once('exit', () => done())));
        if (grace > 0 && slot.child.connected) {
          slot.child.disconnect();
          setTimeout(() => slot.child.kill('SIGKILL'), grace).unref();
        } else {
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
