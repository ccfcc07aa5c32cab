/**
 * The worker thread that runs Code tasks for `WorkerSandbox` (worker-sandbox.ts): one
 * QuickJS sandbox, one call at a time. The scope arrives already serialised (see
 * worker-protocol.ts). Before the user's code starts it writes the time into
 * the shared clock, so the parent's watchdog times the code and not the compilation before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  QuickJsSandbox,
  sandboxInputFormat,
  type QuickJsSandboxOptions,
  type SandboxResult,
} from './quickjs-sandbox.js';
import type { SandboxReply, SandboxRequest, SandboxWorkerData } from './worker-protocol.js';

const data = workerData as SandboxWorkerData;
const clock = new BigInt64Array(data.clock);
const options: QuickJsSandboxOptions = {
  ...data.options,
  onRunStart: () => Atomics.store(clock, 0, BigInt(Date.now())),
};
const sandbox = new QuickJsSandbox(options);
const port = parentPort!;

function failure(error: unknown): SandboxResult {
  return {
    ok: false,
    error: `The code sandbox failed (${error instanceof Error ? error.message : String(error)})`,
    logs: [],
  };
}

port.on('message', (request: SandboxRequest) => {
  const { id, source, input, limits } = request;
  const running = input.bytes
    ? sandbox.runEncoded(source, input.bytes, limits)
    : sandbox.runJson(source, input.json, limits);
  void running.then(
    (result) =>
      port.postMessage(
        (result
          ? { id, result }
          : { id, resend: 'json', readsBinary: sandboxInputFormat() !== 'json' }) satisfies SandboxReply,
      ),
    (error: unknown) => port.postMessage({ id, result: failure(error) } satisfies SandboxReply),
  );
});
