/**
 * The desktop app's main process: wires Electron to the plain modules next to it (windows,
 * menu, ipc, vault, run host, unsaved prompt). One window per open flow; files come from the
 * command line, the OS (double click: `open-file` on macOS, a second instance's argv elsewhere)
 * and File › Open.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { IPC, type MenuCommand } from '../../core/host-api.js';
import { packageRoot } from '../../runtime/hosts/host-service/package-root.js';
import { createRecentFiles } from '../../runtime/hosts/host-service/recent-files.js';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';
import { createElectronHost, type ElectronHostDeps, type WindowState } from './host-handlers.js';
import { registerIpcHandlers } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { createRunHost } from './run-host.js';
import { choiceFromButton, closePromptOptions, onCloseRequested, onDirtyReported, onSaveCancelled } from './unsaved.js';
import { createVault } from './vault.js';
import {
  denyAllPermissions,
  filesFromArgv,
  hardenWebContents,
  isWebUrl,
  secureWebPreferences,
  windowTitle,
} from './windows.js';
import type { IpcHandlers } from '../../runtime/hosts/host-service/host-methods.js';

const HELP_URL = 'https://github.com/flowdesk/flowdesk#readme';
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const workerPath = fileURLToPath(new URL('../utility/run-worker.js', import.meta.url));
const productDir = packageRoot();
const rendererDir = join(productDir, 'dist-renderer');

interface OpenWindow {
  win: BrowserWindow;
  state: WindowState;
  handlers: IpcHandlers;
}

const windows = new Map<number, OpenWindow>();
const pendingFiles: string[] = filesFromArgv(process.argv, process.cwd());
let deps: ElectronHostDeps | undefined;

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

function byWindowId(id: number): OpenWindow | undefined {
  for (const w of windows.values()) if (w.state.id === id) return w;
  return undefined;
}

function focused(): OpenWindow | undefined {
  const win = BrowserWindow.getFocusedWindow();
  return win ? byWindowId(win.id) : undefined;
}

function send(target: OpenWindow | undefined, command: MenuCommand): void {
  target?.win.webContents.send(IPC.menuCommand, command);
}

async function refreshMenu(): Promise<void> {
  const recent = deps ? await deps.recent.list() : [];
  const template = buildMenuTemplate(
    {
      send: (command) => send(focused(), command),
      newWindow: () => createWindow(),
      openRecent: (path) => openFile(path),
      closeFocused: () => focused()?.win.close(),
      openHelp: () => void shell.openExternal(HELP_URL),
      nativeEdit: (op) => focused()?.win.webContents[op](),
    },
    { isMac: process.platform === 'darwin', recent, appName: app.name, dev: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(initialFile?: string): void {
  if (!deps) return;
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: windowTitle('', false),
    webPreferences: secureWebPreferences(preloadPath),
  });
  const state: WindowState = { id: win.id, dirty: false, title: '', ...(initialFile ? { initialFile } : {}) };
  const entry: OpenWindow = { win, state, handlers: createElectronHost(deps, state) };
  const contentsId = win.webContents.id;
  windows.set(contentsId, entry);

  win.on('close', (event) => {
    const prevent = onCloseRequested(state, {
      ask: async (title) => choiceFromButton((await dialog.showMessageBox(win, closePromptOptions(title))).response),
      requestSave: () => send(entry, 'file:save'),
      close: () => win.close(),
    });
    if (prevent) event.preventDefault();
  });
  win.on('closed', () => windows.delete(contentsId));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
}

/** Shows `path` in its own window, focusing the window that already has it. */
function openFile(path: string): void {
  if (!deps) {
    pendingFiles.push(path);
    return;
  }
  deps.chosenFiles.add(path);
  for (const w of windows.values()) {
    if (w.state.filePath === path || w.state.initialFile === path) {
      if (w.win.isMinimized()) w.win.restore();
      w.win.focus();
      return;
    }
  }
  createWindow(path);
}

function windowOf(state: WindowState): BrowserWindow | undefined {
  return byWindowId(state.id)?.win;
}

if (!app.requestSingleInstanceLock()) {
  // Another Flowdesk is running: it receives our argv through `second-instance`.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    const files = filesFromArgv(argv, cwd);
    if (files.length > 0) files.forEach(openFile);
    else {
      const any = [...windows.values()][0];
      if (any) any.win.focus();
      else createWindow();
    }
  });

  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => {
      if (isWebUrl(url)) void shell.openExternal(url);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (windows.size === 0) createWindow();
  });

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
    denyAllPermissions(session.defaultSession);

    const userData = app.getPath('userData');
    const dialogTarget = (id: number) => byWindowId(id)?.win;
    const filters = [{ name: 'Flowdesk flows', extensions: ['json'] }];
    deps = {
      app: {
        version: app.getVersion(),
        locale: app.getLocale(),
        platform: process.platform,
        documentsDir: app.getPath('documents'),
      },
      dialogs: {
        async openFlow(id) {
          const win = dialogTarget(id);
          const options = { title: 'Open flow', properties: ['openFile' as const], filters };
          const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          return result.canceled ? undefined : result.filePaths[0];
        },
        async saveFlow(id, defaultPath) {
          const win = dialogTarget(id);
          const options = { title: 'Save flow', defaultPath, filters };
          const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return result.canceled ? undefined : result.filePath;
        },
        async exportFlow(id, defaultPath) {
          const win = dialogTarget(id);
          const options = { title: 'Export runnable flow', buttonLabel: 'Export', defaultPath, filters };
          const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return result.canceled ? undefined : result.filePath;
        },
      },
      openExternal: (url) => shell.openExternal(url),
      vault: createVault(join(userData, 'credentials.enc.json'), safeStorage),
      recent: createRecentFiles(join(userData, 'recent-flows.json')),
      runHost: createRunHost({
        fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
        workerPath,
      }),
      productDir,
      chosenFiles: new Set<string>(),
      openInNewWindow: openFile,
      windowChanged(state) {
        const win = windowOf(state);
        if (!win) return;
        win.setTitle(windowTitle(state.title, state.dirty));
        win.setDocumentEdited(state.dirty);
        if (state.filePath) win.setRepresentedFilename(state.filePath);
        void refreshMenu();
      },
      dirtyReported(state, dirty) {
        onDirtyReported(state, dirty, { close: () => windowOf(state)?.close() });
      },
      saveCancelled: onSaveCancelled,
    };

    registerIpcHandlers({ ipcMain, handlersFor: (id) => windows.get(id)?.handlers });
    void refreshMenu();

    const files = pendingFiles.splice(0);
    if (files.length > 0) files.forEach(openFile);
    else createWindow();
  });
}
