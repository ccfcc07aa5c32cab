/**
 * The engine: loads a flow once (validate, prepare every node: templates, expressions and
 * code are compiled here and never again) and runs it any number of times, producing a
 * `RunTrace` per run.
 *
 * Walk semantics: start at the trigger; run a node, take the port it returns, follow every
 * edge from that port in file order, depth-first and one node at a time; a node reached a
 * second time does not run again. The scope `{trigger, steps, vars}` grows as nodes finish.
 *
 * The per-node path is kept small on purpose (the target is a few µs per node): contexts are
 * plain objects with lazy parts (HTTP client, credentials, details), nothing is cloned while
 * the run is under way, and the trace is redacted once when the run ends.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { MAX_JSON_DEPTH, tooDeepMessage, valueDepth } from '../../core/json-depth.js';
import type {
  CodeSandbox,
  ExecContext,
  HttpClient,
  LogLine,
  NodeExecutor,
  NodeResult,
  NodeTypeManifest,
  PreparedNode,
  PrepareTools,
  RunScope,
  WebhookResponse,
} from '../../core/node-type.js';
import { NodeError } from '../../core/node-type.js';
import type { RequestTrace, RunStatus, RunTrace, StepTrace } from '../../core/trace.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { manifestFor } from '../../nodes/registry.js';
import { NODE_EXECUTORS } from '../../nodes/registry.runtime.js';
import type { CredentialProvider } from '../credentials/provider.js';
import type { Transport } from '../http/transport.js';
import type { UndiciTransport } from '../http/undici-transport.js';
import { Redactor } from '../redactor.js';
import { redactTrace } from './redact-trace.js';
import { FlowLoadError, RunAbortedError } from './errors.js';
import { createPrepareTools } from '../../core/expressions/compile.js';
import { httpFailureCode, httpFailureOf } from '../../core/http-error.js';
import { defaultSandbox } from './default-sandbox.js';
import { loadFlowForRun } from './load.js';
import { createTokenCache, type TokenCache } from '../http/token-cache.js';
import { createNodeHttp, resolveNodeCredential } from './node-services.js';

export { FlowLoadError, RunAbortedError } from './errors.js';

export type SleepFn = (ms: number, signal: AbortSignal) => Promise<void>;

export interface FlowRuntimeOptions {
  /** Where credential values come from (env, encrypted file, placeholders in tests). */
  credentials: CredentialProvider;
  /** The wire for HTTP; the real undici transport when absent. */
  transport?: Transport;
  /** The Code task's sandbox; the QuickJS sandbox (created on first use) when absent. */
  sandbox?: CodeSandbox;
  /** Waits between retries; a real timer when absent. */
  sleep?: SleepFn;
  /** Wall clock in ms (token expiry, `ctx.now()`, `startedAt`); `Date.now` when absent. */
  now?: () => number;
  /** Executors by node type; the built-in registry when absent. */
  executors?: ReadonlyMap<string, NodeExecutor<any>>;
}

export interface RunTriggerInput {
  body: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface RunOptions {
  trigger: RunTriggerInput;
  signal?: AbortSignal;
  /** Whole-run limit; 60 s when absent. */
  timeoutMs?: number;
  /** Per-run overrides of the runtime's transport, credentials and sleep (tests, test bench). */
  transport?: Transport;
  credentials?: CredentialProvider;
  sleep?: SleepFn;
  runId?: string;
  /** Called once, when a Respond to webhook node gives the caller its answer (the run goes on). */
  onRespond?: (response: WebhookResponse) => void;
}

export interface LoadedFlow {
  readonly flow: FlowFile;
  readonly fileName?: string;
  /** Warnings the validator found; errors never get this far. */
  readonly warnings: readonly FlowIssue[];
  /** Notes on migrations applied while loading (older node versions upgraded). */
  readonly migrated: readonly string[];
  run(options: RunOptions): Promise<RunTrace>;
}

export interface FlowRuntime {
  load(input: FlowFile | string, opts?: { fileName?: string }): LoadedFlow;
  /** Closes the live transport's sockets, if this runtime opened any. */
  close(): Promise<void>;
}

export const DEFAULT_RUN_TIMEOUT_MS = 60_000;

/** A node after load: everything the walk needs, resolved once. */
interface Entry {
  readonly index: number;
  readonly node: FlowNode;
  readonly manifest: NodeTypeManifest<any>;
  /** "Web Service 'getDetails'": how messages name the node. */
  readonly label: string;
  readonly prepared: PreparedNode;
  /** Targets by port, in file order. */
  readonly edges: Map<string, Entry[]>;
  /** True when the manifest has an error port and an edge leaves it. */
  errorPortWired: boolean;
}

export function createFlowRuntime(options: FlowRuntimeOptions): FlowRuntime {
  const executors = options.executors ?? NODE_EXECUTORS;
  const tools: PrepareTools = createPrepareTools();
  // One token cache per runtime: a token fetched by one run serves the next until it expires.
  const now = options.now ?? Date.now;
  const tokenCache = createTokenCache(now);
  const sandbox = options.sandbox ?? defaultSandbox();
  // Loaded and opened on the first live request only: recorded runs (tests, the CLI without
  // --live) never load undici or open a socket pool.
  let live: Promise<UndiciTransport> | undefined;
  const liveTransport: Transport = {
    async send(request) {
      live ??= import('../http/undici-transport.js').then((m) => m.createUndiciTransport());
      return (await live).send(request);
    },
  };

  return {
    load(input, opts = {}) {
      const { flow, warnings, migrated } = loadFlowForRun(input, opts.fileName);
      const entries = prepareEntries(flow, executors, tools, opts.fileName);
      const trigger = entries.find((e) => e.manifest.trigger === true);
      if (!trigger) {
        throw new FlowLoadError(
          [{ severity: 'error', code: 'no-trigger', message: 'The flow has no trigger', pointer: '/nodes' }],
          opts.fileName,
        );
      }
      const shared: SharedState = {
        flow,
        entries,
        trigger,
        options,
        tokenCache,
        sandbox,
        now,
        liveTransport,
      };
      return {
        flow,
        fileName: opts.fileName,
        warnings,
        migrated,
        run: (runOptions) => runFlow(shared, runOptions),
      };
    },
    async close() {
      const t = live;
      live = undefined;
      await (await t)?.close();
    },
  };
}

function prepareEntries(
  flow: FlowFile,
  executors: ReadonlyMap<string, NodeExecutor<any>>,
  tools: PrepareTools,
  fileName: string | undefined,
): Entry[] {
  const issues: FlowIssue[] = [];
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  flow.nodes.forEach((node, i) => {
    const manifest = manifestFor(node.type);
    const executor = executors.get(node.type);
    const title = manifest?.title ?? node.type;
    const label = `${title} '${node.name}'`;
    if (!manifest || !executor) {
      issues.push({
        severity: 'error',
        code: 'unknown-type',
        message: `${label}: this version of Flowdesk cannot run node type '${node.type}'`,
        pointer: `/nodes/${i}/type`,
        nodeId: node.id,
      });
      return;
    }
    let prepared: PreparedNode;
    try {
      prepared = executor.prepare(node as FlowNode & { config: any }, tools);
    } catch (err) {
      issues.push({
        severity: 'error',
        code: 'prepare',
        message: `${label}: ${errorMessage(err)}`,
        pointer: `/nodes/${i}/config`,
        nodeId: node.id,
      });
      return;
    }
    const entry: Entry = { index: i, node, manifest, label, prepared, edges: new Map(), errorPortWired: false };
    entries.push(entry);
    byId.set(node.id, entry);
  });
  if (issues.length > 0) throw new FlowLoadError(issues, fileName);
  for (const edge of flow.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue; // the validator reports dangling edges; nothing to follow
    let targets = from.edges.get(edge.port);
    if (!targets) from.edges.set(edge.port, (targets = []));
    targets.push(to);
    if (from.manifest.errorPort === edge.port) from.errorPortWired = true;
  }
  return entries;
}

interface SharedState {
  readonly flow: FlowFile;
  readonly entries: readonly Entry[];
  readonly trigger: Entry;
  readonly options: FlowRuntimeOptions;
  readonly tokenCache: TokenCache;
  readonly sandbox: CodeSandbox;
  readonly now: () => number;
  /** Undici, loaded on the first live request. */
  readonly liveTransport: Transport;
}

/** Per-run state shared by the node contexts of that run. */
interface RunState {
  readonly shared: SharedState;
  readonly runId: string;
  readonly scope: RunScope;
  readonly signal: AbortSignal;
  readonly transport: Transport | undefined;
  readonly credentials: CredentialProvider;
  readonly sleep: SleepFn | undefined;
  readonly redactor: Redactor;
  credentialCache: Map<string, Promise<ResolvedCredential | undefined>> | undefined;
  response: RunTrace['response'];
  readonly onRespond: ((response: WebhookResponse) => void) | undefined;
}

/** The ExecContext handed to one node; the HTTP client and details are made on first use. */
class NodeContext implements ExecContext {
  readonly logs: LogLine[] = [];
  readonly requests: RequestTrace[] = [];
  details: Record<string, unknown> | undefined;
  private client: HttpClient | undefined;

  constructor(
    private readonly run: RunState,
    private readonly entry: Entry,
    private readonly startedAt: number,
  ) {}

  get node(): FlowNode {
    return this.entry.node;
  }
  get scope(): RunScope {
    return this.run.scope;
  }
  get runId(): string {
    return this.run.runId;
  }
  get signal(): AbortSignal {
    return this.run.signal;
  }
  get sandbox(): CodeSandbox {
    return this.run.shared.sandbox;
  }
  get http(): HttpClient {
    return (this.client ??= createNodeHttp({
      node: this.entry.node,
      transport: this.run.transport ?? this.run.shared.liveTransport,
      signal: this.run.signal,
      sleep: this.run.sleep,
      now: this.run.shared.now,
      tokenCache: this.run.shared.tokenCache,
      redactor: this.run.redactor,
      credential: (slot) => this.credential(slot),
      onRequest: (trace) => this.requests.push(trace),
    }));
  }

  credential(slot: string): Promise<ResolvedCredential | undefined> {
    const name = this.entry.node.credentials?.[slot];
    if (name === undefined) return Promise.resolve(undefined);
    const cache = (this.run.credentialCache ??= new Map());
    let resolved = cache.get(name);
    if (!resolved) {
      resolved = resolveNodeCredential(name, this.run.shared.flow, this.run.credentials, this.run.redactor);
      cache.set(name, resolved);
    }
    return resolved;
  }

  log(level: LogLine['level'], message: string): void {
    this.logs.push({ level, message: String(message), at: performance.now() - this.startedAt });
  }

  detail(key: string, value: unknown): void {
    (this.details ??= {})[key] = value;
  }

  now(): number {
    return this.run.shared.now();
  }

  respond(response: WebhookResponse): void {
    // The caller gets one answer: a second Respond node on the same run is recorded in its
    // step but not sent.
    if (this.run.response) {
      this.log('warn', 'the caller was already answered by an earlier Respond node; this answer is not sent');
      return;
    }
    this.run.response = { ...response, nodeName: this.entry.node.name };
    this.run.onRespond?.(response);
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

async function runFlow(shared: SharedState, opts: RunOptions): Promise<RunTrace> {
  const { flow, trigger } = shared;
  const startedAt = new Date(shared.now()).toISOString();
  const t0 = performance.now();
  const controller = new AbortController();
  // Node's timers overflow past 2^31-1 ms and would fire at once.
  const timeoutMs = Math.min(opts.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS, MAX_TIMER_MS);
  const timer = setTimeout(
    () => controller.abort(new RunAbortedError('timeout', `the flow did not finish within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const outer = opts.signal;
  const onOuterAbort = () =>
    controller.abort(
      new RunAbortedError(
        'cancelled',
        `the run was cancelled${outer?.reason instanceof Error ? `: ${outer.reason.message}` : ''}`,
      ),
    );
  if (outer) {
    if (outer.aborted) onOuterAbort();
    else outer.addEventListener('abort', onOuterAbort, { once: true });
  }
  // One promise per run that rejects on abort, raced against each node so a node that ignores
  // the signal cannot hold the run past its timeout.
  let rejectAbort: (err: unknown) => void = () => {};
  const aborted = new Promise<never>((_, reject) => (rejectAbort = reject));
  aborted.catch(() => {});
  const signal = controller.signal;
  if (signal.aborted) rejectAbort(signal.reason);
  else signal.addEventListener('abort', () => rejectAbort(signal.reason), { once: true });

  const trig = opts.trigger;
  const run: RunState = {
    shared,
    runId: opts.runId ?? randomUUID(),
    scope: { trigger: { body: trig.body, headers: trig.headers ?? {}, query: trig.query ?? {} }, steps: {}, vars: {} },
    signal,
    transport: opts.transport ?? shared.options.transport,
    credentials: opts.credentials ?? shared.options.credentials,
    sleep: opts.sleep ?? shared.options.sleep,
    redactor: new Redactor(),
    credentialCache: undefined,
    response: undefined,
    onRespond: opts.onRespond,
  };

  const steps: StepTrace[] = [];
  let status: RunStatus = 'success';
  let error: RunTrace['error'];
  // Entries are indexed by their position in the file.
  const visited = new Uint8Array(flow.nodes.length);
  const stack: Entry[] = [trigger];

  try {
    // Every host's payload passes here before anything walks it recursively.
    if (valueDepth(trig.body) > MAX_JSON_DEPTH) {
      throw Object.assign(new Error(tooDeepMessage('the trigger body')), { code: 'too-deep' });
    }
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (visited[entry.index] === 1) continue;
      visited[entry.index] = 1;
      if (signal.aborted) throw signal.reason;

      const nodeStart = performance.now();
      const ctx = new NodeContext(run, entry, nodeStart);
      const step: StepTrace = {
        nodeId: entry.node.id,
        name: entry.node.name,
        type: entry.node.type,
        startedAtMs: nodeStart - t0,
        durationMs: 0,
        requests: ctx.requests,
        logs: ctx.logs,
      };
      steps.push(step);

      let result: NodeResult;
      try {
        result = await Promise.race([entry.prepared.run(ctx), aborted]);
      } catch (err) {
        step.durationMs = performance.now() - nodeStart;
        if (ctx.details) step.details = ctx.details;
        if (signal.aborted) {
          const reason = signal.reason as RunAbortedError;
          step.error = { message: reason.message, code: reason.status };
          throw new NodeFailure(entry, reason.message, reason.status, reason.status);
        }
        const { message, code, details } = describeError(err);
        step.error = { message, code };
        if (entry.errorPortWired) {
          const output =
            details && typeof details === 'object' && !Array.isArray(details)
              ? { message, code, ...(details as Record<string, unknown>) }
              : details === undefined
                ? { message, code }
                : { message, code, details };
          run.scope.steps[entry.node.name] = output;
          step.output = output;
          step.port = entry.manifest.errorPort;
          pushTargets(stack, entry.edges.get(entry.manifest.errorPort!));
          continue;
        }
        const why = entry.manifest.errorPort ? ' (its error port is not connected)' : '';
        throw new NodeFailure(entry, `${entry.label} failed: ${message}${why}`, code, 'failed');
      }

      step.durationMs = performance.now() - nodeStart;
      step.port = result.port;
      step.output = result.output;
      if (result.input !== undefined) step.input = result.input;
      if (ctx.details) step.details = ctx.details;
      run.scope.steps[entry.node.name] = result.output;
      if (result.vars) Object.assign(run.scope.vars, result.vars);
      pushTargets(stack, entry.edges.get(result.port));
    }
    if (signal.aborted) throw signal.reason;
  } catch (err) {
    if (err instanceof NodeFailure) {
      status = err.status;
      error = { message: err.message, nodeId: err.entry.node.id, nodeName: err.entry.node.name, code: err.code };
    } else if (err instanceof RunAbortedError) {
      status = err.status;
      error = { message: err.message, code: err.status };
    } else {
      status = 'failed';
      const code = (err as { code?: unknown } | undefined)?.code;
      error = { message: errorMessage(err), code: code === 'too-deep' ? code : 'internal' };
    }
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }

  return redactTrace(run.redactor, {
    runId: run.runId,
    flowId: flow.id,
    flowName: flow.name,
    startedAt,
    durationMs: performance.now() - t0,
    status,
    ...(error ? { error } : {}),
    steps,
    vars: run.scope.vars,
    ...(run.response ? { response: run.response } : {}),
  });
}

function pushTargets(stack: Entry[], targets: Entry[] | undefined): void {
  if (!targets) return;
  // Reverse so the first edge in file order is taken first.
  for (let i = targets.length - 1; i >= 0; i--) stack.push(targets[i]!);
}

class NodeFailure extends Error {
  constructor(
    readonly entry: Entry,
    message: string,
    readonly code: string | undefined,
    readonly status: RunStatus,
  ) {
    super(message);
  }
}

/** Message, code and details of whatever a node threw: NodeError, HTTP failure or a plain error. */
function describeError(err: unknown): { message: string; code: string; details?: unknown } {
  if (err instanceof NodeError) return { message: err.message, code: err.code, details: err.details };
  if (err instanceof Error) {
    const failure = httpFailureOf(err);
    if (failure) {
      const details: Record<string, unknown> = {};
      if (failure.status !== undefined) details.status = failure.status;
      if (failure.body !== undefined) details.body = failure.body;
      return { message: err.message, code: httpFailureCode(failure), details };
    }
    const code = (err as Error & { code?: unknown }).code;
    return { message: err.message, code: typeof code === 'string' ? code : 'error' };
  }
  return { message: String(err), code: 'error' };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
