/**
 * The engine: loads a flow once (validate, prepare every node: templates, expressions and
 * code are compiled here and never again) and runs it any number of times, producing a
 * `RunTrace` per run.
 *
 * Walk semantics: start at the trigger; run a node, take the port it returns, follow every
 * edge from that port in file order, depth-first and one node at a time; a node reached a
 * second time does not run again. The scope `{trigger, steps, vars}` grows as nodes finish.
 * A node with several incoming edges joins them (`join: 'once'`, see join-walk.ts): it waits
 * until no pending branch can still reach it, so it runs once with every branch's output in
 * `steps`, and its step records which branches arrived and which were not taken.
 *
 * The per-node path is kept small on purpose (the target is a few µs per node): contexts are
 * plain objects with lazy parts (HTTP client, credentials, details), nothing is cloned while
 * the run is under way, and the trace is redacted once when the run ends.
 */
import { createMemoryRateLimiter, type OutboundRateLimiter } from '../http/rate-limiter.js';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { MAX_JSON_DEPTH, tooDeepMessage, valueDepth } from '../../core/json-depth.js';
import {
  isTrigger,
  type CodeSandbox,
  type ExecContext,
  type HttpClient,
  type LogLine,
  type NodeResult,
  type NodeTypeManifest,
  type PreparedNode,
  type PrepareTools,
  type RunScope,
  type RuntimeNodeTypes,
  type WebhookResponse,
  type AnyNodeTypeManifest,
  type AnyNodeExecutor,
  type BodyRunner,
} from '../../core/node-type.js';
import { hasSideEffects, NodeError } from '../../core/node-type.js';
import { createScopeSnapshotter } from './scope-snapshot.js';
import type { RequestTrace, RunStatus, RunTrace, StepTrace } from '../../core/trace.js';
import { message as messageOf } from '../../core/messages/make.js';
import type { Message, MessageParams, NodeRef } from '../../core/messages/message.js';
import { RUN_STATE_VERSION, runStateProblem, type RunState } from '../../core/run-state.js';
import type { ParamValue } from '../../core/flow.js';
import { resolveParams } from '../../core/params.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { flowStateOf, type FlowState, type StateStore } from '../../core/state-store.js';
import { createMemoryStateStore } from '../state/memory-store.js';
import { BUILT_IN_NODE_TYPES } from '../../nodes/registry.runtime.js';
import type { CredentialProvider } from '../credentials/provider.js';
import type { Transport } from '../http/transport.js';
import type { UndiciTransport } from '../http/undici-transport.js';
import { Redactor } from '../redactor.js';
import { redactTrace } from './redact-trace.js';
import { FlowLoadError, NodeFailure, RunAbortedError } from './errors.js';
import { createPrepareTools } from '../../core/expressions/compile.js';
import { httpFailureCode, httpFailureOf } from '../../core/http-error.js';
import { defaultSandbox } from './default-sandbox.js';
import { loadFlowForRun } from './load.js';
import { createTokenCache, type TokenCache } from '../http/token-cache.js';
import { createNodeHttp, resolveNodeCredential } from './node-services.js';
import { attachJoins, joinTrace, walk, type JoinInfo } from './join-walk.js';
import { createBodyRunner, type Frame, type TracedBodyRunner } from './body-run.js';

export { FlowLoadError } from './errors.js';
export type { RunState } from '../../core/run-state.js';

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
  executors?: ReadonlyMap<string, AnyNodeExecutor>;
  /** The node types (manifests and executors) the runtime knows; the built-in set when absent. */
  nodeTypes?: RuntimeNodeTypes;
  /**
   * Holds credentials' declared rate limits on live requests; a per-process budget when absent
   * (queue workers pass one that shares the budget through Redis).
   */
  rateLimiter?: OutboundRateLimiter;
  /**
   * Where Remember / Recall keep their keys (SQLite or Redis on a server); a store in this
   * process's memory, made on first use, when absent. The engine namespaces it per flow id.
   */
  stateStore?: StateStore;
}

export interface RunTriggerInput {
  body: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface RunOptions {
  /** What started the run; taken from the state when resuming. */
  trigger?: RunTriggerInput;
  /**
   * Called after every node finishes (through its port or its error port), before the next
   * one starts, with the run as JSON. A run waits for the promise; aborting `signal` here
   * stops the run after this node.
   */
  onCheckpoint?: (state: RunState) => void | Promise<void>;
  /**
   * Which nodes `onCheckpoint` follows: every node (the default), or only those with side
   * effects (the manifest's `sideEffects`) and a durable Wait. A run resumed from such a state
   * runs the nodes without effects after it again, with the same result, and costs a server a
   * saved state per effect instead of one per node. With `'side-effects'` a run that fails or
   * stops in a node also hands over the state before that node, for a re-run from there.
   */
  checkpointAfter?: 'every-node' | 'side-effects';
  /** Continues a saved run: finished nodes do not run again; the trace goes on from the state's. */
  resume?: RunState;
  signal?: AbortSignal;
  /** Whole-run limit; 60 s when absent. */
  timeoutMs?: number;
  /** Per-run overrides of the runtime's transport, credentials and sleep (tests, test bench). */
  transport?: Transport;
  credentials?: CredentialProvider;
  sleep?: SleepFn;
  runId?: string;
  /**
   * Parameter values from the host, in layers (environment, parameters file, test bench, test
   * case), each over the flow's defaults and the layers before it. A declared parameter left
   * without a value, or a value of the wrong type, fails the run before any node runs.
   */
  params?: readonly (Readonly<Record<string, ParamValue>> | undefined)[];
  /** Called once, when a Respond to webhook node gives the caller its answer (the run goes on). */
  onRespond?: (response: WebhookResponse) => void;
  /** The state store of this run instead of the runtime's (a test case's seeded store). */
  state?: StateStore;
  /**
   * Durable waits (hosts that save runs): a Wait of at least this many ms, or one longer than the
   * run may still take, is not slept; the run's state goes to `onCheckpoint` with the Wait done
   * and the run ends as `waiting` with its `wakeAt`, for the host to `resume` when due. Needs
   * `onCheckpoint`; without both, every wait is slept.
   */
  durableWaitsFromMs?: number;
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
  readonly manifest: AnyNodeTypeManifest;
  /** "Web Service 'getDetails'": how messages name the node. */
  readonly label: string;
  readonly ref: NodeRef;
  readonly prepared: PreparedNode;
  /** Targets by port, in file order. */
  readonly edges: Map<string, Entry[]>;
  /** True when the manifest has an error port and an edge leaves it. */
  errorPortWired: boolean;
  /** Set when several edges lead into the node: how it joins them. */
  join: JoinInfo | undefined;
  /** The node changes something outside the run (`hasSideEffects`): a checkpoint follows it. */
  readonly sideEffects: boolean;
  /** Set on a node whose manifest declares a `bodyPort`: where its body starts and how many nodes it holds. */
  body: { readonly start: Entry[]; readonly size: number } | undefined;
}

export function createFlowRuntime(options: FlowRuntimeOptions): FlowRuntime {
  const nodeTypes = options.nodeTypes ?? BUILT_IN_NODE_TYPES;
  const executors = options.executors ?? nodeTypes.executors;
  const manifests = new Map(nodeTypes.manifests.map((m) => [m.type, m]));
  const tools: PrepareTools = createPrepareTools();
  // One token cache per runtime: a token fetched by one run serves the next until it expires.
  const now = options.now ?? Date.now;
  const tokenCache = createTokenCache(now);
  const sandbox = options.sandbox ?? defaultSandbox();
  const rateLimiter = options.rateLimiter ?? createMemoryRateLimiter();
  let memoryState: StateStore | undefined;
  const stateStore = (): StateStore => options.stateStore ?? (memoryState ??= createMemoryStateStore({ now }));
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
      const { flow, warnings, migrated } = loadFlowForRun(input, opts.fileName, nodeTypes.manifests);
      const entries = prepareEntries(flow, manifests, executors, tools, opts.fileName);
      const trigger = entries.find((e) => isTrigger(e.manifest));
      if (!trigger) {
        throw new FlowLoadError(
          [{ severity: 'error', ...messageOf('no-trigger', { kind: 'runtime' }), pointer: '/nodes' }],
          opts.fileName,
        );
      }
      const shared: SharedState = {
        flow,
        entries,
        trigger,
        byId: new Map(entries.map((e) => [e.node.id, e])),
        options,
        tokenCache,
        sandbox,
        now,
        liveTransport,
        rateLimiter,
        stateStore,
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
      await rateLimiter.close();
    },
  };
}

function prepareEntries(
  flow: FlowFile,
  manifests: ReadonlyMap<string, NodeTypeManifest>,
  executors: ReadonlyMap<string, AnyNodeExecutor>,
  tools: PrepareTools,
  fileName: string | undefined,
): Entry[] {
  const issues: FlowIssue[] = [];
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  flow.nodes.forEach((node, i) => {
    const manifest = manifests.get(node.type);
    const executor = executors.get(node.type);
    const title = manifest?.title ?? node.type;
    const label = `${title} '${node.name}'`;
    const ref: NodeRef = { index: i, name: node.name, title, type: node.type };
    if (!manifest || !executor) {
      const m = messageOf('unknown-type', { node: ref, type: node.type });
      issues.push({
        severity: 'error',
        code: m.code,
        params: m.params,
        message: m.message,
        pointer: `/nodes/${i}/type`,
        nodeId: node.id,
      });
      return;
    }
    let prepared: PreparedNode;
    try {
      prepared = executor.prepare(node, tools);
    } catch (err) {
      const m = messageOf('prepare', { node: ref, error: errorMessage(err) });
      issues.push({
        severity: 'error',
        code: m.code,
        params: m.params,
        message: m.message,
        pointer: `/nodes/${i}/config`,
        nodeId: node.id,
      });
      return;
    }
    const entry: Entry = {
      index: i,
      node,
      manifest,
      label,
      ref,
      prepared,
      sideEffects: hasSideEffects(manifest, node.config),
      edges: new Map(),
      errorPortWired: false,
      join: undefined,
      body: undefined,
    };
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
  attachJoins(entries, flow.nodes.length);
  for (const entry of entries) {
    const port = entry.manifest.bodyPort;
    if (port !== undefined) entry.body = bodyOf(entry.edges.get(port) ?? []);
  }
  return entries;
}

/** The nodes a body port leads to and how many nodes the body holds (all it reaches: the validator keeps it closed). */
function bodyOf(start: Entry[]): { start: Entry[]; size: number } {
  const seen = new Set<Entry>();
  const queue = [...start];
  while (queue.length > 0) {
    const at = queue.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const targets of at.edges.values()) for (const to of targets) if (!seen.has(to)) queue.push(to);
  }
  return { start, size: seen.size };
}

interface SharedState {
  readonly flow: FlowFile;
  readonly entries: readonly Entry[];
  readonly trigger: Entry;
  readonly byId: ReadonlyMap<string, Entry>;
  readonly options: FlowRuntimeOptions;
  readonly tokenCache: TokenCache;
  readonly sandbox: CodeSandbox;
  readonly now: () => number;
  /** Undici, loaded on the first live request. */
  readonly liveTransport: Transport;
  readonly rateLimiter: OutboundRateLimiter;
  readonly stateStore: () => StateStore;
}

/** Per-run state shared by the node contexts of that run. */
interface LiveRun {
  readonly shared: SharedState;
  readonly runId: string;
  readonly scope: RunScope;
  readonly signal: AbortSignal;
  /** Rejects with the abort's reason; raced against each top-level node. */
  readonly aborted: Promise<never>;
  /** `performance.now()` at the run's start (earlier processes' time included). */
  readonly t0: number;
  readonly transport: Transport | undefined;
  readonly credentials: CredentialProvider;
  readonly sleep: SleepFn | undefined;
  readonly redactor: Redactor;
  credentialCache: Map<string, Promise<ResolvedCredential | undefined>> | undefined;
  response: RunTrace['response'];
  readonly onRespond: ((response: WebhookResponse) => void) | undefined;
  readonly stateStore: StateStore | undefined;
  /** This flow's keys for this run, made on the first Remember / Recall. */
  flowState: FlowState | undefined;
  /**
   * Holds the run at a Wait until `resumeAt` (see `holdUntil`); resolves with the wake time when
   * the run is to stop there. Inside a loop's body a wait is always slept: an iteration is not
   * saved on its own.
   */
  hold: (resumeAt: number, inBody: boolean) => Promise<number | undefined>;
}

/** The ExecContext handed to one node; the HTTP client, details and body runner are made on first use. */
class NodeContext implements ExecContext {
  readonly logs: LogLine[] = [];
  readonly requests: RequestTrace[] = [];
  details: Record<string, unknown> | undefined;
  bodyRunner: TracedBodyRunner | undefined;
  private client: HttpClient | undefined;

  constructor(
    private readonly run: LiveRun,
    private readonly entry: Entry,
    private readonly startedAt: number,
    private readonly frame: Frame,
  ) {}

  get node(): FlowNode {
    return this.entry.node;
  }
  get scope(): RunScope {
    return this.frame.scope;
  }
  get runId(): string {
    return this.frame.runId;
  }
  get body(): BodyRunner | undefined {
    const body = this.entry.body;
    if (body === undefined || this.frame.inBody) return undefined;
    return (this.bodyRunner ??= createBodyRunner<Entry>({
      start: body.start,
      size: body.size,
      nodeCount: this.run.shared.flow.nodes.length,
      outer: this.frame,
      signal: this.run.signal,
      t0: this.run.t0,
      visit: (entry, frame, stack) => visitNode(this.run, entry, frame, stack, false),
    }));
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
      // Recorded runs (tests, the test bench) send nothing, so they spend no budget.
      ...(this.run.transport ? {} : { rateLimiter: this.run.shared.rateLimiter }),
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

  sleep(ms: number): Promise<void> {
    return (this.run.sleep ?? realSleep)(ms, this.run.signal);
  }

  get state(): FlowState {
    const run = this.run;
    // Namespaced by flow id here, so no executor can reach another flow's keys.
    return (run.flowState ??= flowStateOf(run.stateStore ?? run.shared.stateStore(), run.shared.flow.id, run.runId));
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

/** A timer that an abort cuts short, rejecting with the abort's reason. */
const realSleep: SleepFn = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Where a run starts: at the trigger, or where a saved state left off. */
function startingPoint(shared: SharedState, opts: RunOptions) {
  const { flow, trigger } = shared;
  const resume = opts.resume;
  if (!resume) {
    if (!opts.trigger) throw new Error('a run needs a trigger input (or a run state to resume)');
    const trig = opts.trigger;
    return {
      runId: opts.runId ?? randomUUID(),
      startedAt: new Date(shared.now()).toISOString(),
      elapsedMs: 0,
      scope: {
        trigger: { body: trig.body, headers: trig.headers ?? {}, query: trig.query ?? {} },
        steps: {},
        vars: {},
      } as RunScope,
      done: [] as Entry[],
      pending: [trigger],
      steps: [] as StepTrace[],
      response: undefined as RunTrace['response'],
    };
  }
  const problem = runStateProblem(resume);
  if (problem) throw new Error(`cannot resume the run: ${problem}`);
  if (resume.flowId !== flow.id) {
    throw new Error(`cannot resume the run: its state belongs to flow '${resume.flowId}', not '${flow.id}'`);
  }
  const entryOf = (id: string): Entry => {
    const entry = shared.byId.get(id);
    if (!entry) throw new Error(`cannot resume the run: its state names node '${id}', which this flow does not have`);
    return entry;
  };
  // A copy: the caller's state stays as saved, whatever this run does to its scope.
  const copy = JSON.parse(JSON.stringify(resume)) as RunState;
  return {
    runId: copy.runId,
    startedAt: copy.startedAt,
    elapsedMs: copy.elapsedMs,
    scope: copy.scope,
    done: copy.done.map(entryOf),
    pending: copy.pending.map(entryOf),
    steps: copy.steps,
    response: copy.response,
  };
}

async function runFlow(shared: SharedState, opts: RunOptions): Promise<RunTrace> {
  const { flow } = shared;
  const start = startingPoint(shared, opts);
  const startedAt = start.startedAt;
  const t0 = performance.now() - start.elapsedMs;
  const controller = new AbortController();
  // Node's timers overflow past 2^31-1 ms and would fire at once.
  const timeoutMs = Math.min(opts.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS, MAX_TIMER_MS);
  // This process's share of the run starts now (a resumed run gets a whole time limit again).
  const limitStart = performance.now();
  const timer = setTimeout(
    () => controller.abort(new RunAbortedError('timeout', messageOf('run.timeout', { ms: timeoutMs }))),
    timeoutMs,
  );
  const outer = opts.signal;
  const onOuterAbort = () =>
    controller.abort(
      new RunAbortedError(
        'cancelled',
        messageOf('run.cancelled', outer?.reason instanceof Error ? { reason: outer.reason.message } : {}),
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

  const run: LiveRun = {
    shared,
    runId: start.runId,
    scope: start.scope,
    signal,
    aborted,
    t0,
    transport: opts.transport ?? shared.options.transport,
    credentials: opts.credentials ?? shared.options.credentials,
    sleep: opts.sleep ?? shared.options.sleep,
    redactor: new Redactor(),
    credentialCache: undefined,
    response: start.response,
    onRespond: opts.onRespond,
    stateStore: opts.state,
    flowState: undefined,
    hold: async () => undefined,
  };

  const steps: StepTrace[] = start.steps;
  const top: Frame = { scope: run.scope, runId: run.runId, steps, inBody: false };
  let status: RunStatus = 'success';
  let error: RunTrace['error'];
  /** Set when the run stops at a durable wait: when it goes on (ms since the epoch). */
  let wakeAt: number | undefined;
  const holds: WaitHolds = {
    run,
    aborted,
    durableFromMs: opts.onCheckpoint ? opts.durableWaitsFromMs : undefined,
    timeLeftMs: () => timeoutMs - (performance.now() - limitStart),
  };
  run.hold = (resumeAt, inBody) => holdUntil(inBody ? { ...holds, durableFromMs: undefined } : holds, resumeAt);
  // Entries are indexed by their position in the file.
  const visited = new Uint8Array(flow.nodes.length);
  const done: Entry[] = start.done;
  for (const entry of done) visited[entry.index] = 1;
  const stack: Entry[] = start.pending;
  const checkpoint = opts.onCheckpoint;
  const everyNode = opts.checkpointAfter !== 'side-effects';
  // Steps of earlier checkpoints, redacted and copied once: a finished step does not change.
  const savedSteps: StepTrace[] = [];
  const snapshotScope = createScopeSnapshotter();
  /**
   * Saves the run as it stands, or, given the node that failed or was in flight when the run
   * stopped, as it stood before that node: that node pending again, its step not in the trace.
   */
  const saveState = async (before?: NodeInFlight): Promise<void> => {
    const upTo = before ? before.stepCount : steps.length;
    const redacted = redactTrace(run.redactor, {
      runId: run.runId,
      flowId: flow.id,
      flowName: flow.name,
      startedAt,
      durationMs: 0,
      status: 'success',
      steps: steps.slice(savedSteps.length, upTo),
      vars: {},
    });
    for (const step of redacted.steps) savedSteps.push(JSON.parse(JSON.stringify(step)) as StepTrace);
    const scope = snapshotScope(run.scope);
    if (before) delete scope.steps[before.entry.node.name];
    const state: RunState = {
      version: RUN_STATE_VERSION,
      runId: run.runId,
      flowId: flow.id,
      startedAt,
      elapsedMs: performance.now() - t0,
      scope,
      done: (before ? done.slice(0, done.lastIndexOf(before.entry)) : done).map((e) => e.node.id),
      pending: before ? [...before.pending, before.entry.node.id] : stack.map((e) => e.node.id),
      steps: savedSteps.slice(0, upTo),
      ...(run.response ? { response: JSON.parse(JSON.stringify(run.response)) as RunTrace['response'] } : {}),
    };
    await checkpoint!(state);
  };
  // With checkpoints after side effects only, the node under way, so that a run that fails
  // still leaves the state before its failed step (for a re-run from there).
  let inFlight: NodeInFlight | undefined;

  try {
    // Parameters are resolved once, at the start; a resumed run keeps the values it started with.
    if (!opts.resume && (flow.params !== undefined || opts.params !== undefined)) {
      const { values, problems } = resolveParams(flow.params, ...(opts.params ?? []));
      if (problems.length > 0) {
        const m = messageOf('run.params', { problems });
        throw Object.assign(new Error(m.message), { code: 'params', params: m.params });
      }
      run.scope.params = values;
    }
    for (const [name, param] of Object.entries(flow.params ?? {})) {
      const value = run.scope.params?.[name];
      if (param.secret && value !== undefined) run.redactor.add(String(value));
    }
    // Every host's payload passes here before anything walks it recursively.
    if (valueDepth(run.scope.trigger.body) > MAX_JSON_DEPTH) {
      throw Object.assign(new Error(tooDeepMessage('the trigger body')), { code: 'too-deep' });
    }
    await walk(stack, visited, async (entry) => {
      if (checkpoint && !everyNode) inFlight = { entry, pending: stack.map((e) => e.node.id), stepCount: steps.length };
      done.push(entry);
      const suspendUntil = await visitNode(run, entry, top, stack, true);
      inFlight = undefined;
      if (checkpoint && (everyNode || entry.sideEffects || suspendUntil !== undefined)) await saveState();
      if (suspendUntil !== undefined) {
        // Saved with the Wait done and its targets pending: a resume goes on after it.
        status = 'waiting';
        wakeAt = suspendUntil;
        return 'stop';
      }
      return undefined;
    });
    if (signal.aborted) throw signal.reason;
  } catch (err) {
    if (err instanceof NodeFailure) {
      status = err.status;
      error = { message: err.message, nodeId: err.node.id, nodeName: err.node.name, code: err.code };
      if (err.params) error.params = err.params;
    } else if (err instanceof RunAbortedError) {
      status = err.status;
      error = { message: err.message, code: err.status, params: err.params };
    } else {
      status = 'failed';
      const code = (err as { code?: unknown } | undefined)?.code;
      error = { message: errorMessage(err), code: code === 'too-deep' || code === 'params' ? code : 'internal' };
      const params = (err as { params?: MessageParams } | undefined)?.params;
      if (code === 'params' && params) error.params = params;
    }
    // The trigger's own refusal leaves nothing to re-run from.
    if (inFlight && inFlight.stepCount > 0) {
      // The run has failed already and its trace says why; a state that cannot be saved only
      // means a re-run starts from the beginning.
      await saveState(inFlight).catch(() => undefined);
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
    ...(wakeAt !== undefined ? { wakeAt: new Date(wakeAt).toISOString() } : {}),
    steps,
    vars: run.scope.vars,
    ...(run.response ? { response: run.response } : {}),
  });
}

/** The node a run is in, as the walk stood before it (see `saveState`). */
interface NodeInFlight {
  readonly entry: Entry;
  /** The pending branches without this node. */
  readonly pending: string[];
  /** Trace steps before this node's. */
  readonly stepCount: number;
}

/** What `holdUntil` needs of the run. */
interface WaitHolds {
  readonly run: LiveRun;
  /** Rejects when the run is cancelled or times out. */
  readonly aborted: Promise<never>;
  /** Waits this long or longer are durable (the run stops and is resumed); undefined: all are slept. */
  readonly durableFromMs: number | undefined;
  /** How long the run may still take in this process. */
  timeLeftMs(): number;
}

/**
 * Holds a run at a Wait until `resumeAt`: a time already past goes on at once; a durable wait
 * (long enough, or longer than the run may still take) is returned rather than slept, so the run
 * ends as `waiting`; anything else is slept with the run's sleep (the fast clock's under a
 * recorded run, where it takes no time). A real sleep past the run's time limit fails at once
 * with the way out, rather than timing out after all that time.
 */
async function holdUntil(h: WaitHolds, resumeAt: number): Promise<number | undefined> {
  const remaining = resumeAt - h.run.shared.now();
  if (remaining <= 0) return undefined;
  const left = h.timeLeftMs();
  if (h.durableFromMs !== undefined && (remaining >= h.durableFromMs || remaining >= left)) return resumeAt;
  if (h.run.sleep === undefined && remaining >= left) {
    const detail = messageOf('run.wait-past-limit', {
      until: new Date(resumeAt).toISOString(),
      waitMs: Math.round(remaining),
      leftMs: Math.max(0, Math.round(left)),
    });
    throw new NodeError(detail.message, 'wait-past-limit', undefined, { detail });
  }
  await Promise.race([(h.run.sleep ?? realSleep)(remaining, h.run.signal), h.aborted]);
  return undefined;
}

function pushTargets(stack: Entry[], targets: Entry[] | undefined): void {
  if (!targets) return;
  // Reverse so the first edge in file order is taken first.
  for (let i = targets.length - 1; i >= 0; i--) stack.push(targets[i]!);
}

/**
 * Runs one node in a frame and records its step there: on success the targets of the port(s) it
 * took go on `stack`, on a failure with a wired error port that port's targets; otherwise it
 * throws `NodeFailure`. `race`: the top level races each node against the run's abort, so a
 * node that ignores the signal cannot hold the run past its timeout; body nodes need not (the
 * looping node they run under is raced already).
 */
async function visitNode(
  run: LiveRun,
  entry: Entry,
  frame: Frame,
  stack: Entry[],
  race: boolean,
): Promise<number | undefined> {
  const signal = run.signal;
  if (signal.aborted) throw signal.reason;
  const nodeStart = performance.now();
  const ctx = new NodeContext(run, entry, nodeStart, frame);
  const step: StepTrace = {
    nodeId: entry.node.id,
    name: entry.node.name,
    type: entry.node.type,
    startedAtMs: nodeStart - run.t0,
    durationMs: 0,
    requests: ctx.requests,
    logs: ctx.logs,
  };
  if (entry.join !== undefined) step.join = joinTrace(entry.join, frame.steps);
  frame.steps.push(step);

  let result: NodeResult;
  let suspendUntil: number | undefined;
  try {
    result = race ? await Promise.race([entry.prepared.run(ctx), run.aborted]) : await entry.prepared.run(ctx);
    if (result.resumeAt !== undefined) suspendUntil = await run.hold(result.resumeAt, frame.inBody);
  } catch (err) {
    step.durationMs = performance.now() - nodeStart;
    if (ctx.details) step.details = ctx.details;
    if (ctx.bodyRunner) step.iterations = ctx.bodyRunner.trace();
    if (signal.aborted) {
      const reason = signal.reason as RunAbortedError;
      step.error = { message: reason.message, code: reason.status, params: reason.params };
      throw new NodeFailure(entry.node, reason.message, reason.status, reason.status, reason.params);
    }
    const { message, code, details, params } = describeError(err);
    step.error = params ? { message, code, params } : { message, code };
    if (entry.errorPortWired) {
      const output =
        details && typeof details === 'object' && !Array.isArray(details)
          ? { message, code, ...(details as Record<string, unknown>) }
          : details === undefined
            ? { message, code }
            : { message, code, details };
      frame.scope.steps[entry.node.name] = output;
      step.output = output;
      step.port = entry.manifest.errorPort;
      pushTargets(stack, entry.edges.get(entry.manifest.errorPort!));
      return undefined;
    }
    const failed = messageOf('run.node-failed', {
      node: entry.ref,
      detail: (params?.detail as Message | undefined) ?? messageOf('text', { text: message }),
      errorPort: entry.manifest.errorPort ? 'unwired' : 'none',
    });
    throw new NodeFailure(entry.node, failed.message, code, 'failed', failed.params);
  }

  step.durationMs = performance.now() - nodeStart;
  step.port = result.port;
  step.output = result.output;
  if (result.input !== undefined) step.input = result.input;
  if (ctx.details) step.details = ctx.details;
  if (ctx.bodyRunner) step.iterations = ctx.bodyRunner.trace();
  frame.scope.steps[entry.node.name] = result.output;
  if (result.triggerBody !== undefined && isTrigger(entry.manifest)) frame.scope.trigger.body = result.triggerBody;
  if (result.vars) Object.assign(frame.scope.vars, result.vars);
  if (result.ports !== undefined && result.ports.length > 1) {
    step.ports = [...result.ports];
    // The first port's branch runs first: push the others' targets beneath it.
    for (let i = result.ports.length - 1; i >= 0; i--) pushTargets(stack, entry.edges.get(result.ports[i]!));
  } else {
    pushTargets(stack, entry.edges.get(result.port));
  }
  return suspendUntil;
}

/** Message, code and details of whatever a node threw: NodeError, HTTP failure or a plain error. */
function describeError(err: unknown): { message: string; code: string; details?: unknown; params?: MessageParams } {
  if (err instanceof NodeError) {
    const described = { message: err.message, code: err.code, details: err.details };
    return err.params ? { ...described, params: err.params } : described;
  }
  if (err instanceof Error) {
    const failure = httpFailureOf(err);
    if (failure) {
      const details: Record<string, unknown> = {};
      if (failure.status !== undefined) details.status = failure.status;
      if (failure.body !== undefined) details.body = failure.body;
      const described = { message: err.message, code: httpFailureCode(failure), details };
      return failure.detail && failure.message === err.message
        ? { ...described, params: { detail: failure.detail } }
        : described;
    }
    const code = (err as Error & { code?: unknown }).code;
    return { message: err.message, code: typeof code === 'string' ? code : 'error' };
  }
  return { message: String(err), code: 'error' };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
