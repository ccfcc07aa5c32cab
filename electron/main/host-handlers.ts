/**
 * HostApi for one Electron window, as plain functions over injected dependencies (dialogs,
 * shell, vault, run host), so they are unit-tested without Electron.
 *
 * The renderer is our code but treated as untrusted: it may read only files the user chose
 * (open dialog, command line, double click, recent list) and write only where the user chose
 * (save dialog) or the file this window already has.
 */
import { dirname, extname, isAbsolute, join } from 'node:path';
import type { FlowFile } from '../../core/flow.js';
import type { HostInfo, OpenedFlow } from '../../core/host-api.js';
import type { CredentialStore } from '../../runtime/hosts/host-service/credential-store.js';
import { credentialTester } from '../../runtime/hosts/host-service/connection-test.js';
import {
  createDeployClient,
  deployHandlers,
  withoutDeployCredential,
  type DeployClient,
} from '../../runtime/hosts/host-service/deploy-client.js';
import { checkExport, exportText } from '../../runtime/hosts/host-service/export-check.js';
import { fileNameFor, readFlowText, writeFileAtomic } from '../../runtime/hosts/host-service/flow-files.js';
import { validateFlowText } from '../../runtime/hosts/host-service/flow-text.js';
import type { IpcHandlers } from '../../runtime/hosts/host-service/host-methods.js';
import type { RecentFiles } from '../../runtime/hosts/host-service/recent-files.js';
import { listSamples } from '../../runtime/hosts/host-service/samples.js';
import type { RunHost } from './run-host.js';
import { credentialsForRun } from './vault.js';
import type { CloseState } from './unsaved.js';
import { message } from '../../core/messages/make.js';
import { MessageError } from '../../core/messages/message-error.js';

/** What main knows about one window. */
export interface WindowState extends CloseState {
  id: number;
  /** The file this window shows, once opened or saved. */
  filePath?: string;
  /** The file the window was created for, handed to the renderer by `info()`. */
  initialFile?: string;
}

export interface Dialogs {
  /** Absolute path chosen, or undefined when cancelled. */
  openFlow(windowId: number): Promise<string | undefined>;
  saveFlow(windowId: number, defaultPath: string): Promise<string | undefined>;
  exportFlow(windowId: number, defaultPath: string): Promise<string | undefined>;
}

export interface ElectronHostDeps {
  app: { version: string; locale: string; platform: string; documentsDir: string };
  dialogs: Dialogs;
  openExternal(url: string): Promise<void>;
  vault: CredentialStore;
  /** Calls to the deploy server; built over `vault` when absent. */
  deployClient?: DeployClient;
  recent: RecentFiles;
  runHost: RunHost;
  /** The app's own directory (shipped flows/ and flows/payloads/). */
  productDir: string;
  /** Files the user chose this session (dialogs, command line, double click). */
  chosenFiles: Set<string>;
  /** Opens `path` in a window of its own (focusing one that already shows it). */
  openInNewWindow(path: string): void;
  /** The window's file or dirty state changed (title, represented file, close prompt). */
  windowChanged(state: WindowState): void;
  /** The renderer reported clean state or a cancelled save: see unsaved.ts. */
  dirtyReported(state: WindowState, dirty: boolean): void;
  saveCancelled(state: WindowState): void;
}

/** Refused file access; a `file.*` message saying what the user can do instead. */
export class FileAccessError extends MessageError {
  override readonly name = 'FileAccessError';
}

const FLOW_EXTENSIONS = ['.json'];

function checkFlowPath(path: string): void {
  if (!isAbsolute(path)) throw new FileAccessError(message('file.not-absolute', { path }));
  if (!FLOW_EXTENSIONS.includes(extname(path).toLowerCase())) {
    throw new FileAccessError(message('file.not-flow', { path }));
  }
}

export function createElectronHost(deps: ElectronHostDeps, state: WindowState): IpcHandlers {
  const productFlows = join(deps.productDir, 'flows');
  // The deploy server's token is for the deploy client only: never listed, never given to a run.
  const vault = withoutDeployCredential(deps.vault);
  const deploy = deps.deployClient ?? createDeployClient(deps.vault);

  async function mayRead(path: string): Promise<boolean> {
    return (
      deps.chosenFiles.has(path) ||
      path === state.filePath ||
      path === state.initialFile ||
      (await deps.recent.list()).includes(path)
    );
  }

  async function open(path: string): Promise<OpenedFlow> {
    const text = await readFlowText(path);
    state.filePath = path;
    await deps.recent.add(path);
    deps.windowChanged(state);
    return { path, text };
  }

  function baseDirs(): string[] {
    return [...(state.filePath ? [dirname(state.filePath)] : []), productFlows];
  }

  function flowStem(text: string): string {
    try {
      const flow = JSON.parse(text) as Partial<FlowFile>;
      return typeof flow.name === 'string' ? flow.name : 'flow';
    } catch {
      return 'flow';
    }
  }

  return {
    async info(): Promise<HostInfo> {
      return {
        kind: 'electron',
        version: deps.app.version,
        locale: deps.app.locale,
        platform: deps.app.platform,
        ...(state.initialFile ? { initialFile: state.initialFile } : {}),
      };
    },
    async validateFlow(text) {
      return validateFlowText(text);
    },
    async openFlow() {
      const path = await deps.dialogs.openFlow(state.id);
      if (!path) return null;
      deps.chosenFiles.add(path);
      // One window per flow: an untouched empty window takes the file, otherwise a new one.
      if (state.filePath === undefined && !state.dirty) return open(path);
      deps.openInNewWindow(path);
      return null;
    },
    async readFlow(path) {
      checkFlowPath(path);
      if (!(await mayRead(path))) {
        throw new FileAccessError(message('file.not-chosen', { path }));
      }
      return open(path);
    },
    async saveFlow(text, path) {
      let target = path;
      if (target !== undefined) {
        checkFlowPath(target);
        if (target !== state.filePath && !deps.chosenFiles.has(target)) {
          throw new FileAccessError(message('file.save-not-chosen', { path: target }));
        }
      } else {
        const suggested = state.filePath ?? join(deps.app.documentsDir, fileNameFor(flowStem(text)));
        target = await deps.dialogs.saveFlow(state.id, suggested);
        if (!target) {
          deps.saveCancelled(state);
          return null;
        }
        deps.chosenFiles.add(target);
      }
      await writeFileAtomic(target, text);
      state.filePath = target;
      await deps.recent.add(target);
      deps.windowChanged(state);
      return { path: target };
    },
    async exportFlow(text, suggestedName) {
      const check = checkExport(text);
      if (!check.ok) return { issues: check.issues };
      const folder = state.filePath ? dirname(state.filePath) : deps.app.documentsDir;
      const target = await deps.dialogs.exportFlow(
        state.id,
        join(folder, fileNameFor(suggestedName || check.flow.name)),
      );
      if (!target) return null;
      deps.chosenFiles.add(target);
      await writeFileAtomic(target, await exportText(check, baseDirs(), dirname(target)));
      // Listed under Open Recent, so the exported copy can be reopened to check it.
      await deps.recent.add(target);
      return { path: target };
    },
    async recentFlows() {
      return deps.recent.list();
    },
    async setDirty(dirty, title) {
      state.title = title;
      deps.dirtyReported(state, dirty);
      deps.windowChanged(state);
    },
    async listSamples() {
      return listSamples([
        join(productFlows, 'payloads'),
        ...(state.filePath ? [join(dirname(state.filePath), 'payloads')] : []),
      ]);
    },
    listCredentials: () => vault.list(),
    saveCredential: (input) => vault.save(input),
    deleteCredential: (name) => vault.delete(name),
    testCredential: credentialTester(vault),
    async runTests(flowText, testName) {
      return deps.runHost.runTests(flowText, testName, baseDirs(), state.filePath);
    },
    async runFlow(request) {
      // Recorded runs use placeholders; only a live run gets the vault's values.
      let credentials = {};
      if (request.recordedFrom === undefined) {
        let names: string[] = [];
        try {
          names = Object.keys((JSON.parse(request.flowText) as Partial<FlowFile>).credentials ?? {});
        } catch {
          names = [];
        }
        credentials = await credentialsForRun(vault, names);
      }
      return deps.runHost.runFlow(request, baseDirs(), credentials, state.filePath);
    },
    async openExternal(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`'${url}' is not a valid link.`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new Error(`Only http and https links can be opened (not ${parsed.protocol}).`);
      }
      await deps.openExternal(parsed.href);
    },
    ...deployHandlers(deploy),
  };
}
