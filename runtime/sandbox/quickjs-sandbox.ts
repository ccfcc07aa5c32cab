/**
 * The Code task's sandbox: QuickJS compiled to WebAssembly (quickjs-emscripten), with no
 * host objects at all — no fetch, require, timers or file system. Input goes in as JSON data
 * (see below for how) and the result comes out as a JSON string.
 *
 * Speed comes from reuse: one QuickJS runtime + context per distinct source (and memory
 * limit), with the user's function compiled once. The input scope crosses into the VM in
 * QuickJS's binary object format (binary-json.ts) rather than as JSON text to parse; data
 * that is not plain JSON, or a QuickJS build whose format differs, takes the JSON text path. Runs cannot share state because the
 * prelude freezes every intrinsic and the global object before user code is compiled, user
 * code is a strict function body, and pending jobs are drained at the end of each run.
 *
 * Limits:
 * - Time: a deadline checked by QuickJS's interrupt handler.
 * - Which limit stopped the code is known only from the host's own observations (the
 *   interrupt handler said stop; the instance's memory refused to grow), never from the
 *   error's name or message, which user code can fake (`throw new InternalError("out of
 *   memory")`).
 * - Memory: `runtime.setMemoryLimit` alone is not enough here. The Emscripten build cannot
 *   measure allocation sizes, so it bounds each single allocation, not the total
 *   (quickjs-emscripten issue #271). Each warm context therefore gets its own WebAssembly
 *   instance whose linear memory has a hard `maximum` (limit + fixed overhead): growing
 *   past it makes malloc fail and QuickJS throw "out of memory".
 * - Stack: `setMaxStackSize`; an overflow is recognised by the error's identity, never its text. QuickJS runs on the host's native stack, so pathological
 *   nesting in native code (e.g. JSON.parse of 100,000 nested arrays) can still overflow
 *   the *host* stack; that surfaces as a host RangeError, and the instance is discarded.
 * After any failure that could leave a context in a bad state, it is thrown away and
 * rebuilt on the next run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RELEASE_SYNC, newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import type { CodeSandbox, LogLine } from '../../core/node-type.js';
import { encodeBinaryJson } from './binary-json.js';
import { PRELUDE_FILENAME, SANDBOX_PRELUDE, USER_FILENAME } from './sandbox-prelude.js';

export type SandboxResult = Awaited<ReturnType<CodeSandbox['run']>>;
type Limits = { timeoutMs: number; memoryBytes: number };

export interface QuickJsSandboxOptions {
  /**
   * Reuse one compiled, frozen context per distinct source (default). `false` builds and
   * disposes a plain context for every call: slower, kept for the benchmark.
   */
  reuseContexts?: boolean;
  /** How many distinct sources keep a warm context. Least recently used ones are disposed. */
  maxCachedSources?: number;
  /** QuickJS stack limit. Keep well under the host's native stack (see file comment). */
  maxStackBytes?: number;
  /** Largest JSON result accepted from the code. */
  maxOutputBytes?: number;
  /**
   * Called just before the user's code starts (after any compilation), so a watchdog on
   * another thread can time the code itself (worker-sandbox.ts).
   */
  onRunStart?: () => void;
}

export const SANDBOX_DEFAULTS = {
  timeoutMs: 1000,
  memoryBytes: 32 * 1024 * 1024,
  maxStackBytes: 256 * 1024,
  maxCachedSources: 32,
  maxOutputBytes: 8 * 1024 * 1024,
} as const;

/** Deadline for building a context (prelude + compiling the source). */
const SETUP_TIMEOUT_MS = 10_000;
const PAGE = 64 * 1024;
/** The module's declared minimum memory (16 MB); an instance cannot start smaller. */
const MIN_PAGES = 256;
/** Static data, the C stack and QuickJS's own runtime, on top of the code's allowance. */
const MEMORY_OVERHEAD_BYTES = 8 * 1024 * 1024;

interface VmError {
  message: string;
  line: number;
  name: string;
  raw: string;
  /** Set by the prelude when the error is QuickJS's own stack overflow (sandbox-prelude.ts). */
  overflow?: boolean;
}

interface VmOutcome {
  ok: boolean;
  value?: unknown;
  error?: VmError;
  logs: LogLine[];
}

type FailureKind = 'timeout' | 'memory' | 'stack' | 'user' | 'output';

/** The scope for one run: binary (decoded straight into a value) or JSON text (parsed in the VM). */
type Payload = { bytes: Uint8Array; json?: undefined } | { json: string; bytes?: undefined };

/** Returned by `invoke` when the VM refused the binary input; the run is redone from JSON text. */
const DECODE_FAILED = Symbol('decode failed');

/**
 * Whether this process's QuickJS build reads what binary-json.ts writes: checked once, on the
 * first context, by decoding a probe of every kind of value and comparing it as JSON.
 */
let binaryInput: 'unchecked' | 'ok' | 'off' = 'unchecked';

const BINARY_PROBE = {
  nulls: [null, true, false, undefined, () => 1],
  numbers: [0, 1, -1, 63, -64, 64, -65, 2147483647, -2147483648, 2147483648, 1.5, -0, 1e300, -2.5e-300, NaN],
  strings: ['', 'abc', 'é\u00ff', '日本語', '\ud800', '😀', 'x'.repeat(200)],
  keys: { '0': 1, '17': 2, '4294967295': 3, '01': 4, '': 5, __proto__x: 6, ключ: 7, skipped: undefined },
  nested: { a: [{ b: [[], {}] }], 'a b': { c: 'd' } },
};

/** Decodes the probe in a scratch context of `runtime`; true when it reads back exactly. */
function binaryProbeReadsBack(runtime: QuickJSRuntime): boolean {
  const bytes = encodeBinaryJson(BINARY_PROBE);
  if (!bytes) return false;
  const context = runtime.newContext();
  try {
    const buffer = context.newArrayBuffer(bytes.buffer);
    const value = context.decodeBinaryJSON(buffer);
    buffer.dispose();
    try {
      if (context.typeof(value) !== 'object') return false;
      return JSON.stringify(context.dump(value)) === JSON.stringify(BINARY_PROBE);
    } finally {
      value.dispose();
    }
  } catch {
    return false;
  } finally {
    context.dispose();
  }
}

/** What the host saw of an instance's memory: a refused growth means the cap was hit. */
interface MemoryWatch {
  refused: boolean;
}

const memoryWatches = new WeakMap<QuickJSWASMModule, MemoryWatch>();

/** One compiled source: a runtime (own limits) and context, in its own capped instance. */
class Slot {
  deadline = 0;
  /** Set by the interrupt handler when it stopped the code (the host's own timeout signal). */
  interrupted = false;
  memoryBytes = 0;
  runFn: QuickJSHandle | undefined;
  collectFn: QuickJSHandle | undefined;
  /** Set when the context must not be used again. */
  broken = false;

  constructor(
    readonly runtime: QuickJSRuntime,
    readonly context: QuickJSContext,
    /** True when the slot has a WebAssembly instance of its own (reused contexts). */
    readonly ownsInstance: boolean,
    /** The instance's memory as the host watches it. */
    readonly memory: MemoryWatch = { refused: false },
  ) {
    // One handler for the slot's lifetime; each run only moves the deadline.
    runtime.setInterruptHandler(() => {
      if (this.deadline === 0 || Date.now() <= this.deadline) return false;
      this.interrupted = true;
      return true;
    });
  }

  /** Clears the host's observations before a run. */
  startRun(deadline: number): void {
    this.deadline = deadline;
    this.interrupted = false;
    this.memory.refused = false;
  }

  dispose(): void {
    // A runtime stopped mid-run (limit hit, host failure) still holds live objects, and
    // freeing it trips QuickJS's leak assertion, which aborts the instance and prints
    // "Aborted(…)" on stderr. An instance of its own is simply let go: nothing else uses it
    // and the garbage collector takes it whole.
    if (this.broken && this.ownsInstance) return;
    try {
      this.runFn?.dispose();
      this.collectFn?.dispose();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      // A runtime that hit a host-level failure may refuse to free cleanly; its instance is
      // unreachable after this and is collected with it.
    }
  }
}

/**
 * Which limit stopped the code, from what the host itself observed during the run: the
 * interrupt handler fired (time) or the instance's memory refused to grow (memory). Stack:
 * the error is an instance of QuickJS's InternalError, whose constructor user code never
 * sees (sandbox-prelude.ts). The error's text decides nothing: code can throw any name and
 * message, "stack overflow" included.
 */
function classify(error: VmError, slot: Slot | undefined): FailureKind {
  if (slot?.interrupted) return 'timeout';
  if (slot?.memory.refused) return 'memory';
  if (error.overflow === true) return 'stack';
  if (error.name === 'NotJson') return 'output';
  return 'user';
}

function limitMessage(kind: FailureKind, limits: Limits): string | undefined {
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

/**
 * The WebAssembly global. The runtime's tsconfig has no DOM lib, which is where it is
 * declared, so only the part used here is typed (the objects stay opaque).
 */
type WasmModule = { readonly __wasmModule: unique symbol };
type WasmMemory = { readonly buffer: ArrayBuffer };
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      compile(bytes: Uint8Array): Promise<WasmModule>;
      Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
    };
  }
).WebAssembly;
type VariantOptions = Parameters<typeof newVariant>[1];

/** The compiled QuickJS WebAssembly module, shared by every instance. */
let compiledModule: Promise<WasmModule> | undefined;
function compileQuickJs(): Promise<WasmModule> {
  if (!compiledModule) {
    // Resolved through quickjs-emscripten so it is the exact build that package pairs with.
    const fromQuickJs = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    const wasmPath = fromQuickJs.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    const compiling = wasm.compile(readFileSync(wasmPath));
    compiling.catch(() => {
      compiledModule = undefined;
    });
    compiledModule = compiling;
  }
  return compiledModule;
}

/** A QuickJS instance whose linear memory cannot grow past the code's allowance. */
async function newCappedModule(memoryBytes: number): Promise<QuickJSWASMModule> {
  const compiled = await compileQuickJs();
  const maximum = Math.max(MIN_PAGES, Math.ceil((memoryBytes + MEMORY_OVERHEAD_BYTES) / PAGE));
  const memory = new wasm.Memory({ initial: MIN_PAGES, maximum }) as WasmMemory & {
    grow(pages: number): number;
  };
  // The host's own memory signal: Emscripten grows the heap through this object, and a
  // growth past `maximum` throws here before malloc fails inside QuickJS.
  const watch: MemoryWatch = { refused: false };
  const grow = memory.grow.bind(memory);
  memory.grow = (pages: number) => {
    try {
      return grow(pages);
    } catch (error) {
      watch.refused = true;
      throw error;
    }
  };
  const options = { wasmModule: compiled, wasmMemory: memory } as unknown as VariantOptions;
  const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, options));
  memoryWatches.set(module, watch);
  return module;
}

export class QuickJsSandbox implements CodeSandbox {
  private readonly slots = new Map<string, Slot>();
  private readonly pending = new Map<string, Promise<{ slot: Slot } | { error: string }>>();
  /** Fresh-context mode: one capped instance per memory limit, a new runtime per call. */
  private readonly shared = new Map<number, Promise<QuickJSWASMModule>>();
  private readonly reuse: boolean;
  private readonly maxCached: number;
  private readonly maxStack: number;
  private readonly maxOutput: number;
  private readonly onRunStart: (() => void) | undefined;
  private disposed = false;

  constructor(options: QuickJsSandboxOptions = {}) {
    this.reuse = options.reuseContexts ?? true;
    this.maxCached = Math.max(1, options.maxCachedSources ?? SANDBOX_DEFAULTS.maxCachedSources);
    this.maxStack = options.maxStackBytes ?? SANDBOX_DEFAULTS.maxStackBytes;
    this.maxOutput = options.maxOutputBytes ?? SANDBOX_DEFAULTS.maxOutputBytes;
    this.onRunStart = options.onRunStart;
  }

  /** Compiles the WebAssembly module; `run` does this on first use too. */
  async ready(): Promise<void> {
    await compileQuickJs();
  }

  run(source: string, input: unknown, limits: Limits): Promise<SandboxResult> {
    if (this.disposed) return Promise.reject(new Error('The code sandbox has been disposed'));
    let payload: Payload;
    try {
      // Binary only for objects: the entry point tells a decoded value from JSON text by a
      // flag, and scalars are cheap as text anyway.
      const bytes =
        binaryInput !== 'off' && typeof input === 'object' && input !== null ? encodeBinaryJson(input) : undefined;
      payload = bytes ? { bytes } : { json: JSON.stringify(input ?? null) ?? 'null' };
    } catch (e) {
      return Promise.resolve(inputError(e));
    }
    const toJson = (): string => JSON.stringify(input ?? null) ?? 'null';
    return this.dispatch(source, payload, limits, toJson).then(
      (result) => result ?? { ok: false, error: 'The code sandbox could not read its input', logs: [] },
    );
  }

  /**
   * Runs with the scope already in QuickJS's binary format (encoded on the caller's thread,
   * so only bytes cross to this one; see worker-sandbox.ts). Resolves `undefined` when this
   * QuickJS build cannot read the format or the VM refused the bytes (typically: they do not
   * fit the memory limit): the caller then sends the scope as JSON text (`runJson`).
   */
  runEncoded(source: string, bytes: Uint8Array, limits: Limits): Promise<SandboxResult | undefined> {
    if (this.disposed) return Promise.reject(new Error('The code sandbox has been disposed'));
    if (binaryInput === 'off') return Promise.resolve(undefined);
    return this.dispatch(source, { bytes }, limits, undefined);
  }

  /** Runs with the scope as JSON text (a flat string crosses threads as one copy). */
  runJson(source: string, json: string, limits: Limits): Promise<SandboxResult> {
    if (this.disposed) return Promise.reject(new Error('The code sandbox has been disposed'));
    return this.dispatch(source, { json }, limits, undefined) as Promise<SandboxResult>;
  }

  /**
   * `toJson` gives the scope as JSON text when the VM refuses its binary form; without it the
   * refusal resolves `undefined` for the caller to resend.
   */
  private dispatch(
    source: string,
    payload: Payload,
    limits: Limits,
    toJson: (() => string) | undefined,
  ): Promise<SandboxResult | undefined> {
    const key = `${limits.memoryBytes}:${source}`;
    const warm = this.reuse ? this.slots.get(key) : undefined;
    if (warm) {
      // Refresh the LRU position; no await on the hot path.
      this.slots.delete(key);
      this.slots.set(key, warm);
      return Promise.resolve(this.execute(warm, key, source, payload, limits, toJson));
    }
    let creating = this.pending.get(key);
    if (!creating) {
      creating = this.createSlot(source, limits).finally(() => this.pending.delete(key));
      // Concurrent first runs of the same source share one compilation.
      if (this.reuse) this.pending.set(key, creating);
    }
    return creating.then(
      (created): SandboxResult | undefined | Promise<SandboxResult | undefined> => {
        if ('error' in created) return { ok: false, error: created.error, logs: [] };
        const { slot } = created;
        // A concurrent first run of the same source may already have used up this context
        // (e.g. it timed out); start over with a fresh one rather than touch a disposed one.
        if (slot.broken || !slot.context.alive) return this.dispatch(source, payload, limits, toJson);
        if (this.reuse && !this.slots.has(key)) this.remember(key, slot);
        return this.execute(slot, key, source, payload, limits, toJson);
      },
      (e: unknown) => this.hostFailure(e, undefined),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
    this.shared.clear();
  }

  /** Number of warm contexts (for tests and diagnostics). */
  get cachedSources(): number {
    return this.slots.size;
  }

  private remember(key: string, slot: Slot): void {
    this.slots.set(key, slot);
    while (this.slots.size > this.maxCached) {
      const oldest = this.slots.keys().next().value as string;
      this.slots.get(oldest)?.dispose();
      this.slots.delete(oldest);
    }
  }

  private forget(key: string, slot: Slot): void {
    if (this.slots.get(key) === slot) this.slots.delete(key);
    slot.dispose();
  }

  private moduleFor(memoryBytes: number): Promise<QuickJSWASMModule> {
    if (this.reuse) return newCappedModule(memoryBytes);
    let shared = this.shared.get(memoryBytes);
    if (!shared) {
      shared = newCappedModule(memoryBytes);
      this.shared.set(memoryBytes, shared);
      shared.catch(() => this.shared.delete(memoryBytes));
    }
    return shared;
  }

  /** Runs once; everything here is synchronous, so runs never interleave inside QuickJS. */
  private execute(
    slot: Slot,
    key: string,
    source: string,
    payload: Payload,
    limits: Limits,
    toJson: (() => string) | undefined,
  ): SandboxResult | undefined | Promise<SandboxResult | undefined> {
    try {
      // quickjs-emscripten copies the input in without checking its allocation: input larger
      // than the instance can hold would be written over memory it does not own. Refuse it
      // before anything enters the VM (half the limit leaves room for the decoded copy).
      const inputBytes = payload.bytes ? payload.bytes.byteLength : payload.json.length * 3;
      if (inputBytes > limits.memoryBytes / 2) {
        if (!this.reuse) this.forget(key, slot);
        return {
          ok: false,
          error: `The data this Code task receives (${formatMb(inputBytes)}) does not fit its memory limit (${formatMb(limits.memoryBytes)}): raise the memory limit or map fewer fields before it`,
          logs: [],
        };
      }
      // A build that failed the format probe (made on this slot's creation) is not given bytes.
      const outcome = payload.bytes && binaryInput === 'off' ? DECODE_FAILED : this.invoke(slot, payload, limits);
      slot.deadline = 0;
      if (outcome === DECODE_FAILED) {
        // Typically the input does not fit the memory limit. The context may hold QuickJS's
        // pending exception, so it is dropped; JSON text then fails (or not) the usual way.
        slot.broken = true;
        this.forget(key, slot);
        if (!toJson) return undefined;
        let json: string;
        try {
          json = toJson();
        } catch (e) {
          return inputError(e);
        }
        return this.dispatch(source, { json }, limits, undefined);
      }
      let result: SandboxResult;
      if (outcome.ok) {
        result = { ok: true, value: outcome.value ?? null, logs: outcome.logs };
      } else {
        const error = outcome.error ?? { message: 'Code failed', line: 0, name: '', raw: '' };
        const kind = classify(error, slot);
        if (kind === 'timeout' || kind === 'memory' || kind === 'stack') slot.broken = true;
        result = {
          ok: false,
          error: limitMessage(kind, limits) ?? withLine(error.message, error.line),
          logs: outcome.logs,
        };
      }
      if (!this.reuse || slot.broken) this.forget(key, slot);
      return result;
    } catch (e) {
      slot.broken = true;
      return this.hostFailure(e, () => this.forget(key, slot));
    }
  }

  /**
   * Something was thrown (not returned) from the WebAssembly side: typically the host's
   * native stack overflowing under deeply nested data. The instance may be inconsistent,
   * so it is dropped and rebuilt on the next run.
   */
  private hostFailure(e: unknown, drop: (() => void) | undefined): SandboxResult {
    drop?.();
    this.shared.clear();
    const overflow = e instanceof RangeError;
    return {
      ok: false,
      error: overflow
        ? 'Code nested too deeply for the sandbox (stack overflow); the sandbox was restarted'
        : `The code sandbox failed (${e instanceof Error ? e.message : String(e)}); it was restarted`,
      logs: [],
    };
  }

  /** A new context with the prelude run and the source compiled. */
  private async createSlot(source: string, limits: Limits): Promise<{ slot: Slot } | { error: string }> {
    const module = await this.moduleFor(limits.memoryBytes);
    if (this.disposed) throw new Error('The code sandbox has been disposed');
    const runtime = module.newRuntime();
    if (binaryInput === 'unchecked') binaryInput = binaryProbeReadsBack(runtime) ? 'ok' : 'off';
    const context = runtime.newContext();
    const slot = new Slot(runtime, context, this.reuse, memoryWatches.get(module));
    try {
      runtime.setMaxStackSize(this.maxStack);
      this.applyLimits(slot, limits);
      // Setup is mostly our own prelude, so it gets its own generous deadline rather than
      // the code's (a 100 ms budget must not fail on a busy machine before the code runs).
      slot.deadline = Date.now() + Math.max(limits.timeoutMs, SETUP_TIMEOUT_MS);

      const prelude = context.evalCode(SANDBOX_PRELUDE, PRELUDE_FILENAME, { type: 'global', strict: true });
      if (prelude.error) throw new Error(`sandbox prelude failed: ${consumeError(context, prelude.error).message}`);
      const lockdown = context.callFunction(
        prelude.value,
        context.undefined,
        this.reuse ? context.true : context.false,
      );
      prelude.value.dispose();
      if (lockdown.error) throw new Error(`sandbox prelude failed: ${consumeError(context, lockdown.error).message}`);
      const bind = lockdown.value;

      const wrapper = wrapSource(source);
      const compiled = context.evalCode(wrapper.text, USER_FILENAME, { type: 'global' });
      if (compiled.error) {
        const err = consumeError(context, compiled.error);
        bind.dispose();
        slot.dispose();
        const message =
          limitMessage(classify(err, slot), limits) ??
          (err.name === 'SyntaxError'
            ? withLine(`The code has a syntax error: ${err.raw || err.message}`, err.line)
            : withLine(err.message, err.line));
        return { error: message };
      }
      const fn = compiled.value;
      // Code that closes the wrapper's braces early could smuggle top-level declarations
      // (shared across runs) next to the function; the compiled function must span exactly
      // the text we wrapped.
      if (functionSource(context, fn) !== wrapper.functionText) {
        fn.dispose();
        bind.dispose();
        slot.dispose();
        return { error: 'The code has unbalanced braces: it closes more { } blocks than it opens' };
      }
      const api = context.callFunction(bind, context.undefined, fn);
      fn.dispose();
      bind.dispose();
      if (api.error) throw new Error(`sandbox bind failed: ${consumeError(context, api.error).message}`);
      slot.runFn = context.getProp(api.value, 'run');
      slot.collectFn = context.getProp(api.value, 'collect');
      api.value.dispose();
      slot.deadline = 0;
      return { slot };
    } catch (e) {
      slot.dispose();
      if (!this.reuse) this.shared.delete(limits.memoryBytes);
      throw e;
    }
  }

  private applyLimits(slot: Slot, limits: Limits): void {
    // No QuickJS-side limit (runtime.setMemoryLimit): an allocation it refused would leave
    // the host no trace to tell a real limit from a faked message. A single oversized
    // allocation reaches the capped instance instead, whose refused growth the host sees.
    slot.memoryBytes = limits.memoryBytes;
  }

  private invoke(slot: Slot, payload: Payload, limits: Limits): VmOutcome | typeof DECODE_FAILED {
    const { context, runtime } = slot;
    this.applyLimits(slot, limits);
    this.onRunStart?.();
    slot.startRun(Date.now() + limits.timeoutMs);

    let arg: QuickJSHandle;
    if (payload.bytes) {
      const buffer = context.newArrayBuffer(payload.bytes.buffer);
      arg = context.decodeBinaryJSON(buffer);
      buffer.dispose();
      // The decoded scope is always an object; anything else is QuickJS's exception marker.
      if (context.typeof(arg) !== 'object') {
        arg.dispose();
        return DECODE_FAILED;
      }
    } else {
      arg = context.newString(payload.json);
    }
    const called = context.callFunction(
      slot.runFn!,
      context.undefined,
      arg,
      payload.bytes ? context.false : context.true,
    );
    arg.dispose();
    if (called.error) return this.vmFailure(slot, called.error);
    let text = context.getString(called.value);
    called.value.dispose();

    // Drain jobs a run left behind so none of them runs during (and leaks into) the next
    // run; for async code this is what settles its promise.
    if (runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs();
      // QuickJS turns an interrupt inside a promise job into a rejection of that job's
      // promise, so the clock, not the error, says whether the deadline stopped the code.
      const timedOut = Date.now() > slot.deadline;
      if (timedOut) slot.interrupted = true;
      if (jobs.error) {
        const outcome = this.vmFailure(slot, jobs.error);
        if (!timedOut && (text === '' || classify(outcome.error!, slot) !== 'user')) return outcome;
      }
      if (timedOut) {
        slot.broken = true;
        return {
          ok: false,
          error: { message: 'interrupted', line: 0, name: 'Timeout', raw: '' },
          logs: [],
        };
      }
      // Jobs that queue more jobs forever end at the deadline above; anything still queued
      // now must not run during the next run, so the context is not reused.
      if (runtime.hasPendingJob()) slot.broken = true;
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
        error: {
          message: `The code returned more than ${formatMb(this.maxOutput)} of JSON`,
          line: 0,
          name: 'Output',
          raw: '',
        },
        logs: [],
      };
    }
    return JSON.parse(text) as VmOutcome;
  }

  /** An exception escaped the prelude's own try/catch: typically a limit was hit. */
  private vmFailure(slot: Slot, handle: QuickJSHandle): VmOutcome {
    const err = consumeError(slot.context, handle);
    // Whatever escaped the prelude's own error handling leaves the context suspect.
    slot.broken = true;
    return { ok: false, error: err, logs: [] };
  }
}

/** How scopes reach the VM in this process: 'binary' once the probe passed (for diagnostics and tests). */
export function sandboxInputFormat(): 'binary' | 'json' | 'not yet checked' {
  return binaryInput === 'ok' ? 'binary' : binaryInput === 'off' ? 'json' : 'not yet checked';
}

function inputError(e: unknown): SandboxResult {
  return {
    ok: false,
    error: `The code's input could not be turned into JSON: ${(e as Error).message}`,
    logs: [],
  };
}

/** Reads a thrown value's name/message/line (never its possibly huge stack) and frees it. */
function consumeError(context: QuickJSContext, handle: QuickJSHandle): VmError {
  try {
    return readVmError(context, handle);
  } finally {
    handle.dispose();
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
    "function (trigger, steps, vars, input, params, item, index) {'use strict'; {" +
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
