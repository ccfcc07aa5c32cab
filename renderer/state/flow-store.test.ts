import { describe, expect, it, vi } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import type { NodeTypeManifest } from '../../core/node-type.js';
import {
  createDesignerStore,
  HISTORY_LIMIT,
  COALESCE_MS,
  type DesignerState,
  type DesignerStore,
  refusalText,
} from './flow-store.js';
import { translate } from '../i18n/translate.js';
import { flowErrorsStatus } from './status-topics.js';
import { camelName, edgeKey, renameInString, uniqueName } from './flow-ops.js';

// The store's tests inject their own manifests; the real registry is not needed to load it.
vi.mock('../../nodes/registry.js', () => ({ manifestFor: () => undefined, NODE_MANIFESTS: [] }));

// Small manifests with the real port vocabulary, so these tests exercise the store alone.
const manifests: Record<string, NodeTypeManifest> = {
  webhookTrigger: {
    type: 'webhookTrigger',
    version: 1,
    category: 'trigger',
    title: 'Webhook trigger',
    triggerKind: 'webhook',
    configSchema: {},
    defaults: { auth: { type: 'none' }, fields: [] },
    ports: ['out'],
    credentialSlots: [],
  },
  webService: {
    type: 'webService',
    version: 1,
    category: 'integration',
    title: 'Web Service',
    configSchema: {},
    defaults: { method: 'GET', url: '', headers: [] },
    ports: ['success', 'error'],
    errorPort: 'error',
    credentialSlots: [],
  },
  condition: {
    type: 'condition',
    version: 1,
    category: 'logic',
    title: 'Condition',
    configSchema: {},
    defaults: { mode: 'rules', rules: [] },
    ports: ['true', 'false'],
    credentialSlots: [],
  },
  code: {
    type: 'code',
    version: 1,
    category: 'logic',
    title: 'Code',
    configSchema: {},
    defaults: { source: 'return {};' },
    ports: ['success', 'error'],
    credentialSlots: [],
  },
};

function makeStore(clock?: { t: number }): DesignerStore {
  return createDesignerStore({
    manifestFor: (t) => manifests[t],
    locale: 'en',
    now: clock ? () => clock.t : undefined,
  });
}

const s = (store: DesignerStore) => store.getState();

function nodeByName(store: DesignerStore, name: string) {
  const n = s(store).flow.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name}`);
  return n;
}

describe('flow-ops helpers', () => {
  it('derives camelCase names from titles and makes them unique', () => {
    expect(camelName('Web Service')).toBe('webService');
    expect(camelName('Webhook trigger')).toBe('webhookTrigger');
    expect(camelName('Condition')).toBe('condition');
    expect(uniqueName('webService', new Set(['webService']))).toBe('webService2');
    expect(uniqueName('webService', new Set(['webService', 'webService2']))).toBe('webService3');
    expect(uniqueName('webService2', new Set(['webService2']))).toBe('webService3');
  });

  it('rewrites only whole step references', () => {
    expect(renameInString('{{ steps.getDetails.body.id }}', 'getDetails', 'details')).toBe(
      '{{ steps.details.body.id }}',
    );
    expect(renameInString('{{ steps.getDetails2.body }}', 'getDetails', 'details')).toBe(
      '{{ steps.getDetails2.body }}',
    );
    expect(renameInString('{{ mysteps.getDetails }}', 'getDetails', 'details')).toBe('{{ mysteps.getDetails }}');
    expect(renameInString('steps.`getDetails`.x', 'getDetails', 'd')).toBe('steps.`d`.x');
    expect(renameInString('return steps["getDetails"].x + steps[\'getDetails\'].y', 'getDetails', 'd')).toBe(
      'return steps["d"].x + steps[\'d\'].y',
    );
  });
});

describe('designer store', () => {
  it('adds nodes with unique camelCase names, default config and a layout position', () => {
    const store = makeStore();
    const a = s(store).addNode('webService', { x: 10.4, y: 20 })!;
    const b = s(store).addNode('webService', { x: 300, y: 20 })!;
    expect(nodeByName(store, 'webService').id).toBe(a);
    expect(nodeByName(store, 'webService2').id).toBe(b);
    expect(nodeByName(store, 'webService').config).toEqual({ method: 'GET', url: '', headers: [] });
    expect(nodeByName(store, 'webService').config).not.toBe(manifests.webService!.defaults);
    expect(s(store).flow.layout?.nodes[a]).toEqual({ x: 10, y: 20 });
    expect(s(store).selection).toEqual([b]);
    expect(s(store).dirty).toBe(true);
  });

  it('refuses a second trigger and an unknown type with a status', () => {
    const store = makeStore();
    expect(s(store).addNode('webhookTrigger', { x: 0, y: 0 })).toBeTypeOf('string');
    expect(s(store).addNode('webhookTrigger', { x: 0, y: 0 })).toBeUndefined();
    expect(s(store).status?.text).toMatch(/already has a trigger \(webhookTrigger\)/);
    expect(s(store).addNode('nope', { x: 0, y: 0 })).toBeUndefined();
    expect(s(store).flow.nodes).toHaveLength(1);
  });

  it('connects ports and refuses bad wiring with a reason', () => {
    const store = makeStore();
    const trig = s(store).addNode('webhookTrigger', { x: 0, y: 0 })!;
    const cond = s(store).addNode('condition', { x: 200, y: 0 })!;
    const ws = s(store).addNode('webService', { x: 400, y: 0 })!;
    expect(s(store).connect(trig, 'out', cond)).toEqual({ ok: true });
    expect(s(store).connect(cond, 'true', ws)).toEqual({ ok: true });

    const refused = (r: ReturnType<ReturnType<DesignerStore['getState']>['connect']>) => (r.ok ? '' : r.reason);
    expect(refused(s(store).connect(ws, 'success', ws))).toMatch(/itself/);
    expect(refused(s(store).connect(ws, 'success', trig))).toMatch(/trigger/);
    expect(refused(s(store).connect(cond, 'maybe', ws))).toMatch(/no port “maybe” \(its ports: true, false\)/);
    expect(refused(s(store).connect(ws, 'success', cond))).toMatch(/loop/);
    expect(refused(s(store).connect(cond, 'true', ws))).toMatch(/already connected/);
    expect(s(store).flow.edges).toEqual([
      { from: trig, port: 'out', to: cond },
      { from: cond, port: 'true', to: ws },
    ]);
    // The other port of the same node may lead to the same target.
    expect(s(store).connect(cond, 'false', ws)).toEqual({ ok: true });
  });

  it('undoes and redoes every edit, and dirty follows the saved snapshot', () => {
    const store = makeStore();
    const a = s(store).addNode('webService', { x: 0, y: 0 })!;
    s(store).markSaved('/tmp/a.flow.json');
    expect(s(store).dirty).toBe(false);
    s(store).moveNodes({ [a]: { x: 50, y: 60 } });
    expect(s(store).dirty).toBe(true);
    s(store).undo();
    expect(s(store).flow.layout?.nodes[a]).toEqual({ x: 0, y: 0 });
    expect(s(store).dirty).toBe(false);
    expect(s(store).canRedo).toBe(true);
    s(store).redo();
    expect(s(store).flow.layout?.nodes[a]).toEqual({ x: 50, y: 60 });
    s(store).undo();
    s(store).undo();
    expect(s(store).flow.nodes).toHaveLength(0);
    expect(s(store).selection).toEqual([]);
    expect(s(store).canUndo).toBe(false);
    s(store).undo(); // nothing left: a no-op
    expect(s(store).flow.nodes).toHaveLength(0);
  });

  it('a new edit clears the redo stack; a no-op move adds no step', () => {
    const store = makeStore();
    const a = s(store).addNode('webService', { x: 0, y: 0 })!;
    s(store).moveNodes({ [a]: { x: 0, y: 0 } });
    s(store).undo();
    expect(s(store).flow.nodes).toHaveLength(0);
    s(store).redo();
    s(store).addNode('code', { x: 0, y: 0 });
    s(store).undo();
    s(store).addNode('condition', { x: 0, y: 0 });
    expect(s(store).canRedo).toBe(false);
  });

  it('coalesces a typing burst on one node into one undo step', () => {
    const clock = { t: 1000 };
    const store = makeStore(clock);
    const a = s(store).addNode('webService', { x: 0, y: 0 })!;
    const base = nodeByName(store, 'webService').config;
    for (const url of ['h', 'ht', 'htt', 'http']) {
      clock.t += 50;
      s(store).updateNodeConfig(a, { ...base, url });
    }
    expect(nodeByName(store, 'webService').config.url).toBe('http');
    s(store).undo();
    expect(nodeByName(store, 'webService').config.url).toBe('');

    s(store).redo();
    clock.t += COALESCE_MS + 1; // a pause ends the burst
    s(store).updateNodeConfig(a, { ...base, url: 'https://x' });
    s(store).undo();
    expect(nodeByName(store, 'webService').config.url).toBe('http');

    // Another action in between ends the burst too.
    s(store).updateNodeConfig(a, { ...base, url: 'a' });
    s(store).moveNodes({ [a]: { x: 5, y: 5 } });
    s(store).updateNodeConfig(a, { ...base, url: 'ab' });
    s(store).undo();
    expect(nodeByName(store, 'webService').config.url).toBe('a');
  });

  it('keeps at most HISTORY_LIMIT undo steps', () => {
    const store = makeStore();
    const a = s(store).addNode('webService', { x: 0, y: 0 })!;
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) s(store).moveNodes({ [a]: { x: i, y: 0 } });
    let steps = 0;
    while (s(store).canUndo) {
      s(store).undo();
      steps++;
    }
    expect(steps).toBe(HISTORY_LIMIT);
    expect(s(store).flow.layout?.nodes[a]).toEqual({ x: 20, y: 0 });
  });

  it('snapshots share unchanged parts', () => {
    const store = makeStore();
    s(store).addNode('webService', { x: 0, y: 0 });
    const b = s(store).addNode('code', { x: 0, y: 0 })!;
    const before = s(store).flow;
    s(store).updateNodeConfig(b, { source: 'return 1;' });
    const after = s(store).flow;
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.nodes[1]).not.toBe(before.nodes[1]);
    expect(after.edges).toBe(before.edges);
  });

  it('sets the flow parameters in file order as one undo step, and drops the key when none are left', () => {
    const store = makeStore();
    s(store).setParams({ region: { type: 'string', default: 'mypurecloud.com' } });
    const keys = Object.keys(s(store).flow);
    expect(keys.indexOf('params')).toBeLessThan(keys.indexOf('nodes'));
    s(store).sealHistory();
    s(store).setParams({});
    expect('params' in s(store).flow).toBe(false);
    s(store).undo();
    expect(s(store).flow.params).toEqual({ region: { type: 'string', default: 'mypurecloud.com' } });
  });

  it('renames a node and every reference to it, in configs and tests', () => {
    const store = makeStore();
    const ws = s(store).addNode('webService', { x: 0, y: 0 })!;
    const code = s(store).addNode('code', { x: 0, y: 0 })!;
    s(store).updateNodeConfig(ws, { method: 'GET', url: 'https://x/{{ steps.webService.body.id }}', headers: [] });
    s(store).updateNodeConfig(code, { source: 'return steps.webService.body.agent + steps["webService"].status;' });
    s(store).setTests([
      {
        name: 'happy',
        trigger: { body: {} },
        responses: { webService: [{ status: 200, body: {} }] },
        expect: {
          path: ['webService', 'code'],
          steps: { webService: { status: 200 } },
          requests: [{ node: 'webService' }],
        },
      },
    ]);
    expect(s(store).renameNode(ws, 'getDetails')).toEqual({ ok: true });
    expect(nodeByName(store, 'getDetails').config.url).toBe('https://x/{{ steps.getDetails.body.id }}');
    expect(nodeByName(store, 'code').config.source).toBe(
      'return steps.getDetails.body.agent + steps["getDetails"].status;',
    );
    const test = s(store).flow.tests![0]!;
    expect(Object.keys(test.responses!)).toEqual(['getDetails']);
    expect(test.expect).toEqual({
      path: ['getDetails', 'code'],
      steps: { getDetails: { status: 200 } },
      requests: [{ node: 'getDetails' }],
    });
    // One undo step restores everything.
    s(store).undo();
    expect(nodeByName(store, 'webService').config.url).toBe('https://x/{{ steps.webService.body.id }}');
    expect(Object.keys(s(store).flow.tests![0]!.responses!)).toEqual(['webService']);
  });

  it('refuses invalid or taken names', () => {
    const store = makeStore();
    const a = s(store).addNode('webService', { x: 0, y: 0 })!;
    s(store).addNode('code', { x: 0, y: 0 });
    const reason = (r: { ok: boolean; reason?: string }) => r.reason ?? '';
    expect(reason(s(store).renameNode(a, 'code'))).toMatch(/already called “code”/);
    expect(reason(s(store).renameNode(a, '1abc'))).toMatch(/cannot be used/);
    expect(reason(s(store).renameNode(a, 'get details'))).toMatch(/cannot be used/);
    expect(reason(s(store).renameNode(a, ''))).toMatch(/required/);
    expect(nodeByName(store, 'webService').id).toBe(a);
  });

  it('words refusals in Japanese when the locale is ja', () => {
    const store = createDesignerStore({ manifestFor: (t) => manifests[t], locale: 'ja' });
    const a = s(store).addNode('webService', { x: 0, y: 0 })!;
    const r = s(store).connect(a, 'success', a);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toBe('ノードを自分自身にはつなげません。');
  });

  it('copies and pastes nodes with their internal edges, new ids, unique names and offset positions', () => {
    const store = makeStore();
    const trig = s(store).addNode('webhookTrigger', { x: 0, y: 0 })!;
    const ws = s(store).addNode('webService', { x: 100, y: 100 })!;
    const code = s(store).addNode('code', { x: 300, y: 100 })!;
    s(store).connect(trig, 'out', ws);
    s(store).connect(ws, 'success', code);
    s(store).updateNodeConfig(code, { source: 'return steps.webService.body;' });
    s(store).select([trig, ws, code]);
    s(store).copy();
    s(store).paste();
    const flow = s(store).flow;
    // The trigger is not pasted (a flow has one); the other two are, with the edge between them.
    expect(flow.nodes.map((n) => n.name)).toEqual(['webhookTrigger', 'webService', 'code', 'webService2', 'code2']);
    const ws2 = nodeByName(store, 'webService2');
    const code2 = nodeByName(store, 'code2');
    expect(new Set(flow.nodes.map((n) => n.id)).size).toBe(5);
    expect(flow.edges).toContainEqual({ from: ws2.id, port: 'success', to: code2.id });
    expect(flow.edges).toHaveLength(3);
    expect(flow.layout?.nodes[ws2.id]).toEqual({ x: 140, y: 140 });
    // A pasted reference follows the pasted node's new name.
    expect(code2.config.source).toBe('return steps.webService2.body;');
    expect(s(store).selection).toEqual([ws2.id, code2.id]);
    // Pasting again lands further away.
    s(store).paste();
    expect(s(store).flow.layout?.nodes[nodeByName(store, 'webService3').id]).toEqual({ x: 180, y: 180 });
    // The clipboard is a copy: editing the original does not change what is pasted next.
    s(store).updateNodeConfig(ws, { method: 'DELETE', url: '', headers: [] });
    s(store).paste();
    expect(nodeByName(store, 'webService4').config.method).toBe('GET');
  });

  it('duplicates the selection in one undo step', () => {
    const store = makeStore();
    const a = s(store).addNode('condition', { x: 10, y: 10 })!;
    s(store).select([a]);
    s(store).duplicate();
    expect(s(store).flow.nodes.map((n) => n.name)).toEqual(['condition', 'condition2']);
    s(store).undo();
    expect(s(store).flow.nodes.map((n) => n.name)).toEqual(['condition']);
  });

  it('removes the selection with its edges and layout, and prunes selection on undo/redo', () => {
    const store = makeStore();
    const trig = s(store).addNode('webhookTrigger', { x: 0, y: 0 })!;
    const ws = s(store).addNode('webService', { x: 0, y: 0 })!;
    const code = s(store).addNode('code', { x: 0, y: 0 })!;
    s(store).connect(trig, 'out', ws);
    s(store).connect(ws, 'success', code);
    s(store).select([ws]);
    s(store).removeSelection();
    expect(s(store).flow.nodes.map((n) => n.id)).toEqual([trig, code]);
    expect(s(store).flow.edges).toEqual([]);
    expect(s(store).flow.layout?.nodes[ws]).toBeUndefined();
    expect(s(store).selection).toEqual([]);
    s(store).undo();
    expect(s(store).flow.edges).toHaveLength(2);
    // Removing just an edge by key.
    s(store).select([], [edgeKey({ from: trig, port: 'out', to: ws })]);
    s(store).removeSelection();
    expect(s(store).flow.edges).toEqual([{ from: ws, port: 'success', to: code }]);
  });

  it('sets credentials, declarations, meta and tests in canonical key order', () => {
    const store = makeStore();
    const ws = s(store).addNode('webService', { x: 0, y: 0 })!;
    s(store).declareCredential('genesys-prod', { kind: 'oauth2' });
    s(store).setNodeCredential(ws, 'auth', 'genesys-prod');
    s(store).setFlowMeta({ name: 'Survey', description: 'Qualtrics ↔ Genesys' });
    const flow = s(store).flow;
    expect(Object.keys(flow)).toEqual([
      '$schema',
      'schemaVersion',
      'id',
      'name',
      'description',
      'credentials',
      'nodes',
      'edges',
      'tests',
      'layout',
    ]);
    expect(flow.nodes[0]!.credentials).toEqual({ auth: 'genesys-prod' });
    s(store).setNodeCredential(ws, 'auth', undefined);
    expect('credentials' in s(store).flow.nodes[0]!).toBe(false);
    s(store).declareCredential('genesys-prod', undefined);
    expect('credentials' in s(store).flow).toBe(false);
    s(store).setNodeDescription(ws, 'Gets the details');
    expect(Object.keys(s(store).flow.nodes[0]!)).toEqual(['id', 'type', 'version', 'name', 'description', 'config']);
  });

  it('load resets history, selection and dirty; selectAll selects nodes and edges', () => {
    const store = makeStore();
    const a = s(store).addNode('webhookTrigger', { x: 0, y: 0 })!;
    const b = s(store).addNode('code', { x: 0, y: 0 })!;
    s(store).connect(a, 'out', b);
    s(store).selectAll();
    expect(s(store).selection).toEqual([a, b]);
    expect(s(store).selectedEdges).toEqual([edgeKey({ from: a, port: 'out', to: b })]);
    const flow: FlowFile = structuredClone(s(store).flow);
    s(store).load(flow, '/tmp/x.flow.json');
    expect(s(store).canUndo).toBe(false);
    expect(s(store).dirty).toBe(false);
    expect(s(store).selection).toEqual([]);
    expect(s(store).filePath).toBe('/tmp/x.flow.json');
  });

  it("a new flow's id follows its name until saved, exported or set by hand; an opened flow's never does", () => {
    const store = makeStore();
    s(store).newFlow();
    expect(s(store).idFollowsName).toBe(true);
    s(store).setFlowMeta({ name: 'Qualtrics → Genesys (post-call)' });
    expect(s(store).flow.id).toBe('qualtrics-genesys-post-call');
    // A name with nothing usable for an id keeps the last one.
    s(store).sealHistory();
    s(store).setFlowMeta({ name: 'アンケート' });
    expect(s(store).flow.id).toBe('qualtrics-genesys-post-call');
    s(store).undo();
    expect(s(store).flow.name).toBe('Qualtrics → Genesys (post-call)');
    s(store).undo();
    expect(s(store).flow.id).toMatch(/^untitled-flow-/);
    s(store).redo();

    s(store).markSaved('/tmp/a.flow.json');
    s(store).setFlowMeta({ name: 'Renamed' });
    expect(s(store).flow.id).toBe('qualtrics-genesys-post-call');

    s(store).newFlow();
    s(store).pinFlowId();
    const pinned = s(store).flow.id;
    s(store).setFlowMeta({ name: 'Exported once' });
    expect(s(store).flow.id).toBe(pinned);

    s(store).newFlow();
    s(store).setFlowMeta({ id: 'Not Valid!' });
    expect(s(store).flow.id).not.toBe('Not Valid!');
    s(store).setFlowMeta({ id: 'hand-made' });
    s(store).setFlowMeta({ name: 'Other name' });
    expect(s(store).flow.id).toBe('hand-made');

    s(store).load(structuredClone(s(store).flow), '/tmp/b.flow.json');
    expect(s(store).idFollowsName).toBe(false);
  });
});

describe('status messages go when their problem does (issue 11 item 7)', () => {
  const issue = (message: string, severity: 'error' | 'warning' = 'error') =>
    ({ severity, code: 'required', message, pointer: '/nodes/0/config/url' }) as unknown as Parameters<
      DesignerState['setIssues']
    >[0][number];

  it('a refused connection goes with the next good connection, other messages stay', () => {
    const store = makeStore();
    const hook = s(store).addNode('webhookTrigger', { x: 0, y: 0 })!;
    const call = s(store).addNode('webService', { x: 200, y: 0 })!;
    s(store).setStatus({ kind: 'error', text: 'Cannot connect: loop', topic: { kind: 'connect' } });
    expect(s(store).connect(hook, 'out', call)).toEqual({ ok: true });
    expect(s(store).status).toBeUndefined();
    s(store).setStatus({ kind: 'success', text: 'Saved' });
    const code = s(store).addNode('code', { x: 400, y: 0 })!;
    s(store).connect(call, 'success', code);
    expect(s(store).status?.text).toBe('Saved');
  });

  it('an export refusal follows the errors it lists and goes with the last one', () => {
    const store = makeStore();
    const errors = [issue("Web Service 'a': URL is required"), issue("Web Service 'b': URL is required")];
    s(store).setStatus(flowErrorsStatus('status.exportRefused', errors, s(store)));
    expect(s(store).status?.text).toMatch(/fix the 2 error/);
    s(store).setIssues([errors[1]!, issue('a warning', 'warning')]);
    expect(s(store).status?.text).toMatch(/fix the 1 error/);
    expect(s(store).status?.details).toEqual(["Web Service 'b': URL is required"]);
    s(store).setIssues([issue('a warning', 'warning')]);
    expect(s(store).status).toBeUndefined();
  });

  it('a switch of language says the message again in the new language', () => {
    const store = makeStore();
    s(store).setStatus({ kind: 'success', say: (w) => w.t('status.saved', { path: 'a.flow.json' }) });
    expect(s(store).status?.text).toBe('Saved to a.flow.json.');
    s(store).setLocale('ja');
    expect(s(store).status?.text).toBe('a.flow.json に保存しました。');
    expect(s(store).status?.kind).toBe('success');

    // A refused connection names its reason in the new language too.
    const hook = s(store).addNode('webhookTrigger', { x: 0, y: 0 })!;
    const refused = s(store).connect(hook, 'out', hook);
    if (refused.ok) throw new Error('a node connected to itself');
    s(store).setLocale('en');
    s(store).setStatus({
      kind: 'error',
      say: (w) => w.t('status.connectRefused', { reason: refusalText(w.locale, refused.refusal) }),
    });
    const english = s(store).status?.text;
    s(store).setLocale('ja');
    expect(s(store).status?.text).toBe(
      translate('ja', 'status.connectRefused', { reason: refusalText('ja', refused.refusal) }),
    );
    expect(s(store).status?.text).not.toBe(english);

    // A message about the flow's errors is counted again in the new words.
    s(store).setLocale('en');
    const errors = [issue("Web Service 'a': URL is required")];
    s(store).setIssues(errors);
    s(store).setStatus(flowErrorsStatus('status.exportRefused', errors, s(store)));
    s(store).setLocale('ja');
    expect(s(store).status?.text).toBe(translate('ja', 'status.exportRefused', { count: 1 }));

    // A text given as it is (an engine's own words) stays as it was written.
    s(store).setStatus({ kind: 'info', text: 'as written' });
    s(store).setLocale('en');
    expect(s(store).status?.text).toBe('as written');
  });

  it('a failed validation goes with the next answer; New or Open retires every topic', () => {
    const store = makeStore();
    s(store).setStatus({ kind: 'error', text: 'Validation failed', topic: { kind: 'validation' } });
    s(store).setIssues([issue('x')]);
    expect(s(store).status).toBeUndefined();
    s(store).setStatus({ kind: 'error', text: 'Cannot connect', topic: { kind: 'connect' } });
    s(store).newFlow();
    expect(s(store).status).toBeUndefined();
  });
});
