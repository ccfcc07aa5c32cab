import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import type { HostApi, ValidationResult } from '../../core/host-api.js';
import type { NodeTypeManifest } from '../../core/node-type.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { createDesignerStore, type DesignerStore } from '../state/flow-store.js';
import { createFileActions, suggestedFileName } from './file-actions.js';

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

const urlError: FlowIssue = {
  severity: 'error',
  code: 'schema',
  message: "Web Service 'x': URL is required",
  pointer: '/nodes/0/config/url',
  nodeId: 'a',
  field: '/url',
};

/** A host at the HostApi boundary whose answers each test sets; records what it was asked. */
function makeHost(validate: (text: string) => ValidationResult) {
  const calls: { method: string; args: unknown[] }[] = [];
  const host: Partial<HostApi> = {
    validateFlow: async (text) => (calls.push({ method: 'validateFlow', args: [text] }), validate(text)),
    openFlow: async () => ({ path: '/flows/x.flow.json', text: '{}' }),
    readFlow: async (path) => ({ path, text: '{}' }),
    saveFlow: async (text, path) => (
      calls.push({ method: 'saveFlow', args: [text, path] }),
      { path: path ?? '/flows/new.flow.json' }
    ),
    exportFlow: async (text, name) => (
      calls.push({ method: 'exportFlow', args: [text, name] }),
      { path: `/export/${name}` }
    ),
  };
  return { host: host as HostApi, calls };
}

let store: DesignerStore;
beforeEach(() => {
  store = createDesignerStore({
    manifestFor: (t) => (t === 'code' ? code : undefined),
    locale: 'en',
    flow: flowOf('current'),
  });
});
afterEach(() => {
  delete (globalThis as { host?: HostApi }).host;
});

describe('file actions', () => {
  it('suggests a kebab-case export name', () => {
    expect(suggestedFileName('Qualtrics × Genesys survey')).toBe('qualtrics-genesys-survey.flow.json');
    expect(suggestedFileName('Café résumé')).toBe('cafe-resume.flow.json');
    // Japanese names stay Japanese (voiced kana stay whole); only punctuation becomes a dash.
    expect(suggestedFileName('アンケート連携：ザンデスク')).toBe('アンケート連携-ザンデスク.flow.json');
    expect(suggestedFileName('「」・')).toBe('flow.flow.json');
    expect(suggestedFileName('a/b\\c:d*e?f')).toBe('a-b-c-d-e-f.flow.json');
  });

  it('does not replace the current flow with a file that is not a flow, and says why', async () => {
    const { host } = makeHost(() => ({
      issues: [{ severity: 'error', code: 'json', message: 'line 1: unexpected end', pointer: '' }],
      migrated: [],
    }));
    (globalThis as { host?: HostApi }).host = host;
    await createFileActions(store, { confirm: () => true }).open();
    expect(store.getState().flow.name).toBe('current');
    expect(store.getState().status?.kind).toBe('error');
    expect(store.getState().status?.text).toMatch(/is not a flow/);
    expect(store.getState().status?.details).toEqual(['line 1: unexpected end']);

    // JSON that parses but has no nodes/edges is not a flow either.
    const other = makeHost(() => ({ issues: [], migrated: [], flow: { hello: 1 } as unknown as FlowFile }));
    (globalThis as { host?: HostApi }).host = other.host;
    await createFileActions(store, { confirm: () => true }).open();
    expect(store.getState().flow.name).toBe('current');
  });

  it('loads a migrated flow as unsaved and shows the migration notes', async () => {
    const { host } = makeHost(() => ({
      issues: [],
      migrated: ["Code 'a' upgraded from v0 to v1"],
      flow: flowOf('opened'),
    }));
    (globalThis as { host?: HostApi }).host = host;
    await createFileActions(store, { confirm: () => true }).open();
    expect(store.getState().flow.name).toBe('opened');
    expect(store.getState().filePath).toBe('/flows/x.flow.json');
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().status?.details).toEqual(["Code 'a' upgraded from v0 to v1"]);
  });

  it('lays out the nodes of a hand-made file that has no positions', async () => {
    const bare = { ...flowOf('bare') } as Partial<FlowFile>;
    delete bare.layout;
    const { host } = makeHost(() => ({ issues: [], migrated: [], flow: bare as FlowFile }));
    (globalThis as { host?: HostApi }).host = host;
    await createFileActions(store, { confirm: () => true }).open();
    expect(Object.keys(store.getState().flow.layout!.nodes)).toEqual(['a']);
    expect(store.getState().dirty).toBe(true);
  });

  it('asks before discarding unsaved changes', async () => {
    const { host } = makeHost(() => ({ issues: [], migrated: [], flow: flowOf('opened') }));
    (globalThis as { host?: HostApi }).host = host;
    store.getState().moveNodes({ a: { x: 50, y: 50 } });
    const asked: string[] = [];
    await createFileActions(store, { confirm: (text) => (asked.push(text), false) }).open();
    expect(asked).toEqual(['Discard the unsaved changes to “current”?']);
    expect(store.getState().flow.name).toBe('current');
    createFileActions(store, { confirm: () => false }).newFlow();
    expect(store.getState().flow.name).toBe('current');
  });

  it('saves canonical text and marks the flow saved; Save As asks for a path', async () => {
    const { host, calls } = makeHost(() => ({ issues: [], migrated: [] }));
    (globalThis as { host?: HostApi }).host = host;
    store.getState().moveNodes({ a: { x: 50, y: 50 } });
    const files = createFileActions(store, { confirm: () => true });
    expect(await files.save()).toBe(true);
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().filePath).toBe('/flows/new.flow.json');
    const [text, path] = calls.find((c) => c.method === 'saveFlow')!.args as [string, string | undefined];
    expect(path).toBeUndefined();
    expect(text.endsWith('\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      '$schema',
      'schemaVersion',
      'id',
      'name',
      'nodes',
      'edges',
      'layout',
    ]);
    await files.save();
    expect(calls.filter((c) => c.method === 'saveFlow')[1]!.args[1]).toBe('/flows/new.flow.json');
    await files.save(true);
    expect(calls.filter((c) => c.method === 'saveFlow')[2]!.args[1]).toBeUndefined();
  });

  it('refuses to export while errors remain, listing them, and exports once they are fixed', async () => {
    let issues: FlowIssue[] = [urlError, { ...urlError, severity: 'warning', message: 'just a warning' }];
    const { host, calls } = makeHost(() => ({ issues, migrated: [] }));
    (globalThis as { host?: HostApi }).host = host;
    let shown = 0;
    const files = createFileActions(store, { confirm: () => true, onExportRefused: () => shown++ });
    await files.exportFlow();
    expect(calls.some((c) => c.method === 'exportFlow')).toBe(false);
    expect(store.getState().status?.text).toBe('Export refused: fix the 1 error listed under Problems first.');
    expect(store.getState().status?.details).toEqual(["Web Service 'x': URL is required"]);
    expect(store.getState().issues).toHaveLength(2);
    expect(shown).toBe(1);

    issues = [];
    await files.exportFlow();
    expect(calls.find((c) => c.method === 'exportFlow')!.args[1]).toBe('current.flow.json');
    expect(store.getState().status).toMatchObject({ kind: 'success', text: 'Exported to /export/current.flow.json.' });
  });

  it("a successful export pins a new flow's id: later renames keep it; a refused one does not", async () => {
    let issues: FlowIssue[] = [urlError];
    const { host } = makeHost(() => ({ issues, migrated: [] }));
    (globalThis as { host?: HostApi }).host = host;
    const files = createFileActions(store, { confirm: () => true });
    store.getState().newFlow();
    await files.exportFlow();
    expect(store.getState().idFollowsName).toBe(true);
    issues = [];
    store.getState().setFlowMeta({ name: 'Survey follow-up' });
    await files.exportFlow();
    expect(store.getState().idFollowsName).toBe(false);
    store.getState().setFlowMeta({ name: 'Renamed later' });
    expect(store.getState().flow.id).toBe('survey-follow-up');
  });

  it('uses its own dialogs where the host has no native one (browser designer)', async () => {
    const { host, calls } = makeHost(() => ({ issues: [], migrated: [], flow: flowOf('picked') }));
    const read: string[] = [];
    const listed = [{ path: 'flows/a.flow.json' }, { path: 'export/a.flow.json', exported: true }];
    host.listFlows = async () => listed;
    host.readFlow = async (path) => (read.push(path), { path, text: '{}' });
    (globalThis as { host?: HostApi }).host = host;
    const offered: unknown[] = [];
    const asked: string[] = [];
    const files = createFileActions(store, {
      confirm: () => true,
      pickFlow: async (flows) => (offered.push(flows), 'flows/b.flow.json'),
      askFileName: async (suggested) => (asked.push(suggested), 'copy'),
    });
    await files.open();
    expect(offered).toEqual([listed]);
    expect(read).toEqual(['flows/b.flow.json']);
    expect(store.getState().filePath).toBe('flows/b.flow.json');
    expect(store.getState().flow.name).toBe('picked');
    // Save As asks for a name (suggesting the current file's) and saves next to the current file.
    await files.save(true);
    expect(asked).toEqual(['b.flow.json']);
    expect(calls.filter((c) => c.method === 'saveFlow').map((c) => c.args[1])).toEqual(['flows/copy.flow.json']);
    expect(store.getState().filePath).toBe('flows/copy.flow.json');
    // A plain save of a file that has a path asks nothing.
    await files.save();
    expect(asked).toHaveLength(1);
    // Cancelling the dialog saves nothing.
    const cancelled = createFileActions(store, { confirm: () => true, askFileName: async () => null });
    expect(await cancelled.save(true)).toBe(false);
    expect(calls.filter((c) => c.method === 'saveFlow')).toHaveLength(2);
  });

  it('says plainly when there is no host', async () => {
    await createFileActions(store, { confirm: () => true }).save();
    expect(store.getState().status?.text).toMatch(/not connected to its host/);
  });
});
