/**
 * Entry of a child process that runs flows for a host (pool.ts): loads each flow version once,
 * runs jobs concurrently and reports answers and traces over IPC. Credentials come from the
 * environment and the encrypted credentials file, as for the CLI. A flow that crashes V8 or
 * exhausts memory takes only this process down; the host replaces it.
 */
import { createDefaultProvider } from '../../credentials/chain-provider.js';
import { createFlowRuntime, type LoadedFlow } from '../flow-runtime.js';
import type { FromChild, RunJob, ToChild } from './protocol.js';

const runtime = createFlowRuntime({ credentials: createDefaultProvider(process.env) });
const flows = new Map<string, LoadedFlow>();

function send(message: FromChild): void {
  // A replacement started while the host closes finds the channel gone: nothing to tell.
  if (process.connected) process.send?.(message);
}

async function run(job: RunJob): Promise<void> {
  let loaded = flows.get(job.flowKey);
  if (!loaded) {
    if (job.source === undefined) {
      send({ t: 'need-source', id: job.id });
      return;
    }
    try {
      loaded = runtime.load(job.source);
    } catch (error) {
      send({ t: 'error', id: job.id, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    flows.set(job.flowKey, loaded);
  }
  const trace = await loaded.run({
    trigger: job.trigger,
    runId: job.id,
    ...(job.resume ? { resume: job.resume } : {}),
    ...(job.timeoutMs !== undefined ? { timeoutMs: job.timeoutMs } : {}),
    onRespond: (response) => send({ t: 'respond', id: job.id, response }),
    // Not awaited by the host: IPC keeps the order, and a state that did not arrive before a
    // crash only means the run resumes one node earlier.
    ...(job.checkpoints ? { onCheckpoint: (state) => send({ t: 'checkpoint', id: job.id, state }) } : {}),
  });
  send({ t: 'done', id: job.id, trace });
}

process.on('message', (message: ToChild) => {
  if (message.t === 'run') {
    run(message.job).catch((error: unknown) =>
      send({ t: 'error', id: message.job.id, message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.t === 'forget') {
    flows.delete(message.flowKey);
  }
});

// The host going away (its IPC channel closes) ends this process too.
process.on('disconnect', () => {
  void runtime.close().finally(() => process.exit(0));
});

// Children only run live flows: load the HTTP stack before saying ready, so the first
// delivery (maybe a sync caller with a timeout) does not pay for it.
await import('../../http/undici-transport.js');
send({ t: 'ready', pid: process.pid });
