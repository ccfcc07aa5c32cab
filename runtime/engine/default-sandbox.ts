/**
 * The Code task's sandbox when the caller supplies none: QuickJS in a worker thread with a
 * watchdog (sandbox/worker-sandbox.ts), one per process and started on the first Code node
 * that runs, so flows without code never start the thread or load the WebAssembly module.
 */
import type { CodeSandbox } from '../../core/node-type.js';
import type { WorkerSandbox } from '../sandbox/worker-sandbox.js';

let shared: Promise<WorkerSandbox> | undefined;

export function defaultSandbox(): CodeSandbox {
  return {
    async run(source, input, limits) {
      shared ??= import('../sandbox/worker-sandbox.js').then((m) => new m.WorkerSandbox());
      return (await shared).run(source, input, limits);
    },
  };
}
