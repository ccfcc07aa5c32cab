/**
 * The flow file (`*.flow.json`), format v1: the types every layer shares.
 *
 * A flow is a graph of nodes wired by edges, exactly one of which is a trigger. Logic
 * (`nodes`, `edges`, `tests`) is kept apart from canvas state (`layout`) so that moving a
 * node on the canvas does not show up as a logic change in a diff.
 */
import type { CredentialKind } from './credentials.js';

/** The `schemaVersion` this build writes and reads natively. */
export const FLOW_SCHEMA_VERSION = 1 as const;

/** The `$schema` value written into every flow file. */
export const FLOW_SCHEMA_ID = 'https://flowdesk.dev/schema/flow-v1.json';

/** Node names are how templates reference outputs (`steps.<name>`), so they are identifiers. */
export const NODE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';

/** A whole flow file. Key order here is the canonical order the writer uses. */
export interface FlowFile {
  $schema: string;
  schemaVersion: typeof FLOW_SCHEMA_VERSION;
  id: string;
  name: string;
  description?: string;
  /** Credentials the flow uses, by name. Never holds a value: values are resolved at run time. */
  credentials?: Record<string, CredentialDeclaration>;
  /** Values that differ between environments (a Genesys region, a Zendesk subdomain), read as `{{ params.x }}`. */
  params?: Record<string, FlowParam>;
  nodes: FlowNode[];
  edges: FlowEdge[];
  tests?: FlowTest[];
  /** Canvas positions: not logic. */
  layout?: FlowLayout;
}

/** A parameter's value: text, a number or true/false. */
export type ParamValue = string | number | boolean;

/**
 * A flow parameter: declared in the flow, given a value per environment (the host's
 * environment or a parameters file), overridable per test case. A secret parameter's value is
 * redacted from traces like a credential's; it still must not be written into the flow.
 */
export interface FlowParam {
  type: 'string' | 'number' | 'boolean';
  /** The value when the environment gives none; without one, a run needs a value. */
  default?: ParamValue;
  description?: string;
  /** The allowed values (e.g. the Genesys regions), when the value is one of a list. */
  enum?: ParamValue[];
  secret?: boolean;
}

/** Names a parameter may have: usable as `params.<name>` in expressions. */
export const PARAM_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$';

/** Declares that a flow uses a credential of some kind; the value lives elsewhere. */
export interface CredentialDeclaration {
  kind: CredentialKind;
  description?: string;
  /**
   * Origins (`https://host[:port]`) this credential may be sent to. When set, the runtime
   * refuses to attach it to a request for any other origin.
   */
  allowedOrigins?: string[];
}

export interface FlowNode {
  /** Stable id; edges and layout refer to it. Never changes when the node is renamed. */
  id: string;
  /** Node type id from the registry, e.g. `webService`. */
  type: string;
  /** Version of the node type's config format. */
  version: number;
  /** Identifier used in templates as `steps.<name>`; unique in the flow. */
  name: string;
  /**
   * What people call the node, in free words and any language ("Call started", "通話開始").
   * Shown on the canvas; templates keep using `name`, which does not follow label changes.
   */
  label?: string;
  description?: string;
  config: Record<string, unknown>;
  /** Credential slot → credential name declared in `FlowFile.credentials`. */
  credentials?: Record<string, string>;
}

export interface FlowEdge {
  /** Source node id. */
  from: string;
  /** Output port of the source node, e.g. `success`, `true`. */
  port: string;
  /** Target node id. */
  to: string;
}

export interface FlowLayout {
  nodes: Record<string, { x: number; y: number }>;
  viewport?: { x: number; y: number; zoom: number };
}

/** One test case stored inside the flow file. */
export interface FlowTest {
  name: string;
  description?: string;
  trigger: TestTrigger;
  /** Recorded responses by node name, consumed in order; the last one repeats. */
  responses?: Record<string, RecordedResponse[]>;
  /** Parameter values for this case, over the flow's defaults and the environment's. */
  params?: Record<string, ParamValue>;
  /**
   * What the flow's state store holds before the run (Remember / Recall), key → value: what
   * earlier runs of the flow remembered. Empty when absent.
   */
  state?: Record<string, unknown>;
  expect?: TestExpectations;
}

export interface TestTrigger {
  /** Inline webhook body. */
  body?: unknown;
  /** Path of a JSON payload file, relative to the flow file. Used when `body` is absent. */
  payloadFile?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /**
   * Schedule triggers: the firing time this case runs at (ISO 8601 with a zone), so its result
   * does not depend on when it runs. The run's `trigger.body` is `{ firedAt, scheduledFor }`.
   */
  firedAt?: string;
}

export interface RecordedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Path of a JSON file (relative to the flow file) used as the body. */
  bodyFile?: string;
  /** A binary body (a recording, an attachment) as base64; used instead of `body` and `bodyFile`. */
  bodyBase64?: string;
  /** Simulate a failure instead of answering. */
  simulate?: 'timeout' | 'networkError';
}

export interface TestExpectations {
  /** How the run ends. Defaults to `success`. */
  outcome?: 'success' | 'failed';
  /** Node names in the order they ran (the whole path, trigger included). */
  path?: string[];
  /** Node names that must not run. */
  notVisited?: string[];
  /** Partial match against `steps.<name>` outputs. */
  steps?: Record<string, unknown>;
  /** Partial match against `vars` at the end of the run. */
  vars?: Record<string, unknown>;
  /** Requests that must have been sent, in any order; body is a partial match. */
  requests?: ExpectedRequest[];
  /** Text the run's error message must contain (for `outcome: failed`). */
  error?: string;
  /** What a Respond to webhook node answered the caller: status exactly, headers and body partially. */
  response?: { status?: number; headers?: Record<string, string>; body?: unknown };
  /**
   * What the flow's state store holds after the run, key → value, each matched partially like
   * `steps`; `null` expects the key to hold nothing (never remembered, or forgotten).
   */
  state?: Record<string, unknown>;
  /** What a loop (Apply to each) ran per item, by the loop node's name. */
  iterations?: Record<string, IterationExpectations>;
}

/**
 * A loop's iterations as a test expects them: how many ran and failed, and per item (by its
 * index, from 0) the path through the body, outputs and outcome. Only iterations the trace kept
 * with their steps can be looked into (the first 20, and 10 failed ones after them).
 */
export interface IterationExpectations {
  /** How many items ran. */
  count?: number;
  /** How many of them failed. */
  failed?: number;
  /** Per item index ("0", "3"): what its iteration did. */
  items?: Record<string, IterationExpectation>;
}

export interface IterationExpectation {
  /** Defaults to `success`. */
  outcome?: 'success' | 'failed';
  /** Body node names in the order they ran for this item. */
  path?: string[];
  /** Partial match against this item's body step outputs. */
  steps?: Record<string, unknown>;
  /** Text the item's error must contain (for `outcome: failed`). */
  error?: string;
}

export interface ExpectedRequest {
  node: string;
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many times this request was sent (retries included). */
  count?: number;
}
