/** Results of running a flow's test cases: what `flowdesk test` prints and the test bench shows. */
import type { MessageParams } from './messages/message.js';
import type { RunTrace } from './trace.js';

export interface TestCaseResult {
  flowFile: string;
  flowName: string;
  testName: string;
  passed: boolean;
  durationMs: number;
  /** One entry per failed expectation, in plain words with expected/actual. */
  failures: TestFailure[];
  trace: RunTrace;
  /** What the flow's state store held after the run (Remember / Recall), when it held anything or the case seeded it. */
  state?: Record<string, unknown>;
}

export interface TestFailure {
  /** What was checked, e.g. `path`, `steps.getDetails.fields.agentId`, `request PUT putResponse`. */
  what: string;
  /** English words (what `flowdesk test` prints). */
  message: string;
  /** The catalogue code of `message` and its params (`expect.*`), for the designer's languages. */
  code?: string;
  params?: MessageParams;
  expected?: unknown;
  actual?: unknown;
}

export interface TestReport {
  passed: number;
  failed: number;
  durationMs: number;
  cases: TestCaseResult[];
  /** Files that could not be loaded (bad JSON, invalid flow), with why. */
  errors: { file: string; message: string }[];
}
