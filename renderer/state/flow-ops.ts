/**
 * Pure operations on a flow file used by the designer's store: naming, wiring rules,
 * reference rewriting on rename, and copy/paste. No React, no DOM, no host: unit-tested in node.
 * Every function returns a new flow (structural sharing) and never mutates its input.
 */
import { newFlow, newNodeId } from '../../core/canonical.js';
import { NODE_NAME_PATTERN, type FlowEdge, type FlowFile, type FlowNode, type FlowTest } from '../../core/flow.js';
import { isTrigger, portsOf, type AnyNodeTypeManifest } from '../../core/node-type.js';

export type Position = { x: number; y: number };

/** Why a wiring was refused; the store turns the code into words in the UI language. */
export type ConnectRefusal =
  | { code: 'unknownNode' }
  | { code: 'selfLoop' }
  | { code: 'intoTrigger'; target: string }
  | { code: 'unknownPort'; port: string; source: string; ports: string }
  | { code: 'cycle'; source: string; target: string }
  | { code: 'duplicate'; source: string; port: string; target: string };

export type RenameRefusal =
  | { code: 'unknownNode' }
  | { code: 'nameEmpty' }
  | { code: 'namePattern'; name: string }
  | { code: 'nameTaken'; name: string };

const nodeNameRe = new RegExp(NODE_NAME_PATTERN);

/** A fresh, empty flow: the canvas invites the user to drop a trigger first. */
export function emptyFlow(name = 'Untitled flow'): FlowFile {
  return newFlow(name);
}

/** A node id that no node of `taken` has, in core's format. */
export function newId(taken: ReadonlySet<string>): string {
  return newNodeId(taken);
}

/** "Web Service" → `webService`, "Webhook trigger" → `webhookTrigger`; always a valid identifier. */
export function camelName(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let name = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  if (!name) name = 'node';
  if (/^[0-9]/.test(name)) name = `n${name}`;
  return name.slice(0, 60);
}

/**
 * Sets a node's label. The first label a node gets names it too, while its name is still the
 * one it was given when dropped (`webService2`): "Call started" → `callStarted`, references
 * rewritten. Later labels, and labels without Latin letters ("通話開始"), leave the name alone:
 * templates depend on it.
 */
export function labelNodeInFlow(flow: FlowFile, nodeId: string, label: string, typeTitle: string): FlowFile {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node) return flow;
  const text = label.trim();
  if ((node.label ?? '') === text) return flow;
  const firstLabel = !node.label;
  const { label: _old, ...rest } = node;
  // Canonical key order: label sits between name and description.
  const { id, type, version, name, ...others } = rest;
  const labelled: FlowNode = text ? { id, type, version, name, label: text, ...others } : rest;
  let next: FlowFile = { ...flow, nodes: flow.nodes.map((n) => (n.id === nodeId ? labelled : n)) };
  const auto = new RegExp(`^${camelName(typeTitle)}[0-9]*$`);
  if (firstLabel && text && auto.test(node.name) && /[A-Za-z]/.test(text)) {
    const taken = nodeNames(next);
    taken.delete(node.name);
    const derived = uniqueName(camelName(text), taken);
    if (derived !== node.name && !checkRename(next, nodeId, derived)) next = renameNodeInFlow(next, nodeId, derived);
  }
  return next;
}

/** `base`, else `base2`, `base3`… — the first name not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/[0-9]+$/, '') || base;
  for (let i = 2; ; i++) {
    const candidate = `${stem}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function nodeNames(flow: FlowFile): Set<string> {
  return new Set(flow.nodes.map((n) => n.name));
}

export function findTrigger(
  flow: FlowFile,
  manifestFor: (type: string) => AnyNodeTypeManifest | undefined,
): FlowNode | undefined {
  return flow.nodes.find((n) => isTrigger(manifestFor(n.type)));
}

export function edgeKey(e: FlowEdge): string {
  return `${e.from}:${e.port}->${e.to}`;
}

/** Whether `to` can already reach `from`; then from → to would close a cycle. */
function reaches(edges: readonly FlowEdge[], start: string, goal: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === goal) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of out.get(id) ?? []) stack.push(next);
  }
  return false;
}

/**
 * Checks a new edge against the rules the validator enforces, so the canvas can refuse it
 * up front with a reason instead of producing an invalid flow.
 */
export function checkConnect(
  flow: FlowFile,
  fromId: string,
  port: string,
  toId: string,
  manifestFor: (type: string) => AnyNodeTypeManifest | undefined,
): ConnectRefusal | undefined {
  const from = flow.nodes.find((n) => n.id === fromId);
  const to = flow.nodes.find((n) => n.id === toId);
  if (!from || !to) return { code: 'unknownNode' };
  if (fromId === toId) return { code: 'selfLoop' };
  const toManifest = manifestFor(to.type);
  if (isTrigger(toManifest)) return { code: 'intoTrigger', target: to.name };
  const ports = portsOf(manifestFor(from.type), from.config);
  if (!ports.includes(port)) return { code: 'unknownPort', port, source: from.name, ports: ports.join(', ') };
  if (flow.edges.some((e) => e.from === fromId && e.port === port && e.to === toId)) {
    return { code: 'duplicate', source: from.name, port, target: to.name };
  }
  if (reaches(flow.edges, toId, fromId)) return { code: 'cycle', source: from.name, target: to.name };
  return undefined;
}

export function checkRename(flow: FlowFile, nodeId: string, name: string): RenameRefusal | undefined {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node) return { code: 'unknownNode' };
  if (!name) return { code: 'nameEmpty' };
  if (!nodeNameRe.test(name)) return { code: 'namePattern', name };
  if (flow.nodes.some((n) => n.id !== nodeId && n.name === name)) return { code: 'nameTaken', name };
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites references to the step `oldName` in one string: `steps.old`, `` steps.`old` ``
 * (JSONata quoting) and `steps["old"]` / `steps['old']` (Code task). `steps.oldName2` and
 * `mysteps.old` are left alone.
 */
export function renameInString(text: string, oldName: string, newName: string): string {
  if (!text.includes(oldName)) return text;
  const o = escapeRe(oldName);
  return text
    .replace(new RegExp(`(?<![A-Za-z0-9_$])steps\\.${o}(?![A-Za-z0-9_$])`, 'g'), `steps.${newName}`)
    .replace(new RegExp(`(?<![A-Za-z0-9_$])steps\\.\`${o}\``, 'g'), `steps.\`${newName}\``)
    .replace(new RegExp(`(?<![A-Za-z0-9_$])steps\\[(["'])${o}\\1\\]`, 'g'), `steps[$1${newName}$1]`);
}

/** Deep copy of a JSON value with `fn` applied to every string; unchanged branches are shared. */
export function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const m = mapStrings(v, fn);
      if (m !== v) changed = true;
      return m;
    });
    return changed ? out : value;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const m = mapStrings(v, fn);
      if (m !== v) changed = true;
      out[k] = m;
    }
    return changed ? out : value;
  }
  return value;
}

function renameKey<T>(
  record: Record<string, T> | undefined,
  oldName: string,
  newName: string,
): Record<string, T> | undefined {
  if (!record || !(oldName in record)) return record;
  const out: Record<string, T> = {};
  // Keep the key's position so the file diff shows a rename, not a move.
  for (const [k, v] of Object.entries(record)) out[k === oldName ? newName : k] = v;
  return out;
}

function renameInTest(test: FlowTest, oldName: string, newName: string): FlowTest {
  const swap = (n: string) => (n === oldName ? newName : n);
  let next: FlowTest = test;
  const responses = renameKey(test.responses, oldName, newName);
  if (responses !== test.responses) next = { ...next, responses };
  const ex = test.expect;
  if (ex) {
    const steps = renameKey(ex.steps, oldName, newName);
    const path = ex.path?.includes(oldName) ? ex.path.map(swap) : ex.path;
    const notVisited = ex.notVisited?.includes(oldName) ? ex.notVisited.map(swap) : ex.notVisited;
    const requests = ex.requests?.some((r) => r.node === oldName)
      ? ex.requests.map((r) => (r.node === oldName ? { ...r, node: newName } : r))
      : ex.requests;
    if (steps !== ex.steps || path !== ex.path || notVisited !== ex.notVisited || requests !== ex.requests) {
      const expect = { ...ex };
      if (steps !== undefined) expect.steps = steps;
      if (path !== undefined) expect.path = path;
      if (notVisited !== undefined) expect.notVisited = notVisited;
      if (requests !== undefined) expect.requests = requests;
      next = { ...next, expect };
    }
  }
  return next;
}

/**
 * Renames a node and every reference to it: templates and expressions in every node's config,
 * and the test cases' recorded responses and expectations (which key steps by name).
 */
export function renameNodeInFlow(flow: FlowFile, nodeId: string, newName: string): FlowFile {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node || node.name === newName) return flow;
  const oldName = node.name;
  const fn = (s: string) => renameInString(s, oldName, newName);
  const nodes = flow.nodes.map((n) => {
    const config = mapStrings(n.config, fn) as Record<string, unknown>;
    if (n.id === nodeId) return { ...n, name: newName, config };
    return config === n.config ? n : { ...n, config };
  });
  const next: FlowFile = { ...flow, nodes };
  if (flow.tests) {
    const tests = flow.tests.map((t) => renameInTest(t, oldName, newName));
    if (tests.some((t, i) => t !== flow.tests![i])) next.tests = tests;
  }
  return next;
}

/** What copy puts on the clipboard: nodes, the edges between them, and their positions. */
export interface ClipboardContent {
  nodes: FlowNode[];
  edges: FlowEdge[];
  positions: Record<string, Position>;
}

export function copyNodes(flow: FlowFile, ids: readonly string[]): ClipboardContent | undefined {
  const set = new Set(ids);
  const nodes = flow.nodes.filter((n) => set.has(n.id));
  if (!nodes.length) return undefined;
  const edges = flow.edges.filter((e) => set.has(e.from) && set.has(e.to));
  const positions: Record<string, Position> = {};
  for (const n of nodes) {
    const p = flow.layout?.nodes[n.id];
    if (p) positions[n.id] = p;
  }
  // A deep copy: later edits of the originals must not reach the clipboard.
  return structuredClone({ nodes, edges, positions });
}

/**
 * Inserts a clipboard's nodes with new ids, unique names (references between the pasted nodes
 * follow their new names), positions shifted by `offset`. A trigger is skipped when the flow
 * already has one, since a flow has exactly one.
 */
export function pasteNodes(
  flow: FlowFile,
  clip: ClipboardContent,
  offset: Position,
  manifestFor: (type: string) => AnyNodeTypeManifest | undefined,
): { flow: FlowFile; ids: string[]; skippedTrigger: boolean } {
  const hasTrigger = !!findTrigger(flow, manifestFor);
  const takenIds = new Set(flow.nodes.map((n) => n.id));
  const takenNames = nodeNames(flow);
  const idMap = new Map<string, string>();
  const renames: [string, string][] = [];
  let skippedTrigger = false;
  const fresh: FlowNode[] = [];
  for (const n of clip.nodes) {
    if (hasTrigger && isTrigger(manifestFor(n.type))) {
      skippedTrigger = true;
      continue;
    }
    const id = newId(takenIds);
    takenIds.add(id);
    const name = uniqueName(n.name, takenNames);
    takenNames.add(name);
    idMap.set(n.id, id);
    if (name !== n.name) renames.push([n.name, name]);
    fresh.push({ ...structuredClone(n), id, name });
  }
  const rewritten = fresh.map((n) => {
    let config = n.config;
    for (const [o, nn] of renames)
      config = mapStrings(config, (s) => renameInString(s, o, nn)) as Record<string, unknown>;
    return config === n.config ? n : { ...n, config };
  });
  const edges = clip.edges
    .filter((e) => idMap.has(e.from) && idMap.has(e.to))
    .map((e) => ({ from: idMap.get(e.from)!, port: e.port, to: idMap.get(e.to)! }));
  const layoutNodes = { ...(flow.layout?.nodes ?? {}) };
  let i = 0;
  for (const [oldId, id] of idMap) {
    const p = clip.positions[oldId] ?? { x: 80 + i * 40, y: 80 + i * 40 };
    layoutNodes[id] = { x: Math.round(p.x + offset.x), y: Math.round(p.y + offset.y) };
    i++;
  }
  return {
    flow: {
      ...flow,
      nodes: [...flow.nodes, ...rewritten],
      edges: [...flow.edges, ...edges],
      layout: { ...(flow.layout ?? { nodes: {} }), nodes: layoutNodes },
    },
    ids: [...idMap.values()],
    skippedTrigger,
  };
}

/** Removes nodes (with their edges and positions) and edges by key. */
export function removeFromFlow(flow: FlowFile, nodeIds: readonly string[], edgeKeys: readonly string[]): FlowFile {
  const ids = new Set(nodeIds);
  const keys = new Set(edgeKeys);
  const nodes = flow.nodes.filter((n) => !ids.has(n.id));
  const edges = flow.edges.filter((e) => !ids.has(e.from) && !ids.has(e.to) && !keys.has(edgeKey(e)));
  if (nodes.length === flow.nodes.length && edges.length === flow.edges.length) return flow;
  let layout = flow.layout;
  if (layout && nodeIds.some((id) => id in layout!.nodes)) {
    const ln = { ...layout.nodes };
    for (const id of nodeIds) delete ln[id];
    layout = { ...layout, nodes: ln };
  }
  return { ...flow, nodes, edges, ...(layout ? { layout } : {}) };
}
