/**
 * The canonical flow writer: fixed key order, 2-space JSON, trailing newline, so a flow diffs
 * cleanly in Git and writing a file that was read is byte-identical. Config objects keep their
 * own key order (the admin's order is meaningful, e.g. header rows, body fields).
 */
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION, type FlowFile, type FlowNode } from './flow.js';
import type { AnyNodeTypeManifest } from './node-type.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `order` first, then any other keys in their existing order, then `last`. */
function ordered(value: unknown, order: readonly string[], last: readonly string[] = []): unknown {
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const key of order) if (key in value) out[key] = value[key];
  for (const key of Object.keys(value)) if (!order.includes(key) && !last.includes(key)) out[key] = value[key];
  for (const key of last) if (key in value) out[key] = value[key];
  return out;
}

function mapList(value: unknown, fn: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(fn) : value;
}

function mapRecord(value: unknown, fn: (item: unknown) => unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) out[key] = fn(item);
  return out;
}

const ENVELOPE = [
  '$schema',
  'schemaVersion',
  'id',
  'name',
  'description',
  'credentials',
  'params',
  'nodes',
  'edges',
  'tests',
];

/** Top-level key order of a canonical flow file (`layout` last, apart from the logic). */
export const FLOW_KEY_ORDER: readonly string[] = [...ENVELOPE, 'layout'];
const NODE = ['id', 'type', 'version', 'name', 'label', 'description', 'credentials', 'config'];
const TEST = ['name', 'description', 'trigger', 'params', 'responses', 'expect'];
const RESPONSE = ['status', 'headers', 'body', 'bodyFile', 'simulate'];
const REQUEST = ['node', 'method', 'url', 'headers', 'body', 'count'];

function canonicalTest(test: unknown): unknown {
  const t = ordered(test, TEST);
  if (!isRecord(t)) return t;
  if ('trigger' in t) t.trigger = ordered(t.trigger, ['body', 'payloadFile', 'headers', 'query']);
  if ('responses' in t) t.responses = mapRecord(t.responses, (list) => mapList(list, (r) => ordered(r, RESPONSE)));
  // Expectations keep the author's order (outcome and error often read best side by side);
  // only each expected request is ordered, so request lists read alike.
  if ('expect' in t && isRecord(t.expect) && 'requests' in t.expect) {
    t.expect = { ...t.expect, requests: mapList(t.expect.requests, (r) => ordered(r, REQUEST)) };
  }
  return t;
}

function canonicalLayout(layout: unknown): unknown {
  const l = ordered(layout, ['nodes', 'viewport']);
  if (!isRecord(l)) return l;
  // Positions keep their own order: the canvas appends new nodes, so diffs stay one line.
  if ('nodes' in l) l.nodes = mapRecord(l.nodes, (p) => ordered(p, ['x', 'y']));
  if ('viewport' in l) l.viewport = ordered(l.viewport, ['x', 'y', 'zoom']);
  return l;
}

/** The canonical object (key order applied); exposed for hosts that compare flows. */
export function canonicalFlow(flow: FlowFile | Json): Json {
  const f = ordered(flow, ENVELOPE, ['layout']) as Json;
  if ('credentials' in f)
    f.credentials = mapRecord(f.credentials, (c) => ordered(c, ['kind', 'description', 'allowedOrigins']));
  if ('params' in f)
    f.params = mapRecord(f.params, (p) => ordered(p, ['type', 'default', 'description', 'enum', 'secret']));
  if ('nodes' in f) f.nodes = mapList(f.nodes, (n) => ordered(n, NODE));
  if ('edges' in f) f.edges = mapList(f.edges, (e) => ordered(e, ['from', 'port', 'to']));
  if ('tests' in f) f.tests = mapList(f.tests, canonicalTest);
  if ('layout' in f) f.layout = canonicalLayout(f.layout);
  return f;
}

/** Serializes a flow canonically. Deterministic and idempotent. */
export function writeFlow(flow: FlowFile | Json): string {
  return `${JSON.stringify(canonicalFlow(flow), null, 2)}\n`;
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'flow';
}

function randomSuffix(length = 6): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(Math.random() * 36).toString(36);
  return out;
}

/** A node id not in `taken`: short, random, stable once written. */
export function newNodeId(taken: Iterable<string> = []): string {
  const used = new Set(taken);
  for (;;) {
    const id = `n_${randomSuffix(8)}`;
    if (!used.has(id)) return id;
  }
}

/** `base` made into a node name (identifier) not in `taken`: webService, webService2, … */
export function uniqueNodeName(base: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const words = base
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let name = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  if (!/^[A-Za-z_]/.test(name)) name = `n${name}`;
  name = name.slice(0, 60);
  if (!used.has(name)) return name;
  for (let i = 2; ; i++) if (!used.has(`${name}${i}`)) return `${name}${i}`;
}

/**
 * A new, valid flow. With a trigger manifest (the renderer passes the webhook's), the flow
 * holds that trigger with its defaults, so it validates as is.
 */
export function newFlow(name: string, options: { id?: string; trigger?: AnyNodeTypeManifest } = {}): FlowFile {
  const nodes: FlowNode[] = [];
  const layout: FlowFile['layout'] = { nodes: {} };
  if (options.trigger) {
    const t = options.trigger;
    const id = 'trigger';
    nodes.push({
      id,
      type: t.type,
      version: t.version,
      name: uniqueNodeName(t.title),
      config: JSON.parse(JSON.stringify(t.defaults)),
    });
    layout.nodes[id] = { x: 0, y: 0 };
  }
  return {
    $schema: FLOW_SCHEMA_ID,
    schemaVersion: FLOW_SCHEMA_VERSION,
    id: options.id ?? `${slug(name)}-${randomSuffix()}`,
    name,
    nodes,
    edges: [],
    tests: [],
    layout,
  };
}
