/**
 * The Code task's sandbox: QuickJS compiled to WebAssembly (quickjs-emscripten), with no
 * host objects at all — no fetch, require, timers or file system. Input goes in as a JSON
 * string and the result comes out as one.
 *
 * Speed comes from reuse: one QuickJS runtime + context per distinct source, with the user's
 * function compiled once. Runs cannot share state because the prelude freezes every
 * intrinsic and the global object before user code is compiled, user code is a strict
 * function body, and pending jobs are drained at the end of each run.
 *
 * Limits: a memory limit on the runtime, a deadline checked by the interrupt handler, and a
 * stack limit. After any failure that could leave the context in a bad state (timeout,
 * memory, stack) the context is thrown away and rebuilt on the next run. QuickJS runs on the
 * host's native stack, so pathological nesting can still overflow the *host* stack; that
 * surfaces here as a host RangeError, and the whole WebAssembly instance is then discarded.
 */
import { newQuickJSWASMModule } from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import type { CodeSandbox, LogLine } from '../../core/node-type.js';
import { PRELUDE_FILENAME, SANDBOX_PRELUDE, USER_FILENAME } from './sandbox-prelude.js';

export type SandboxResult = Awaited<ReturnType<CodeSandbox['run']>>;

export interface QuickJsSandboxOptions {
  /**
   * Reuse one compiled context per distinct source (default). `false` builds and disposes a
   * context for every call: slower, kept for the benchmark and as a fallback.
   */
  reuseContexts?: boolean;
  /** How many distinct sources keep a warm context. Least recently used ones are disposed. */
  maxCachedSources?: number;
  /** QuickJS stack limit. Keep well under the host's native stack (see file comment). */
  maxStackBytes?: number;
  /** Largest JSON result accepted from the code. */
  maxOutputBytes?: number;
}

export const SANDBOX_DEFAULTS = {
  timeoutMs: 1000,
  memoryBytes: 32 * 1024 * 1024,
  maxStackBytes: 256 * 1024,
  maxCachedSources: 64,
  maxOutputBytes: 8 * 1024 * 1024,
} as const;

/** Why a run failed, decided on the host side. */
type FailureKind = 'timeout' | 'memory' | 'stack' | 'user' | 'syntax' | 'output' | 'host';

interface VmError {
  message: string;
  line: number;
  name: string;
  raw: string;
}

interface VmOutcome {
  ok: boolean;
  value?: unknown;
  error?: VmError;
  logs: LogLine[];
}

/** One compiled source: its own runtime (own memory limit) and context. */
class Slot {
  deadline = 0;
  memoryBytes = 0;
  runFn: QuickJSHandle | undefined;
  collectFn: QuickJSHandle | undefined;
  /** Set when the context must not be used again. */
  broken = false;

  constructor(
    readonly runtime: QuickJSRuntime,
    readonly context: QuickJSContext,
  ) {
    // One handler for the slot's lifetime; each run only moves the deadline.
    runtime.setInterruptHandler(() => this.deadline !== 0 && Date.now() > this.deadline);
  }

  dispose(): void {
    try {
      this.runFn?.dispose();
      this.collectFn?.dispose();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      // A runtime that hit a host-level failure may refuse to free cleanly; the module is
      // discarded in that case anyway.
    }
  }
}

class HostFailure extends Error {}

/** Recognises the messages QuickJS uses for its own limits. */
function classify(error: VmError): FailureKind {
  if (error.name === 'InternalError' && error.raw === 'interrupted') return 'timeout';
  if (/out of memory/i.test(error.raw) || /out of memory/i.test(error.message)) return 'memory';
  if (/stack overflow/i.test(error.raw)) return 'stack';
  if (error.name === 'NotJson') return 'output';
  return 'user';
}

function limitMessage(kind: FailureKind, limits: { timeoutMs: number; memoryBytes: number }): string | undefined {
  switch (kind) {
    case 'timeout':
      return `Code ran longer than ${limits.timeoutMs} ms and was stopped`;
    case 'memory':
      return `Code used more than ${formatMb(limits.memoryBytes)} of memory`;
    case 'stack':
      return 'Code nested too deeply (stack overflow): check for a function that calls itself without end';
    default:
      return undefined;
  }
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function withLine(message: string, line: number): string {
  return line > 0 ? `${message} (line ${line})` : message;
}

export class QuickJsSandbox implements CodeSandbox {
  private module: QuickJSWASMModule | undefined;
  private modulePromise: Promise<QuickJSWASMModule> | undefined;
  private readonly slots = new Map<string, Slot>();
  private readonly reuse: boolean;
  private readonly maxCached: number;
  private readonly maxStack: number;
  private readonly maxOutput: number;
  private disposed = false;

  constructor(options: QuickJsSandboxOptions = {}) {
    this.reuse = options.reuseContexts ?? true;
    this.maxCached = Math.max(1, options.maxCachedSources ?? SANDBOX_DEFAULTS.maxCachedSources);
    this.maxStack = options.maxStackBytes ?? SANDBOX_DEFAULTS.maxStackBytes;
    this.maxOutput = options.maxOutputBytes ?? SANDBOX_DEFAULTS.maxOutputBytes;
  }

  /** Loads the WebAssembly module; `run` does this on first use too. */
  async ready(): Promise<void> {
    await this.getModule();
  }

  run(
    source: string,
    input: unknown,
    limits: { timeoutMs: number; memoryBytes: number },
  ): Promise<SandboxResult> {
    if (this.disposed) return Promise.reject(new Error('The code sandbox has been disposed'));
    // Avoid an extra await per call once the module is loaded.
    if (this.module) return Promise.resolve(this.runSync(this.module, source, input, limits));
    return this.getModule().then((module) => this.runSync(module, source, input, limits));
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
    this.module = undefined;
    this.modulePromise = undefined;
  }

  /** Number of warm contexts (for tests and diagnostics). */
  get cachedSources(): number {
    return this.slots.size;
  }

  private getModule(): Promise<QuickJSWASMModule> {
    if (!this.modulePromise) {
      this.modulePromise = newQuickJSWASMModule().then((m) => {
        this.module = m;
        return m;
      });
      // Let a failed load be retried by the next run.
      this.modulePromise.catch(() => {
        this.modulePromise = undefined;
      });
    }
    return this.modulePromise;
  }

  /** Drops the whole WebAssembly instance after a host-level failure inside it. */
  private discardModule(): void {
    // Not disposed: freeing a runtime that unwound mid-call can abort inside QuickJS.
    this.slots.clear();
    this.module = undefined;
    this.modulePromise = undefined;
  }

  private runSync(
    module: QuickJSWASMModule,
    source: string,
    input: unknown,
    limits: { timeoutMs: number; memoryBytes: number },
  ): SandboxResult {
    let inputJson: string | undefined;
    try {
      inputJson = JSON.stringify(input ?? null);
    } catch (e) {
      return { ok: false, error: `The code's input could not be turned into JSON: ${(e as Error).message}`, logs: [] };
    }

    let slot: Slot | undefined;
    try {
      const got = this.slotFor(module, source, limits);
      if ('error' in got) return { ok: false, error: got.error, logs: [] };
      slot = got.slot;
      const outcome = this.invoke(slot, inputJson ?? 'null', limits);
      const result = this.finish(slot, outcome, limits);
      slot.deadline = 0;
      if (!this.reuse || slot.broken) {
        if (this.slots.get(source) === slot) this.slots.delete(source);
        slot.dispose();
      }
      return result;
    } catch (e) {
      // Anything thrown (rather than returned) here came from the WebAssembly side itself:
      // typically the host's native stack overflowing under deeply nested data. The
      // instance may be inconsistent, so all of it is dropped and rebuilt on the next run.
      this.discardModule();
      const overflow = e instanceof RangeError;
      return {
        ok: false,
        error: overflow
          ? 'Code nested too deeply for the sandbox (stack overflow); the sandbox was restarted'
          : `The code sandbox failed (${e instanceof Error ? e.message : String(e)}); it was restarted`,
        logs: [],
      };
    }
  }

  private finish(slot: Slot, outcome: VmOutcome, limits: { timeoutMs: number; memoryBytes: number }): SandboxResult {
    if (outcome.ok) return { ok: true, value: outcome.value ?? null, logs: outcome.logs };
    const error = outcome.error ?? { message: 'Code failed', line: 0, name: '', raw: '' };
    const kind = classify(error);
    if (kind === 'timeout' || kind === 'memory' || kind === 'stack') slot.broken = true;
    const message = limitMessage(kind, limits) ?? withLine(error.message, error.line);
    return { ok: false, error: message, logs: outcome.logs };
  }

  /** A warm slot for the source, compiling it if needed. */
  private slotFor(
    module: QuickJSWASMModule,
    source: string,
    limits: { timeoutMs: number; memoryBytes: number },
  ): { slot: Slot } | { error: string } {
    const cached = this.reuse ? this.slots.get(source) : undefined;
    if (cached) {
      // Refresh LRU position.
      this.slots.delete(source);
      this.slots.set(source, cached);
      return { slot: cached };
    }
    const runtime = module.newRuntime();
    const context = runtime.newContext();
    const slot = new Slot(runtime, context);
    {
      runtime.setMaxStackSize(this.maxStack);
      this.applyLimits(slot, limits);
      slot.deadline = Date.now() + limits.timeoutMs;

      const prelude = context.evalCode(SANDBOX_PRELUDE, PRELUDE_FILENAME, { type: 'global', strict: true });
      if (prelude.error) {
        const detail = context.dump(prelude.error) as { message?: string };
        prelude.error.dispose();
        throw new HostFailure(`sandbox prelude failed: ${detail?.message ?? 'unknown error'}`);
      }
      const lockdown = context.callFunction(prelude.value, context.undefined, this.reuse ? context.true : context.false);
      prelude.value.dispose();
      if (lockdown.error) {
        const err = readVmError(context, lockdown.error);
        lockdown.error.dispose();
        throw new HostFailure(`sandbox prelude failed: ${err.message}`);
      }
      const bind = lockdown.value;

      const wrapper = wrapSource(source);
      const compiled = context.evalCode(wrapper.text, USER_FILENAME, { type: 'global' });
      if (compiled.error) {
        const err = readVmError(context, compiled.error);
        compiled.error.dispose();
        bind.dispose();
        slot.dispose();
        const kind = classify(err);
        const message =
          limitMessage(kind, limits) ??
          (err.name === 'SyntaxError'
            ? withLine(`The code has a syntax error: ${err.raw || err.message}`, err.line)
            : withLine(err.message, err.line));
        return { error: message };
      }
      const fn = compiled.value;
      // Code that closes the wrapper's braces early could smuggle top-level declarations
      // (shared across runs) next to the function; the compiled function must span exactly
      // the text we wrapped.
      const text = functionSource(context, fn);
      if (text !== wrapper.functionText) {
        fn.dispose();
        bind.dispose();
        slot.dispose();
        return { error: 'The code has unbalanced braces: it closes more { } blocks than it opens' };
      }
      const api = context.callFunction(bind, context.undefined, fn);
      fn.dispose();
      bind.dispose();
      if (api.error) {
        const err = readVmError(context, api.error);
        api.error.dispose();
        throw new HostFailure(`sandbox bind failed: ${err.message}`);
      }
      slot.runFn = context.getProp(api.value, 'run');
      slot.collectFn = context.getProp(api.value, 'collect');
      api.value.dispose();
    }
    if (this.reuse) {
      this.slots.set(source, slot);
      while (this.slots.size > this.maxCached) {
        const oldest = this.slots.keys().next().value as string;
        this.slots.get(oldest)?.dispose();
        this.slots.delete(oldest);
      }
    }
    return { slot };
  }

  private applyLimits(slot: Slot, limits: { timeoutMs: number; memoryBytes: number }): void {
    if (slot.memoryBytes !== limits.memoryBytes) {
      slot.runtime.setMemoryLimit(limits.memoryBytes);
      slot.memoryBytes = limits.memoryBytes;
    }
  }

  private invoke(slot: Slot, inputJson: string, limits: { timeoutMs: number; memoryBytes: number }): VmOutcome {
    const { context, runtime } = slot;
    this.applyLimits(slot, limits);
    slot.deadline = Date.now() + limits.timeoutMs;

    const arg = context.newString(inputJson);
    const called = context.callFunction(slot.runFn!, context.undefined, arg);
    arg.dispose();
    if (called.error) return this.vmFailure(slot, called.error);
    let text = context.getString(called.value);
    called.value.dispose();

    // Drain jobs a run left behind so none of them runs during (and leaks into) the next
    // run; for async code this is what settles its promise.
    if (runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        const outcome = this.vmFailure(slot, jobs.error);
        if (text === '' || outcome.error?.name === 'InternalError') return outcome;
      }
    }
    if (text === '') {
      const collected = context.callFunction(slot.collectFn!, context.undefined);
      if (collected.error) return this.vmFailure(slot, collected.error);
      text = context.getString(collected.value);
      collected.value.dispose();
    }
    if (text.length > this.maxOutput) {
      return {
        ok: false,
        error: { message: `The code returned more than ${formatMb(this.maxOutput)} of JSON`, line: 0, name: 'Output', raw: '' },
        logs: [],
      };
    }
    return JSON.parse(text) as VmOutcome;
  }

  /** An exception escaped the prelude's own try/catch: a limit was hit. */
  private vmFailure(slot: Slot, handle: QuickJSHandle): VmOutcome {
    const err = readVmError(slot.context, handle);
    handle.dispose();
    // Whatever escaped the prelude's own error handling leaves the context suspect.
    slot.broken = true;
    return { ok: false, error: err, logs: [] };
  }
}

/** `fn.toString()` inside the VM: the exact source text QuickJS compiled the function from. */
function functionSource(context: QuickJSContext, fn: QuickJSHandle): string {
  const toString = context.getProp(fn, 'toString');
  try {
    const result = context.callFunction(toString, fn);
    if (result.error) {
      result.error.dispose();
      return '';
    }
    try {
      return context.getString(result.value);
    } finally {
      result.value.dispose();
    }
  } finally {
    toString.dispose();
  }
}

/** Reads name/message/line of a thrown value without dumping huge stacks. */
function readVmError(context: QuickJSContext, handle: QuickJSHandle): VmError {
  const read = (key: string): string | undefined => {
    try {
      const h = context.getProp(handle, key);
      try {
        const t = context.typeof(h);
        if (t === 'string') return context.getString(h);
        if (t === 'number') return String(context.getNumber(h));
        return undefined;
      } finally {
        h.dispose();
      }
    } catch {
      return undefined;
    }
  };
  if (context.typeof(handle) !== 'object') {
    return { message: 'Code failed', line: 0, name: '', raw: '' };
  }
  const name = read('name') ?? '';
  const raw = read('message') ?? '';
  let line = Number(read('lineNumber') ?? 0);
  if (!line) {
    const m = /code\.js:(\d+)/.exec(read('stack') ?? '');
    line = m ? Number(m[1]) : 0;
  }
  return { message: name ? `${name}: ${raw}` : raw || 'Code failed', line, name, raw };
}

/**
 * The user's source as a strict function expression. The prefix stays on the first line so
 * line numbers in errors match the user's editor. The body sits in its own block so `let
 * input = …` shadows the parameter instead of clashing with it (and `var input` redeclares
 * it, which is allowed). Qualtrics-style code that only defines `function codeTask() {…}`
 * falls through to the final line, which calls it.
 */
function wrapSource(source: string): { text: string; functionText: string } {
  const functionText =
    "function (trigger, steps, vars, input) {'use strict'; {" +
    source +
    "\n;return typeof codeTask === 'function' ? codeTask() : undefined;\n}}";
  return { text: `(${functionText})`, functionText };
}

export async function createQuickJsSandbox(
  options: QuickJsSandboxOptions = {},
): Promise<CodeSandbox & { dispose(): void }> {
  const sandbox = new QuickJsSandbox(options);
  await sandbox.ready();
  return sandbox;
}
