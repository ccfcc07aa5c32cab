/**
 * The designer's state: one zustand store whose `flow` is the single source of truth (logic and
 * layout). Every edit goes through `commit`, which keeps a bounded history of flow snapshots for
 * undo/redo; snapshots share structure, so a snapshot costs only what changed.
 *
 * Needs no DOM: `createDesignerStore()` is unit-tested in node; the app uses the `designerStore`
 * singleton through `useDesigner(selector)`.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { FLOW_KEY_ORDER } from '../../core/canonical.js';
import type { CredentialDeclaration, FlowFile, FlowNode, FlowParam, FlowTest } from '../../core/flow.js';
import { isTrigger, type AnyNodeTypeManifest } from '../../core/node-type.js';
import type { RunTrace } from '../../core/trace.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { manifestFor as registryManifestFor } from '../../nodes/registry.js';
import { flowIdFromName, isValidFlowId } from './flow-id.js';
import { detectLocale, saveLocale, translate, type Locale, type Vars } from '../i18n/translate.js';
import {
  camelName,
  checkConnect,
  checkRename,
  copyNodes,
  edgeKey,
  emptyFlow,
  findTrigger,
  newId,
  nodeNames,
  pasteNodes,
  removeFromFlow,
  labelNodeInFlow,
  renameNodeInFlow,
  uniqueName,
  type ClipboardContent,
  type ConnectRefusal,
  type Position,
  type RenameRefusal,
} from './flow-ops.js';
import { inLanguage, statusAfter, worded, type StatusMessage, type StatusSaying } from './status-topics.js';

export type { StatusMessage, StatusSaying } from './status-topics.js';

/** Undo depth. Older snapshots are dropped. */
export const HISTORY_LIMIT = 200;
/** Config edits of one node closer together than this are one undo step (a typing burst). */
export const COALESCE_MS = 1000;
/** How far a paste or duplicate lands from the original. */
export const PASTE_OFFSET = 40;

/** `reason` in the UI's language when refused; `refusal` says it again in another. */
export type Result = { ok: true } | { ok: false; reason: string; refusal: ConnectRefusal | RenameRefusal };

export interface FocusField {
  nodeId: string;
  /** JSON pointer inside the node's config (`/url`); empty for the node as a whole. */
  pointer: string;
}

export interface DesignerState {
  flow: FlowFile;
  /** Where the flow was opened from or last saved to; undefined for a new flow. */
  filePath?: string;
  /** The flow differs from what was last loaded or saved. */
  dirty: boolean;
  selection: string[];
  /** Edge keys `from:port->to` (see `edgeKey`). */
  selectedEdges: string[];
  focusField?: FocusField;
  issues: FlowIssue[];
  locale: Locale;
  lastTrace?: RunTrace;
  /** The loop iteration of `lastTrace` the canvas draws in the loop's body (the first one kept when unset). */
  openIteration?: { loopId: string; index: number };
  status?: StatusMessage;
  canUndo: boolean;
  canRedo: boolean;
  clipboard?: ClipboardContent;
  /**
   * Counts `load`s (New and Open included): state that belongs to one document, such as the
   * test bench's last report, resets when it changes and ignores answers started before.
   */
  documentGeneration: number;
  /** The flow's id follows its name: a new flow never saved, exported or given an id by hand. */
  idFollowsName: boolean;

  addNode(type: string, position: Position): string | undefined;
  /**
   * Adds a node built elsewhere (an import) at `position`, with the credentials it names
   * declared, as one undo step; selects it.
   */
  insertNode(node: FlowNode, position: Position, credentials?: FlowFile['credentials']): void;
  removeSelection(): void;
  /** Removes nodes and edges by id/key (the canvas's delete of one edge). */
  remove(nodeIds: readonly string[], edgeKeys: readonly string[]): void;
  moveNodes(positions: Record<string, Position>): void;
  connect(fromId: string, port: string, toId: string): Result;
  updateNodeConfig(nodeId: string, config: Record<string, unknown>): void;
  setNodeDescription(nodeId: string, description: string | undefined): void;
  /** The node's label in free words; the first one also names a freshly dropped node. */
  setNodeLabel(nodeId: string, label: string): void;
  renameNode(nodeId: string, name: string): Result;
  setNodeCredential(nodeId: string, slot: string, name: string | undefined): void;
  /** Declares (or with `undefined`, removes) a credential the flow uses. */
  declareCredential(name: string, decl: CredentialDeclaration | undefined): void;
  /** `id` must be valid (see flow-id.ts); setting it by hand stops it following the name. */
  setFlowMeta(meta: { name?: string; description?: string | undefined; id?: string }): void;
  /** The id is now known outside (exported): renames no longer change it. */
  pinFlowId(): void;
  setTests(tests: FlowTest[]): void;
  /** Replaces the flow's parameters (none: the key goes); one undo step per burst of typing. */
  setParams(params: Record<string, FlowParam> | undefined): void;
  undo(): void;
  redo(): void;
  /** Ends a coalescing burst so the next config edit starts a new undo step (e.g. on blur). */
  sealHistory(): void;
  select(ids: readonly string[], edgeKeys?: readonly string[]): void;
  selectAll(): void;
  copy(): void;
  paste(): void;
  /** Puts content on the clipboard (e.g. read from the system clipboard, copied in another window). */
  setClipboard(content: ClipboardContent): void;
  duplicate(): void;
  /** Replaces the flow; history starts afresh. `dirty` for a flow that differs from its file (migrated). */
  load(flow: FlowFile, path?: string, options?: { dirty?: boolean }): void;
  newFlow(): void;
  markSaved(path?: string): void;
  setLocale(locale: Locale): void;
  setIssues(issues: FlowIssue[]): void;
  setFocusField(focus: FocusField | undefined): void;
  setLastTrace(trace: RunTrace | undefined): void;
  /** Draws this iteration of a loop of the last trace in the loop's body on the canvas. */
  setOpenIteration(open: { loopId: string; index: number } | undefined): void;
  setStatus(status: StatusMessage | StatusSaying | undefined): void;
  /** Words in the UI language (the store's `locale`). */
  t(key: string, vars?: Vars): string;
}

export interface DesignerStoreOptions {
  manifestFor?: (type: string) => AnyNodeTypeManifest | undefined;
  /** Clock for coalescing; tests pass their own. */
  now?: () => number;
  locale?: Locale;
  flow?: FlowFile;
}

export type DesignerStore = StoreApi<DesignerState>;

export function refusalText(locale: Locale, r: ConnectRefusal | RenameRefusal): string {
  return translate(locale, `refuse.${r.code}`, r as unknown as Vars);
}

export function createDesignerStore(options: DesignerStoreOptions = {}): DesignerStore {
  const manifestFor = options.manifestFor ?? registryManifestFor;
  const now = options.now ?? (() => Date.now());

  // History lives outside the reactive state: components never render from it.
  let past: FlowFile[] = [];
  let future: FlowFile[] = [];
  let burst: { key: string; at: number } | undefined;
  /** The flow as last loaded or saved; `dirty` is `flow !== savedFlow`. */
  let savedFlow: FlowFile | undefined;
  let pasteCount = 0;

  return createStore<DesignerState>()((set, get) => {
    const initial = options.flow ?? emptyFlow(translate(options.locale ?? detectLocale(), 'flow.untitled'));
    savedFlow = initial;

    const t = (key: string, vars?: Vars) => translate(get().locale, key, vars);
    /** A message of the store's own, said in the UI's language (and again when it changes). */
    const said = (kind: StatusMessage['kind'], say: StatusSaying['say']): StatusMessage =>
      worded({ kind, say }, { t, locale: get().locale });

    /** Applies an edit as one undo step, or folds it into the running burst with the same key. */
    function commit(next: FlowFile, extra: Partial<DesignerState> = {}, coalesceKey?: string): void {
      const current = get().flow;
      if (next === current) {
        if (Object.keys(extra).length) set(extra);
        return;
      }
      const at = now();
      const folds = coalesceKey !== undefined && burst?.key === coalesceKey && at - burst.at < COALESCE_MS;
      if (!folds) {
        past.push(current);
        if (past.length > HISTORY_LIMIT) past = past.slice(past.length - HISTORY_LIMIT);
      }
      future = [];
      burst = coalesceKey !== undefined ? { key: coalesceKey, at } : undefined;
      set({ ...extra, flow: next, dirty: next !== savedFlow, canUndo: past.length > 0, canRedo: false });
    }

    function updateNode(nodeId: string, fn: (n: FlowNode) => FlowNode, coalesceKey?: string): void {
      const flow = get().flow;
      const idx = flow.nodes.findIndex((n) => n.id === nodeId);
      if (idx < 0) return;
      const node = flow.nodes[idx]!;
      const updated = fn(node);
      if (updated === node) return;
      const nodes = flow.nodes.slice();
      nodes[idx] = updated;
      commit({ ...flow, nodes }, {}, coalesceKey);
    }

    function pasteContent(clip: ClipboardContent, offset: number): void {
      const result = pasteNodes(get().flow, clip, { x: offset, y: offset }, manifestFor);
      if (!result.ids.length) {
        if (result.skippedTrigger) set({ status: said('error', (w) => w.t('status.pasteTriggerSkipped')) });
        return;
      }
      commit(result.flow, {
        selection: result.ids,
        selectedEdges: [],
        ...(result.skippedTrigger ? { status: said('info', (w) => w.t('status.pasteTriggerSkipped')) } : {}),
      });
    }

    function restore(flow: FlowFile): void {
      burst = undefined;
      set({
        flow,
        dirty: flow !== savedFlow,
        canUndo: past.length > 0,
        canRedo: future.length > 0,
        ...pruneSelectionFor(flow, get().selection, get().selectedEdges),
      });
    }

    return {
      flow: initial,
      filePath: undefined,
      dirty: false,
      selection: [],
      selectedEdges: [],
      focusField: undefined,
      issues: [],
      locale: options.locale ?? detectLocale(),
      lastTrace: undefined,
      openIteration: undefined,
      status: undefined,
      canUndo: false,
      canRedo: false,
      clipboard: undefined,
      documentGeneration: 0,
      idFollowsName: options.flow === undefined,
      t,

      addNode(type, position) {
        const manifest = manifestFor(type);
        const flow = get().flow;
        if (!manifest) {
          set({ status: said('error', (w) => w.t('status.unknownType', { type })) });
          return undefined;
        }
        if (isTrigger(manifest)) {
          const existing = findTrigger(flow, manifestFor);
          if (existing) {
            set({ status: said('error', (w) => w.t('status.oneTrigger', { name: existing.name })) });
            return undefined;
          }
        }
        const id = newId(new Set(flow.nodes.map((n) => n.id)));
        const name = uniqueName(camelName(manifest.title), nodeNames(flow));
        const node: FlowNode = {
          id,
          type,
          version: manifest.version,
          name,
          config: structuredClone(manifest.defaults) as Record<string, unknown>,
        };
        const layout = flow.layout ?? { nodes: {} };
        commit(
          {
            ...flow,
            nodes: [...flow.nodes, node],
            layout: {
              ...layout,
              nodes: { ...layout.nodes, [id]: { x: Math.round(position.x), y: Math.round(position.y) } },
            },
          },
          { selection: [id], selectedEdges: [] },
        );
        return id;
      },

      insertNode(node, position, credentials) {
        const flow = get().flow;
        const layout = flow.layout ?? { nodes: {} };
        const next: FlowFile = {
          ...flow,
          nodes: [...flow.nodes, node],
          layout: {
            ...layout,
            nodes: { ...layout.nodes, [node.id]: { x: Math.round(position.x), y: Math.round(position.y) } },
          },
        };
        const { credentials: _old, ...rest } = next;
        commit(credentials && Object.keys(credentials).length ? reorderFlow({ ...rest, credentials }) : next, {
          selection: [node.id],
          selectedEdges: [],
        });
      },

      removeSelection() {
        const { selection, selectedEdges } = get();
        get().remove(selection, selectedEdges);
      },

      remove(nodeIds, edgeKeys) {
        if (!nodeIds.length && !edgeKeys.length) return;
        const next = removeFromFlow(get().flow, nodeIds, edgeKeys);
        if (next === get().flow) return;
        const gone = new Set(nodeIds);
        const focus = get().focusField;
        commit(next, {
          ...pruneSelectionFor(next, get().selection, get().selectedEdges),
          ...(focus && gone.has(focus.nodeId) ? { focusField: undefined } : {}),
        });
      },

      moveNodes(positions) {
        const flow = get().flow;
        const layout = flow.layout ?? { nodes: {} };
        const ids = new Set(flow.nodes.map((n) => n.id));
        let changed = false;
        const nodes = { ...layout.nodes };
        for (const [id, p] of Object.entries(positions)) {
          if (!ids.has(id)) continue;
          const q = { x: Math.round(p.x), y: Math.round(p.y) };
          const old = nodes[id];
          if (old && old.x === q.x && old.y === q.y) continue;
          nodes[id] = q;
          changed = true;
        }
        if (changed) commit({ ...flow, layout: { ...layout, nodes } });
      },

      connect(fromId, port, toId) {
        const flow = get().flow;
        const refusal = checkConnect(flow, fromId, port, toId, manifestFor);
        if (refusal) return { ok: false, reason: refusalText(get().locale, refusal), refusal };
        commit(
          { ...flow, edges: [...flow.edges, { from: fromId, port, to: toId }] },
          { status: statusAfter(get().status, { kind: 'connected' }, { t, locale: get().locale }) },
        );
        return { ok: true };
      },

      updateNodeConfig(nodeId, config) {
        updateNode(nodeId, (n) => (n.config === config ? n : { ...n, config }), `config:${nodeId}`);
      },

      setNodeDescription(nodeId, description) {
        updateNode(
          nodeId,
          (n) => {
            if ((n.description ?? '') === (description ?? '')) return n;
            const { description: _old, ...rest } = n;
            // Keep the canonical key order: description sits between name and config.
            if (!description) return rest;
            const { id, type, version, name, ...others } = rest;
            return { id, type, version, name, description, ...others };
          },
          `description:${nodeId}`,
        );
      },

      setNodeLabel(nodeId, label) {
        const flow = get().flow;
        const node = flow.nodes.find((n) => n.id === nodeId);
        const title = node ? (manifestFor(node.type)?.title ?? node.type) : '';
        const next = labelNodeInFlow(flow, nodeId, label, title);
        if (next !== flow) commit(next);
      },

      renameNode(nodeId, name) {
        const flow = get().flow;
        const refusal = checkRename(flow, nodeId, name);
        if (refusal) return { ok: false, reason: refusalText(get().locale, refusal), refusal };
        commit(renameNodeInFlow(flow, nodeId, name));
        return { ok: true };
      },

      setNodeCredential(nodeId, slot, name) {
        updateNode(nodeId, (n) => {
          const current = n.credentials?.[slot];
          if (current === name) return n;
          const credentials = { ...(n.credentials ?? {}) };
          if (name === undefined) delete credentials[slot];
          else credentials[slot] = name;
          const { credentials: _old, ...rest } = n;
          return Object.keys(credentials).length ? { ...rest, credentials } : rest;
        });
      },

      declareCredential(name, decl) {
        const flow = get().flow;
        const credentials = { ...(flow.credentials ?? {}) };
        if (decl === undefined) {
          if (!(name in credentials)) return;
          delete credentials[name];
        } else {
          if (JSON.stringify(credentials[name]) === JSON.stringify(decl)) return;
          credentials[name] = decl;
        }
        const { credentials: _old, ...rest } = flow;
        commit(Object.keys(credentials).length ? reorderFlow({ ...rest, credentials }) : rest);
      },

      setFlowMeta(meta) {
        const flow = get().flow;
        let next: FlowFile = flow;
        let idFollowsName = get().idFollowsName;
        if (meta.name !== undefined && meta.name !== flow.name) {
          next = { ...next, name: meta.name };
          const derived = idFollowsName ? flowIdFromName(meta.name) : undefined;
          if (derived) next = { ...next, id: derived };
        }
        if (meta.id !== undefined && meta.id !== flow.id && isValidFlowId(meta.id)) {
          next = { ...next, id: meta.id };
          idFollowsName = false;
        }
        if ('description' in meta && (meta.description ?? '') !== (flow.description ?? '')) {
          const { description: _old, ...rest } = next;
          next = meta.description ? reorderFlow({ ...rest, description: meta.description }) : rest;
        }
        commit(next, { idFollowsName }, 'meta');
      },

      pinFlowId() {
        set({ idFollowsName: false });
      },

      setTests(tests) {
        const flow = get().flow;
        if (flow.tests === tests) return;
        const { tests: _old, ...rest } = flow;
        commit(tests.length ? reorderFlow({ ...rest, tests }) : rest, {}, 'tests');
      },

      setParams(params) {
        const flow = get().flow;
        if (flow.params === params) return;
        const { params: _old, ...rest } = flow;
        commit(params && Object.keys(params).length ? reorderFlow({ ...rest, params }) : rest, {}, 'params');
      },

      undo() {
        const prev = past.pop();
        if (!prev) return;
        future.push(get().flow);
        restore(prev);
      },

      redo() {
        const next = future.pop();
        if (!next) return;
        past.push(get().flow);
        restore(next);
      },

      sealHistory() {
        burst = undefined;
      },

      select(ids, edgeKeys = []) {
        const same = (a: readonly string[], b: readonly string[]) =>
          a.length === b.length && a.every((x, i) => x === b[i]);
        const s = get();
        if (same(s.selection, ids) && same(s.selectedEdges, edgeKeys)) return;
        set({ selection: [...ids], selectedEdges: [...edgeKeys] });
      },

      selectAll() {
        const flow = get().flow;
        set({ selection: flow.nodes.map((n) => n.id), selectedEdges: flow.edges.map(edgeKey) });
      },

      copy() {
        const clip = copyNodes(get().flow, get().selection);
        if (!clip) return;
        pasteCount = 0;
        set({ clipboard: clip, status: said('info', (w) => w.t('status.copied', { count: clip.nodes.length })) });
      },

      paste() {
        const clip = get().clipboard;
        if (!clip) return;
        pasteCount++;
        pasteContent(clip, PASTE_OFFSET * pasteCount);
      },

      setClipboard(content) {
        // Same content again: keep the paste offset growing, as repeated Ctrl+V expects.
        if (JSON.stringify(content) === JSON.stringify(get().clipboard)) return;
        pasteCount = 0;
        set({ clipboard: content });
      },

      duplicate() {
        const clip = copyNodes(get().flow, get().selection);
        if (clip) pasteContent(clip, PASTE_OFFSET);
      },

      load(flow, path, loadOptions) {
        past = [];
        future = [];
        burst = undefined;
        pasteCount = 0;
        savedFlow = loadOptions?.dirty ? undefined : flow;
        set({
          flow,
          filePath: path,
          dirty: !!loadOptions?.dirty,
          selection: [],
          selectedEdges: [],
          focusField: undefined,
          issues: [],
          lastTrace: undefined,
          openIteration: undefined,
          canUndo: false,
          canRedo: false,
          documentGeneration: get().documentGeneration + 1,
          idFollowsName: false,
          status: statusAfter(get().status, { kind: 'document' }, { t, locale: get().locale }),
        });
      },

      newFlow() {
        get().load(emptyFlow(t('flow.untitled')), undefined);
        set({ idFollowsName: true });
      },

      markSaved(path) {
        savedFlow = get().flow;
        set({ dirty: false, idFollowsName: false, ...(path !== undefined ? { filePath: path } : {}) });
      },

      setLocale(locale) {
        saveLocale(locale);
        set({ locale });
        set({ status: inLanguage(get().status, get().issues, { t, locale }) });
      },

      setIssues(issues) {
        set({ issues, status: statusAfter(get().status, { kind: 'validated', issues }, { t, locale: get().locale }) });
      },

      setFocusField(focus) {
        set({ focusField: focus });
      },

      setLastTrace(trace) {
        set({ lastTrace: trace, openIteration: undefined });
      },

      setOpenIteration(open) {
        set({ openIteration: open });
      },

      setStatus(status) {
        set({ status: status && worded(status, { t, locale: get().locale }) });
      },
    };
  });
}

/** Drops selection entries that no longer exist (after undo, delete…). */
function pruneSelectionFor(
  flow: FlowFile,
  selection: readonly string[],
  selectedEdges: readonly string[],
): Pick<DesignerState, 'selection' | 'selectedEdges'> {
  const ids = new Set(flow.nodes.map((n) => n.id));
  const keys = new Set(flow.edges.map(edgeKey));
  return { selection: selection.filter((id) => ids.has(id)), selectedEdges: selectedEdges.filter((k) => keys.has(k)) };
}

/** Puts a flow's top-level keys in canonical order, so re-added keys don't move. Only the
 * envelope is reordered: nodes keep their identity for undo history and React. */
function reorderFlow(flow: FlowFile): FlowFile {
  const out: Record<string, unknown> = {};
  for (const k of FLOW_KEY_ORDER) if (k in flow) out[k] = (flow as unknown as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(flow)) if (!(k in out)) out[k] = v;
  return out as unknown as FlowFile;
}

/** The app's store. */
export const designerStore: DesignerStore = createDesignerStore();

/** Reads the designer state in a component: `useDesigner((s) => s.flow)`. */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(designerStore, selector);
}
