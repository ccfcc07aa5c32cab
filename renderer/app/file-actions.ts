/**
 * New / Open / Save / Save As / Export: the store on one side, `window.host` on the other.
 * The host parses, migrates and validates (the renderer's CSP forbids ajv's eval); the renderer
 * only loads a flow the host could read, so a bad file never replaces the current flow.
 */
import type { HostApi, ListedFlow } from '../../core/host-api.js';
import type { FlowFile } from '../../core/flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { manifestFor } from '../../nodes/registry.js';
import { layoutFlow } from '../canvas/auto-layout.js';
import { canvasBridge } from '../canvas/canvas-bridge.js';
import type { DesignerStore } from '../state/flow-store.js';
import type { SavedSession } from './session-restore.js';
import { flowToText } from '../state/flow-text.js';
import { flowErrorsStatus, issueLines } from '../state/status-topics.js';
import type { Locale } from '../i18n/index.js';
import { hostErrorText } from '../host/host-error-text.js';

function host(): HostApi | undefined {
  return (globalThis as { host?: HostApi }).host;
}

/** A host refusal (a path outside the workspace, a file that is gone…) in the UI language. */
function message(err: unknown, state: { locale: Locale }): string {
  return hostErrorText(err, state.locale);
}

/**
 * A file name for Export's suggestion: the flow's name, kebab-cased. Letters of any script stay
 * (a Japanese admin's 「アンケート連携」 keeps its name); Latin accents are dropped, and everything
 * that is not a letter or digit (including what Windows forbids in names) becomes a dash.
 */
export function suggestedFileName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Recompose what NFKD split outside Latin (a kana's voicing mark) so it stays one letter.
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${base || 'flow'}.flow.json`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether the host's parsed value has the shape the canvas needs (nodes with ids and types,
 * edges). JSON that merely parses, like `{"hello": 1}`, is not a flow and must not replace one.
 */
export function isLoadableFlow(flow: unknown): flow is FlowFile {
  if (!isRecord(flow) || !Array.isArray(flow.nodes) || !Array.isArray(flow.edges)) return false;
  return (
    flow.nodes.every((n) => isRecord(n) && typeof n.id === 'string' && typeof n.type === 'string') &&
    flow.edges.every((e) => isRecord(e) && typeof e.from === 'string' && typeof e.to === 'string')
  );
}

/**
 * Repairs what only the canvas cares about in a hand-made file (a missing or malformed layout,
 * a node without a config object) so the designer can show it; the validator reports the rest.
 */
export function canvasReady(flow: FlowFile): { flow: FlowFile; changed: boolean } {
  let changed = false;
  let next = flow;
  if (!isRecord(flow.layout) || !isRecord(flow.layout.nodes)) {
    next = { ...next, layout: { ...(isRecord(flow.layout) ? flow.layout : {}), nodes: {} } };
    changed = true;
  }
  if (flow.nodes.some((n) => !isRecord(n.config) || typeof n.name !== 'string')) {
    next = {
      ...next,
      nodes: flow.nodes.map((n) => ({
        ...n,
        name: typeof n.name === 'string' ? n.name : '',
        config: isRecord(n.config) ? n.config : {},
      })),
    };
    changed = true;
  }
  return { flow: next, changed };
}

/**
 * A file written by hand often has no positions: lay those nodes out (all of them when none
 * has a position) instead of piling them in a corner.
 */
async function placeUnpositioned(flow: FlowFile): Promise<{ flow: FlowFile; changed: boolean }> {
  const known = flow.layout?.nodes ?? {};
  const missing = flow.nodes.filter((n) => !isRecord(known[n.id]));
  if (!missing.length) return { flow, changed: false };
  try {
    const positions = await layoutFlow(flow, {}, manifestFor);
    const nodes = { ...known };
    for (const n of missing) if (positions[n.id]) nodes[n.id] = positions[n.id]!;
    return { flow: { ...flow, layout: { ...(flow.layout ?? {}), nodes } }, changed: true };
  } catch {
    // The canvas falls back to a diagonal; the flow itself is fine.
    return { flow, changed: false };
  }
}

export interface FileActionsOptions {
  /** Asks the user to confirm discarding unsaved changes; window.confirm in the app. */
  confirm: (text: string) => boolean;
  /** Called when export was refused, so the shell can reveal the problems panel. */
  onExportRefused?: () => void;
  /**
   * The renderer's own open dialog, for hosts without a native one (the browser designer
   * offers `listFlows`). Resolves with the chosen path, or null when cancelled.
   */
  pickFlow?: (flows: ListedFlow[]) => Promise<string | null>;
  /** The renderer's own Save As dialog for such hosts: a file name, or null when cancelled. */
  askFileName?: (suggested: string) => Promise<string | null>;
}

export function createFileActions(store: DesignerStore, options: FileActionsOptions) {
  const s = () => store.getState();

  function noHost(): boolean {
    if (host()) return false;
    s().setStatus({ kind: 'error', say: (w) => w.t('status.noHost') });
    return true;
  }

  function mayDiscard(): boolean {
    if (!s().dirty) return true;
    return options.confirm(s().t('confirm.discard', { name: s().flow.name }));
  }

  function fitSoon(): void {
    // After React has drawn the new nodes.
    setTimeout(() => canvasBridge.fit(), 60);
  }

  /**
   * Validates text in the host and loads it; leaves the current flow alone when it is not a
   * flow. `restored`: the text is what this tab showed before a reload (unsaved edits stay
   * unsaved, and the status says it was reopened).
   */
  async function loadText(text: string, path: string | undefined, restored?: { dirty: boolean }): Promise<boolean> {
    const h = host();
    if (!h) return false;
    const result = await h.validateFlow(text);
    if (!isLoadableFlow(result.flow)) {
      const details = issueLines(
        result.issues.filter((i) => i.severity === 'error'),
        s().locale,
      );
      const shown = path ?? s().flow.name;
      s().setStatus({
        kind: 'error',
        say: (w) => w.t('status.notAFlow', { path: shown }),
        details: details.length ? details : issueLines(result.issues, s().locale),
      });
      return false;
    }
    const ready = canvasReady(result.flow);
    const placed = await placeUnpositioned(ready.flow);
    const migrated = result.migrated.length > 0;
    s().load(placed.flow, path, { dirty: (restored?.dirty ?? false) || migrated || ready.changed || placed.changed });
    s().setIssues(result.issues);
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    const shown = path ?? placed.flow.name;
    if (restored) {
      s().setStatus({ kind: 'info', say: (w) => w.t('status.reopened', { name: shown }) });
    } else if (migrated) {
      s().setStatus({ kind: 'info', say: (w) => w.t('status.migrated', { path: shown }), details: result.migrated });
    } else if (errors) {
      s().setStatus(flowErrorsStatus('status.openedWithIssues', result.issues, s(), { path: shown }, false));
    } else {
      s().setStatus({ kind: 'success', say: (w) => w.t('status.opened', { path: shown }) });
    }
    fitSoon();
    return true;
  }

  return {
    newFlow(): void {
      if (!mayDiscard()) return;
      s().newFlow();
      s().setStatus({ kind: 'info', say: (w) => w.t('status.newFlow') });
    },

    async open(): Promise<void> {
      if (noHost() || !mayDiscard()) return;
      try {
        const h = host()!;
        if (h.listFlows && options.pickFlow) {
          const path = await options.pickFlow(await h.listFlows());
          if (path) await loadText((await h.readFlow(path)).text, path);
          return;
        }
        const opened = await h.openFlow();
        if (opened) await loadText(opened.text, opened.path);
      } catch (err) {
        s().setStatus({ kind: 'error', say: (w) => w.t('status.openFailed', { message: message(err, w) }) });
      }
    },

    /**
     * At start, what this tab showed before a reload, else (browser designer) the file last
     * opened or saved. A file that is gone since is not an error worth a message: the
     * designer starts empty, as a first start does.
     */
    async reopen(session: SavedSession | undefined, last: string | undefined): Promise<void> {
      const h = host();
      if (!h) return;
      try {
        if (session) await loadText(session.text, session.path, { dirty: session.dirty });
        else if (last) await loadText((await h.readFlow(last)).text, last);
      } catch {
        // Nothing to reopen.
      }
    },

    /** Opens a known path (Open Recent; `force` for the file a window was opened for). */
    async openPath(path: string, force = false): Promise<void> {
      if (noHost() || (!force && !mayDiscard())) return;
      try {
        const opened = await host()!.readFlow(path);
        await loadText(opened.text, opened.path);
      } catch (err) {
        s().setStatus({ kind: 'error', say: (w) => w.t('status.openFailed', { message: message(err, w) }) });
      }
    },

    async save(asNew = false): Promise<boolean> {
      if (noHost()) return false;
      const flow = s().flow;
      try {
        const h = host()!;
        let path = asNew ? undefined : s().filePath;
        // Without a native dialog, the renderer asks for the name itself.
        if (path === undefined && h.listFlows && options.askFileName) {
          const current = s().filePath?.split(/[\\/]/).pop();
          const name = await options.askFileName(current ?? suggestedFileName(flow.name));
          if (!name) return false;
          const file = /\.flow\.json$/i.test(name) ? name : `${name.replace(/\.json$/i, '')}.flow.json`;
          // A bare name lands next to the current file, as a desktop dialog would start there.
          const dir = s().filePath?.match(/^(.*[\\/])[^\\/]*$/)?.[1] ?? '';
          path = /[\\/]/.test(file) ? file : `${dir}${file}`;
        }
        const saved = await h.saveFlow(flowToText(flow), path);
        if (!saved) return false;
        // Edits made while the save was in flight stay dirty.
        if (s().flow === flow) s().markSaved(saved.path);
        else store.setState({ filePath: saved.path, idFollowsName: false });
        s().setStatus({ kind: 'success', say: (w) => w.t('status.saved', { path: saved.path }) });
        return true;
      } catch (err) {
        s().setStatus({ kind: 'error', say: (w) => w.t('status.saveFailed', { message: message(err, w) }) });
        return false;
      }
    },

    /** Refuses while errors remain (listing them), else asks the host to write a runnable copy. */
    async exportFlow(): Promise<void> {
      if (noHost()) return;
      const h = host()!;
      const flow = s().flow;
      const text = flowToText(flow);
      const refuse = (issues: FlowIssue[]) => {
        const errors = issues.filter((i) => i.severity === 'error');
        if (s().flow === flow) s().setIssues(issues);
        // Kept up to date as the admin fixes the errors; it goes with the last one.
        s().setStatus(flowErrorsStatus('status.exportRefused', errors, s()));
        options.onExportRefused?.();
      };
      try {
        // Validate the exact text being exported: the live result may be a moment old.
        const checked = await h.validateFlow(text);
        if (checked.issues.some((i) => i.severity === 'error')) return refuse(checked.issues);
        const result = await h.exportFlow(text, suggestedFileName(flow.name));
        if (!result) return;
        if ('issues' in result) return refuse(result.issues);
        // Servers now know the flow by this id: later renames keep it.
        s().pinFlowId();
        s().setStatus({ kind: 'success', say: (w) => w.t('status.exported', { path: result.path }) });
      } catch (err) {
        s().setStatus({ kind: 'error', say: (w) => w.t('status.exportFailed', { message: message(err, w) }) });
      }
    },

    loadText,
  };
}
