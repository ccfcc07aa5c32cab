/**
 * The node-type contract. A node type is one folder under `nodes/<kebab-type>/` holding:
 * - `manifest.ts` — the declarative half (this file's `NodeTypeManifest`), loaded everywhere;
 * - `executor.ts` — the runtime half (`NodeExecutor`), loaded by the runtime only;
 * - `editor.ts`   — the renderer half (`NodeEditorInfo`), loaded by the renderer only.
 * Adding a node type is its folder plus one line in `nodes/node-types.ts` (see
 * docs/adding-a-node-type.md). Hosts and the engine read what they need from the manifest's
 * declarations (`triggerKind`, `answersCaller`, `join`…), never from a type id.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { CredentialKind, ResolvedCredential } from './credentials.js';
import type { FlowNode } from './flow.js';
import type { JsonSchema } from './json-schema.js';
import type { Message, MessageParams, NodeRef } from './messages/message.js';
import type { TriggerSchedule } from './schedule/schedule.js';
import type { FlowState } from './state-store.js';

export type NodeCategory = 'trigger' | 'integration' | 'logic' | 'ticketing';

/** How a trigger starts runs: an inbound HTTP request, or a schedule. */
export type TriggerKind = 'webhook' | 'schedule';

/**
 * How a node with several incoming edges runs. `once`: once per run, after every branch that
 * can still reach it has finished or been skipped (the design's join semantics).
 */
export type JoinMode = 'once';

/**
 * How a config string is read, declared once in the config schema as `"x-template": <mode>`
 * and read by the validator, the executor's compile step and the editor:
 * - `text`: a `{{ }}` template whose result is text;
 * - `url`: a template in a URL: substituted parts are URL-encoded;
 * - `value`: a JSON value whose strings may hold templates (a whole-value template keeps its
 *   JSON type); applies to everything below the field;
 * - `expression`: a bare JSONata expression (no `{{ }}`);
 * - `none`: plain data, never parsed (a file name, a JSON Schema, Code source).
 * A string field without `x-template` is checked as a template by the validator (older
 * manifests), but executors compile only declared fields.
 */
export type TemplateMode = 'text' | 'url' | 'value' | 'expression' | 'none';

/** What the CLI's trace printer and the test bench show of a node's step beyond the common parts. */
export interface TraceFormat {
  /** Show the node's output (Code's result, the ticket's id) when nothing more specific is shown. */
  showOutput?: boolean;
  /** The fields the node mapped, read from its output (`field x = …` lines, the bench's table). */
  mappedFields?(output: unknown): Record<string, unknown> | undefined;
}

export interface CredentialSlot {
  /** Key in the node's `credentials` object, e.g. `auth`. */
  name: string;
  label: string;
  /** Credential kinds the slot accepts. */
  kinds: readonly CredentialKind[];
  /**
   * Whether the slot must be filled. A function lets the requirement depend on config
   * (e.g. Web Service needs `auth` unless `auth.type` is `none`).
   */
  required: boolean | ((config: Record<string, unknown>) => boolean);
  /**
   * The kinds that fit this particular config, when narrower than `kinds` (a Ticket node on
   * Zendesk takes a Zendesk API token or a bearer token, on ServiceNow Basic or OAuth 2.0).
   * The validator reports a bound credential of another kind; the picker offers only these.
   */
  kindsFor?: (config: Record<string, unknown>) => readonly CredentialKind[];
}

/** A config migration from `version - 1` to `version`. Must be pure. */
export type ConfigMigration = (config: Record<string, unknown>) => Record<string, unknown>;

/** A problem found by a node type's own semantic check (beyond its JSON Schema). */
export interface NodeConfigIssue {
  /** JSON pointer inside the node's config, e.g. `/url`. */
  pointer: string;
  /** Plain English words, without the node's name (the validator adds it). */
  message: string;
  /**
   * The message code, when the node type words this problem in catalogues of its own
   * (`addMessages`); without one, `message` is shown in every language.
   */
  code?: string;
  params?: MessageParams;
}

export interface NodeTypeManifest<C extends object = Record<string, unknown>, T extends string = string> {
  /** Persisted in flow files; never renamed. camelCase. Written here only: executor and editor refer to it. */
  type: T;
  /** Current version of the config format. */
  version: number;
  category: NodeCategory;
  /** English display name, e.g. "Web Service". */
  title: string;
  /** JSON Schema (draft 2020-12) of `config`: the single source of truth for the form too. */
  configSchema: JsonSchema;
  /** Config of a freshly dropped node. Must validate against `configSchema`. */
  defaults: C;
  /** Set on trigger nodes only (a flow has exactly one; triggers have no input port). */
  triggerKind?: TriggerKind;
  /**
   * Schedule triggers (`triggerKind: 'schedule'`): when this config fires, for the hosts'
   * schedulers and the designer's preview. Undefined when the config cannot be scheduled (the
   * validator reports why).
   */
  scheduleOf?(config: C): TriggerSchedule | undefined;
  /** The node answers the caller of a synchronous webhook (Respond to webhook). */
  answersCaller?: boolean;
  /**
   * The node changes something outside the run that must not happen twice (a request that
   * writes, a ticket, a state-store write, time slept). Hosts that save runs to survive a crash
   * save one after such a node; a node without effects (a condition, Code, a read) is simply
   * run again when a run resumes from an earlier state. Read through `hasSideEffects`.
   */
  sideEffects?: boolean;
  /** Whether a node with this config has side effects, when that depends on it (overrides `sideEffects`). */
  sideEffectsFor?(config: C): boolean;
  /**
   * The trigger checks inbound requests (token, Basic, signature); the server calls its
   * executor's `verifyInbound` before starting a run.
   */
  verifiesInbound?: boolean;
  /**
   * The output port whose part of the flow the node runs itself, once per item (Apply to each's
   * `each`): the walk never follows it; the executor runs that part through `ctx.body`. The
   * validator keeps the part closed: entered only through this port, left only by ending.
   */
  bodyPort?: string;
  /** How the node joins several incoming branches. Default `once`. */
  join?: JoinMode;
  /** Test cases answer this node's HTTP calls with recorded responses (its calls are listed in the test bench). */
  recordedCalls?: boolean;
  /** Hooks for the CLI's trace printer and the test bench. */
  trace?: TraceFormat;
  /**
   * The node reads or writes the flow's state store (Remember / Recall): the test bench offers
   * the test case's "remembered before the run" where a flow has such a node.
   */
  usesState?: boolean;
  /** Output ports, in display order (for a type whose ports depend on its config: the ones it always has). */
  ports: readonly string[];
  /**
   * The output ports of a node with this config, in display order, when they depend on it (a
   * Switch has one per named output plus `default`). Called on half-edited configs too, so it
   * must tolerate any shape. Read through `portsOf`.
   */
  portsFor?(config: C): readonly string[];
  /** The port taken on failure, if the node can fail into the graph. */
  errorPort?: string;
  credentialSlots: readonly CredentialSlot[];
  /**
   * Pointer patterns of config strings that name a key of an object the node builds (a var,
   * a mapped field): validation refuses `__proto__`, `constructor` and `prototype` there.
   */
  nameFields?: readonly string[];
  /** Migrations keyed by the version they produce (2 migrates 1 → 2). */
  migrations?: Readonly<Record<number, ConfigMigration>>;
  /** Semantic checks the schema cannot express. */
  // Method syntax on purpose: parameters of methods are bivariant, so a manifest of one
  // config type is a `NodeTypeManifest` (the registries' element type) without `any`.
  check?(config: C): NodeConfigIssue[];
  /**
   * What this node does for the flow that other nodes may require on their paths, e.g.
   * `webhook-response` for Respond to webhook.
   */
  provides?: readonly string[];
  /**
   * Something every path leaving this node must reach, given its config (a sync Webhook
   * trigger needs a `webhook-response` node on every path). `explain` words what is missing.
   */
  requiresOnEveryPath?(config: C): { capability: string; explain: string } | undefined;
  /**
   * Names this node puts into `vars`, read from its config (a webhook's fields, a web
   * service's response mapping). The validator checks every `vars.X` against the nodes
   * upstream, and the designer offers them in autocomplete. Called on half-edited configs
   * too, so it must tolerate any shape.
   */
  varsOut?: (config: Record<string, unknown>) => string[];
  /**
   * The node creates a record in another system with this config (a ticket, a POSTed
   * resource). Two branches leaving one output both run, so the validator warns when each of
   * them creates one: the caller would get two. Called on half-edited configs too.
   */
  createsRecord?: (config: Record<string, unknown>) => boolean;
}

/**
 * Declares a manifest keeping its type id as a literal type (so `nodes/node-types.ts` yields
 * the union of ids the registries are keyed by): `defineManifest<MyConfig>()({ type: 'x', … })`.
 */
export function defineManifest<C extends object>() {
  return <const T extends string>(manifest: NodeTypeManifest<C, T>): NodeTypeManifest<C, T> => manifest;
}

/** A manifest of any config type, as lists and registries hold them. */
export type AnyNodeTypeManifest = NodeTypeManifest;

/** True for trigger nodes (the manifest declares a `triggerKind`). */
export function isTrigger(manifest: Pick<NodeTypeManifest, 'triggerKind'> | undefined): boolean {
  return manifest?.triggerKind !== undefined;
}

/** Whether a node with this config changes something outside the run (`sideEffects`). */
export function hasSideEffects(manifest: AnyNodeTypeManifest, config: unknown): boolean {
  if (manifest.sideEffectsFor) return manifest.sideEffectsFor(config as Record<string, unknown>);
  return manifest.sideEffects === true;
}

/** The output ports of a node: `portsFor(config)` where the type's ports depend on its config, else `ports`. */
export function portsOf(manifest: AnyNodeTypeManifest | undefined, config: unknown): readonly string[] {
  if (!manifest) return [];
  if (!manifest.portsFor) return manifest.ports;
  return manifest.portsFor(typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {});
}

/** `rows[*][key]` as a list of non-empty strings, for `varsOut` of table-shaped settings. */
export function namesInRows(rows: unknown, key: string): string[] {
  if (!Array.isArray(rows)) return [];
  const out: string[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const value = (row as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim() !== '' && !out.includes(value)) out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Runtime half. Executors get I/O only through `ExecContext`, so tests and the test bench can
// swap real I/O for recorded responses.

/**
 * The node types a runtime knows: the manifests (validation, migration) and their executors.
 * The built-in set is `BUILT_IN_NODE_TYPES` (nodes/registry.runtime.ts); tests and third-party
 * node packages extend it with `withNodeTypes`.
 */
export interface RuntimeNodeTypes {
  readonly manifests: readonly NodeTypeManifest[];
  readonly executors: ReadonlyMap<string, NodeExecutor>;
}

/** What templates and expressions see. */
export interface RunScope {
  trigger: { body: unknown; headers: Record<string, string>; query: Record<string, string> };
  steps: Record<string, unknown>;
  vars: Record<string, unknown>;
  /** The flow's parameter values for this run (`{{ params.x }}`); absent when it declares none. */
  params?: Record<string, unknown>;
  /** Inside an Apply to each body: the item this iteration runs for (`{{ item.id }}`). */
  item?: unknown;
  /** Inside an Apply to each body: the item's position in the list, from 0 (`{{ index }}`). */
  index?: number;
}

/** A `{{ }}` template, compiled once per flow load. */
export interface CompiledTemplate {
  /** The source text. */
  readonly source: string;
  /** True when the text holds no template and evaluates to itself. */
  readonly isStatic: boolean;
  evaluate(scope: RunScope): Promise<unknown>;
}

/** A bare JSONata expression, compiled once per flow load. */
export interface CompiledExpression {
  readonly source: string;
  evaluate(scope: RunScope): Promise<unknown>;
}

/** A JSON value whose strings may hold templates (e.g. a request body). */
export interface CompiledValue {
  readonly isStatic: boolean;
  evaluate(scope: RunScope): Promise<unknown>;
}

/** Compilers handed to executors at flow load. */
export interface PrepareTools {
  /** `mode: 'url'` URL-encodes substituted parts; `'text'` stringifies; `'value'` keeps a whole-value template's JSON type. */
  template(text: string, mode: 'value' | 'text' | 'url'): CompiledTemplate;
  expression(text: string): CompiledExpression;
  /**
   * Deep-compiles a JSON value; whole-value templates keep their JSON type. A filled-in value is
   * capped at the expression limits' string length, since it is sent, logged or traced;
   * `readOnly` lifts that cap for a value the node only reads (the list Apply to each goes
   * through: 10,000 users of 1.5 KB each are 15 MB of JSON, and none of it is sent).
   */
  value(value: unknown, options?: { readOnly?: boolean }): CompiledValue;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubled each retry, with jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface OutboundRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /**
   * A JSON value (sent as JSON), a string (sent as is), a URLSearchParams-like form record, or
   * bytes (`binary`, a Uint8Array, sent as they are with `binaryContentType`).
   */
  body?: unknown;
  bodyType?: 'json' | 'form' | 'text' | 'binary';
  /** Content-Type of a `binary` body; application/octet-stream when absent. */
  binaryContentType?: string;
  /**
   * `base64`: the response body is kept as bytes and handed back as a {@link BinaryBody}
   * (a recording, an attachment) instead of being decoded as text or JSON.
   */
  responseAs?: 'auto' | 'base64';
  /** Credential slot of the node whose credential authenticates the request. */
  authSlot?: string;
  /** Header name for `apiKey` credentials. Defaults to `X-API-Key`. */
  apiKeyHeader?: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Sent as `Idempotency-Key`; also makes a non-idempotent method retryable. */
  idempotencyKey?: string;
  /** Responses larger than this fail the request. */
  maxResponseBytes: number;
}

/** A response body kept as bytes (`responseAs: 'base64'`). */
export interface BinaryBody {
  /** The bytes, base64-encoded (standard alphabet, padded). */
  base64: string;
  /** The response's Content-Type, application/octet-stream when it sent none. */
  contentType: string;
  /** How many bytes the body has. */
  bytes: number;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text; a {@link BinaryBody} when asked for base64. */
  body: unknown;
  attempts: number;
}

/** Thrown by `HttpClient.send` when no acceptable response was obtained. */
export interface HttpFailure {
  kind: 'timeout' | 'network' | 'status' | 'tooLarge' | 'origin' | 'auth' | 'cancelled';
  /** English words (`detail`'s sentence when there is one). */
  message: string;
  /** The failure as a message (core/messages), for other languages. */
  detail?: Message;
  status?: number;
  body?: unknown;
}

export interface HttpClient {
  /**
   * Sends a request with auth, retries and tracing applied. Resolves with any response
   * whose status is < 400; rejects with an `Error` carrying `failure: HttpFailure` otherwise.
   */
  send(request: OutboundRequest): Promise<HttpResult>;
  /**
   * The API address the credential in `slot` is for, when its token names one (a Salesforce
   * JWT bearer token's `instance_url`), fetching the token if none is cached; undefined for
   * credentials that name none. Fails like `send` when the token cannot be had.
   */
  instanceUrl?(slot: string, timeoutMs: number): Promise<string | undefined>;
}

/** Runs untrusted JavaScript (the Code task) with no host access. */
export interface CodeSandbox {
  run(
    source: string,
    input: unknown,
    limits: { timeoutMs: number; memoryBytes: number },
  ): Promise<{ ok: true; value: unknown; logs: LogLine[] } | { ok: false; error: string; logs: LogLine[] }>;
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** Milliseconds since the node started. */
  at: number;
}

/** The part of `AbortSignal` executors need; core has no DOM or Node types to name it. */
export interface RunSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface ExecContext {
  readonly node: FlowNode;
  readonly scope: RunScope;
  /**
   * Unique per run; the base for idempotency keys. Inside an Apply to each body it is the run's
   * id and the item's index (`<runId>-<index>`), so each item's create gets its own key and a
   * resumed run gives it the same one again.
   */
  readonly runId: string;
  readonly signal: RunSignal;
  readonly http: HttpClient;
  readonly sandbox: CodeSandbox;
  credential(slot: string): Promise<ResolvedCredential | undefined>;
  log(level: LogLine['level'], message: string): void;
  /** Records a detail shown in the trace (e.g. each condition rule with the value it saw). */
  detail(key: string, value: unknown): void;
  now(): number;
  /**
   * Waits `ms` milliseconds. Rejects with the run's abort reason when the run is cancelled or
   * times out meanwhile; returns at once under a recorded run's fast clock.
   */
  sleep(ms: number): Promise<void>;
  /**
   * Gives the webhook's caller its answer (Respond to webhook). The first answer of a run
   * counts; it is recorded in the trace and, on a server, sent while the run goes on.
   */
  respond(response: WebhookResponse): void;
  /**
   * The flow's state store (Remember / Recall): keys that outlive the run, this flow's only.
   * In memory for `flowdesk run`, tests and the test bench; SQLite or Redis on a server.
   */
  readonly state: FlowState;
  /**
   * Set for a node whose manifest declares a `bodyPort`, outside any body: runs the part of the
   * flow behind that port for one item. Undefined inside a body (loops do not nest).
   */
  readonly body?: BodyRunner;
}

/** Runs a node's body (the part of the flow behind its `bodyPort`) once per item. */
export interface BodyRunner {
  /** How many nodes the body holds (0 when the port is not connected). */
  readonly size: number;
  /**
   * Runs the body for one item, with `item` and `index` in its scope and a `steps` view of its
   * own (the run's steps plus this iteration's). A body node that fails without a wired error
   * port ends the iteration, which resolves `ok: false`; it rejects only when the run is
   * cancelled or times out. Several iterations may run at once.
   */
  run(item: unknown, index: number): Promise<BodyOutcome>;
}

export type BodyOutcome =
  | {
      ok: true;
      /** The output of the body's last node that ran (undefined when none ran). */
      output: unknown;
      /** The iteration's scope after its last node, for a result template. */
      scope: RunScope;
    }
  | { ok: false; error: BodyFailure };

/** Why an iteration failed: the body node that failed and its error. */
export interface BodyFailure {
  /** English, naming the node ("Web Service 'upsert' failed: …"). */
  message: string;
  code?: string;
  params?: MessageParams;
  /** The failing body node's name. */
  nodeName: string;
  /** The failing body node, as messages name it. */
  node: NodeRef;
  /** What went wrong, without the node's name. */
  detail: Message;
}

/** The answer a flow gives the system that called its webhook. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface NodeResult {
  port: string;
  /**
   * Every port taken, when a node takes several at once (a Switch matching all outputs): their
   * edges are followed in this order. `port` is the first of them.
   */
  ports?: readonly string[];
  output: unknown;
  /** Fields this node maps into `vars`. */
  vars?: Record<string, unknown>;
  /** The node's resolved input (templates rendered) for the trace. */
  input?: unknown;
  /**
   * Trigger nodes only: the body as the flow reads it from here on (`trigger.body`), when the
   * trigger decodes what the host received (a form into an object, JSON text fields into JSON).
   */
  triggerBody?: unknown;
  /**
   * The run goes on along `port` at this time (ms since the epoch), not at once (Wait). The
   * engine sleeps until then on the run's clock (no time at all under a recorded run's fast
   * clock), or, on a host that saves runs, ends the run as `waiting` for the host to resume
   * when due. A time already past goes on at once.
   */
  resumeAt?: number;
}

export interface PreparedNode {
  run(ctx: ExecContext): Promise<NodeResult>;
}

/** The runtime half of a node type. */
/** An executor of any config type, as registries hold them. */
export type AnyNodeExecutor = NodeExecutor;

export interface NodeExecutor<C extends object = Record<string, unknown>> {
  /** The manifest's `type` (executors refer to their manifest, never spell the id). */
  type: string;
  /** Called once per flow load: compile templates, expressions and code here, never per run. */
  prepare(node: FlowNode & { config: C }, tools: PrepareTools): PreparedNode;
  /**
   * For triggers whose manifest says `verifiesInbound`: checks an inbound request (token,
   * Basic, signature) against the config and the node's credential before a run starts.
   * Reasons never contain secret values.
   */
  verifyInbound?(config: C, credential: ResolvedCredential | undefined, request: InboundRequest): InboundVerification;
}

/** What a trigger's verifier sees of an inbound request. */
export interface InboundRequest {
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  rawBody: string | Uint8Array;
  /**
   * The full URL the caller sent the request to (behind a proxy: the server's public address
   * plus the path and query), for signatures that cover the URL (Twilio's).
   */
  url?: string;
  /** Unix time in milliseconds to check timestamped signatures against; now when absent. */
  now?: number;
}

/** A refusal carries its English `reason` and, when the trigger words it in catalogues, the message. */
export type InboundVerification = { ok: true } | { ok: false; reason: string; detail?: Message };

/**
 * An error an executor throws on purpose. The executor turns it into the node's error port
 * when wired; otherwise the run fails naming the node.
 */
export class NodeError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details?: unknown,
    /** What words the message in other languages (core/messages), e.g. `{ detail: Message }`. */
    readonly params?: MessageParams,
  ) {
    super(message);
    this.name = 'NodeError';
  }
}

// ---------------------------------------------------------------------------------------------
// Renderer half.

export interface FieldHint {
  /** JSON pointer of the field in config. */
  pointer: string;
  help?: string;
  placeholder?: string;
  /** How the inspector edits it. */
  /** `jsonpath`: one JSONPath into a body, with the sample payload's (or recorded response's) paths offered. */
  /** `cron`: a cron expression with the next firings under it; `timeZone`: a pick of IANA time zones. */
  widget?:
    'template' | 'expression' | 'jsonpath' | 'code' | 'json' | 'textarea' | 'password' | 'sample' | 'cron' | 'timeZone';
  /**
   * What "Pick from sample…" picks in a template field: `list` picks a whole list (a row holding
   * an array) on Enter or a click, as Apply to each's Items wants; its elements still open with →.
   * Without it, a row holding an object or a list only opens and closes.
   */
  picks?: 'list';
}

/** A text per UI language. */
export interface Localized {
  en: string;
  ja: string;
}

/** How one config field reads in a UI language (keyed by JSON pointer, `*` for any item). */
export interface FieldText {
  /** Replaces the schema's `title` (the field's label). */
  title?: string;
  /** Replaces the schema's `description` (the help under the field). */
  description?: string;
  /** Replaces the editor's hint (`FieldHint.help`). */
  help?: string;
  /** Labels of enum values; a value without one shows as itself. The stored value never changes. */
  options?: Record<string, string>;
}

/**
 * One declaration of what a node's output looks like, read by the template autocomplete
 * (`steps.<node>.…` paths) and by the Code editor's typings.
 */
export type OutputShape =
  | { kind: 'any' | 'string' | 'number' | 'boolean'; detail?: string; optional?: boolean; example?: unknown }
  | { kind: 'record'; of: OutputShape; detail?: string; optional?: boolean }
  | {
      kind: 'object';
      fields: Readonly<Record<string, OutputShape>>;
      /** Other keys may appear (typed `any`, offered by no path). */
      open?: boolean;
      detail?: string;
      optional?: boolean;
    };

/** What an editor's output shape may draw on besides the config. */
export interface OutputShapeSources {
  /** The first recorded response body for this node among the flow's test cases. */
  recordedBody?: unknown;
}

/** What an editor's canvas summary gets to word itself in the UI language. */
export interface SummaryWords {
  locale: 'en' | 'ja';
  /** The node type's own `texts` in the UI language, with `{var}` filled in. */
  text(key: string, vars?: Record<string, string | number>): string;
  /** An enum value of a config field as the UI language names it. */
  option(pointer: string, value: string): string;
}

/** One stroke of a 24×24 line icon (drawn with `currentColor`). */
export type IconShape =
  | { d: string }
  | { circle: readonly [cx: number, cy: number, r: number] }
  | { rect: readonly [x: number, y: number, width: number, height: number, radius: number] };

export interface NodeEditorInfo {
  /** The manifest's `type` (editors refer to their manifest, never spell the id). */
  type: string;
  /** The node's icon, drawn by the renderer as an inline SVG. */
  icon: readonly IconShape[];
  color: string;
  /** Labels per UI language. */
  title: Localized;
  description: Localized;
  /** Port labels per language, e.g. `{ true: {en:'True', ja:'真'} }`. */
  portLabels?: Record<string, Localized>;
  /** @rjsf uiSchema for the config form. */
  uiSchema?: Record<string, unknown>;
  fields?: readonly FieldHint[];
  /** Markdown help shown in the inspector. */
  help?: Localized;
  /** Config field texts per UI language (labels, descriptions, enum options); English falls back to the schema. */
  fieldTexts?: { en?: Record<string, FieldText>; ja?: Record<string, FieldText> };
  /** The node type's own short texts (used by `summary`), per UI language. */
  texts?: { en: Record<string, string>; ja: Record<string, string> };
  /** The one-line summary under the node's name on the canvas. Reads config defensively. */
  summary?(config: Record<string, unknown>, words: SummaryWords): string;
  /** The shape of `steps.<node>` after the node ran; absent: nothing more than the step itself is known. */
  outputShape?(config: Record<string, unknown>, sources: OutputShapeSources): OutputShape;
  /** Triggers: the JSON Schema `trigger.body` is declared to match, if the config has one. */
  bodySchema?(config: Record<string, unknown>): unknown;
  /** Triggers: the sample payload file the config names for previews and tests. */
  samplePayload?(config: Record<string, unknown>): string | undefined;
}

/**
 * The TypeScript type of a node's config, derived from its JSON Schema (`as const`), so a
 * schema change the code does not follow fails type-checking. Defaulted properties stay
 * optional: the validator does not fill defaults in, so code must handle their absence.
 */
export type ConfigOf<S extends JSONSchema> = FromSchema<S, { keepDefaultedPropertiesOptional: true }>;
