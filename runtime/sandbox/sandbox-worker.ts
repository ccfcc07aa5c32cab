/**
 * The worker thread that runs Code tasks for `WorkerSandbox` (worker-sandbox.ts): one
 * QuickJS sandbox, one call at a time. Before the user's code starts it writes the time into
 * the shared clock, so the parent's watchdog times the code and not the compilation before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { QuickJsSandbox, type QuickJsSandboxOptions } from './quickjs-sandbox.js';
import type { SandboxReply, SandboxRequest, SandboxWorkerData } from './worker-protocol.js';

const data = workerData as SandboxWorkerData;
const clock = new BigInt64Array(data.clock);
const options: QuickJsSandboxOptions = {
  ...data.options,
  onRunStart: () => Atomics.store(clock, 0, BigInt(Date.now())),
};
const sandbox = new QuickJsSandbox(options);
const port = parentPort!;

port.on('message', (request: SandboxRequest) => {
  void sandbox.run(request.source, request.input, request.limits).then(
    (result) => port.postMessage({ id: request.id, result } satisfies SandboxReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        result: {
          ok: false,
          error: `The code sandbox failed (${error instanceof Error ? error.message : String(error)})`,
          logs: [],
        },
      } satisfies SandboxReply),
  );
});
