import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunFlowRequest } from '../../core/host-api.js';
import { createRecentFiles } from '../../runtime/hosts/host-service/recent-files.js';
import { createElectronHost, type ElectronHostDeps, type WindowState } from './host-handlers.js';
import type { RunHost } from './run-host.js';
import { createVault } from './vault.js';

const REFERENCE = join(import.meta.dirname, '../../flows/qualtrics-genesys-post-interaction.flow.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-electron-host-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function setup(answers: { open?: string; save?: string; export?: string } = {}) {
  const runHost = {
    runTests: vi.fn(async () => ({ passed: 1, failed: 0, durationMs: 1, cases: [], errors: [] })),
    runFlow: vi.fn(async () => ({ runId: 'r' })),
  } as unknown as RunHost & { runTests: ReturnType<typeof vi.fn>; runFlow: ReturnType<typeof vi.fn> };
  const safe = {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(s).reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
  };
  const deps: ElectronHostDeps = {
    app: { version: '0.1.0', locale: 'ja-JP', platform: 'linux', documentsDir: join(dir, 'Documents') },
    dialogs: {
      openFlow: vi.fn(async () => answers.open),
      saveFlow: vi.fn(async () => answers.save),
      exportFlow: vi.fn(async () => answers.export),
    },
    openExternal: vi.fn(async () => undefined),
    vault: createVault(join(dir, `vault-${Math.random()}.json`), safe),
    recent: createRecentFiles(join(dir, `recent-${Math.random()}.json`)),
    runHost,
    productDir: join(import.meta.dirname, '../..'),
    chosenFiles: new Set(),
    openInNewWindow: vi.fn(),
    windowChanged: vi.fn(),
    dirtyReported: vi.fn((state: WindowState, dirty: boolean) => {
      state.dirty = dirty;
    }),
    saveCancelled: vi.fn(),
  };
  const state: WindowState = { id: 1, dirty: false, title: '' };
  return { deps, state, host: createElectronHost(deps, state), runHost };
}

describe('Electron host: files', () => {
  it('opens a file chosen in the dialog into an empty window, else into a new window', async () => {
    const file = join(dir, 'a.flow.json');
    await writeFile(file, '{"name":"a"}');
    const { host, state, deps } = setup({ open: file });
    expect(await host.openFlow()).toEqual({ path: file, text: '{"name":"a"}' });
    expect(state.filePath).toBe(file);
    expect(await host.recentFlows()).toEqual([file]);
    // This window now has a flow: the next one opens in its own window.
    expect(await host.openFlow()).toBeNull();
    expect(deps.openInNewWindow).toHaveBeenCalledWith(file);
  });

  it('returns null when the dialog is cancelled', async () => {
    const { host } = setup({});
    expect(await host.openFlow()).toBeNull();
    expect(await host.saveFlow('{}')).toBeNull();
  });

  it('reads only files the user chose (dialog, command line, recent)', async () => {
    const file = join(dir, 'b.flow.json');
    await writeFile(file, '{}');
    const { host, deps } = setup();
    await expect(host.readFlow(file)).rejects.toThrow(/opens only files you chose/);
    await expect(host.readFlow('relative.flow.json')).rejects.toThrow(/not an absolute file path/);
    await expect(host.readFlow('/etc/passwd')).rejects.toThrow(/not a flow file/);
    deps.chosenFiles.add(file);
    expect((await host.readFlow(file)).text).toBe('{}');
    await expect(host.readFlow(join(dir, 'missing.flow.json'))).rejects.toThrow(/opens only files you chose/);
  });

  it('gives a window its initial file through info() and lets it read it', async () => {
    const file = join(dir, 'initial.flow.json');
    await writeFile(file, '{"x":1}');
    const { deps, state } = setup();
    state.initialFile = file;
    const host = createElectronHost(deps, state);
    expect(await host.info()).toEqual({
      kind: 'electron',
      version: '0.1.0',
      locale: 'ja-JP',
      platform: 'linux',
      initialFile: file,
    });
    expect((await host.readFlow(file)).text).toBe('{"x":1}');
  });

  it('saves where the user chose, then to the same file; refuses other paths', async () => {
    const target = join(dir, 'saved', 'flow.flow.json');
    const { host, state, deps } = setup({ save: target });
    expect(await host.saveFlow('{"name":"Survey flow"}')).toEqual({ path: target });
    expect(deps.dialogs.saveFlow).toHaveBeenCalledWith(1, join(dir, 'Documents', 'Survey-flow.flow.json'));
    expect(state.filePath).toBe(target);
    expect(await host.saveFlow('{"v":2}', target)).toEqual({ path: target });
    expect(await readFile(target, 'utf8')).toBe('{"v":2}');
    await expect(host.saveFlow('{}', join(dir, 'elsewhere.flow.json'))).rejects.toThrow(/saves only where you chose/);
    await expect(host.saveFlow('{}', join(dir, '.bashrc'))).rejects.toThrow(/not a flow file/);
  });

  it('tells the close prompt when a save was cancelled', async () => {
    const { host, deps, state } = setup({});
    await host.saveFlow('{}');
    expect(deps.saveCancelled).toHaveBeenCalledWith(state);
  });

  it('exports a valid flow where the user chose, keeping its payloads reachable', async () => {
    const target = join(dir, 'exports', 'reference.flow.json');
    await mkdir(join(dir, 'exports'), { recursive: true });
    const { host, deps } = setup({ export: target });
    const text = await readFile(REFERENCE, 'utf8');
    const result = await host.exportFlow(text, 'reference');
    expect(result).toEqual({ path: target });
    expect(deps.dialogs.exportFlow).toHaveBeenCalledWith(1, join(dir, 'Documents', 'reference.flow.json'));
    const exported = JSON.parse(await readFile(target, 'utf8'));
    const payloadFile: string = exported.tests[0].trigger.payloadFile;
    // Resolvable from the export's folder: rewritten to point back at the product's payloads.
    await expect(readFile(join(dir, 'exports', payloadFile), 'utf8')).resolves.toBeTruthy();
  });

  it('refuses to export a flow with literal secrets and does not even ask where', async () => {
    const flow = JSON.parse(await readFile(REFERENCE, 'utf8'));
    const ws = flow.nodes.find((n: { type: string }) => n.type === 'webService');
    ws.config.headers = [{ name: 'X-API-TOKEN', value: 'Yq8x5V2lFh1mNpQ' }];
    const { host, deps } = setup({ export: join(dir, 'never.flow.json') });
    const result = await host.exportFlow(JSON.stringify(flow), 'x');
    expect(result).toMatchObject({ issues: [expect.objectContaining({ code: 'literal-secret', nodeId: ws.id })] });
    expect(deps.dialogs.exportFlow).not.toHaveBeenCalled();
  });
});

describe('Electron host: runs, credentials, links, dirty state', () => {
  it('runs tests and recorded runs without credentials, live runs with the vault values', async () => {
    const { host, runHost, deps } = setup();
    await deps.vault.save({ name: 'qualtrics-api', kind: 'apiKey', fields: { value: 'live-token-123' } });
    const text = await readFile(REFERENCE, 'utf8');
    await host.runTests(text, 'one');
    expect(runHost.runTests).toHaveBeenCalledWith(text, 'one', [join(deps.productDir, 'flows')], undefined);

    const recorded: RunFlowRequest = { flowText: text, payload: {}, recordedFrom: 'x' };
    await host.runFlow(recorded);
    expect(runHost.runFlow).toHaveBeenLastCalledWith(recorded, expect.any(Array), {}, undefined);

    await host.runFlow({ flowText: text, payload: {} });
    const credentials = runHost.runFlow.mock.lastCall![2];
    expect(credentials).toEqual({ 'qualtrics-api': { kind: 'apiKey', fields: { value: 'live-token-123' } } });
  });

  it('lists credentials without values', async () => {
    const { host } = setup();
    await host.saveCredential({
      name: 'zd',
      kind: 'zendeskApiToken',
      fields: { email: 'a@b.c', token: 'zd-token-999' },
    });
    const list = await host.listCredentials();
    expect(list).toEqual([{ name: 'zd', kind: 'zendeskApiToken', fieldsSet: ['email', 'token'] }]);
    expect(JSON.stringify(list)).not.toContain('zd-token-999');
  });

  it('opens only http(s) links', async () => {
    const { host, deps } = setup();
    await host.openExternal('https://developer.genesys.cloud/');
    expect(deps.openExternal).toHaveBeenCalledWith('https://developer.genesys.cloud/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      await expect(host.openExternal(url)).rejects.toThrow();
    }
    expect(deps.openExternal).toHaveBeenCalledTimes(1);
  });

  it('records the dirty state and title', async () => {
    const { host, state, deps } = setup();
    await host.setDirty(true, 'Survey flow');
    expect(state).toMatchObject({ dirty: true, title: 'Survey flow' });
    expect(deps.windowChanged).toHaveBeenCalled();
  });

  it('lists the shipped samples', async () => {
    const { host } = setup();
    const names = (await host.listSamples()).map((s) => s.name);
    expect(names).toContain('genesys-eventbridge-customer-end.json');
  });
});
