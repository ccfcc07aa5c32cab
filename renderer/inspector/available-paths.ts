/**
 * The template paths an admin may use at a node: `trigger.…` (from the webhook's input schema
 * or a sample payload), `steps.<upstream node>.…` and `vars.<field>` mapped upstream, and
 * inside a loop's body `item.…` (from an example item) and `index`.
 *
 * Pure (no React, no host) so the autocomplete and the Code editor's typings agree and can be
 * unit-tested. Only nodes upstream of the node are offered: a path to a node that runs later
 * (or on another branch) would be empty at run time.
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { isTrigger, type NodeEditorInfo, type OutputShape } from '../../core/node-type.js';
import { manifestFor } from '../../nodes/registry.js';
import { editorFor } from '../../nodes/registry.editor.js';
import { enclosingLoop, loopBodies } from '../state/loop-bodies.js';

export type PathKind = 'trigger' | 'step' | 'var' | 'param' | 'item';

export interface PathOption {
  /** What gets inserted, e.g. `steps.getAgent.fields.agentName`. */
  path: string;
  kind: PathKind;
  /** Where the path comes from, e.g. `string` (input schema type) or `sample`. */
  detail?: string;
  /** The value a sample payload or recorded response holds there, shortened for the list. */
  sample?: string;
}

export interface PathSources {
  /** The trigger body sample (parsed JSON) chosen for this flow, if any. */
  triggerSample?: unknown;
  /** Inside a loop's body (or its per-item fields): an example item (item-sample.ts), if one was found. */
  itemSample?: unknown;
}

/** Depth and count limits keep a huge sample payload from flooding the list. */
const MAX_DEPTH = 5;
const MAX_PATHS_PER_SOURCE = 400;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** One JSONata path step: names that are not identifiers need backticks (`Course Name`). */
export function pathStep(name: string): string {
  return IDENTIFIER.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

function join(base: string, name: string): string {
  return `${base}.${pathStep(name)}`;
}

/**
 * Node ids from which `nodeId` can be reached, nearest first (breadth-first over edges
 * backwards). The node itself is not included.
 */
export function upstreamNodeIds(flow: FlowFile, nodeId: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const edge of flow.edges) {
    const list = incoming.get(edge.to) ?? [];
    list.push(edge.from);
    incoming.set(edge.to, list);
  }
  const seen = new Set<string>([nodeId]);
  const order: string[] = [];
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const from of incoming.get(id) ?? []) {
        if (seen.has(from)) continue;
        seen.add(from);
        order.push(from);
        next.push(from);
      }
    }
    frontier = next;
  }
  return order;
}

/** Upstream nodes in the order they run (farthest first), for lists and typings. */
export function upstreamNodes(flow: FlowFile, nodeId: string): FlowNode[] {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  return upstreamNodeIds(flow, nodeId)
    .reverse()
    .map((id) => byId.get(id))
    .filter((n): n is FlowNode => n !== undefined);
}

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaTypeLabel(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.join('|');
  return undefined;
}

/** Paths below `base` described by a JSON Schema's `properties` (arrays: first item). */
export function pathsFromSchema(
  base: string,
  schema: unknown,
  kind: PathKind,
  out: PathOption[] = [],
  depth = 0,
): PathOption[] {
  if (!isObject(schema) || depth >= MAX_DEPTH || out.length >= MAX_PATHS_PER_SOURCE) return out;
  const properties = schema.properties;
  if (isObject(properties)) {
    for (const [name, child] of Object.entries(properties)) {
      if (out.length >= MAX_PATHS_PER_SOURCE) break;
      const path = join(base, name);
      out.push({ path, kind, detail: isObject(child) ? schemaTypeLabel(child) : undefined });
      pathsFromSchema(path, child, kind, out, depth + 1);
    }
  }
  const items = schema.items;
  if (isObject(items) && isObject(items.properties)) pathsFromSchema(`${base}[0]`, items, kind, out, depth + 1);
  return out;
}

/** A sample value as the list shows it: text quoted, long values cut. */
export function sampleText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return `[${value.length}]`;
  if (typeof value === 'object' && value !== null) return '{…}';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function valueLabel(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Paths below `base` found in an example value (arrays: the first element). */
export function pathsFromValue(
  base: string,
  value: unknown,
  kind: PathKind,
  out: PathOption[] = [],
  depth = 0,
): PathOption[] {
  if (depth >= MAX_DEPTH || out.length >= MAX_PATHS_PER_SOURCE) return out;
  if (Array.isArray(value)) {
    if (value.length > 0) pathsFromValue(`${base}[0]`, value[0], kind, out, depth + 1);
    return out;
  }
  if (!isObject(value)) return out;
  for (const [name, child] of Object.entries(value)) {
    if (out.length >= MAX_PATHS_PER_SOURCE) break;
    const path = join(base, name);
    out.push({ path, kind, detail: valueLabel(child), sample: sampleText(child) });
    pathsFromValue(path, child, kind, out, depth + 1);
  }
  return out;
}

function triggerNode(flow: FlowFile): FlowNode | undefined {
  return flow.nodes.find((n) => isTrigger(manifestFor(n.type)));
}

/** `trigger.…` paths from the trigger's input schema, then the sample payload. */
export function triggerPaths(flow: FlowFile, sources: PathSources = {}): PathOption[] {
  const out: PathOption[] = [
    { path: 'trigger.body', kind: 'trigger', detail: 'object' },
    { path: 'trigger.headers', kind: 'trigger', detail: 'object' },
    { path: 'trigger.query', kind: 'trigger', detail: 'object' },
  ];
  const trigger = triggerNode(flow);
  const bodySchema = trigger ? editorFor(trigger.type)?.bodySchema?.(trigger.config) : undefined;
  const fromSchema = pathsFromSchema('trigger.body', bodySchema, 'trigger');
  const fromSample = pathsFromValue('trigger.body', sources.triggerSample, 'trigger');
  // A path both the schema and the sample know keeps the schema's type and gets the sample value.
  const samples = new Map(fromSample.map((p) => [p.path, p.sample]));
  const described = fromSchema.map((p) =>
    samples.get(p.path) !== undefined ? { ...p, sample: samples.get(p.path) } : p,
  );
  return dedupe([...out, ...described, ...fromSample]);
}

/**
 * JSONPath suggestions (`$.ConversationID`, `$.participants[0].userId`) for fields that pick a
 * value out of a body: the trigger's body at the trigger, a node's recorded response body
 * at a Web Service.
 */
export function jsonPathOptions(flow: FlowFile, node: FlowNode, sources: PathSources = {}): PathOption[] {
  if (isTrigger(manifestFor(node.type))) {
    return triggerPaths(flow, sources)
      .filter((p) => p.path.startsWith('trigger.body.') || p.path.startsWith('trigger.body['))
      .map((p) => ({ ...p, path: toJsonPath(`$${p.path.slice('trigger.body'.length)}`) }));
  }
  return pathsFromValue('$', recordedBody(flow, node.name), 'step').map((p) => ({ ...p, path: toJsonPath(p.path) }));
}

/** JSONata's backtick names (`Course Name`) as JSONPath brackets (['Course Name']). */
function toJsonPath(path: string): string {
  return path.replace(/\.`([^`]*)`/g, (_, name: string) => `['${name.replace(/'/g, "\\'")}']`);
}

/** The first recorded response body for a node among the flow's test cases. */
export function recordedBody(flow: FlowFile, nodeName: string): unknown {
  for (const test of flow.tests ?? []) {
    for (const response of test.responses?.[nodeName] ?? []) {
      if (response.body !== undefined) return response.body;
    }
  }
  return undefined;
}

/** Fields a node puts into `vars`, as its type's manifest declares them. */
export function varsOf(node: FlowNode): string[] {
  const produce = manifestFor(node.type)?.varsOut;
  if (!produce) return [];
  try {
    return produce(node.config);
  } catch {
    return []; // a half-edited config offers nothing until it has a shape
  }
}

/** The declared shape of a node's output (`steps.<name>`), if its editor half declares one. */
export function outputShapeOf(
  flow: FlowFile,
  node: FlowNode,
  editors: (type: string) => NodeEditorInfo | undefined = editorFor,
): OutputShape | undefined {
  return editors(node.type)?.outputShape?.(node.config ?? {}, { recordedBody: recordedBody(flow, node.name) });
}

function shapeLabel(shape: OutputShape): string {
  if (shape.detail) return shape.detail;
  return shape.kind === 'record' ? 'object' : shape.kind;
}

/** Paths below `base` a declared output shape offers (and the example value of an `any` part). */
function pathsFromShape(base: string, shape: OutputShape, out: PathOption[]): void {
  if (shape.kind === 'object') {
    for (const [name, child] of Object.entries(shape.fields)) {
      const path = join(base, name);
      out.push({ path, kind: 'step', detail: shapeLabel(child) });
      pathsFromShape(path, child, out);
    }
  } else if (shape.kind === 'any' && shape.example !== undefined) {
    pathsFromValue(base, shape.example, 'step', out);
  }
}

/** `steps.<name>.…` paths one node's output offers. */
export function stepPaths(flow: FlowFile, node: FlowNode): PathOption[] {
  const base = `steps.${pathStep(node.name)}`;
  const out: PathOption[] = [{ path: base, kind: 'step', detail: node.type }];
  // Without a declared shape (Code returns whatever its source builds; a trigger's output is
  // its body, offered as trigger.body…) the step itself is all that can be named.
  const shape = outputShapeOf(flow, node);
  if (shape) pathsFromShape(base, shape, out);
  return out;
}

function dedupe(options: PathOption[]): PathOption[] {
  const seen = new Set<string>();
  return options.filter((o) => (seen.has(o.path) ? false : (seen.add(o.path), true)));
}

/**
 * Every path available at `nodeId`: trigger, then upstream steps in run order, then vars, then
 * the flow's parameters (readable everywhere; a default shows as the sample).
 */
export function availablePaths(flow: FlowFile, nodeId: string, sources: PathSources = {}): PathOption[] {
  // Inside a loop's body the loop itself has not finished: its output is not there yet.
  const loop = enclosingLoop(flow, nodeId);
  const upstream = upstreamNodes(flow, nodeId).filter((n) => n !== loop);
  const steps = upstream.flatMap((node) => stepPaths(flow, node));
  const vars = upstream
    .flatMap((node) => varsOf(node))
    .map((field): PathOption => ({ path: join('vars', field), kind: 'var' }));
  const params = Object.entries(flow.params ?? {}).map(([name, param]): PathOption => ({
    path: join('params', name),
    kind: 'param',
    detail: param.type,
    ...(param.default !== undefined && !param.secret ? { sample: JSON.stringify(param.default) } : {}),
  }));
  const item = loop ? itemPaths(sources.itemSample) : [];
  return dedupe([...item, ...triggerPaths(flow, sources), ...steps, ...vars, ...params]);
}

/** `item`, the paths an example item offers, and `index`: what a loop's body reads of its iteration. */
export function itemPaths(sample: unknown): PathOption[] {
  return [
    { path: 'item', kind: 'item', detail: sample === undefined ? 'the current item' : valueLabel(sample) },
    ...pathsFromValue('item', sample, 'item'),
    { path: 'index', kind: 'item', detail: 'number (from 0)' },
  ];
}

/**
 * The paths of a loop's per-item fields (`"x-scope": "body"`, Apply to each's result): what
 * the loop itself reads, plus its body's steps and the item, read after each item's body ran.
 */
export function bodyScopePaths(flow: FlowFile, loopId: string, sources: PathSources = {}): PathOption[] {
  const body = loopBodies(flow).get(loopId) ?? [];
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const steps = body.flatMap((id) => {
    const node = byId.get(id);
    return node ? stepPaths(flow, node) : [];
  });
  return dedupe([...itemPaths(sources.itemSample), ...steps, ...availablePaths(flow, loopId, sources)]);
}

/**
 * Orders options for what was typed: prefix matches first, then matches anywhere
 * (case-insensitive), keeping the original order inside each group.
 */
export function filterPaths(options: readonly PathOption[], typed: string, limit = 50): PathOption[] {
  const query = typed.trim().toLowerCase();
  if (query === '') return options.slice(0, limit);
  const prefix: PathOption[] = [];
  const inside: PathOption[] = [];
  for (const option of options) {
    const path = option.path.toLowerCase();
    if (path.startsWith(query)) prefix.push(option);
    else if (path.includes(query)) inside.push(option);
  }
  return [...prefix, ...inside].slice(0, limit);
}
