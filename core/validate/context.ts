/**
 * What every check reads: the flow (untrusted, possibly half-valid JSON), one entry per node
 * with its manifest and its label for messages, and the issue list checks append to.
 */
import type { MessageCode, ParamsOf } from '../messages/en.js';
import { message } from '../messages/make.js';
import type { NodeRef } from '../messages/message.js';
import type { FlowIssue } from '../validation-types.js';
import type { CompiledManifests, CompiledNodeType } from './compiled-manifests.js';
import { isRecord } from './pointer.js';

export interface NodeEntry {
  index: number;
  /** `/nodes/<index>` */
  pointer: string;
  id?: string;
  name?: string;
  type?: string;
  version?: number;
  config?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  compiled?: CompiledNodeType;
  /** "Web Service 'getDetails'": how messages name the node. */
  label: string;
  /** The node as message params name it. */
  ref: NodeRef;
  /** The config is at the type's current version and matches its schema, so deeper checks may trust its shape. */
  configValid: boolean;
  /** The node's config is in the type's current format (older versions need migrating first). */
  current: boolean;
}

export interface FlowCheck {
  flow: Record<string, unknown>;
  compiled: CompiledManifests;
  nodes: NodeEntry[];
  /** First node with each id / name (duplicates are reported, not indexed). */
  byId: Map<string, NodeEntry>;
  byName: Map<string, NodeEntry>;
  issues: FlowIssue[];
  /**
   * For each node inside a loop's body (a `bodyPort`'s part of the flow), the loop node; set by
   * the body checks, which run before the template checks.
   */
  bodyOf?: Map<string, NodeEntry>;
  /** Nodes putting each name into `vars`, computed on first use; null when unknowable. */
  varProducers?: Map<string, NodeEntry[]> | null;
}

export function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function nodeLabel(index: number, name: string | undefined, title: string | undefined): string {
  const kind = title ?? 'Node';
  return name ? `${kind} '${name}'` : `${kind} (node ${index + 1})`;
}

export function nodeRef(index: number, name?: string, title?: string, type?: string): NodeRef {
  const ref: NodeRef = { index };
  if (name !== undefined) ref.name = name;
  if (title !== undefined) ref.title = title;
  if (type !== undefined) ref.type = type;
  return ref;
}

export function nodeEntries(flow: Record<string, unknown>, compiled: CompiledManifests): NodeEntry[] {
  const nodes = Array.isArray(flow.nodes) ? flow.nodes : [];
  return nodes.map((raw, index) => {
    const node = isRecord(raw) ? raw : {};
    const type = stringOr(node.type);
    const entry = type !== undefined ? compiled.byType.get(type) : undefined;
    const name = stringOr(node.name);
    return {
      index,
      pointer: `/nodes/${index}`,
      id: stringOr(node.id),
      name,
      type,
      version: typeof node.version === 'number' ? node.version : undefined,
      config: isRecord(node.config) ? node.config : undefined,
      credentials: isRecord(node.credentials) ? node.credentials : undefined,
      compiled: entry,
      label: nodeLabel(index, name, entry?.manifest.title),
      ref: nodeRef(index, name, entry?.manifest.title, type),
      configValid: false,
      current: false,
    };
  });
}

export function addIssue(check: FlowCheck, issue: FlowIssue): void {
  check.issues.push(issue);
}

/** `Omit` that keeps the variants of a union of params apart. */
type OmitNode<T> = T extends unknown ? Omit<T, 'node'> : never;

/** Codes whose params name a node. */
type NodeCode = { [C in MessageCode]: ParamsOf<C> extends { node: NodeRef } ? C : never }[MessageCode];

/** A flow-level issue (not about one node): the message from its code and params. */
export function flowIssue<C extends MessageCode>(
  code: C,
  params: ParamsOf<C>,
  pointer: string,
  severity: FlowIssue['severity'] = 'error',
): FlowIssue {
  const m = message(code, params);
  return { severity, code, params: m.params, message: m.message, pointer };
}

/** An issue about a node, with the pointer built from the node's and the config field's. */
export function nodeIssue<C extends NodeCode>(
  entry: NodeEntry,
  code: C,
  params: OmitNode<ParamsOf<C>>,
  options: { severity?: FlowIssue['severity']; field?: string; pointer?: string } = {},
): FlowIssue {
  const m = message(code, { ...params, node: entry.ref } as unknown as ParamsOf<C>);
  const issue: FlowIssue = {
    severity: options.severity ?? 'error',
    code,
    params: m.params,
    message: m.message,
    pointer:
      options.pointer ?? (options.field !== undefined ? `${entry.pointer}/config${options.field}` : entry.pointer),
  };
  if (entry.id !== undefined) issue.nodeId = entry.id;
  if (options.field !== undefined) issue.field = options.field;
  return issue;
}
