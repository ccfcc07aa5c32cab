/**
 * The `HostApi` the preload exposes: one method per IPC channel over `ipcRenderer.invoke`,
 * built from core's HOST_METHODS table, never ipcRenderer itself. Kept apart from preload.ts
 * (which only exposes it) so tests can drive it with a fake ipcRenderer.
 */
import type { IpcRendererEvent } from 'electron';
import { HostCallError, readErrorBody } from '../../core/host-error.js';
import { IPC, type HostApi, type MenuCommand } from '../../core/host-api.js';
import {
  HOST_METHOD_NAMES,
  HOST_METHODS,
  hostMethodProxy,
  type BrowserOnlyMethod,
  type HostMethod,
} from '../../core/host-methods.js';

/** Methods with an IPC channel (the browser-only ones have none). */
type IpcMethod = Exclude<HostMethod, BrowserOnlyMethod>;

/** The part of Electron's `ipcRenderer` used. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

/** Electron prefixes errors from main with "Error invoking remote method '…': Error: "; the user needs only the message. */
export function cleanIpcError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));
}

const MENU_COMMAND = /^(file|edit|view):[a-z-]+$/;

export function createHostBridge(ipc: IpcRendererLike): HostApi {
  async function invoke(method: IpcMethod, args: unknown[]): Promise<unknown> {
    // Trailing undefined optionals are not sent, so main sees the arity the caller meant.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    let reply: unknown;
    try {
      reply = await ipc.invoke(HOST_METHODS[method].channel!, ...args);
    } catch (err) {
      throw cleanIpcError(err);
    }
    // Main answers { result } or { error } (electron/main/ipc.ts): an error comes back with its code.
    const { result, error } = (reply ?? {}) as { result?: unknown; error?: unknown };
    const body = readErrorBody(error);
    if (body) throw new HostCallError(body, method);
    return result;
  }

  // One method per channel of HOST_METHODS: the list is core's, never written here.
  const withChannel = HOST_METHOD_NAMES.filter((m): m is IpcMethod => HOST_METHODS[m].channel !== undefined);
  const methods = hostMethodProxy(withChannel, invoke);
  const api: HostApi = {
    ...methods,
    onMenuCommand(listener: (command: MenuCommand) => void) {
      // Only the command string crosses over, never the IPC event (it carries `sender`).
      const handler = (_event: IpcRendererEvent, command: unknown) => {
        if (typeof command === 'string' && MENU_COMMAND.test(command)) listener(command as MenuCommand);
      };
      ipc.on(IPC.menuCommand, handler);
      return () => {
        ipc.removeListener(IPC.menuCommand, handler);
      };
    },
  };
  return api;
}
