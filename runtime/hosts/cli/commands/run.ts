/**
 * `flowdesk run <file> --payload <json-file|-> [--form] [--test name] [--mock responses.json] [--live]
 * [--json] [--timeout ms] [--params file]`; a flow that starts on a schedule takes `[--at <ISO time>]`
 * instead of a payload and fires once ("run now": at that time, or now).
 *
 * Without `--live`, HTTP is answered from recorded responses (a mock file, the named test
 * case, or the flow's first test case) through `runRecorded`, the same recorded run as
 * `flowdesk test` and the designer's, and credentials fall back to placeholders
 * (`recordedRunCredentials`), so a flow can be tried safely on a laptop. With `--live`,
 * requests go out for real with credentials from the environment or the encrypted
 * credentials file. Either way the trigger follows `runTrigger`: `--payload` replaces the
 * test case's body and brings no headers or query of the case.
 */
import { dirname, resolve } from 'node:path';
import type { FlowFile, FlowTest, ParamValue, RecordedResponse } from '../../../../core/flow.js';
import { message } from '../../../../core/messages/make.js';
import { firingBody, parseInstant } from '../../../../core/schedule/schedule.js';
import { manifestFor } from '../../../../nodes/registry.js';
import { createDefaultProvider } from '../../../credentials/chain-provider.js';
import {
  createFlowRuntime,
  FlowLoadError,
  type LoadedFlow,
  type RunTriggerInput,
} from '../../../engine/flow-runtime.js';
import { PathNotAllowedError } from '../../../files/confined-path.js';
import { InputFileError } from '../../../files/read-input-file.js';
import { paramsFileValues, paramsFromEnv } from '../../../params-input.js';
import {
  loadRecordedFlow,
  runRecorded,
  runTrigger,
  seededStateStore,
  type GivenTrigger,
  type RecordedAnswers,
} from '../../../testing/run-flow-tests.js';
import { CliError, EXIT, exitCodeForRun, type ExitCode } from '../exit-codes.js';
import { cliFileError, parseJsonFile, readTextFile } from '../files.js';
import { formatTrace } from '../format-trace.js';
import type { CliIo } from '../output.js';

export interface RunCommandOptions {
  payload?: string;
  /** Scheduled flows: the firing time (ISO 8601 with a zone); now when absent. */
  at?: string;
  /** The payload file is a form post: its text goes to the trigger with that content type. */
  form?: boolean;
  test?: string;
  mock?: string;
  live?: boolean;
  json?: boolean;
  timeout?: string;
  params?: string;
}

export async function runCommand(file: string, opts: RunCommandOptions, io: CliIo): Promise<ExitCode> {
  if (opts.live && opts.mock) throw new CliError(message('cli.live-and-mock', {}), EXIT.invalid);
  const timeoutMs = parseTimeout(opts.timeout);

  const text = await readTextFile(file, 'flow file');
  // Live: the configured credentials only. Recorded: the same sources, placeholders for the rest.
  const runtime = opts.live ? createFlowRuntime({ credentials: createDefaultProvider(process.env) }) : undefined;
  try {
    const loaded = loadOrExplain(() =>
      runtime ? runtime.load(text, { fileName: file }) : loadRecordedFlow(text, file, { env: process.env }),
    );
    const flow = loaded.flow;
    const tests = flow.tests ?? [];

    let test: FlowTest | undefined;
    if (opts.test !== undefined) {
      test = tests.find((t) => t.name === opts.test);
      if (!test) {
        const names = tests.map((t) => `'${t.name}'`).join(', ');
        throw new CliError(
          `${file}: no test case named '${opts.test}'${names ? ` (it has ${names})` : ' (it has none)'}`,
          EXIT.invalid,
        );
      }
    }
    test ??= tests[0];
    const scheduled = startsOnSchedule(flow);
    let given: GivenTrigger | undefined;
    if (scheduled) {
      if (opts.payload !== undefined || opts.form) {
        throw new CliError(
          `${file}: the flow starts on a schedule and takes no --payload; give the firing time with --at <ISO time> (default: now)`,
          EXIT.invalid,
        );
      }
      // --at, else the named case's pinned firing, else now: "run now".
      const pinned = opts.test !== undefined && test?.trigger.firedAt !== undefined;
      if (opts.at !== undefined || !pinned) given = { body: firingBody(parseAt(opts.at) ?? Date.now()) };
    } else if (opts.at !== undefined) {
      throw new CliError(
        `${file}: --at is for flows that start on a schedule; this one starts on a webhook: give its body with --payload`,
        EXIT.invalid,
      );
    }
    if (!scheduled && opts.payload === undefined && !test) {
      throw new CliError(
        `${file}: give the webhook body with --payload <file> (or - for stdin); the flow has no test case to take one from`,
        EXIT.invalid,
      );
    }
    if (opts.form && opts.payload === undefined)
      throw new CliError(message('cli.form-needs-payload', {}), EXIT.invalid);
    if (opts.payload !== undefined) given = await givenPayload(opts.payload, opts.form === true);
    const baseDir = dirname(resolve(file));
    const trigger = await triggerOrExplain(() => runTrigger(test, given, baseDir));
    const fileParams = opts.params === undefined ? undefined : await readParamsFile(opts.params);
    // The environment, then the parameters file, then the test case's own values.
    const params = [paramsFromEnv(flow.params, process.env), fileParams, test?.params];

    let trace;
    if (runtime) {
      trace = await loaded.run({ trigger, params, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    } else {
      let answers: RecordedAnswers = { responses: test?.responses ?? {}, dir: baseDir };
      if (opts.mock !== undefined) {
        const mock = parseJsonFile(await readTextFile(opts.mock, 'mock file'), opts.mock, 'mock');
        if (!mock || typeof mock !== 'object' || Array.isArray(mock)) {
          throw new CliError(
            `${opts.mock}: the mock file must be an object of recorded responses by node name`,
            EXIT.invalid,
          );
        }
        answers = {
          responses: normalizeMock(mock as Record<string, unknown>, opts.mock),
          dir: dirname(resolve(opts.mock)),
        };
      }
      trace = await runRecorded(loaded, trigger, answers, {
        params,
        // What the test case says earlier runs remembered (Remember / Recall).
        ...(test?.state ? { state: await seededStateStore(flow.id, test.state) } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    }

    if (opts.json) io.out(JSON.stringify(trace, null, 2) + '\n');
    else io.out(formatTrace(trace, io.style, { file }));
    return exitCodeForRun(trace);
  } finally {
    await runtime?.close();
  }
}

/** True when the flow's trigger declares that it starts on a schedule. */
function startsOnSchedule(flow: FlowFile): boolean {
  return flow.nodes.some((n) => manifestFor(n.type)?.triggerKind === 'schedule');
}

/** `--at`: an ISO 8601 time with a zone (a usage error otherwise). */
function parseAt(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const at = parseInstant(raw);
  if (at === undefined) throw new CliError(message('cli.fired-at', { value: raw }), EXIT.invalid);
  return at;
}

/**
 * `--payload`: JSON, or with `--form` the text of a form post, which the Webhook trigger reads
 * the way the server does (it is told so by the content type a real caller would send).
 */
async function givenPayload(file: string, form: boolean) {
  const text = await readTextFile(file, 'payload file');
  if (form) return { body: text.trim(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  return { body: parseJsonFile(text, file, 'payload') };
}

/** Reads `--params <file>`: a JSON object of parameter name → value. */
export async function readParamsFile(file: string): Promise<Record<string, ParamValue>> {
  const values = paramsFileValues(parseJsonFile(await readTextFile(file, 'parameters file'), file, 'parameters'));
  if (typeof values === 'string')
    throw new CliError(message('cli.params-file', { file, problem: values }), EXIT.invalid);
  return values;
}

function loadOrExplain(load: () => LoadedFlow): LoadedFlow {
  try {
    return load();
  } catch (err) {
    if (err instanceof FlowLoadError) throw new CliError(err.message, EXIT.invalid);
    throw err;
  }
}

/** The run's trigger; a payload file the flow names that leaves its folder or cannot be read is a usage error (exit 2). */
async function triggerOrExplain(resolveTrigger: () => Promise<RunTriggerInput>): Promise<RunTriggerInput> {
  try {
    return await resolveTrigger();
  } catch (err) {
    if (err instanceof PathNotAllowedError) throw new CliError(err.message, EXIT.invalid);
    if (err instanceof InputFileError) throw cliFileError(err);
    throw new CliError((err as Error).message, EXIT.invalid);
  }
}

/** The largest --timeout: one day. Beyond 2^31-1 ms Node's timers overflow and fire at once. */
export const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new CliError(
      `--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (one day), not '${raw}'`,
      EXIT.invalid,
    );
  }
  return ms;
}

/** A mock file maps node names to one recorded response or a list of them. */
function normalizeMock(mock: Record<string, unknown>, path: string): Record<string, RecordedResponse[]> {
  const out: Record<string, RecordedResponse[]> = {};
  for (const [node, value] of Object.entries(mock)) {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        throw new CliError(
          `${path}: the responses for '${node}' must be objects like {"status": 200, "body": {…}}`,
          EXIT.invalid,
        );
      }
    }
    out[node] = list as RecordedResponse[];
  }
  return out;
}
