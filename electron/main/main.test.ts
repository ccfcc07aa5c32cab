// The main process's wiring, run against a fake `electron` module (the binary cannot be
// downloaded here): the app starts one secure window on our app:// page, registers every IPC
// channel, answers a call from that window, and prompts before closing unsaved changes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS } from '../../runtime/hosts/host-service/host-methods.js';

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    windows: [] as any[],
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    protocols: new Map<string, unknown>(),
    privileged: [] as unknown[],
    menu: undefined as unknown,
    messageBoxes: [] as unknown[],
    permissionRequest: undefined as undefined | ((wc: unknown, p: string, cb: (g: boolean) => void) => void),
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  let nextId = 1;
  class FakeWebContents extends Emitter {
    id = 100 + nextId;
    sent: unknown[][] = [];
    openHandler?: (d: { url: string }) => unknown;
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    setWindowOpenHandler(h: (d: { url: string }) => unknown) {
      this.openHandler = h;
    }
  }
  class BrowserWindow extends Emitter {
    static getFocusedWindow() {
      return fake.windows.at(-1) ?? null;
    }
    id = nextId++;
    webContents = new FakeWebContents();
    url = '';
    title = '';
    constructor(readonly options: any) {
      super();
      fake.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    setTitle(t: string) {
      this.title = t;
    }
    setDocumentEdited() {}
    setRepresentedFilename() {}
    show() {}
    focus() {}
    isMinimized() {
      return false;
    }
    restore() {}
    close() {
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      this.emit('close', event);
      if (!event.defaultPrevented) this.emit('closed');
    }
  }
  const app = Object.assign(new Emitter(), {
    name: 'Flowdesk',
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    getPath: (name: string) => join(fake.userData, name),
    getVersion: () => '0.1.0',
    getLocale: () => 'ja-JP',
  });
  return {
    app,
    BrowserWindow,
    dialog: {
      showMessageBox: async (_w: unknown, options: unknown) => {
        fake.messageBoxes.push(options);
        return { response: 2 };
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: { handle: (channel: string, fn: any) => fake.handlers.set(channel, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (fake.menu = m) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => fake.privileged.push(...s),
      handle: (scheme: string, fn: unknown) => fake.protocols.set(scheme, fn),
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: any) => (fake.permissionRequest = h),
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openExternal: async () => undefined },
    utilityProcess: {
      fork: () => {
        throw new Error('no runs in this test');
      },
    },
  };
});

beforeAll(async () => {
  fake.userData = await mkdtemp(join(tmpdir(), 'flowdesk-main-'));
  await import('./main.js');
  // The window and the menu appear once `whenReady` has resolved and the recent list was read.
  await vi.waitFor(() => expect(fake.menu).toBeDefined());
});

describe('Electron main (fake electron)', () => {
  it('registers the app:// scheme before ready and serves it after', () => {
    expect(fake.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.protocols.has('app')).toBe(true);
  });

  it('opens one secure window on the packaged page', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0];
    expect(win.url).toBe('app://flowdesk/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]preload\.cjs$/);
    const nav = { preventDefault: vi.fn() };
    win.webContents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(win.webContents.openHandler({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    const cb = vi.fn();
    fake.permissionRequest!({}, 'geolocation', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('builds the menu and registers every IPC channel, answering only our window', async () => {
    expect(Array.isArray(fake.menu)).toBe(true);
    expect(fake.handlers.size).toBe(Object.values(HOST_METHODS).filter((m) => m.channel !== undefined).length);
    const win = fake.windows[0];
    const frame = { url: 'app://flowdesk/index.html', parent: null };
    const info = await fake.handlers.get('host:info')!({ sender: { id: win.webContents.id }, senderFrame: frame });
    expect(info).toEqual({
      result: { kind: 'electron', version: '0.1.0', locale: 'ja-JP', platform: process.platform },
    });
    await expect(fake.handlers.get('host:info')!({ sender: { id: 9999 }, senderFrame: frame })).resolves.toMatchObject({
      error: { code: 'host.foreign-sender', message: expect.stringMatching(/not come from a Flowdesk window/) },
    });
    // Without OS encryption the vault refuses, in words the user can act on.
    await expect(
      fake.handlers.get('credentials:save')!(
        { sender: { id: win.webContents.id }, senderFrame: frame },
        { name: 'x', kind: 'bearer', fields: { token: 't' } },
      ),
    ).resolves.toMatchObject({
      error: { code: 'vault.unavailable', message: expect.stringMatching(/cannot be stored on this computer/) },
    });
  });

  it('asks before closing a window with unsaved changes (Cancel keeps it)', async () => {
    const win = fake.windows[0];
    const frame = { url: 'app://flowdesk/index.html', parent: null };
    await fake.handlers.get('flow:set-dirty')!(
      { sender: { id: win.webContents.id }, senderFrame: frame },
      true,
      'Survey flow',
    );
    expect(win.title).toBe('● Survey flow — Flowdesk');
    const closed = vi.fn();
    win.on('closed', closed);
    win.close();
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(closed).not.toHaveBeenCalled();
  });
});
