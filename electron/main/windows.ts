/**
 * Window security (Electron checklist, style.md B1) as functions over the few Electron objects
 * they touch, so tests can drive them with fakes: explicit secure webPreferences, navigation and
 * new windows denied (http(s) links go to the user's browser instead), webviews refused, every
 * permission request denied.
 */
import { resolve } from 'node:path';

export function secureWebPreferences(preloadPath: string) {
  return {
    // Set explicitly even where they are Electron's defaults, so a default change cannot loosen them.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    preload: preloadPath,
  } as const;
}

interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: PreventableEvent, ...rest: unknown[]) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** http(s) URLs only, parsed (a `startsWith` check can be fooled). */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: WebContentsLike, openExternal: (url: string) => void): void {
  // The page never navigates: the whole app is one document. A dropped file or a stray link
  // would otherwise replace it with something that still has our preload.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Window title: the flow's title, a dot when unsaved (as VS Code shows it). */
export function windowTitle(title: string, dirty: boolean): string {
  const name = title.trim() || 'Untitled flow';
  return `${dirty ? '● ' : ''}${name} — Flowdesk`;
}

/** Flow files named on a command line (`flowdesk-app a.flow.json`, or a second instance's argv). */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && /\.json$/i.test(arg))
    .map((arg) => resolve(cwd, arg));
}
