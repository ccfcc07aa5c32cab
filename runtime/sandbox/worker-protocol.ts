/** Messages between `WorkerSandbox` and its worker thread (sandbox-worker.ts). */
import type { QuickJsSandboxOptions, SandboxResult } from './quickjs-sandbox.js';

export interface SandboxWorkerData {
  /**
   * One BigInt64 slot: the wall-clock time (ms) at which the current call's user code
   * started, 0 while it is still being prepared. Written by the worker, read by the watchdog.
   */
  clock: SharedArrayBuffer;
  /** Plain options only (no functions cross a thread). */
  options: Omit<QuickJsSandboxOptions, 'onRunStart'>;
}

/**
 * The scope, serialised on the caller's thread: QuickJS's binary format (the buffer is
 * transferred, not copied) or, for values that format does not cover, JSON text. Either
 * crosses the thread as bytes instead of an object graph to clone and rebuild.
 */
export type SandboxInput = { bytes: Uint8Array; json?: undefined } | { json: string; bytes?: undefined };

export interface SandboxRequest {
  id: number;
  source: string;
  input: SandboxInput;
  limits: { timeoutMs: number; memoryBytes: number };
}

/**
 * `resend: 'json'`: the worker's QuickJS did not take the bytes; send the scope as JSON text.
 * `readsBinary` says whether it ever will (false: its build does not read the format) or only
 * refused these bytes (they did not fit the memory limit).
 */
export type SandboxReply =
  { id: number; result: SandboxResult; resend?: undefined } | { id: number; resend: 'json'; readsBinary: boolean };
