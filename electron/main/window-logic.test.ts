import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../core/host-api.js';
import { isAppUrl, serveAppRequest } from './app-protocol.js';
import { buildMenuTemplate, type MenuActions } from './menu.js';
import { createRunHost, type UtilityProcessLike } from './run-host.js';
import {
  choiceFromButton,
  closePromptOptions,
  onCloseRequested,
  onDirtyReported,
  onSaveCancelled,
  type CloseState,
} from './unsaved.js';
import { denyAllPermissions, filesFromArgv, hardenWebContents, secureWebPreferences, windowTitle } from './windows.js';

describe('unsaved-changes prompt', () => {
  const flush = () => new Promise((r) => setImmediate(r));
  function actions(choice: 'save' | 'discard' | 'cancel') {
    return { ask: vi.fn(async () => choice), requestSave: vi.fn(), close: vi.fn() };
  }

  it('lets a clean window close without asking', () => {
    const a = actions('cancel');
    expect(onCloseRequested({ dirty: false, title: 'x' }, a)).toBe(false);
    expect(a.ask).not.toHaveBeenCalled();
  });

  it("Don't Save closes for real", async () => {
    const state: CloseState = { dirty: true, title: 'Survey' };
    const a = actions('discard');
    expect(onCloseRequested(state, a)).toBe(true);
    expect(a.ask).toHaveBeenCalledWith('Survey');
    await flush();
    expect(a.close).toHaveBeenCalled();
    expect(onCloseRequested(state, a)).toBe(false);
  });

  it('Cancel keeps the window', async () => {
    const state: CloseState = { dirty: true, title: 'x' };
    const a = actions('cancel');
    expect(onCloseRequested(state, a)).toBe(true);
    await flush();
    expect(a.close).not.toHaveBeenCalled();
    expect(a.requestSave).not.toHaveBeenCalled();
  });

  it('Save asks the renderer to save and closes once it reports clean', async () => {
    const state: CloseState = { dirty: true, title: 'x' };
    const a = actions('save');
    onCloseRequested(state, a);
    await flush();
    expect(a.requestSave).toHaveBeenCalled();
    expect(a.close).not.toHaveBeenCalled();
    onDirtyReported(state, false, a);
    expect(a.close).toHaveBeenCalledTimes(1);
  });

  it('a cancelled save dialog keeps the window, and a later save does not close it', async () => {
    const state: CloseState = { dirty: true, title: 'x' };
    const a = actions('save');
    onCloseRequested(state, a);
    await flush();
    onSaveCancelled(state);
    onDirtyReported(state, false, a);
    expect(a.close).not.toHaveBeenCalled();
  });

  it('asks in plain words with Save as the default', () => {
    const options = closePromptOptions('Survey flow');
    expect(options.message).toBe('Do you want to save the changes you made to Survey flow?');
    expect(options.buttons[options.defaultId]).toBe('Save');
    expect(options.buttons[options.cancelId]).toBe('Cancel');
    expect([0, 1, 2].map(choiceFromButton)).toEqual(['save', 'discard', 'cancel']);
  });
});

describe('window security', () => {
  it('sets the checklist webPreferences explicitly', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      preload: '/p.cjs',
    });
  });

  it('prevents navigation and webviews, denies new windows, sends web links to the browser', () => {
    const contents = new EventEmitter() as EventEmitter & {
      setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void;
    };
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    contents.setWindowOpenHandler = (h) => {
      openHandler = h;
    };
    const opened: string[] = [];
    hardenWebContents(contents, (url) => opened.push(url));
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e, 'https://evil.example/');
      expect(e.preventDefault).toHaveBeenCalled();
    }
    expect(openHandler!({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/']);
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
    let check: ((...a: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    const cb = vi.fn();
    request!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!({}, 'clipboard-read')).toBe(false);
  });

  it('finds flow files on a command line and titles windows', () => {
    expect(
      filesFromArgv(['/opt/Flowdesk/flowdesk', '--no-sandbox', 'a.flow.json', '/abs/b.flow.json', '.'], '/home/u'),
    ).toEqual(['/home/u/a.flow.json', '/abs/b.flow.json']);
    expect(windowTitle('Survey', true)).toBe('● Survey — Flowdesk');
    expect(windowTitle('', false)).toBe('Untitled flow — Flowdesk');
  });
});

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowdesk-app-protocol-'));
    await mkdir(join(dir, 'r', 'assets'), { recursive: true });
    await writeFile(join(dir, 'r', 'index.html'), '<!doctype html>');
    await writeFile(join(dir, 'r', 'assets', 'a.js'), 'x');
    await writeFile(join(dir, 'secret.txt'), 'secret');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer with CSP and nosniff, nothing outside it', async () => {
    const index = await serveAppRequest(join(dir, 'r'), 'app://flowdesk/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await serveAppRequest(join(dir, 'r'), 'app://flowdesk/assets/a.js')).headers.get('content-type')).toMatch(
      /javascript/,
    );
    const escape = await serveAppRequest(join(dir, 'r'), 'app://flowdesk/%2e%2e/secret.txt');
    expect(escape.status).not.toBe(200);
    expect(await escape.text()).not.toContain('secret');
    expect((await serveAppRequest(join(dir, 'r'), 'app://other/index.html')).status).toBe(404);
    expect(isAppUrl('app://flowdesk/')).toBe(true);
  });
});

describe('menu', () => {
  function collect(items: MenuItemConstructorOptions[], out: MenuItemConstructorOptions[] = []) {
    for (const item of items) {
      out.push(item);
      if (Array.isArray(item.submenu)) collect(item.submenu, out);
    }
    return out;
  }

  function actions(): MenuActions & { sent: MenuCommand[] } {
    const sent: MenuCommand[] = [];
    return {
      sent,
      send: (c) => sent.push(c),
      newWindow: vi.fn(),
      openRecent: vi.fn(),
      closeFocused: vi.fn(),
      openHelp: vi.fn(),
      nativeEdit: vi.fn(),
    };
  }

  it('has the File, Edit, View and Help items, each sending its command', () => {
    const a = actions();
    const items = collect(
      buildMenuTemplate(a, { isMac: false, recent: ['/f/a.flow.json'], appName: 'Flowdesk', dev: false }),
    );
    const byLabel = new Map(items.filter((i) => i.label).map((i) => [i.label!, i]));
    for (const label of [
      'New',
      'Open…',
      'Open Recent',
      'Save',
      'Save As…',
      'Export…',
      'Import…',
      'Deploy to Server…',
      'Close',
      'Undo',
      'Redo',
      'Cut',
      'Copy',
      'Paste',
      'Duplicate',
      'Delete',
      'Paste cURL…',
      'Select All',
      'Zoom In',
      'Zoom Out',
      'Fit to Window',
      'Minimap',
      'Problems',
      'Test Bench',
      'Flowdesk Documentation',
    ]) {
      expect(byLabel.has(label), label).toBe(true);
    }
    for (const item of items) (item.click as (() => void) | undefined)?.();
    expect(new Set(a.sent)).toEqual(
      new Set([
        'file:open',
        'file:save',
        'file:save-as',
        'file:export',
        'file:import',
        'file:deploy',
        'edit:undo',
        'edit:redo',
        'edit:cut',
        'edit:copy',
        'edit:paste',
        'edit:duplicate',
        'edit:delete',
        'edit:paste-curl',
        'edit:select-all',
        'view:zoom-in',
        'view:zoom-out',
        'view:fit',
        'view:layout',
        'view:minimap',
        'view:problems',
        'view:test-bench',
      ]),
    );
    expect(a.newWindow).toHaveBeenCalled();
    expect(a.openRecent).toHaveBeenCalledWith('/f/a.flow.json');
    expect(a.closeFocused).toHaveBeenCalled();
    // The renderer handles the keys; the menu only shows them (one key press, one command).
    expect(byLabel.get('Save')).toMatchObject({ accelerator: 'CmdOrCtrl+S', registerAccelerator: false });
  });

  it('on macOS registers text-editing keys and runs the native edit too', () => {
    const a = actions();
    const items = collect(buildMenuTemplate(a, { isMac: true, recent: [], appName: 'Flowdesk', dev: true }));
    const copy = items.find((i) => i.label === 'Copy')!;
    expect(copy.registerAccelerator).toBeUndefined();
    (copy.click as () => void)();
    expect(a.nativeEdit).toHaveBeenCalledWith('copy');
    expect(a.sent).toEqual(['edit:copy']);
    expect(items.find((i) => i.label === 'No recent flows')?.enabled).toBe(false);
  });
});

describe('run host', () => {
  class FakeChild extends EventEmitter implements UtilityProcessLike {
    killed = false;
    constructor(private readonly behave: (msg: any, child: FakeChild) => void) {
      super();
    }
    postMessage(message: unknown): void {
      queueMicrotask(() => this.behave(message, this));
    }
    kill(): boolean {
      this.killed = true;
      return true;
    }
  }

  it('forks one process per run, posts the request and ends the process after the reply', async () => {
    const children: FakeChild[] = [];
    const forks: string[] = [];
    const host = createRunHost({
      workerPath: '/w/run-worker.js',
      fork: (path) => {
        forks.push(path);
        const child = new FakeChild((msg, c) => c.emit('message', { id: msg.id, ok: true, result: { got: msg } }));
        children.push(child);
        return child;
      },
    });
    const report = (await host.runTests('{"x":1}', 'case', ['/flows'])) as unknown as { got: any };
    expect(report.got).toMatchObject({ kind: 'tests', flowText: '{"x":1}', testName: 'case', baseDirs: ['/flows'] });
    const trace = (await host.runFlow({ flowText: '{}', payload: 1 }, [], {
      c: { fields: { a: 'b' } },
    })) as unknown as { got: any };
    expect(trace.got).toMatchObject({ kind: 'flow', credentials: { c: { fields: { a: 'b' } } } });
    expect(forks).toEqual(['/w/run-worker.js', '/w/run-worker.js']);
    expect(children.every((c) => c.killed)).toBe(true);
  });

  it('reports errors and a crashed worker plainly', async () => {
    const failing = createRunHost({
      workerPath: 'w',
      fork: () => new FakeChild((msg, c) => c.emit('message', { id: msg.id, ok: false, error: 'flow is not valid' })),
    });
    await expect(failing.runTests('{}', undefined, [])).rejects.toThrow('flow is not valid');
    const crashing = createRunHost({ workerPath: 'w', fork: () => new FakeChild((_m, c) => c.emit('exit', 134)) });
    await expect(crashing.runTests('{}', undefined, [])).rejects.toThrow(/stopped unexpectedly \(exit code 134\)/);
  });
});
