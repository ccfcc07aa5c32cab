/**
 * Runs Apply to each: evaluates the items template, holds the item limit, runs the body
 * (`ctx.body`, the engine's per-item walk) for each item with up to `concurrency` at once,
 * applies the per-item error handling, and takes `done` with the collected results.
 *
 * Results are kept in item order whatever order the items finish in. Their size is bounded
 * (`MAX_RESULT_CHARS` of JSON in all), so a body that returns whole responses cannot grow a
 * run without limit; the trace is bounded by the engine (core/trace.ts, `IterationsTrace`).
 */
import { jsonSizeUpTo } from '../../core/expressions/compile.js';
import { configCompiler } from '../../core/template-fields.js';
import {
  NodeError,
  type BodyFailure,
  type BodyRunner,
  type CompiledValue,
  type ExecContext,
  type NodeExecutor,
  type NodeResult,
} from '../../core/node-type.js';
import { applyToEachManifest, DONE_PORT, MAX_CONCURRENCY, MAX_ITEMS, type ApplyToEachConfig } from './manifest.js';
import { applyToEachMessage, type ApplyToEachMessageCode } from './messages.js';

/** The most JSON text the collected results and errors may take in all (as the expression limits' strings). */
export const MAX_RESULT_CHARS = 10_000_000;

/** The NodeError code of every failure of this node; `details.problem` says which. */
export const APPLY_TO_EACH_ERROR = 'apply-to-each';

/** One failed item as the output's `errors` lists it. */
export interface ItemError {
  index: number;
  item: unknown;
  /** The body node that failed. */
  node: string;
  message: string;
  code?: string;
}

/** What `done` carries (`steps.<node>`). */
export interface ApplyToEachOutput {
  /** What each item gave, in item order; failed items are left out. */
  results: unknown[];
  /** Items in the list. */
  total: number;
  /** Items run (fewer than `total` when the list was cut to the limit). */
  processed: number;
  succeeded: number;
  failed: number;
  /** The failed items (with "collect"; empty otherwise). */
  errors: ItemError[];
  /** True when the list was longer than the limit and only the first items ran. */
  truncated: boolean;
}

function fail(
  code: ApplyToEachMessageCode,
  params: Record<string, unknown>,
  details: Record<string, unknown> = {},
): NodeError {
  const detail = applyToEachMessage(code, params as never);
  return new NodeError(detail.message, APPLY_TO_EACH_ERROR, { problem: code, ...details }, { detail });
}

/** What a template gave instead of a list (neither nothing nor null), as the message names it. */
function seen(value: unknown): { kind: 'string' | 'number' | 'boolean' | 'object'; preview: string } {
  const kind = typeof value === 'object' ? 'object' : (typeof value as 'string' | 'number' | 'boolean');
  const text = JSON.stringify(value) ?? String(value);
  return { kind, preview: text.length > 60 ? `${text.slice(0, 59)}…` : text };
}

function clamp(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isInteger(value) || value < 1) return fallback;
  return Math.min(value, max);
}

export const applyToEachExecutor: NodeExecutor<ApplyToEachConfig> = {
  type: applyToEachManifest.type,
  prepare(node, tools) {
    const config = node.config;
    const compile = configCompiler(applyToEachManifest.configSchema, tools);
    // The list is only read, never sent or traced (the step records its length): no cap on its JSON size.
    const items = compile.value('/items', config.items, { readOnly: true });
    const result: CompiledValue | undefined =
      typeof config.result === 'string' && config.result.trim() !== ''
        ? compile.value('/result', config.result)
        : undefined;
    const settings: LoopSettings = {
      template: config.items,
      concurrency: clamp(config.concurrency, 1, MAX_CONCURRENCY),
      maxItems: clamp(config.maxItems, 1000, MAX_ITEMS),
      truncate: config.tooMany === 'truncate',
      onItemError: config.onItemError === 'skip' || config.onItemError === 'collect' ? config.onItemError : 'stop',
      result,
    };
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const body = ctx.body;
        // The validator refuses a loop inside a body; a flow that got past it still stops here.
        if (!body) throw fail('applyToEach.nested', {});
        let value = await items.evaluate(ctx.scope);
        // JSONata gives nothing for a filter that matches nothing: zero items, said in the trace.
        if (value === undefined || value === null) {
          ctx.log('warn', applyToEachMessage('applyToEach.nothing', { template: settings.template }).message);
          value = [];
        }
        if (!Array.isArray(value))
          throw fail('applyToEach.not-a-list', { template: settings.template, ...seen(value) });
        let list: readonly unknown[] = value;
        if (list.length > settings.maxItems) {
          const params = { count: list.length, limit: settings.maxItems };
          if (!settings.truncate) throw fail('applyToEach.too-many', params, params);
          ctx.log('warn', applyToEachMessage('applyToEach.truncated', params).message);
          list = list.slice(0, settings.maxItems);
        }
        const output = await runItems(ctx, body, value.length, list, settings);
        return {
          port: DONE_PORT,
          output,
          input: { items: value.length, concurrency: settings.concurrency, onItemError: settings.onItemError },
        };
      },
    };
  },
};

interface LoopSettings {
  /** The items template as written, for messages. */
  template: string;
  concurrency: number;
  maxItems: number;
  truncate: boolean;
  onItemError: 'stop' | 'skip' | 'collect';
  result: CompiledValue | undefined;
}

/**
 * Runs the items through the body with up to `concurrency` in flight, taking them in list
 * order. With "stop", the first failure starts no more items; those already running finish
 * (their nodes may be mid-request), then the node fails.
 */
async function runItems(
  ctx: ExecContext,
  body: BodyRunner,
  total: number,
  list: readonly unknown[],
  settings: LoopSettings,
): Promise<ApplyToEachOutput> {
  const n = list.length;
  const results: unknown[] = new Array<unknown>(n);
  const succeeded = new Uint8Array(n);
  const errors: ItemError[] = [];
  let failedCount = 0;
  let processed = 0;
  let chars = 0;
  let stopped: { index: number; error: BodyFailure } | undefined;
  let next = 0;

  const account = (value: unknown, index: number): void => {
    // Counted until it passes what is left, so a huge result costs no more than the limit to measure.
    chars += jsonSizeUpTo(value, MAX_RESULT_CHARS - chars + 1);
    if (chars > MAX_RESULT_CHARS) throw fail('applyToEach.results-too-large', { limit: MAX_RESULT_CHARS, index });
  };

  // Set when a worker throws (the run was cut short, the results grew too large): the others
  // start no more items.
  let halted = false;
  const worker = async (): Promise<void> => {
    try {
      await work();
    } catch (error) {
      halted = true;
      throw error;
    }
  };
  const work = async (): Promise<void> => {
    while (!halted && stopped === undefined && next < n) {
      const index = next++;
      const item = list[index];
      const outcome = await body.run(item, index);
      processed++;
      if (outcome.ok) {
        let value = outcome.output;
        if (settings.result) {
          try {
            value = await settings.result.evaluate(outcome.scope);
          } catch (error) {
            throw fail('applyToEach.result-failed', { index, error: (error as Error).message });
          }
        }
        account(value, index);
        results[index] = value === undefined ? null : value;
        succeeded[index] = 1;
        continue;
      }
      failedCount++;
      if (settings.onItemError === 'stop') {
        stopped ??= { index, error: outcome.error };
      } else if (settings.onItemError === 'collect') {
        const entry: ItemError = { index, item, node: outcome.error.nodeName, message: outcome.error.message };
        if (outcome.error.code !== undefined) entry.code = outcome.error.code;
        account(entry, index);
        errors.push(entry);
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(settings.concurrency, n); i++) workers.push(worker());
  await Promise.all(workers);

  if (stopped) {
    const { index, error } = stopped;
    throw fail(
      'applyToEach.item-failed',
      { index, node: error.node, detail: error.detail },
      { index, item: list[index], node: error.nodeName, processed, failed: failedCount },
    );
  }
  if (failedCount > 0 && settings.onItemError === 'skip') {
    // Numbered as a person counts them (the first is item 1), as the step report shows them.
    const numbers: number[] = [];
    for (let i = 0; i < n && numbers.length < 20; i++) if (succeeded[i] === 0) numbers.push(i + 1);
    const more = failedCount > numbers.length ? ', …' : '';
    ctx.log(
      'warn',
      applyToEachMessage('applyToEach.skipped', { count: failedCount, items: numbers.join(', ') + more }).message,
    );
  }
  errors.sort((a, b) => a.index - b.index);
  const collected: unknown[] = [];
  for (let i = 0; i < n; i++) if (succeeded[i] === 1) collected.push(results[i]);
  return {
    results: collected,
    total,
    processed,
    succeeded: processed - failedCount,
    failed: failedCount,
    errors,
    truncated: total > n,
  };
}
