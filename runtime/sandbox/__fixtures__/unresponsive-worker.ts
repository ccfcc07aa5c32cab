/**
 * A stand-in for sandbox-worker.ts whose code never yields: for source "spin" it marks the
 * code as started and then loops in plain JavaScript, where no interrupt handler can reach it.
 * Anything else is answered at once, so a test can see that a fresh worker took over.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SandboxRequest, SandboxWorkerData } from '../worker-protocol.js';

const clock = new BigInt64Array((workerData as SandboxWorkerData).clock);
parentPort!.on('message', (request: SandboxRequest) => {
  Atomics.store(clock, 0, BigInt(Date.now()));
  if (request.source === 'spin') for (;;);
  parentPort!.postMessage({ id: request.id, result: { ok: true, value: request.source, logs: [] } });
});
