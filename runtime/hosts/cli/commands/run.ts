/**
 * `flowdesk run <file> --payload <json-file|-> [--test name] [--mock responses.json] [--live]
 * [--json] [--timeout ms] [--params file]`
 *
 * Without `--live`, HTTP is answered from recorded responses (a mock file, the named test
 * case, or the flow's first test case) and credentials fall back to placeholders, so a flow
 * can be tried safely on a laptop. With `--live`, requests go out for real with credentials
 * from the environment or the encrypted credentials file.
 */
import { dirname, resolve } from 'node:path';
import type { FlowTest, ParamValue, RecordedResponse } from '../../../../core/flow.js';
import { paramsFileValues, paramsFromEnv } from '../../../params-input.js';
import { createChainProvider, createDefaultProvider } from '../../../credentials/chain-provider.js';
import { createPlaceholderProvider } from '../../../credentials/placeholder-provider.js';
import type { CredentialProvider } from '../../../credentials/provider.js';
import { createFlowRuntime, FlowLoadError } from '../../../engine/flow-runtime.js';
import { resolveInsideDir, PathNotAllowedError } from '../../../files/confined-path.js';
import { createRecordedTransport } from '../../../http/recorded-transport.js';
import { CliError, EXIT, exitCodeForRun, type ExitCode } from '../exit-codes.js';
import { parseJsonFile, readTextFile } from '../files.js';
import { formatTrace } from '../format-trace.js';
import type { CliIo } from '../output.js';

export interface RunCommandOptions {
  payload?: string;
  test?: string;
  mock?: string;
  live?: boolean;
  json?: boolean;
  timeout?: string;
  params?: string;
}

export async function runCommand(file: string, opts: RunCommandOptions, io: CliIo): Promise<ExitCode> {
  if (opts.live && opts.mock) throw new CliError('--live and --mock cannot be used together', EXIT.invalid);
  const timeoutMs = parseTimeout(opts.timeout);

  const text = await readTextFile(file, 'flow file');
  let credentials: CredentialProvider = createDefaultProvider(process.env);
  const runtime = createFlowRuntime({ credentials: { get: (name) => credentials.get(name) } });
  try {
    const loaded = loadOrExplain(runtime, text, file);
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

    const body = await payloadBody(file, opts, test ?? tests[0]);
    const baseDir = dirname(resolve(file));

    let transport;
    if (!opts.live) {
      let responses: Record<string, RecordedResponse[]> = {};
      let responsesDir = baseDir;
      if (opts.mock !== undefined) {
        const mock = parseJsonFile(await readTextFile(opts.mock, 'mock file'), opts.mock, 'the mock file');
        if (!mock || typeof mock !== 'object' || Array.isArray(mock)) {
          throw new CliError(
            `${opts.mock}: the mock file must be an object of recorded responses by node name`,
            EXIT.invalid,
          );
        }
        responses = normalizeMock(mock as Record<string, unknown>, opts.mock);
        responsesDir = dirname(resolve(opts.mock));
      } else {
        responses = (test ?? tests[0])?.responses ?? {};
      }
      transport = createRecordedTransport(responses, responsesDir);
      // Recorded runs need no secrets: real ones when configured, placeholders otherwise.
      credentials = createChainProvider([
        createDefaultProvider(process.env),
        createPlaceholderProvider(flow.credentials ?? {}),
      ]);
    }

    const fileParams = opts.params === undefined ? undefined : await readParamsFile(opts.params);
    const trigger = test ?? tests[0];
    const trace = await loaded.run({
      // The environment, then the parameters file, then the test case's own values.
      params: [paramsFromEnv(flow.params, process.env), fileParams, test?.params],
      trigger: {
        body,
        headers: opts.payload === undefined ? (trigger?.trigger.headers ?? {}) : {},
        query: opts.payload === undefined ? (trigger?.trigger.query ?? {}) : {},
      },
      ...(transport ? { transport, sleep: transport.sleep } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });

    if (opts.json) io.out(JSON.stringify(trace, null, 2) + '\n');
    else io.out(formatTrace(trace, io.style, { file }));
    return exitCodeForRun(trace);
  } finally {
    await runtime.close();
  }
}

/** Reads `--params <file>`: a JSON object of parameter name → value. */
export async function readParamsFile(file: string): Promise<Record<string, ParamValue>> {
  const values = paramsFileValues(parseJsonFile(await readTextFile(file, 'parameters file'), file, 'the parameters'));
  if (typeof values === 'string') throw new CliError(`${file}: ${values}`, EXIT.invalid);
  return values;
}

function loadOrExplain(runtime: ReturnType<typeof createFlowRuntime>, text: string, file: string) {
  try {
    return runtime.load(text, { fileName: file });
  } catch (err) {
    if (err instanceof FlowLoadError) throw new CliError(err.message, EXIT.invalid);
    throw err;
  }
}

async function payloadBody(file: string, opts: RunCommandOptions, test: FlowTest | undefined): Promise<unknown> {
  if (opts.payload !== undefined) {
    return parseJsonFile(await readTextFile(opts.payload, 'payload file'), opts.payload, 'the payload');
  }
  if (test) {
    if (test.trigger.body !== undefined) return test.trigger.body;
    if (test.trigger.payloadFile !== undefined) {
      const path = await confined(dirname(resolve(file)), test.trigger.payloadFile, 'payload file');
      return parseJsonFile(await readTextFile(path, 'payload file'), path, 'the payload');
    }
    return undefined;
  }
  throw new CliError(
    `${file}: give the webhook body with --payload <file> (or - for stdin); the flow has no test case to take one from`,
    EXIT.invalid,
  );
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

/** A file the flow names, resolved inside the flow's folder (exit 2 when it leaves it). */
async function confined(baseDir: string, name: string, what: string): Promise<string> {
  try {
    return await resolveInsideDir(baseDir, name, what);
  } catch (err) {
    if (err instanceof PathNotAllowedError) throw new CliError(err.message, EXIT.invalid);
    throw err;
  }
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
