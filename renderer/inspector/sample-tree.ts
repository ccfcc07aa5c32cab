/**
 * The JSONPath/template picker's tree: a sample payload or recorded response body laid out as
 * nested items, each with the path a click inserts and the sample value it holds.
 *
 * Pure (no React) so the path spelling and the caps are unit-tested. The sample data itself
 * comes from the same sources as the autocomplete (available-paths.ts: the trigger sample and
 * `recordedBody`); this module only shapes it.
 */
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { isTrigger } from '../../core/node-type.js';
import { manifestFor } from '../../nodes/registry.js';
import { pathStep, recordedBody, sampleText, upstreamNodes } from './available-paths.js';
import { loopBodies } from '../state/loop-bodies.js';

/** How a path is spelled: JSONPath (`$.a['b c'][0]`) or a JSONata template path (`trigger.body.a.\`b c\`[0]`). */
export type PathSyntax = 'jsonpath' | 'jsonata';

export interface SampleTreeItem {
  /** Unique in the tree (the path itself, or the parent's path + `#more`). */
  id: string;
  /** What the row says: the key, `[0]` for an array element, or the root's title. */
  label: string;
  /** What a pick inserts; absent on a "N more" row and under a key the syntax cannot name. */
  path?: string;
  /** The value shortened for the row (`"abc"`, `42`, `[3]`, `{…}`). */
  sample?: string;
  children?: SampleTreeItem[];
  /** A "N more" row standing for keys or elements cut from a large payload. */
  more?: number;
}

export interface SampleRoot {
  /** The root row's title, e.g. `trigger.body` or `steps.getAgent.body`. */
  label: string;
  /** The root's own path (`$`, `trigger.body`, `steps.getAgent.body`). */
  base: string;
  syntax: PathSyntax;
  value: unknown;
}

export interface TreeLimits {
  /** Keys or elements listed per object/array before a "N more" row. */
  perLevel: number;
  /** Levels below the root; deeper values show as `{…}`/`[n]` leaves. */
  depth: number;
}

export const DEFAULT_LIMITS: TreeLimits = { perLevel: 50, depth: 8 };

const JSONPATH_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * One step below `base` for an object key, quoted where the syntax needs it; undefined for a
 * key the runtime cannot address in that syntax (JSONPath: `'`, `[`, `]` inside a bracketed
 * name, which jsonpath-plus does not unescape; JSONata: a backtick inside a backticked name).
 */
export function keyStep(base: string, key: string, syntax: PathSyntax): string | undefined {
  if (syntax === 'jsonata') return key.includes('`') ? undefined : `${base}.${pathStep(key)}`;
  if (JSONPATH_NAME.test(key)) return `${base}.${key}`;
  return /['[\]]/.test(key) ? undefined : `${base}['${key}']`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function itemFor(
  id: string,
  label: string,
  path: string | undefined,
  value: unknown,
  syntax: PathSyntax,
  limits: TreeLimits,
  depth: number,
): SampleTreeItem {
  const item: SampleTreeItem = { id, label };
  if (path !== undefined) item.path = path;
  const sample = sampleText(value);
  if (sample !== undefined) item.sample = sample;
  // Below a key that cannot be addressed nothing can be either: the row only shows the value.
  if (path !== undefined && depth < limits.depth && (Array.isArray(value) || isObject(value))) {
    const children = childrenOf(path, value, syntax, limits, depth + 1);
    if (children.length > 0) item.children = children;
  }
  return item;
}

function childrenOf(
  base: string,
  value: unknown[] | Record<string, unknown>,
  syntax: PathSyntax,
  limits: TreeLimits,
  depth: number,
): SampleTreeItem[] {
  const entries: [string, string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, `${base}[${i}]`, v])
    : Object.entries(value).map(([k, v]) => [k, keyStep(base, k, syntax), v]);
  const shown = entries
    .slice(0, limits.perLevel)
    .map(([label, path, v], i) => itemFor(path ?? `${base}#${i}`, label, path, v, syntax, limits, depth));
  const hidden = entries.length - shown.length;
  if (hidden > 0) shown.push({ id: `${base}#more`, label: '', more: hidden });
  return shown;
}

/** The tree of one sample: the root row (its own path) with the sample's keys below it. */
export function sampleTree(root: SampleRoot, limits: TreeLimits = DEFAULT_LIMITS): SampleTreeItem {
  return itemFor(root.base, root.label, root.base, root.value, root.syntax, limits, 0);
}

/**
 * The samples a picker offers at `node`: a JSONPath field reads the body the node itself
 * receives (the trigger's sample payload at the trigger, the node's recorded response at a
 * Web Service); a template or expression field reads the trigger's sample and the recorded
 * responses of the nodes upstream.
 */
export function sampleRoots(
  flow: FlowFile,
  node: FlowNode,
  syntax: PathSyntax,
  triggerSample: unknown,
  /** Inside a loop's body: an example of the item (item-sample.ts). */
  item?: unknown,
): SampleRoot[] {
  if (syntax === 'jsonpath') {
    const value = isTrigger(manifestFor(node.type)) ? triggerSample : recordedBody(flow, node.name);
    return value === undefined ? [] : [{ label: '$', base: '$', syntax, value }];
  }
  const roots: SampleRoot[] = [];
  if (item !== undefined) roots.push({ label: 'item', base: 'item', syntax, value: item });
  if (triggerSample !== undefined)
    roots.push({ label: 'trigger.body', base: 'trigger.body', syntax, value: triggerSample });
  for (const upstream of upstreamNodes(flow, node.id)) {
    const body = recordedBody(flow, upstream.name);
    if (body === undefined) continue;
    const base = `steps.${pathStep(upstream.name)}.body`;
    roots.push({ label: base, base, syntax, value: body });
  }
  return roots;
}

/**
 * The field's text once `path` is picked with the caret at `caret`: a JSONPath field holds
 * one path, so the pick replaces it; an expression gets the bare path and a template a whole
 * `{{ path }}`, both where the caret was (typed text around it is kept).
 */
export function insertPicked(
  text: string,
  caret: number,
  path: string,
  mode: 'template' | 'expression' | 'jsonpath',
): { text: string; caret: number } {
  if (mode === 'jsonpath') return { text: path, caret: path.length };
  const at = Math.max(0, Math.min(caret, text.length));
  const piece = mode === 'template' ? `{{ ${path} }}` : path;
  return { text: text.slice(0, at) + piece + text.slice(at), caret: at + piece.length };
}

/**
 * What "Pick from sample…" offers in a loop's per-item fields: the item, the recorded
 * responses of the body's steps, then what the loop itself reads.
 */
export function bodyScopeSampleRoots(
  flow: FlowFile,
  loop: FlowNode,
  triggerSample: unknown,
  item: unknown,
): SampleRoot[] {
  const roots: SampleRoot[] = [];
  if (item !== undefined) roots.push({ label: 'item', base: 'item', syntax: 'jsonata', value: item });
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  for (const id of loopBodies(flow).get(loop.id) ?? []) {
    const node = byId.get(id);
    const body = node ? recordedBody(flow, node.name) : undefined;
    if (!node || body === undefined) continue;
    const base = `steps.${pathStep(node.name)}.body`;
    roots.push({ label: base, base, syntax: 'jsonata', value: body });
  }
  return [...roots, ...sampleRoots(flow, loop, 'jsonata', triggerSample)];
}
