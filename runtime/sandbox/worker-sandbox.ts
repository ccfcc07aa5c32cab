/**
 * The Code task's sandbox behind a watchdog: QuickJS runs in a worker thread, and the parent
 * ends that thread when a call's code outlives its time limit by more than a small grace.
 *
 * Why a thread of its own: QuickJS's deadline is checked by its interrupt handler, which
 * QuickJS calls only once every 10,000 function calls or loop turns. Runaway recursion inside
 * try/catch makes every one of those calls a stack overflow that builds a backtrace of the
 * whole stack (≈ 1,400 frames), so 10,000 of them took 2 s on a quiet machine and ≈ 10 s
 * without the memory cap (bench/hardening.bench.ts) — a run with a 1 s limit ended seconds
 * late and blocked the event loop meanwhile. A watchdog on the same thread cannot help: it
 * never gets to run while the WebAssembly code does. `worker.terminate()` stops WebAssembly
 * mid-instruction, so the run ends at its limit + `graceMs` whatever the code does, and the
 * host's event loop stays free while code runs.
 *
 * One call at a time (QuickJS is synchronous anyway); further calls queue here. A worker that
 * was stopped or died is replaced on the next call; its warm contexts are lost with it.
 * The worker is unreferenced while idle, so it never keeps a CLI process alive.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CodeSandbox } from '../../core/node-type.js';
import type { QuickJsSandboxOptions, SandboxResult } from './quickjs-sandbox.js';
import { encodeBinaryJson } from './binary-json.js';
import type { SandboxInput, SandboxReply, SandboxRequest, SandboxWorkerData } from './worker-protocol.js';

export interface WorkerSandboxOptions {
  /** How long past its limit a call's code may run before the thread is stopped; default 100 ms. */
  graceMs?: number;
  /**
   * How long a call may spend before its code starts (starting the thread, compiling QuickJS,
   * the prelude and the source) before the thread is stopped; default 30 s.
   */
  setupMs?: number;
  /** Options for the QuickJS sandbox inside the worker. */
  sandbox?: Omit<QuickJsSandboxOptions, 'onRunStart'>;
  /** The worker's entry module; sandbox-worker.js beside this file unless a test replaces it. */
  workerModule?: URL;
}

interface Job {
  id: number;
  source: string;
  /** The scope as the caller gave it, kept until the call ends in case it must be resent as JSON text. */
  input: unknown;
  limits: { timeoutMs: number; memoryBytes: number };
  resolve: (result: SandboxResult) => void;
  sentAt: number;
}

const DEFAULT_GRACE_MS = 100;
const DEFAULT_SETUP_MS = 30_000;
/** How often a call still being prepared is looked at: the most its code can overrun by on top of the grace. */
const PREPARE_POLL_MS = 20;

/** The worker module beside this file; under the test runner that is the .ts source, run through tsx. */
function defaultWorkerModule(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./sandbox-worker.${ext}`, import.meta.url);
}

/**
 * How to start the worker: the module itself, or, for the .ts source under the test runner, a
 * one-line bootstrap that loads it through tsx (a worker's `--import` does not reach tsx's hooks).
 */
function workerEntry(module: URL): { entry: URL | string; eval: boolean } {
  if (!module.pathname.endsWith('.ts')) return { entry: module, eval: false };
  // The ESM build of tsx's API (require.resolve names its CommonJS twin).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const href = JSON.stringify(module.href);
  return { entry: `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${href}, ${href}))`, eval: true };
}

function timeoutResult(limits: { timeoutMs: number }): SandboxResult {
  // The same words as QuickJS's own deadline: either way the host's clock decided.
  return { ok: false, error: `Code ran longer than ${limits.timeoutMs} ms and was stopped`, logs: [] };
}

export class WorkerSandbox implements CodeSandbox {
  private readonly graceMs: number;
  private readonly setupMs: number;
  private readonly module: URL;
  private readonly sandboxOptions: Omit<QuickJsSandboxOptions, 'onRunStart'>;
  private readonly clockBuffer = new SharedArrayBuffer(8);
  private readonly clock = new BigInt64Array(this.clockBuffer);
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private disposed = false;
  /** Off once the worker's QuickJS said it cannot read the binary format: JSON text from then on. */
  private binaryInput = true;
  /** Threads stopped by the watchdog so far (for tests and diagnostics). */
  stoppedThreads = 0;

  /** How scopes are sent to the worker now (for tests and diagnostics). */
  get inputFormat(): 'binary' | 'json' {
    return this.binaryInput ? 'binary' : 'json';
  }

  constructor(options: WorkerSandboxOptions = {}) {
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.setupMs = options.setupMs ?? DEFAULT_SETUP_MS;
    this.module = options.workerModule ?? defaultWorkerModule();
    this.sandboxOptions = options.sandbox ?? {};
  }

  run(source: string, input: unknown, limits: { timeoutMs: number; memoryBytes: number }): Promise<SandboxResult> {
    if (this.disposed) return Promise.reject(new Error('The code sandbox has been disposed'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, source, input, limits, resolve, sentAt: 0 });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.stopWorker();
    const pending = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = undefined;
    for (const job of pending) job.resolve({ ok: false, error: 'The code sandbox has been disposed', logs: [] });
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    const worker = this.ensureWorker();
    worker.ref();
    this.current = job;
    this.send(worker, job, this.binaryInput);
  }

  /**
   * Serialises the scope here and hands the worker bytes: QuickJS's binary format, whose
   * buffer is transferred rather than copied, or JSON text. A structured clone of the object
   * graph would be built here and rebuilt there, only to be encoded again for QuickJS.
   */
  private send(worker: Worker, job: Job, binary: boolean): void {
    let input: SandboxInput;
    try {
      // Objects only, as QuickJsSandbox.run does: scalars are cheap as text.
      const bytes =
        binary && typeof job.input === 'object' && job.input !== null ? encodeBinaryJson(job.input) : undefined;
      input = bytes ? { bytes } : { json: JSON.stringify(job.input ?? null) ?? 'null' };
    } catch (error) {
      this.finish(job, {
        ok: false,
        error: `The code's input could not be turned into JSON: ${(error as Error).message}`,
        logs: [],
      });
      return;
    }
    const request: SandboxRequest = { id: job.id, source: job.source, input, limits: job.limits };
    Atomics.store(this.clock, 0, 0n);
    job.sentAt = Date.now();
    worker.postMessage(request, input.bytes ? [input.bytes.buffer as ArrayBuffer] : []);
    this.arm(job.limits.timeoutMs + this.graceMs);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: SandboxWorkerData = { clock: this.clockBuffer, options: this.sandboxOptions };
    const { entry, eval: isEval } = workerEntry(this.module);
    const worker = new Worker(entry, { workerData: data, eval: isEval });
    worker.on('message', (reply: SandboxReply) => {
      const job = this.current;
      if (!job || reply.id !== job.id) return;
      if (reply.resend !== 'json') return this.finish(job, reply.result);
      // JSON text then fits, or fails the memory limit the usual way.
      if (!reply.readsBinary) this.binaryInput = false;
      this.send(worker, job, false);
    });
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  /** Checks the running call at `delayMs` from now, and again until it ends or is stopped. */
  private arm(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), Math.max(1, delayMs));
  }

  private check(): void {
    const job = this.current;
    if (!job) return;
    const now = Date.now();
    const started = Number(Atomics.load(this.clock, 0));
    const { timeoutMs } = job.limits;
    if (started === 0) {
      // Still preparing (a new thread, a first compilation): that is not the code's time.
      // The worker does not say when the code starts, so look again shortly.
      const setupEnds = job.sentAt + this.setupMs;
      if (now < setupEnds) return this.arm(Math.min(setupEnds - now, PREPARE_POLL_MS));
    } else {
      const limitEnds = started + timeoutMs + this.graceMs;
      if (now < limitEnds) return this.arm(limitEnds - now);
    }
    this.stoppedThreads++;
    this.stopWorker();
    this.finish(
      job,
      started === 0
        ? {
            ok: false,
            error: `The code sandbox did not start the code within ${this.setupMs} ms; it was restarted`,
            logs: [],
          }
        : timeoutResult(job.limits),
    );
  }

  private finish(job: Job, result: SandboxResult): void {
    if (this.current !== job) return;
    clearTimeout(this.timer);
    this.current = undefined;
    job.resolve(result);
    this.pump();
  }

  /** The worker ended without being asked to: the call it was running fails, the next gets a new one. */
  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const job = this.current;
    if (job) this.finish(job, { ok: false, error: `The code sandbox failed (${why}); it was restarted`, logs: [] });
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.timer);
    if (worker) void worker.terminate();
  }
}
