/**
 * A second process for resumed runs: receives `{ file, testName, state, runId }` messages,
 * continues each saved run of a reference flow's test case through the recorded-run path, and
 * answers with the finished trace. Started by test/resume-runs.test.ts with child_process.fork.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunState } from '../../core/run-state.js';
import type { LoadedFlow } from '../../runtime/engine/flow-runtime.js';
import { loadRecordedFlow, runRecordedCase } from '../../runtime/testing/run-flow-tests.js';

interface ResumeRequest {
  id: number;
  file: string;
  testName: string;
  state: string;
}

process.on('message', (raw) => {
  const request = raw as ResumeRequest;
  void (async () => {
    try {
      // A fresh runtime per run, as a new process would have: nothing (an OAuth token) cached.
      const flow: LoadedFlow = loadRecordedFlow(readFileSync(request.file, 'utf8'), request.file);
      const test = flow.flow.tests?.find((t) => t.name === request.testName);
      if (!test) throw new Error(`no test case '${request.testName}' in ${request.file}`);
      const state = JSON.parse(request.state) as RunState;
      const trace = await runRecordedCase(flow, test, dirname(request.file), { resume: state });
      process.send!({ id: request.id, pid: process.pid, trace });
    } catch (err) {
      process.send!({ id: request.id, pid: process.pid, error: (err as Error).stack ?? String(err) });
    }
  })();
});
process.send!({ ready: true, pid: process.pid });
