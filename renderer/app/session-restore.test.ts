import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import type { HostApi } from '../../core/host-api.js';
import type { NodeTypeManifest } from '../../core/node-type.js';
import { createDesignerStore, type DesignerStore } from '../state/flow-store.js';
import { createFileActions } from './file-actions.js';
import { lastFile, rememberSession, savedSession } from './session-restore.js';

vi.mock('../../nodes/registry.js', () => ({ manifestFor: () => undefined, NODE_MANIFESTS: [] }));
vi.mock('../../nodes/registry.editor.js', () => ({ editorFor: () => undefined, NODE_EDITORS: [] }));

const code: NodeTypeManifest = {
  type: 'code',
  version: 1,
  category: 'logic',
  title: 'Code',
  configSchema: {},
  defaults: { source: '' },
  ports: ['success', 'error'],
  credentialSlots: [],
};

const flowOf = (name: string): FlowFile => ({
  $schema: 'https://flowdesk.dev/schema/flow-v1.json',
  schemaVersion: 1,
  id: name,
  name,
  nodes: [{ id: 'a', type: 'code', version: 1, name: 'a', config: {} }],
  edges: [],
  layout: { nodes: { a: { x: 1, y: 2 } } },
});

/** A Web Storage in memory (Node has none). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const newStore = (flow: FlowFile) =>
  createDesignerStore({ manifestFor: (t) => (t === 'code' ? code : undefined), locale: 'en', flow });

let store: DesignerStore;
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('sessionStorage', memoryStorage());
  vi.stubGlobal('localStorage', memoryStorage());
  store = newStore(flowOf('before the reload'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete (globalThis as { host?: HostApi }).host;
});

describe('the flow shown before a reload', () => {
  it('is kept as it changes, unsaved edits and file included', () => {
    const stop = rememberSession(store);
    expect(savedSession()).toBeUndefined();
    store.getState().markSaved('flows/survey.flow.json');
    store.getState().setFlowMeta({ name: 'edited, not saved' });
    vi.runAllTimers();
    const session = savedSession()!;
    expect(session.path).toBe('flows/survey.flow.json');
    expect(session.dirty).toBe(true);
    expect((JSON.parse(session.text) as FlowFile).name).toBe('edited, not saved');
    expect(lastFile()).toBe('flows/survey.flow.json');
    stop();
  });

  it('comes back after the reload: same flow, same file, still unsaved', async () => {
    const stop = rememberSession(store);
    store.getState().markSaved('flows/survey.flow.json');
    store.getState().setFlowMeta({ name: 'edited, not saved' });
    vi.runAllTimers();
    stop();

    // The reload: a new store, and the host validates the kept text as it would any file.
    const reloaded = newStore(flowOf('Untitled'));
    (globalThis as { host?: Partial<HostApi> }).host = {
      validateFlow: async (text) => ({ issues: [], migrated: [], flow: JSON.parse(text) as FlowFile }),
    };
    await createFileActions(reloaded, { confirm: () => true }).reopen(savedSession(), lastFile());
    const state = reloaded.getState();
    expect(state.flow.name).toBe('edited, not saved');
    expect(state.filePath).toBe('flows/survey.flow.json');
    expect(state.dirty).toBe(true);
    expect(state.status?.text).toContain('Reopened');
  });

  it('in a new tab, the last file is read again from the host; a file gone since leaves the canvas empty', async () => {
    const reads: string[] = [];
    const text = JSON.stringify(flowOf('on disk'));
    (globalThis as { host?: Partial<HostApi> }).host = {
      validateFlow: async (t) => ({ issues: [], migrated: [], flow: JSON.parse(t) as FlowFile }),
      readFlow: async (path) => {
        reads.push(path);
        if (path === 'gone.flow.json') throw new Error('The file gone.flow.json does not exist.');
        return { path, text };
      },
    };
    const fresh = newStore(flowOf('Untitled'));
    await createFileActions(fresh, { confirm: () => true }).reopen(undefined, 'flows/survey.flow.json');
    expect(fresh.getState().flow.name).toBe('on disk');
    expect(fresh.getState().dirty).toBe(false);

    const empty = newStore(flowOf('Untitled'));
    await createFileActions(empty, { confirm: () => true }).reopen(undefined, 'gone.flow.json');
    expect(empty.getState().flow.name).toBe('Untitled');
    expect(empty.getState().status).toBeUndefined();
    expect(reads).toEqual(['flows/survey.flow.json', 'gone.flow.json']);
  });
});
