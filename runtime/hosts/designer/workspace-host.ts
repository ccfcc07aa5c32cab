/**
 * The browser designer's host: HostApi served from a workspace directory. Every path comes
 * from a web page, so all of them go through `resolveInWorkspaceReal`; flows are listed rather
 * than picked in a native dialog (`listFlows`), Save without a path writes a new file named
 * after the flow, and Export writes `export/<name>.flow.json`.
 */
import { dirname, join } from 'node:path';
import type { FlowFile } from '../../../core/flow.js';
import type { HostInfo } from '../../../core/host-api.js';
import type { TestReport } from '../../../core/test-report.js';
import type { RunTrace } from '../../../core/trace.js';
import { credentialsForFlow, defaultRunChildPath, type RunRequest } from '../host-service/run-request.js';
import { createChildRunner, type ChildRunner } from '../../process/child-runner.js';
import type { CredentialStore } from '../host-service/credential-store.js';
import { credentialTester } from '../host-service/connection-test.js';
import { createDeployClient, deployHandlers, withoutDeployCredential } from '../host-service/deploy-client.js';
import { checkExport, exportText } from '../host-service/export-check.js';
import {
  fileNameFor,
  findFlowFilesIn,
  readFlowText,
  unusedName,
  writeFileAtomic,
  FLOW_EXTENSION,
} from '../host-service/flow-files.js';
import { validateFlowText } from '../host-service/flow-text.js';
import type { HostHandlers } from '../host-service/host-methods.js';
import { packageRoot, packageVersion } from '../host-service/package-root.js';
import type { RecentFiles } from '../host-service/recent-files.js';
import { listSamples } from '../host-service/samples.js';
import { PathNotAllowedError, resolveInWorkspaceReal, workspaceRelative } from '../host-service/workspace-paths.js';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';

export interface WorkspaceHostOptions {
  workspace: string;
  credentials: CredentialStore;
  recent: RecentFiles;
  /** The product's directory (for shipped flows/payloads); the package root when absent. */
  productDir?: string;
  /**
   * Runs and test runs go to child processes through this, never into the host itself. When
   * absent, one is made on the first run: a fresh process per run, two at once.
   */
  runner?: ChildRunner<RunRequest, TestReport | RunTrace>;
}

/** Folder (inside the workspace) exports are written to. */
export const EXPORT_DIR = 'export';

export function createWorkspaceHost(options: WorkspaceHostOptions): HostHandlers {
  const { workspace, recent } = options;
  const deploy = createDeployClient(options.credentials);
  const credentials = withoutDeployCredential(options.credentials);
  let runner = options.runner;
  const runs = () => (runner ??= createChildRunner({ modulePath: defaultRunChildPath(), size: 2 }));
  const productDir = options.productDir ?? packageRoot();
  const productFlows = join(productDir, 'flows');

  function flowPath(path: string): Promise<string> {
    if (!path.endsWith(FLOW_EXTENSION)) {
      throw new PathNotAllowedError(message('path.not-flow-file', { path, extension: FLOW_EXTENSION }));
    }
    return resolveInWorkspaceReal(workspace, path);
  }

  // Folders of flows opened or saved this session: the renderer sends flow text without its
  // path, so these are where that flow's relative payload files are most likely to be.
  const flowDirs: string[] = [];
  function noteFlowDir(abs: string): void {
    const dir = dirname(abs);
    const at = flowDirs.indexOf(dir);
    if (at >= 0) flowDirs.splice(at, 1);
    flowDirs.unshift(dir);
    flowDirs.length = Math.min(flowDirs.length, 20);
  }

  /** Where relative test files of a flow may live, in order of preference. */
  function baseDirs(first?: string): string[] {
    return [...new Set([...(first ? [first] : []), ...flowDirs, workspace, join(workspace, 'flows'), productFlows])];
  }

  /**
   * What a run knows of the flow's file: the page sends the path it opened or saved (this host
   * keeps no per-page state), checked like any path from a page. The report names the file and
   * its folder is searched first for test files; without a path the flow is an unsaved one.
   */
  async function runPlace(path: string | undefined): Promise<{ baseDirs: string[]; fileName?: string }> {
    if (path === undefined) return { baseDirs: baseDirs() };
    const abs = await flowPath(path);
    return { baseDirs: baseDirs(dirname(abs)), fileName: workspaceRelative(workspace, abs) };
  }

  function flowName(text: string): string {
    try {
      const flow = JSON.parse(text) as Partial<FlowFile>;
      return typeof flow.name === 'string' && flow.name.trim() !== '' ? flow.name : (flow.id ?? 'flow');
    } catch {
      return 'flow';
    }
  }

  return {
    async info(): Promise<HostInfo> {
      return {
        kind: 'browser',
        version: packageVersion(),
        // server.ts replaces it with the browser's Accept-Language; this is the fallback.
        locale: Intl.DateTimeFormat().resolvedOptions().locale,
        platform: process.platform,
      };
    },
    async validateFlow(text) {
      return validateFlowText(text);
    },
    async openFlow() {
      // No native dialog in a browser: the renderer lists files with listFlows() instead.
      return null;
    },
    async listFlows() {
      // An export copy has the working file's name: it goes after the working files, marked.
      const exported = (path: string) => path.startsWith(`${EXPORT_DIR}/`);
      const paths = await findFlowFilesIn(workspace);
      return [
        ...paths.filter((path) => !exported(path)).map((path) => ({ path })),
        ...paths.filter(exported).map((path) => ({ path, exported: true })),
      ];
    },
    async readFlow(path) {
      const abs = await flowPath(path);
      const rel = workspaceRelative(workspace, abs);
      const text = await readFlowText(abs, rel);
      noteFlowDir(abs);
      await recent.add(rel);
      return { path: rel, text };
    },
    async saveFlow(text, path) {
      let abs: string;
      if (path === undefined) {
        // "Save As" without a dialog: a new file named after the flow, never overwriting one.
        abs = join(workspace, await unusedName(workspace, fileNameFor(flowName(text))));
      } else {
        abs = await flowPath(path.endsWith(FLOW_EXTENSION) ? path : fileNameFor(path));
      }
      await writeFileAtomic(abs, text);
      noteFlowDir(abs);
      const rel = workspaceRelative(workspace, abs);
      await recent.add(rel);
      return { path: rel };
    },
    async exportFlow(text, suggestedName) {
      const check = checkExport(text);
      if (!check.ok) return { issues: check.issues };
      const rel = `${EXPORT_DIR}/${fileNameFor(suggestedName || check.flow.name, check.flow.id || 'flow')}`;
      const abs = await resolveInWorkspaceReal(workspace, rel);
      const exportDir = join(workspace, EXPORT_DIR);
      // The export's test payloads go with it: files a flow names resolve inside its folder.
      await exportText(check, baseDirs(), exportDir).then((canonical) => writeFileAtomic(abs, canonical));
      // Listed under Open Recent, so the exported copy can be reopened to check it.
      await recent.add(rel);
      return { path: rel };
    },
    async recentFlows() {
      return recent.list();
    },
    async setDirty() {
      // The page guards its own unload (beforeunload); nothing for the server to do.
    },
    async listSamples() {
      return listSamples([
        join(productFlows, 'payloads'),
        join(workspace, 'flows', 'payloads'),
        join(workspace, 'payloads'),
      ]);
    },
    listCredentials: () => credentials.list(),
    saveCredential: (input) => credentials.save(input),
    deleteCredential: (name) => credentials.delete(name),
    testCredential: credentialTester(credentials),
    // In a child process: a slow or crashing run must not stall or end the designer.
    async runTests(flowText, testName, path) {
      const request: RunRequest = { kind: 'tests', flowText, ...(await runPlace(path)) };
      if (testName !== undefined) request.testName = testName;
      return (await runs().call(request)) as TestReport;
    },
    async runFlow({ flowPath: path, ...request }) {
      const place = await runPlace(path);
      // Recorded runs use placeholders; only a live run gets the stored values.
      const values =
        request.recordedFrom === undefined ? await credentialsForFlow(request.flowText, credentials.provider()) : {};
      return (await runs().call({ kind: 'flow', request, ...place, credentials: values })) as RunTrace;
    },
    async openExternal(url) {
      // The page opens links itself (target=_blank); a server must not launch programs.
      throw new MessageError(message('host.no-open-links', { url }));
    },
    ...deployHandlers(deploy),
  };
}
