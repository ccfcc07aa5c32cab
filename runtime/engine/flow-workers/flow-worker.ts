/**
 * Entry of a child process that runs flows for a host (flow-workers.ts): loads each flow version
 * once, runs jobs concurrently and reports answers, checkpoints and traces over the child
 * protocol. Credentials come from the environment and the encrypted credentials file, as for
 * the CLI. A flow that crashes V8 or exhausts memory takes only this process down; the host
 * replaces it.
 */
import type { RunState } from '../../../core/run-state.js';
import type { RunTrace } from '../../../core/trace.js';
import type { ParamValue } from '../../../core/flow.js';
import { createDefaultProvider } from '../../credentials/chain-provider.js';
import { paramsFromEnv } from '../../params-input.js';
import { serveParent } from '../../process/child-main.js';
import type { RedisOptions } from 'ioredis';
import { createRedisRateLimiter, RATE_LIMIT_REDIS_ENV } from '../../http/rate-limiter.js';
import { stateStoreFromEnv } from '../../state/open-store.js';
import { createFlowRuntime, type LoadedFlow, type RunTriggerInput } from '../flow-runtime.js';
import { NEED_SOURCE, type RunEvent, type WireJob, type WorkerNotice } from './flow-job.js';
import { stateDelta } from './state-delta.js';

// A queue worker shares credentials' rate limits with every other worker through its Redis.
const sharedLimits = process.env[RATE_LIMIT_REDIS_ENV];
// Remember / Recall: the store the host names (the SQLite file beside its history, or the
// queue's Redis), opened here so a state call never waits on the host's process.
const stateStore = await stateStoreFromEnv(process.env);
const runtime = createFlowRuntime({
  credentials: createDefaultProvider(process.env),
  ...(sharedLimits ? { rateLimiter: await createRedisRateLimiter(JSON.parse(sharedLimits) as RedisOptions) } : {}),
  ...(stateStore ? { stateStore } : {}),
});
/** Each flow version once, with its parameters' values from this process's environment. */
const flows = new Map<string, { loaded: LoadedFlow; params: Record<string, ParamValue> }>();
/** Runs waiting for the host to save their latest state (acked checkpoints), by run id. */
const awaitingSave = new Map<string, () => void>();

/** Runs a job; answers with the trace as JSON text (flow-job.ts says why). */
async function run(job: WireJob, emit: (event: RunEvent) => void): Promise<string> {
  return JSON.stringify(await runTrace(job, emit));
}

async function runTrace(job: WireJob, emit: (event: RunEvent) => void): Promise<RunTrace> {
  let entry = flows.get(job.flowKey);
  if (!entry) {
    if (job.source === undefined) {
      throw Object.assign(new Error(`no source for ${job.flowKey} in this worker yet`), { code: NEED_SOURCE });
    }
    const loaded = runtime.load(job.source);
    entry = { loaded, params: paramsFromEnv(loaded.flow.params, process.env) };
    flows.set(job.flowKey, entry);
  }
  return entry.loaded
    .run({
      trigger: JSON.parse(job.trigger) as RunTriggerInput,
      params: [entry.params],
      runId: job.id,
      ...(job.resume ? { resume: job.resume } : {}),
      ...(job.timeoutMs !== undefined ? { timeoutMs: job.timeoutMs } : {}),
      ...(job.durableWaitsFromMs !== undefined ? { durableWaitsFromMs: job.durableWaitsFromMs } : {}),
      onRespond: (response) => emit({ t: 'respond', response }),
      ...(job.checkpoints
        ? {
            onCheckpoint: checkpointSender(emit, job.checkpoints === 'acked' ? job.id : undefined),
            checkpointAfter: 'side-effects' as const,
          }
        : {}),
    })
    .finally(() => awaitingSave.delete(job.id));
}

/**
 * Sends a run's first state whole and each later one as a difference. Not awaited by the host:
 * IPC keeps the order, and a state that did not arrive before a crash only means the run
 * resumes one node earlier.
 */
function checkpointSender(
  emit: (event: RunEvent) => void,
  ackedRunId: string | undefined,
): (state: RunState) => void | Promise<void> {
  let sent: RunState | undefined;
  return (state) => {
    const saved =
      ackedRunId === undefined ? undefined : new Promise<void>((resolve) => awaitingSave.set(ackedRunId, resolve));
    emit(sent ? { t: 'checkpoint-delta', delta: stateDelta(sent, state) } : { t: 'checkpoint', state });
    sent = state;
    return saved;
  };
}

// Workers only run live flows: load the HTTP stack before saying ready, so the first
// delivery (maybe a sync caller with a timeout) does not pay for it.
await import('../../http/undici-transport.js');
serveParent<WireJob, string, RunEvent, WorkerNotice>(run, {
  onNotice: (notice) => {
    if (notice.t === 'forget') flows.delete(notice.flowKey);
    else if (notice.t === 'checkpoint-saved') {
      const resolve = awaitingSave.get(notice.runId);
      awaitingSave.delete(notice.runId);
      resolve?.();
    }
  },
  onDisconnect: async () => {
    await runtime.close();
    await stateStore?.close();
  },
});
