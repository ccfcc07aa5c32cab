/**
 * The node-type contract. A node type is one folder under `nodes/<kebab-type>/` holding:
 * - `manifest.ts` — the declarative half (this file's `NodeTypeManifest`), loaded everywhere;
 * - `executor.ts` — the runtime half (`NodeExecutor`), loaded by the runtime only;
 * - `editor.ts`   — the renderer half (`NodeEditorInfo`), loaded by the renderer only.
 * Adding a node type is its folder plus one line in `nodes/registry.ts`.
 */
import type { CredentialKind, ResolvedCredential } from './credentials.js';
import type { FlowNode } from './flow.js';
import type { JsonSchema } from './json-schema.js';
import type { Message, MessageParams } from './messages/message.js';

export type NodeCategory = 'trigger' | 'integration' | 'logic' | 'ticketing';

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

export interface NodeTypeManifest<C extends Record<string, unknown> = Record<string, unknown>> {
  /** Persisted in flow files; never renamed. camelCase. */
  type: string;
  /** Current version of the config format. */
  version: number;
  category: NodeCategory;
  /** English display name, e.g. "Web Service". */
  title: string;
  /** JSON Schema (draft 2020-12) of `config`: the single source of truth for the form too. */
  configSchema: JsonSchema;
  /** Config of a freshly dropped node. Must validate against `configSchema`. */
  defaults: C;
  /** True for the one trigger node of a flow; triggers have no input port. */
  trigger?: boolean;
  /** Output ports, in display order. */
  ports: readonly string[];
  /** The port taken on failure, if the node can fail into the graph. */
  errorPort?: string;
  credentialSlots: readonly CredentialSlot[];
  /**
   * JSON-pointer patterns (`*` matches one segment) of config strings that are JSONata
   * expressions themselves (no `{{ }}`), e.g. `/rules/*\/left`.
   */
  expressionFields?: readonly string[];
  /**
   * Pointer patterns of config strings that are neither templates nor expressions and must
   * not be parsed as such (e.g. the Code task's source).
   */
  rawFields?: readonly string[];
  /**
   * Pointer patterns of strings that end up in a URL: their template parts are
   * URL-encoded when substituted.
   */
  urlFields?: readonly string[];
  /**
   * Pointer patterns of config strings that name a key of an object the node builds (a var,
   * a mapped field): validation refuses `__proto__`, `constructor` and `prototype` there.
   */
  nameFields?: readonly string[];
  /** Migrations keyed by the version they produce (2 migrates 1 → 2). */
  migrations?: Readonly<Record<number, ConfigMigration>>;
  /** Semantic checks the schema cannot express. */
  check?: (config: C) => NodeConfigIssue[];
  /**
   * What this node does for the flow that other nodes may require on their paths, e.g.
   * `webhook-response` for Respond to webhook.
   */
  provides?: readonly string[];
  /**
   * Something every path leaving this node must reach, given its config (a sync Webhook
   * trigger needs a `webhook-response` node on every path). `explain` words what is missing.
   */
  requiresOnEveryPath?: (config: C) => { capability: string; explain: string } | undefined;
  /**
   * Names this node puts into `vars`, read from its config (a webhook's fields, a web
   * service's response mapping). The validator checks every `vars.X` against the nodes
   * upstream, and the designer offers them in autocomplete. Called on half-edited configs
   * too, so it must tolerate any shape.
   */
  varsOut?: (config: Record<string, unknown>) => string[];
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

/** What templates and expressions see. */
export interface RunScope {
  trigger: { body: unknown; headers: Record<string, string>; query: Record<string, string> };
  steps: Record<string, unknown>;
  vars: Record<string, unknown>;
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
  /** Deep-compiles a JSON value; whole-value templates keep their JSON type. */
  value(value: unknown): CompiledValue;
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
  /** A JSON value (sent as JSON), a string (sent as is) or URLSearchParams-like form record. */
  body?: unknown;
  bodyType?: 'json' | 'form' | 'text';
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

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text. */
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
  /** Unique per run; the base for idempotency keys. */
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
}

/** The answer a flow gives the system that called its webhook. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface NodeResult {
  port: string;
  output: unknown;
  /** Fields this node maps into `vars`. */
  vars?: Record<string, unknown>;
  /** The node's resolved input (templates rendered) for the trace. */
  input?: unknown;
}

export interface PreparedNode {
  run(ctx: ExecContext): Promise<NodeResult>;
}

/** The runtime half of a node type. */
export interface NodeExecutor<C extends Record<string, unknown> = Record<string, unknown>> {
  type: string;
  /** Called once per flow load: compile templates, expressions and code here, never per run. */
  prepare(node: FlowNode & { config: C }, tools: PrepareTools): PreparedNode;
}

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
  widget?: 'template' | 'expression' | 'jsonpath' | 'code' | 'json' | 'textarea' | 'password';
}

export interface NodeEditorInfo {
  type: string;
  /** A short glyph or emoji-free icon name; the renderer maps it to an SVG. */
  icon: string;
  color: string;
  /** Labels per UI language. */
  title: { en: string; ja: string };
  description: { en: string; ja: string };
  /** Port labels per language, e.g. `{ true: {en:'True', ja:'真'} }`. */
  portLabels?: Record<string, { en: string; ja: string }>;
  /** @rjsf uiSchema for the config form. */
  uiSchema?: Record<string, unknown>;
  fields?: readonly FieldHint[];
  /** Markdown help shown in the inspector. */
  help?: { en: string; ja: string };
}
