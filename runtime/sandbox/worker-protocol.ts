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

export interface SandboxRequest {
  id: number;
  source: string;
  input: unknown;
  limits: { timeoutMs: number; memoryBytes: number };
}

export interface SandboxReply {
  id: number;
  result: SandboxResult;
}
