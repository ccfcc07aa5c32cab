/**
 * Running from the designer: the flow's own test cases (test bench) and single runs, recorded
 * (answers from a test case) or live. Nothing is written to disk; payload and response files
 * resolve against the directory `chooseBaseDir` picks.
 */
import { join } from 'node:path';
import type { FlowFile } from '../../../core/flow.js';
import type { RunFlowRequest } from '../../../core/host-api.js';
import type { TestReport } from '../../../core/test-report.js';
import type { RunTrace } from '../../../core/trace.js';
import type { CredentialProvider } from '../../credentials/provider.js';
import { createFlowRuntime } from '../../engine/flow-runtime.js';
import {
  loadRecordedFlow,
  runFlowTests,
  runRecorded,
  runTrigger,
  seededStateStore,
} from '../../testing/run-flow-tests.js';
import { chooseBaseDir } from './test-files.js';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';

export interface RunPlace {
  /** Directories relative test files may resolve in, in order of preference. */
  baseDirs: readonly string[];
  /** Display name of the flow in reports (its path when saved). */
  fileName?: string;
}

function parseForPaths(flowText: string): Pick<FlowFile, 'tests'> {
  try {
    const parsed = JSON.parse(flowText) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Pick<FlowFile, 'tests'>) : {};
  } catch {
    return {};
  }
}

/** Runs the flow's test cases (all, or the one named) and reports like `flowdesk test`. */
export async function runTests(flowText: string, testName: string | undefined, place: RunPlace): Promise<TestReport> {
  const started = performance.now();
  const baseDir = await chooseBaseDir(parseForPaths(flowText), place.baseDirs);
  const fileName = place.fileName ?? 'unsaved flow';
  const report: TestReport = { passed: 0, failed: 0, durationMs: 0, cases: [], errors: [] };
  try {
    // The runner takes the flow's directory from its path; the name only labels the report.
    const cases = await runFlowTests(
      { text: flowText, path: join(baseDir, '__designer__.flow.json') },
      { ...(testName !== undefined ? { testName } : {}), env: {} },
    );
    for (const c of cases) {
      report.cases.push({ ...c, flowFile: fileName });
      if (c.passed) report.passed++;
      else report.failed++;
    }
  } catch (err) {
    report.errors.push({
      file: fileName,
      message: (err as Error).message.replaceAll(join(baseDir, '__designer__.flow.json'), fileName),
    });
  }
  report.durationMs = performance.now() - started;
  return report;
}

/**
 * One run of the flow on `request.payload`, with the headers that came with it (`runTrigger`:
 * never the test case's). With `recordedFrom`, the named test case's recorded responses
 * answer every request through `runRecorded`, the same recorded run as `flowdesk test` and
 * `flowdesk run`, with placeholder credentials (the vault serves live runs only) and nothing
 * leaving the machine; without it the run is live and uses `credentials`.
 */
export async function runFlow(
  request: RunFlowRequest,
  place: RunPlace,
  credentials: CredentialProvider,
): Promise<RunTrace> {
  const fileName = place.fileName ?? 'unsaved flow';
  const given = { body: request.payload, ...(request.headers ? { headers: request.headers } : {}) };
  if (request.recordedFrom !== undefined) {
    const loaded = loadRecordedFlow(request.flowText, fileName, { env: {} });
    const test = (loaded.flow.tests ?? []).find((t) => t.name === request.recordedFrom);
    if (!test) {
      const names = (loaded.flow.tests ?? []).map((t) => t.name);
      throw new MessageError(message('run.no-test-case', { name: request.recordedFrom, names }));
    }
    const baseDir = await chooseBaseDir(loaded.flow, place.baseDirs);
    const trigger = await runTrigger(test, given, baseDir);
    return runRecorded(
      loaded,
      trigger,
      { responses: test.responses ?? {}, dir: baseDir },
      // The case's view of what earlier runs remembered (Remember / Recall).
      test.state ? { state: await seededStateStore(loaded.flow.id, test.state) } : {},
    );
  }
  const runtime = createFlowRuntime({ credentials });
  try {
    const loaded = runtime.load(request.flowText, { fileName });
    return await loaded.run({ trigger: await runTrigger(undefined, given, '.') });
  } finally {
    // A live run opens keep-alive sockets; a one-off run must not leave them to idle out.
    await runtime.close();
  }
}
