/**
 * The `HostApi` the preload exposes: one method per IPC channel over `ipcRenderer.invoke`,
 * never ipcRenderer itself. Kept apart from preload.ts (which only exposes it) so tests can
 * drive it with a fake ipcRenderer.
 */
import type { IpcRendererEvent } from 'electron';
import { IPC, type HostApi, type IpcChannel, type MenuCommand } from '../../core/host-api.js';

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
  function invoke<T>(channel: IpcChannel, ...args: unknown[]): Promise<T> {
    // Trailing undefined optionals are not sent, so main sees the arity the caller meant.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return (ipc.invoke(channel, ...args) as Promise<T>).catch((err: unknown) => {
      throw cleanIpcError(err);
    });
  }

  const api: HostApi = {
    info: () => invoke(IPC.hostInfo),
    validateFlow: (text) => invoke(IPC.flowValidate, text),
    openFlow: () => invoke(IPC.flowOpen),
    readFlow: (path) => invoke(IPC.flowRead, path),
    saveFlow: (text, path) => invoke(IPC.flowSave, text, path),
    exportFlow: (text, suggestedName) => invoke(IPC.flowExport, text, suggestedName),
    recentFlows: () => invoke(IPC.flowRecent),
    setDirty: (dirty, title) => invoke(IPC.flowSetDirty, dirty, title),
    listSamples: () => invoke(IPC.samplesList),
    listCredentials: () => invoke(IPC.credentialsList),
    saveCredential: (input) => invoke(IPC.credentialsSave, input),
    deleteCredential: (name) => invoke(IPC.credentialsDelete, name),
    runTests: (flowText, testName) => invoke(IPC.runTests, flowText, testName),
    runFlow: (request) => invoke(IPC.runFlow, request),
    openExternal: (url) => invoke(IPC.openExternal, url),
    deployTarget: () => invoke(IPC.deployTarget),
    setDeployTarget: (input) => invoke(IPC.deploySetTarget, input),
    deployFlow: (flowText) => invoke(IPC.deployFlow, flowText),
    deployedVersions: (flowId) => invoke(IPC.deployVersions, flowId),
    rollbackFlow: (flowId, version) => invoke(IPC.deployRollback, flowId, version),
    serverExecutions: (flowId, limit) => invoke(IPC.deployExecutions, flowId, limit),
    serverExecution: (id) => invoke(IPC.deployExecution, id),
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
