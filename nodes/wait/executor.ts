/**
 * Runs a Wait: works out when the run goes on (now + the delay, or the time the "Until"
 * template gives) and returns it as `resumeAt`; the engine does the waiting, so a recorded run's
 * fast clock, a cancel, the run's time limit and a server's durable waits all apply the same way.
 */
import { configCompiler } from '../../core/template-fields.js';
import { NodeError, type ExecContext, type NodeExecutor, type NodeResult } from '../../core/node-type.js';
import { formatDuration, MAX_WAIT_MS, parseDuration, parseWakeTime } from './duration.js';
import { waitManifest, type WaitConfig } from './manifest.js';
import { waitMessage } from './messages.js';

/** What `steps.<wait>` holds, and the trace's detail. */
export interface WaitOutput {
  /** When the run goes on (ISO-8601). */
  until: string;
  /** How long the wait was planned to be when the node ran (0 for a time already past). */
  delayMs: number;
}

function planned(ctx: ExecContext, at: number, now: number): NodeResult {
  const output: WaitOutput = { until: new Date(at).toISOString(), delayMs: Math.max(0, at - now) };
  ctx.detail('wait', at <= now ? { ...output, past: true } : output);
  return { port: 'out', output, resumeAt: at };
}

function fail(detail: ReturnType<typeof waitMessage>, code: string): never {
  throw new NodeError(detail.message, code, undefined, { detail });
}

export const waitExecutor: NodeExecutor<WaitConfig> = {
  type: waitManifest.type,
  prepare(node, tools) {
    const config = node.config;
    if (config.mode === 'until') {
      const source = typeof config.until === 'string' ? config.until : '';
      const until = configCompiler(waitManifest.configSchema, tools).value('/until', source);
      return {
        async run(ctx) {
          const value = await until.evaluate(ctx.scope);
          const parsed = parseWakeTime(value);
          if ('problem' in parsed) {
            const shown = JSON.stringify(value) ?? 'nothing';
            fail(
              waitMessage('wait.until-value', { template: source, value: shown, problem: parsed.problem }),
              'wait-time',
            );
          }
          const now = ctx.now();
          if (parsed.at - now > MAX_WAIT_MS) {
            const detail = waitMessage('wait.until-too-far', {
              template: source,
              until: new Date(parsed.at).toISOString(),
              max: formatDuration(MAX_WAIT_MS),
            });
            fail(detail, 'wait-too-far');
          }
          return planned(ctx, parsed.at, now);
        },
      };
    }
    // The validator refuses a bad delay; a flow that skipped it fails to load, naming the node.
    const text = typeof config.delay === 'string' ? config.delay : '';
    const ms = parseDuration(text);
    if (ms === undefined) throw new Error(waitMessage('wait.bad-delay', { text }).message);
    if (ms === 0) throw new Error(waitMessage('wait.zero-delay', {}).message);
    if (ms > MAX_WAIT_MS)
      throw new Error(waitMessage('wait.too-long', { text, max: formatDuration(MAX_WAIT_MS) }).message);
    return {
      async run(ctx) {
        const now = ctx.now();
        return planned(ctx, now + ms, now);
      },
    };
  },
};
