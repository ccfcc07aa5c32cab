/**
 * Issue 12: how long the attacks that used to stall or kill the process take now. Each row is
 * one attack, run once through the real code path; the time is printed, never asserted (a
 * regression shows up as seconds instead of milliseconds, or as a crash).
 *
 * - the five places a flow-supplied regex meets payload text, with `(a+)+$` against
 *   "a"*28 + "!" (seconds to minutes on V8's backtracking engine);
 * - `$pad` to 500,000,000 characters, and to a payload-given 150,000,000 followed by a string
 *   function (a V8 fatal error before the size guards);
 * - runaway recursion inside try/catch in a Code task with a 1 s limit, in QuickJS on the
 *   calling thread (its interrupt check comes every 10,000 calls, each one an overflow that
 *   builds a whole-stack backtrace) and in the worker sandbox whose watchdog stops the thread.
 *
 *   node --import tsx bench/hardening.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compileExpression, createPrepareTools } from '../core/expressions/compile.js';
import { compileJsonPath } from '../core/json-path-eval.js';
import type { FlowNode } from '../core/flow.js';
import type { ExecContext, RunScope } from '../core/node-type.js';
import { conditionExecutor } from '../nodes/condition/executor.js';
import { conditionManifest } from '../nodes/condition/manifest.js';
import { compileInputSchema } from '../nodes/webhook-trigger/executor.js';
import { QuickJsSandbox } from '../runtime/sandbox/quickjs-sandbox.js';
import { WorkerSandbox } from '../runtime/sandbox/worker-sandbox.js';

export interface HardeningRow {
  what: string;
  value: number;
  unit: string;
  note?: string;
}

const EVIL = 'a'.repeat(28) + '!';

async function timed(what: string, fn: () => Promise<string>): Promise<HardeningRow> {
  const t0 = performance.now();
  let note: string;
  try {
    note = await fn();
  } catch (error) {
    note = `ended with: ${(error as Error).message.slice(0, 110)}`;
  }
  return { what, value: performance.now() - t0, unit: 'ms', note };
}

function scope(body: unknown): RunScope {
  return { trigger: { body, headers: {}, query: {} }, steps: {}, vars: {} };
}

async function conditionMatches(caseInsensitive: boolean): Promise<string> {
  const node = {
    id: 'c',
    type: 'condition',
    version: 1,
    name: 'c',
    config: {
      ...conditionManifest.defaults,
      caseInsensitive,
      rules: [{ left: 'trigger.body.text', operator: 'matches', right: '(a+)+$' }],
    },
  } as FlowNode & { config: never };
  const prepared = conditionExecutor.prepare(node, createPrepareTools());
  const result = await prepared.run({
    node,
    scope: scope({ text: EVIL }),
    runId: 'bench',
    signal: new AbortController().signal,
    http: undefined as never,
    sandbox: undefined as never,
    credential: async () => undefined,
    log() {},
    detail() {},
    now: Date.now,
  } as unknown as ExecContext);
  return `port ${result.port}`;
}

const RUNAWAY_RECURSION = 'function f() { try { f() } catch (e) { try { f() } catch (e2) { f() } } }\nf(); return 1';

/** Times the runaway only: each sandbox has run a small task first (thread started, WebAssembly compiled). */
async function runawayRecursion(sandbox: QuickJsSandbox | WorkerSandbox): Promise<string> {
  const limits = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };
  const result = await sandbox.run(RUNAWAY_RECURSION, {}, limits);
  return result.ok ? 'finished?' : result.error;
}

async function warmed<S extends QuickJsSandbox | WorkerSandbox>(sandbox: S): Promise<S> {
  await sandbox.run('return 1', {}, { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 });
  return sandbox;
}

export async function runHardeningBench(): Promise<HardeningRow[]> {
  const rows: HardeningRow[] = [];
  const body = { text: EVIL, width: 150_000_000 };
  rows.push(await timed('regex (a+)+$: Condition matches', () => conditionMatches(false)));
  rows.push(await timed('regex (a+)+$: Condition matches, case-insensitive', () => conditionMatches(true)));
  rows.push(
    await timed('regex (a+)+$: JSONata $contains /…/i', async () =>
      String(await compileExpression('$contains(trigger.body.text, /(a+)+$/i)').evaluate(scope(body))),
    ),
  );
  rows.push(
    await timed(
      'regex (a+)+$: JSONata $match /…/',
      async () =>
        JSON.stringify(await compileExpression('$match(trigger.body.text, /(a+)+$/)').evaluate(scope(body))) ??
        'no match',
    ),
  );
  rows.push(
    await timed('regex (a+)+$: JSONPath filter .match() (Web Service mapping)', async () =>
      JSON.stringify(
        compileJsonPath('$.items[?(@.code.match(/(a+)+$/i))].code').evaluate({ items: [{ code: EVIL }] }).value,
      ),
    ),
  );
  rows.push(
    await timed('regex (a+)+$: webhook input schema pattern', async () => {
      const validate = compileInputSchema({
        type: 'object',
        properties: { text: { type: 'string', pattern: '(a+)+$' } },
      });
      return `valid: ${String(validate({ text: EVIL }))}`;
    }),
  );
  rows.push(
    await timed('$length($pad("x", 500000000))', async () =>
      String(await compileExpression('$length($pad("x", 500000000))').evaluate(scope(body))),
    ),
  );
  rows.push(
    await timed('$substring($pad("x", trigger.body.width), 0, 3), width 150,000,000', async () =>
      String(await compileExpression('$substring($pad("x", trigger.body.width), 0, 3)').evaluate(scope(body))),
    ),
  );
  const inThread = await warmed(new QuickJsSandbox());
  rows.push(
    await timed('Code: recursion in try/catch, 1 s limit, QuickJS on the calling thread', () =>
      runawayRecursion(inThread).then(String),
    ),
  );
  inThread.dispose();
  const inWorker = await warmed(new WorkerSandbox());
  rows.push(
    await timed('Code: recursion in try/catch, 1 s limit, worker sandbox (watchdog)', () =>
      runawayRecursion(inWorker).then(String),
    ),
  );
  inWorker.dispose();
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await runHardeningBench()) {
    console.log(`${row.what.padEnd(72)} ${row.value.toFixed(1).padStart(9)} ms  ${row.note ?? ''}`);
  }
}
