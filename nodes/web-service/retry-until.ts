/**
 * "Retry until ready" for the Web Service node: the same request again, every few seconds, while
 * the answer says it is not ready yet — a status such as 404 (Genesys analytics right after a
 * call ends) or a response that does not meet rules about it (`response.body.state` equals
 * `available`) — up to a number of attempts. Waits go through `ctx.sleep`, so a cancel stops
 * them and recorded runs take no time; every attempt is in the trace (`details.attempts`, one
 * request line each); running out of attempts takes the error port, naming the attempts.
 */
import { NodeError, type ExecContext, type RunScope } from '../../core/node-type.js';
import type { ConfigCompiler } from '../../core/template-fields.js';
import { prepareRules, type PreparedRules, type RuleDetail } from '../shared/rule-builder/evaluate.js';
import type { Rule } from '../shared/rule-builder/rules.js';
import { webServiceMessage } from './messages.js';
import { DEFAULT_RETRY_ATTEMPTS, DEFAULT_RETRY_EVERY_SECONDS, retryUntilActive } from './retry-until-schema.js';

interface RetryUntilConfig {
  statuses?: readonly number[];
  combinator?: 'all' | 'any';
  rules?: readonly Rule[];
  everySeconds?: number;
  maxAttempts?: number;
}

export interface RetryUntil {
  statuses: ReadonlySet<number>;
  rules: PreparedRules | undefined;
  seconds: number;
  maxAttempts: number;
}

/** One attempt as the trace records it. */
export interface AttemptDetail {
  attempt: number;
  status?: number;
  ready: boolean;
  /** Why it was not ready: a status listed, or rules that did not hold. */
  notReady?: 'status' | 'rules';
  rules?: RuleDetail[];
}

/** Compiled once per flow load; undefined when the node calls once. */
export function compileRetryUntil(
  config: RetryUntilConfig | undefined,
  compile: ConfigCompiler,
): RetryUntil | undefined {
  if (!config || !retryUntilActive(config)) return undefined;
  const rules = config.rules ?? [];
  return {
    statuses: new Set(config.statuses ?? []),
    rules:
      rules.length > 0
        ? prepareRules(rules, {
            combinator: config.combinator === 'any' ? 'any' : 'all',
            caseInsensitive: false,
            at: '/retryUntil/rules',
            compile,
            codes: { config: 'retry-until-config', run: 'retry-until-error' },
          })
        : undefined,
    seconds: config.everySeconds ?? DEFAULT_RETRY_EVERY_SECONDS,
    maxAttempts: config.maxAttempts ?? DEFAULT_RETRY_ATTEMPTS,
  };
}

/** What an attempt answered, as the rules see it (`response.…`). */
interface Answer {
  status: number;
  body?: unknown;
}

/**
 * Calls `attempt` until the answer is ready or the attempts run out. An HTTP failure whose
 * status is listed counts as "not ready"; any other failure ends it at once (the node's error
 * port, as without the setting).
 */
export async function untilReady<T extends Answer>(
  ctx: ExecContext,
  until: RetryUntil,
  attempt: () => Promise<T>,
): Promise<T> {
  const attempts: AttemptDetail[] = [];
  ctx.detail('attempts', attempts);
  for (let n = 1; ; n++) {
    let answer: T | undefined;
    let status: number | undefined;
    let body: unknown;
    try {
      answer = await attempt();
      status = answer.status;
      body = answer.body;
    } catch (error) {
      const failed = error instanceof NodeError ? (error.details as { status?: unknown; body?: unknown }) : undefined;
      status = typeof failed?.status === 'number' ? failed.status : undefined;
      if (status === undefined || !until.statuses.has(status)) {
        attempts.push({ attempt: n, ...(status !== undefined ? { status } : {}), ready: false });
        throw error;
      }
      body = failed?.body;
    }
    const record: AttemptDetail = { attempt: n, ...(status !== undefined ? { status } : {}), ready: false };
    if (answer === undefined || until.statuses.has(answer.status)) record.notReady = 'status';
    else if (until.rules) {
      const scope = { ...ctx.scope, response: answer } as RunScope;
      const { matched, details } = await until.rules.evaluate(scope);
      record.rules = details;
      if (!matched) record.notReady = 'rules';
    }
    record.ready = record.notReady === undefined;
    attempts.push(record);
    if (record.ready) return answer!;
    if (n >= until.maxAttempts) {
      const detail = webServiceMessage('webService.not-ready', {
        attempts: n,
        seconds: until.seconds,
        last: record.notReady!,
        ...(status !== undefined ? { status } : {}),
      });
      throw new NodeError(
        detail.message,
        'not-ready',
        { message: detail.message, attempts: n, ...(status !== undefined ? { status } : {}), body },
        { detail },
      );
    }
    ctx.log(
      'info',
      `attempt ${n} of ${until.maxAttempts}: ${record.notReady === 'status' ? `answered ${status}` : 'not ready by the rules'}; again in ${until.seconds} s`,
    );
    await ctx.sleep(until.seconds * 1000);
  }
}
