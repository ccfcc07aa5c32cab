/**
 * Both HostApi proxies are built from core's HOST_METHODS: every method is driven through the
 * preload bridge (into the real IPC registration of electron/main) and through the browser
 * host (over HTTP, into the real designer server on loopback), and must reach its own handler.
 * A method wired to another method's channel or route fails here.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostApi } from '../core/host-api.js';
import {
  HOST_METHOD_NAMES,
  HOST_METHODS,
  type BrowserOnlyMethod,
  type HostHandlers,
  type HostMethod,
} from '../core/host-methods.js';
import { registerIpcHandlers, type InvokeEventLike } from '../electron/main/ipc.js';
import { createHostBridge, type IpcRendererLike } from '../electron/preload/host-bridge.js';
import { createHttpHost } from '../renderer/host/http-host.js';
import { startDesignerServer, type DesignerServer } from '../runtime/hosts/designer/server.js';
import { formatMessage } from '../core/messages/format.js';
import { mergeCredentialInput } from '../runtime/hosts/host-service/credential-store.js';

/** Arguments each method accepts (its schemas check them in both hosts). Typed: a new method needs one. */
const SAMPLE_ARGS: Record<HostMethod, unknown[]> = {
  info: [],
  validateFlow: ['{}'],
  openFlow: [],
  listFlows: [],
  readFlow: ['a.flow.json'],
  saveFlow: ['{}', 'a.flow.json'],
  exportFlow: ['{}', 'a.flow.json'],
  recentFlows: [],
  setDirty: [true, 'Flow'],
  listSamples: [],
  listCredentials: [],
  saveCredential: [{ name: 'c', kind: 'apiKey', fields: { value: 'test-only' } }],
  deleteCredential: ['c'],
  testCredential: [{ name: 'c', service: 'zendesk', baseUrl: 'https://acme.zendesk.com' }],
  runTests: ['{}', 'case'],
  runFlow: [{ flowText: '{}' }],
  openExternal: ['https://example.com/'],
  deployTarget: [],
  setDeployTarget: [{ url: 'http://127.0.0.1:1', token: 'test-only' }],
  deployFlow: ['{}'],
  deployedVersions: ['flow-1'],
  rollbackFlow: ['flow-1', 2],
  serverExecutions: ['flow-1', 10],
  serverExecution: ['exec-1'],
  cancelServerExecution: ['exec-1'],
};

/** Handlers that answer with their own method name and remember the arguments. */
function recordingHandlers() {
  const calls: { method: HostMethod; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    HOST_METHOD_NAMES.map((method) => [
      method,
      async (...args: unknown[]) => {
        calls.push({ method, args });
        return { handledBy: method };
      },
    ]),
  ) as unknown as HostHandlers;
  return { calls, handlers };
}

function callThrough(api: HostApi, method: HostMethod): Promise<unknown> {
  const fn = api[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
  if (!fn) throw new Error(`${method} is missing from the proxy`);
  return fn(...SAMPLE_ARGS[method]);
}

/**
 * What Electron's `ipcRenderer.invoke` does with main's listener: a value comes back as is (a
 * structured clone), a thrown error comes back as a new Error holding only its text.
 */
function electronLikeIpc(
  registered: Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>,
): IpcRendererLike {
  const event: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: 'app://flowdesk/index.html', parent: null } };
  return {
    invoke: async (channel, ...args) => {
      const listener = registered.get(channel);
      if (!listener) throw new Error(`no handler on channel ${channel}`);
      try {
        return structuredClone(await listener(event, ...args));
      } catch (err) {
        throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
      }
    },
    on: () => undefined,
    removeListener: () => undefined,
  };
}

describe('HOST_METHODS', () => {
  it('gives each method its own channel', () => {
    const channels = HOST_METHOD_NAMES.map((m) => HOST_METHODS[m].channel).filter((c) => c !== undefined);
    expect(new Set(channels).size).toBe(channels.length);
  });
});

describe('the preload proxy (IPC)', () => {
  it('takes every method with a channel to that method’s handler in main', async () => {
    const { calls, handlers } = recordingHandlers();
    const registered = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    registerIpcHandlers({
      ipcMain: { handle: (channel, listener) => registered.set(channel, listener) },
      handlersFor: () => handlers,
    });
    const bridge = createHostBridge(electronLikeIpc(registered));
    const browserOnly: BrowserOnlyMethod[] = ['listFlows'];
    for (const method of HOST_METHOD_NAMES) {
      if ((browserOnly as HostMethod[]).includes(method)) {
        expect(method in bridge, `${method} is browser-only`).toBe(false);
        continue;
      }
      calls.length = 0;
      await expect(callThrough(bridge, method), method).resolves.toEqual({ handledBy: method });
      expect(calls, method).toEqual([{ method, args: SAMPLE_ARGS[method] }]);
    }
  });
});

describe('the browser proxy (HTTP to the designer server)', () => {
  let dir: string;
  let server: DesignerServer;
  const { calls, handlers } = recordingHandlers();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowdesk-proxies-'));
    await mkdir(join(dir, 'renderer'), { recursive: true });
    await mkdir(join(dir, 'ws'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Flowdesk</title>');
    server = await startDesignerServer({
      workspace: join(dir, 'ws'),
      rendererDir: join(dir, 'renderer'),
      credentialsKey: 'test-only-key',
      handlers,
    });
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes every method to that method’s handler in the server', async () => {
    const host = createHttpHost(server.url, server.token);
    for (const method of HOST_METHOD_NAMES) {
      // The page opens links itself (after an http(s) check); nothing goes to the server.
      if (method === 'openExternal') continue;
      calls.length = 0;
      const result = await callThrough(host, method);
      expect(result, method).toMatchObject({ handledBy: method });
      expect(calls, method).toEqual([{ method, args: SAMPLE_ARGS[method] }]);
    }
  });
});

/** A refusal the user provokes by typing: the token endpoint without https://. */
const BAD_CREDENTIAL = {
  name: 'genesys-prod',
  kind: 'oauth2',
  fields: { tokenUrl: 'login.mypurecloud.com/oauth/token', clientId: 'client-1', clientSecret: 'test-only' },
} as const;
const REFUSAL = {
  code: 'credential.bad-url',
  params: { name: 'genesys-prod', kind: 'oauth2', field: 'tokenUrl', value: 'login.mypurecloud.com/oauth/token' },
};

/** Handlers whose saveCredential checks its input as the real stores do. */
function refusingHandlers(): HostHandlers {
  const { handlers } = recordingHandlers();
  return {
    ...handlers,
    saveCredential: async (input) => {
      mergeCredentialInput(undefined, input);
      throw new Error('saveCredential should have refused');
    },
  };
}

async function refusal(call: () => Promise<unknown>): Promise<Error & { code?: string; params?: unknown }> {
  const err = await call().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!err) throw new Error('the call did not fail');
  return err;
}

describe('a host refusal crosses both transports with its message code', () => {
  it('over IPC: the preload proxy rethrows it with code and params', async () => {
    const registered = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    const handlers = refusingHandlers();
    registerIpcHandlers({
      ipcMain: { handle: (channel, listener) => registered.set(channel, listener) },
      handlersFor: () => handlers,
    });
    const bridge = createHostBridge(electronLikeIpc(registered));
    const err = await refusal(() => bridge.saveCredential(BAD_CREDENTIAL));
    expect(err).toMatchObject(REFUSAL);
    expect(err.message).toMatch(/Token endpoint 'login\.mypurecloud\.com\/oauth\/token' is not a web address/);
    expect(formatMessage({ code: err.code!, params: REFUSAL.params }, 'ja')).toMatch(/トークンエンドポイント/);
  });

  it('over HTTP: the browser proxy rethrows it with code, params and the status', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowdesk-refusal-'));
    await mkdir(join(dir, 'renderer'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Flowdesk</title>');
    const server = await startDesignerServer({
      workspace: dir,
      rendererDir: join(dir, 'renderer'),
      credentialsKey: 'test-only-key',
      handlers: refusingHandlers(),
    });
    try {
      const host = createHttpHost(server.url, server.token);
      const err = await refusal(() => host.saveCredential(BAD_CREDENTIAL));
      expect(err).toMatchObject({ ...REFUSAL, status: 400, method: 'saveCredential' });
      expect(err.message).toMatch(/is not a web address/);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
