/**
 * The sandboxed preload: exposes exactly one typed `HostApi` as `window.host`. Bundled to
 * CommonJS (dist/electron/preload/preload.cjs) by scripts/build-electron.mjs, because a
 * sandboxed preload can require only `electron` and a few built-ins.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createHostBridge } from './host-bridge.js';

contextBridge.exposeInMainWorld('host', createHostBridge(ipcRenderer));
