/**
 * Main's side of running flows: each run forks the run worker with `utilityProcess.fork()`,
 * posts it one request, waits for the reply and ends the process. Credentials travel to the
 * worker with the request, only for live runs, and never to the renderer.
 */
import type { RunFlowRequest } from '../../core/host-api.js';
import type { TestReport } from '../../core/test-report.js';
import type { RunTrace } from '../../core/trace.js';
import type { StoredCredential } from '../../runtime/credentials/provider.js';
import type { RunReplyMessage, RunRequestMessage } from '../utility/run-protocol.js';

/** The part of Electron's `UtilityProcess` used here. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type ForkFn = (modulePath: string, args: string[], options: { serviceName: string }) => UtilityProcessLike;

export interface RunHostOptions {
  fork: ForkFn;
  /** Path of the compiled run-worker.js. */
  workerPath: string;
  /** Kills a run that has not answered after this long (the engine's own limits come first). */
  watchdogMs?: number;
}

export interface RunHost {
  runTests(flowText: string, testName: string | undefined, baseDirs: string[], fileName?: string): Promise<TestReport>;
  runFlow(
    request: RunFlowRequest,
    baseDirs: string[],
    credentials: Record<string, StoredCredential>,
    fileName?: string,
  ): Promise<RunTrace>;
}

export function createRunHost(options: RunHostOptions): RunHost {
  const watchdogMs = options.watchdogMs ?? 10 * 60_000;
  let nextId = 1;

  function exchange<T>(message: RunRequestMessage): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const child = options.fork(options.workerPath, [], { serviceName: 'Flowdesk run' });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        child.kill();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new Error(`The run did not finish within ${Math.round(watchdogMs / 1000)} s and was stopped.`)),
          ),
        watchdogMs,
      );
      child.on('message', (raw) => {
        const reply = raw as RunReplyMessage;
        if (reply?.id !== message.id) return;
        finish(() => (reply.ok ? resolve(reply.result as T) : reject(new Error(reply.error))));
      });
      child.on('exit', (code) => {
        finish(() => reject(new Error(`The run process stopped unexpectedly (exit code ${code}).`)));
      });
      child.postMessage(message);
    });
  }

  return {
    runTests(flowText, testName, baseDirs, fileName) {
      return exchange<TestReport>({
        id: nextId++,
        kind: 'tests',
        flowText,
        ...(testName !== undefined ? { testName } : {}),
        baseDirs,
        ...(fileName ? { fileName } : {}),
      });
    },
    runFlow(request, baseDirs, credentials, fileName) {
      return exchange<RunTrace>({
        id: nextId++,
        kind: 'flow',
        request,
        baseDirs,
        credentials,
        ...(fileName ? { fileName } : {}),
      });
    },
  };
}
