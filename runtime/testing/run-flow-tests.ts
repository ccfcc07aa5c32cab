/**
 * Runs the test cases stored in flow files: each case's trigger payload goes through the real
 * engine and HTTP client with the recorded transport answering, and its expectations are
 * checked against the trace. What `flowdesk test`, the designer's test bench and CI share.
 *
 * Speed matters (a thousand cases should take well under two seconds): a flow is loaded
 * (validated, compiled) once for all its cases, payload and body files are read once, and
 * one sandbox serves every Code node.
 */
import { readdir, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import type { FlowFile, FlowTest, ParamValue, RecordedResponse } from '../../core/flow.js';
import { jsonTextTooDeep, tooDeepMessage } from '../../core/json-depth.js';
import type { CodeSandbox, RuntimeNodeTypes } from '../../core/node-type.js';
import { firingBody, parseInstant } from '../../core/schedule/schedule.js';
import type { StateStore } from '../../core/state-store.js';
import type { TestCaseResult, TestReport } from '../../core/test-report.js';
import type { RunTrace } from '../../core/trace.js';
import { createChainProvider, createDefaultProvider } from '../credentials/chain-provider.js';
import type { Env } from '../credentials/env-provider.js';
import { createPlaceholderProvider } from '../credentials/placeholder-provider.js';
import type { CredentialProvider } from '../credentials/provider.js';
import { defaultSandbox } from '../engine/default-sandbox.js';
import { resolveInsideDir } from '../files/confined-path.js';
import { InputFileError, readInputFile } from '../files/read-input-file.js';
import {
  createFlowRuntime,
  type LoadedFlow,
  type RunOptions,
  type RunState,
  type RunTriggerInput,
} from '../engine/flow-runtime.js';
import { createRecordedTransport } from '../http/recorded-transport.js';
import { createMemoryStateStore, type MemoryStateStore } from '../state/memory-store.js';
import { checkExpectations } from './expectations.js';
import type { Message } from '../../core/messages/message.js';
import { MessageError } from '../../core/messages/message-error.js';

export interface FlowTestOptions {
  /** Run only the case with this name. */
  testName?: string;
  /**
   * Environment for credentials (`FLOWDESK_CRED_*`, `FLOWDESK_CREDENTIALS_FILE`); `process.env`
   * when absent, `{}` for placeholders only (see `recordedRunCredentials`).
   */
  env?: Env;
  /** Shared by every case; one process-wide QuickJS sandbox when absent. */
  sandbox?: CodeSandbox;
  /** Per-case run limit; the engine's default (60 s) when absent. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The node types the flows may use; the built-in set when absent. */
  nodeTypes?: RuntimeNodeTypes;
  /** Flow parameter values for every case (a parameters file); each case's own `params` go over them. */
  params?: Readonly<Record<string, ParamValue>>;
}

/** Thrown when a flow file cannot be read, worded as its `file.*` message; `problem` lets the CLI pick its exit code. */
export class FlowFileError extends MessageError {
  override readonly name = 'FlowFileError';

  constructor(
    worded: Message & { message: string },
    readonly file: string,
    readonly problem: 'not-found' | 'unreadable' | 'too-large',
  ) {
    super(worded);
  }
}

let sharedSandbox: CodeSandbox | undefined;
function processSandbox(): CodeSandbox {
  return (sharedSandbox ??= defaultSandbox());
}

/** Reads a flow file (a regular file under the size cap), with messages that name the file. */
export async function readFlowFile(path: string): Promise<string> {
  try {
    return await readInputFile(path, { what: 'flow file' });
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    const problem =
      err.problem === 'not-found' ? 'not-found' : err.problem === 'too-large' ? 'too-large' : 'unreadable';
    throw new FlowFileError({ code: err.code, params: err.params, message: err.message }, path, problem);
  }
}

/**
 * Credentials for every recorded run (`flowdesk run` without --live, `flowdesk test`, the
 * designer's test bench and recorded runs): the same sources a live run reads — environment
 * variables, then the encrypted file `FLOWDESK_CREDENTIALS_FILE` names (both taken from `env`) —
 * and, for any credential they do not have, a placeholder for each one the flow declares, so
 * tests need no secrets. Nothing leaves the machine in a recorded run; real values, when set,
 * are still redacted and their `allowedOrigins` still checked. The designer passes `{}`: its
 * vault is for live runs only.
 */
export function recordedRunCredentials(flow: FlowFile, env: Env = process.env): CredentialProvider {
  return createChainProvider([createDefaultProvider(env), createPlaceholderProvider(flow.credentials ?? {})]);
}

/** A trigger given instead of a test case's: `--payload` on the CLI, the designer's chosen payload. */
export interface GivenTrigger {
  body: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/**
 * What starts a run, by one rule for every host: a given trigger brings only its own headers
 * and query (none when it has none), never the test case's, because a case's headers can
 * authenticate exactly that case's body (an HMAC signature, a token meant for it). Without one,
 * the case's body (its payload file read inside the flow's folder), headers and query; a case
 * that pins a firing time (`firedAt`, scheduled flows) gets the firing as its body. Throws
 * when the payload file is refused or unreadable (`PathNotAllowedError`, `InputFileError`).
 */
export async function runTrigger(
  test: FlowTest | undefined,
  given: GivenTrigger | undefined,
  baseDir: string,
  fileCache: Map<string, Promise<string>> = new Map(),
): Promise<RunTriggerInput> {
  if (given) return { body: given.body, headers: given.headers ?? {}, query: given.query ?? {} };
  if (!test) return { body: undefined, headers: {}, query: {} };
  const firedAt = parseInstant(test.trigger.firedAt);
  return {
    // A scheduled flow's case pins its firing: the run starts as the scheduler would start it.
    body: firedAt !== undefined ? firingBody(firedAt) : await triggerBody(test, baseDir, fileCache),
    headers: test.trigger.headers ?? {},
    query: test.trigger.query ?? {},
  };
}

/**
 * The same provider with each credential looked up once: the environment does not change
 * while a flow's cases run, and looking it up per case showed in profiles. Copies are handed
 * out so a run can never alter what the next one gets.
 */
function memoized(provider: CredentialProvider): CredentialProvider {
  const cache = new Map<string, ReturnType<CredentialProvider['get']>>();
  return {
    async get(name) {
      let found = cache.get(name);
      if (!found) {
        found = provider.get(name);
        cache.set(name, found);
        found.catch(() => cache.delete(name));
      }
      const stored = await found;
      return stored && { ...stored, fields: { ...stored.fields } };
    },
  };
}

/**
 * Runs the test cases of one flow. Throws `FlowFileError` when the file cannot be read and
 * `FlowLoadError` when it is not a valid flow; case failures are results, not exceptions.
 */
export async function runFlowTests(
  source: string | { text: string; path: string },
  opts: FlowTestOptions = {},
): Promise<TestCaseResult[]> {
  const path = typeof source === 'string' ? source : source.path;
  const text = typeof source === 'string' ? await readFlowFile(source) : source.text;
  const loaded = loadRecordedFlow(text, path, opts);

  let tests = loaded.flow.tests ?? [];
  if (opts.testName !== undefined) {
    tests = tests.filter((t) => t.name === opts.testName);
    if (tests.length === 0) {
      const names = (loaded.flow.tests ?? []).map((t) => `'${t.name}'`).join(', ');
      throw new Error(
        `${path}: no test case named '${opts.testName}'${names ? ` (it has ${names})` : ' (it has none)'}`,
      );
    }
  }
  const baseDir = dirname(resolve(path));
  const fileCache = new Map<string, Promise<string>>();
  const results: TestCaseResult[] = [];
  for (const test of tests) results.push(await runCase(loaded, test, path, baseDir, fileCache, opts));
  return results;
}

/**
 * Loads a flow for recorded runs: credentials by `recordedRunCredentials` and the
 * process-wide sandbox.
 */
export function loadRecordedFlow(
  text: string,
  path: string,
  opts: Pick<FlowTestOptions, 'env' | 'sandbox' | 'nodeTypes'> = {},
) {
  const sandbox = opts.sandbox ?? processSandbox();
  // The provider needs the flow's declarations, known only after load; it is read per run.
  let credentials: CredentialProvider = { get: async () => undefined };
  const runtime = createFlowRuntime({
    credentials: { get: (name) => credentials.get(name) },
    sandbox,
    ...(opts.nodeTypes ? { nodeTypes: opts.nodeTypes } : {}),
  });
  const loaded = runtime.load(text, { fileName: path });
  credentials = memoized(recordedRunCredentials(loaded.flow, opts.env));
  return loaded;
}

export interface RecordedCaseOptions {
  /** Cache of payload and body files by absolute path, shared by a flow's cases. */
  fileCache?: Map<string, Promise<string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
  runId?: string;
  onCheckpoint?: RunOptions['onCheckpoint'];
  /** Continues a saved run of this case instead of starting at the trigger. */
  resume?: RunState;
  /**
   * Parameter values by layer, lowest first (environment, parameters file); a test case's own
   * `params` go over them in `runRecordedCase`.
   */
  params?: RunOptions['params'];
  /** The state store of the run; the runtime's (in memory) when absent. */
  state?: StateStore;
}

/** What answers a recorded run's requests, and the folder their `bodyFile`s resolve in. */
export interface RecordedAnswers {
  responses: Record<string, RecordedResponse[]>;
  dir: string;
}

/**
 * One test case's run: its trigger (`runTrigger`) through the real engine, with the case's
 * recorded responses answering and the fast clock. Throws when the payload file cannot be read.
 */
export async function runRecordedCase(
  loaded: LoadedFlow,
  test: FlowTest,
  baseDir: string,
  opts: RecordedCaseOptions = {},
): Promise<RunTrace> {
  return (await runRecordedCaseWithState(loaded, test, baseDir, opts)).trace;
}

/**
 * `runRecordedCase`, also giving what the flow's state store holds after the run: each case
 * runs on a store of its own, in memory, holding the case's `state` when it starts (a resumed
 * run starts from the same seed: what a node wrote before the stop is not carried over).
 */
export async function runRecordedCaseWithState(
  loaded: LoadedFlow,
  test: FlowTest,
  baseDir: string,
  opts: RecordedCaseOptions = {},
): Promise<{ trace: RunTrace; state: Record<string, unknown> }> {
  const fileCache = opts.fileCache ?? new Map<string, Promise<string>>();
  const trigger = opts.resume ? undefined : await runTrigger(test, undefined, baseDir, fileCache);
  const store = await seededStateStore(loaded.flow.id, test.state);
  const trace = await runRecorded(
    loaded,
    trigger,
    { responses: test.responses ?? {}, dir: baseDir },
    { ...opts, fileCache, params: [...(opts.params ?? []), test.params], state: store },
  );
  return { trace, state: store.snapshot(loaded.flow.id) };
}

/** A memory store holding a test case's `state` under its flow's id, each value as JSON. */
export async function seededStateStore(
  flowId: string,
  seed: Readonly<Record<string, unknown>> | undefined,
): Promise<MemoryStateStore> {
  const store = createMemoryStateStore();
  for (const [key, value] of Object.entries(seed ?? {})) {
    if (value !== undefined) await store.set(flowId, key, JSON.stringify(value), undefined);
  }
  return store;
}

/**
 * The one recorded run, used by `flowdesk test`, `flowdesk run` without --live, the designer's
 * test bench and its recorded runs, and resumed recorded runs: `trigger` from `runTrigger`,
 * the answers' recorded responses instead of the network, the fast clock, and the credentials
 * `loadRecordedFlow` gave `loaded`.
 */
export function runRecorded(
  loaded: LoadedFlow,
  trigger: RunTriggerInput | undefined,
  answers: RecordedAnswers,
  opts: RecordedCaseOptions = {},
): Promise<RunTrace> {
  const transport = createRecordedTransport(answers.responses, answers.dir, {
    fileCache: opts.fileCache ?? new Map<string, Promise<string>>(),
  });
  return loaded.run({
    ...(trigger ? { trigger } : {}),
    transport,
    sleep: transport.sleep,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.runId !== undefined ? { runId: opts.runId } : {}),
    ...(opts.onCheckpoint ? { onCheckpoint: opts.onCheckpoint } : {}),
    ...(opts.resume ? { resume: opts.resume } : {}),
    ...(opts.params ? { params: opts.params } : {}),
    ...(opts.state ? { state: opts.state } : {}),
  });
}

async function runCase(
  loaded: LoadedFlow,
  test: FlowTest,
  path: string,
  baseDir: string,
  fileCache: Map<string, Promise<string>>,
  opts: FlowTestOptions,
): Promise<TestCaseResult> {
  const t0 = performance.now();
  const base = { flowFile: path, flowName: loaded.flow.name, testName: test.name };
  let trace: RunTrace;
  let state: Record<string, unknown>;
  try {
    ({ trace, state } = await runRecordedCaseWithState(loaded, test, baseDir, {
      fileCache,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.params ? { params: [opts.params] } : {}),
    }));
  } catch (err) {
    const message = (err as Error).message;
    return {
      ...base,
      passed: false,
      durationMs: performance.now() - t0,
      failures: [{ what: 'trigger.payloadFile', message }],
      trace: notRunTrace(loaded.flow, message),
    };
  }
  const failures = checkExpectations(test.expect, trace, state);
  return {
    ...base,
    passed: failures.length === 0,
    durationMs: performance.now() - t0,
    failures,
    trace,
    // Only when there is something to show: most flows remember nothing.
    ...(Object.keys(state).length > 0 || test.state !== undefined ? { state } : {}),
  };
}

async function triggerBody(test: FlowTest, baseDir: string, fileCache: Map<string, Promise<string>>): Promise<unknown> {
  const trigger = test.trigger ?? {};
  if (trigger.body !== undefined || trigger.payloadFile === undefined) return trigger.body;
  const abs = await resolveInsideDir(baseDir, trigger.payloadFile, 'payload file');
  let text = fileCache.get(abs);
  if (!text) {
    text = readInputFile(abs, { what: 'payload file', shownAs: `payload file '${trigger.payloadFile}'` });
    fileCache.set(abs, text);
  }
  let raw: string;
  try {
    raw = await text;
  } catch (err) {
    fileCache.delete(abs);
    if (err instanceof InputFileError && err.problem === 'not-found') {
      throw new Error(`payload file '${trigger.payloadFile}' not found (looked in ${abs})`);
    }
    throw err;
  }
  // A form post (Twilio) is kept as the text it is; the trigger node reads it as the server does.
  if (isFormPost(trigger.headers)) return raw;
  if (jsonTextTooDeep(raw)) throw new Error(tooDeepMessage(`payload file '${trigger.payloadFile}'`));
  try {
    // Parsed per case, so one case's run can never see another's objects.
    return JSON.parse(raw);
  } catch (err) {
    throw new Error(`payload file '${trigger.payloadFile}' is not valid JSON: ${(err as Error).message}`);
  }
}

function isFormPost(headers: Readonly<Record<string, string>> | undefined): boolean {
  return Object.entries(headers ?? {}).some(
    ([name, value]) =>
      name.toLowerCase() === 'content-type' &&
      value.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded',
  );
}

function notRunTrace(flow: FlowFile, message: string): RunTrace {
  return {
    runId: 'not-run',
    flowId: flow.id,
    flowName: flow.name,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    status: 'failed',
    error: { message },
    steps: [],
    vars: {},
  };
}

/** Expands files and directories (recursively, `*.flow.json`) into a sorted list of files. */
export async function findFlowFiles(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (info.isDirectory()) files.push(...(await walk(p)));
    else files.push(p);
  }
  return { files, missing };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && entry.name.endsWith('.flow.json')) out.push(full);
  }
  return out;
}

/**
 * Runs every case of every flow under `paths` (files, or directories searched recursively
 * for `*.flow.json`). Files that cannot be read or loaded become report errors.
 */
export async function runTestFiles(
  paths: readonly string[],
  opts: Omit<FlowTestOptions, 'testName'> = {},
): Promise<TestReport> {
  return (await runTestFilesWithCauses(paths, opts)).report;
}

/** Why a file became a report error: the CLI maps `notFound` to exit 3, `invalid` to 2. */
export type FileErrorCause = 'notFound' | 'invalid';

/** `runTestFiles` plus, per report error, its cause. */
export async function runTestFilesWithCauses(
  paths: readonly string[],
  opts: Omit<FlowTestOptions, 'testName'> = {},
): Promise<{ report: TestReport; causes: FileErrorCause[]; files: string[] }> {
  const t0 = performance.now();
  const report: TestReport = { passed: 0, failed: 0, durationMs: 0, cases: [], errors: [] };
  const causes: FileErrorCause[] = [];
  const { files, missing } = await findFlowFiles(paths);
  for (const m of missing) {
    report.errors.push({ file: m, message: `${m}: file or directory not found` });
    causes.push('notFound');
  }
  for (const file of files) {
    try {
      const cases = await runFlowTests(file, opts);
      for (const c of cases) {
        report.cases.push(c);
        if (c.passed) report.passed++;
        else report.failed++;
      }
    } catch (err) {
      report.errors.push({ file, message: (err as Error).message });
      causes.push(err instanceof FlowFileError ? 'notFound' : 'invalid');
    }
  }
  report.durationMs = performance.now() - t0;
  return { report, causes, files };
}
