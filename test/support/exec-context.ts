/**
 * A real ExecContext for executor tests: the runtime's HTTP client (auth by credential kind,
 * retries, OAuth token cache, redaction) over the live undici transport, so executors are
 * tested against real loopback servers exactly as a live run would drive them.
 */
import type { ResolvedCredential } from '../../core/credentials.js';
import { createPrepareTools } from '../../core/expressions/compile.js';
import type { FlowNode } from '../../core/flow.js';
import type {
  CodeSandbox,
  ExecContext,
  LogLine,
  NodeExecutor,
  NodeResult,
  PreparedNode,
  RunScope,
  WebhookResponse,
} from '../../core/node-type.js';
import { flowStateOf, type StateStore } from '../../core/state-store.js';
import type { RequestTrace } from '../../core/trace.js';
import { createHttpClient } from '../../runtime/http/http-client.js';
import { createTokenCache, type TokenCache } from '../../runtime/http/token-cache.js';
import type { Transport } from '../../runtime/http/transport.js';
import { createUndiciTransport, type UndiciTransport } from '../../runtime/http/undici-transport.js';
import { Redactor } from '../../runtime/redactor.js';
import { createMemoryStateStore } from '../../runtime/state/memory-store.js';

export interface MakeExecContextOptions {
  node: FlowNode;
  /** Defaults to an empty trigger, steps and vars. */
  scope?: Partial<RunScope>;
  /** Defaults to a shared undici transport (see `closeSharedTransport`). */
  transport?: Transport;
  /** Resolved credentials by slot name (the node's `credentials` must bind the slot too). */
  credentials?: Record<string, ResolvedCredential>;
  runId?: string;
  tokens?: TokenCache;
  /** Waits between retries. Defaults to no wait: tests assert behaviour, not timing. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** The state store (Remember / Recall); a fresh one in memory when absent. */
  stateStore?: StateStore;
  /** The flow id the state is namespaced by; `test-flow` when absent. */
  flowId?: string;
}

/** An ExecContext plus what the run recorded. */
export interface TestExecContext extends ExecContext {
  readonly requests: RequestTrace[];
  readonly logs: LogLine[];
  readonly details: Record<string, unknown>;
  readonly redactor: Redactor;
  /** What the node answered the webhook's caller (Respond to webhook). */
  readonly responses: WebhookResponse[];
}

let shared: UndiciTransport | undefined;

/** The undici transport tests share; close it in `afterAll`. */
export function sharedTransport(): UndiciTransport {
  return (shared ??= createUndiciTransport());
}

export async function closeSharedTransport(): Promise<void> {
  const transport = shared;
  shared = undefined;
  await transport?.close();
}

const noSandbox: CodeSandbox = {
  run: () => Promise.reject(new Error('no code sandbox in this test context')),
};

export function makeExecContext(options: MakeExecContextOptions): TestExecContext {
  const { node } = options;
  const redactor = new Redactor();
  const requests: RequestTrace[] = [];
  const logs: LogLine[] = [];
  const details: Record<string, unknown> = {};
  const responses: WebhookResponse[] = [];
  const signal = options.signal ?? new AbortController().signal;
  const started = Date.now();
  const credential = (slot: string): Promise<ResolvedCredential | undefined> => {
    if (node.credentials?.[slot] === undefined) return Promise.resolve(undefined);
    const resolved = options.credentials?.[slot];
    if (resolved) {
      // What runtime credential resolution does: every secret field is registered for redaction.
      for (const value of Object.values(resolved.fields)) redactor.add(value);
    }
    return Promise.resolve(resolved);
  };
  const http = createHttpClient({
    nodeName: node.name,
    transport: options.transport ?? sharedTransport(),
    credential,
    tokens: options.tokens ?? createTokenCache(),
    redactor,
    onRequest: (trace) => requests.push(trace),
    sleep: options.sleep ?? (() => Promise.resolve()),
    signal: signal as AbortSignal,
  });
  return {
    node,
    scope: {
      trigger: { body: undefined, headers: {}, query: {} },
      steps: {},
      vars: {},
      ...options.scope,
    },
    runId: options.runId ?? 'run-test-0001',
    signal,
    http,
    sandbox: noSandbox,
    credential,
    log: (level, message) => logs.push({ level, message, at: Date.now() - started }),
    detail: (key, value) => {
      details[key] = value;
    },
    now: () => Date.now(),
    sleep: (ms) => (options.sleep ?? (() => Promise.resolve()))(ms, signal as AbortSignal),
    respond: (response) => responses.push(response),
    state: flowStateOf(
      options.stateStore ?? createMemoryStateStore(),
      options.flowId ?? 'test-flow',
      options.runId ?? 'run-test-0001',
    ),
    responses,
    requests,
    logs,
    details,
    redactor,
  };
}

/** Prepares a node with the real template compiler, as a flow load does. */
export function prepareNode<C extends Record<string, unknown>>(
  executor: NodeExecutor<C>,
  node: FlowNode,
): PreparedNode {
  return executor.prepare(node as FlowNode & { config: C }, createPrepareTools());
}

/** Prepares and runs a node once in a fresh context. */
export async function runNode<C extends Record<string, unknown>>(
  executor: NodeExecutor<C>,
  options: MakeExecContextOptions,
): Promise<{ result: NodeResult; ctx: TestExecContext }> {
  const prepared = prepareNode(executor, options.node);
  const ctx = makeExecContext(options);
  const result = await prepared.run(ctx);
  return { result, ctx };
}
