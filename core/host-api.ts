/**
 * `HostApi`: everything the renderer may ask of its host, declared once. The Electron
 * preload implements it over IPC (`const api: HostApi = {…}`), the browser host over HTTP to
 * `flowdesk designer`; the renderer sees it as `window.host`.
 */
import type { ConnectionTestRequest, ConnectionTestResult } from './connection-test.js';
import type { CredentialKind, CredentialSummary } from './credentials.js';
import type { FlowFile } from './flow.js';
import type { RunError } from './messages/run-error.js';
import type { TestReport } from './test-report.js';
import type { RunTrace } from './trace.js';
import type { FlowIssue } from './validation-types.js';

/** IPC channel names, one per HostApi method (`'domain:verb'`). */
export const IPC = {
  flowOpen: 'flow:open',
  flowRead: 'flow:read',
  flowSave: 'flow:save',
  flowExport: 'flow:export',
  flowRecent: 'flow:recent',
  flowSetDirty: 'flow:set-dirty',
  flowValidate: 'flow:validate',
  samplesList: 'samples:list',
  samplesRead: 'samples:read',
  credentialsList: 'credentials:list',
  credentialsSave: 'credentials:save',
  credentialsDelete: 'credentials:delete',
  credentialsTest: 'credentials:test',
  runTests: 'run:tests',
  runFlow: 'run:flow',
  openExternal: 'shell:open-external',
  menuCommand: 'menu:command',
  hostInfo: 'host:info',
  deployTarget: 'deploy:target',
  deploySetTarget: 'deploy:set-target',
  deployFlow: 'deploy:flow',
  deployVersions: 'deploy:versions',
  deployRollback: 'deploy:rollback',
  deployExecutions: 'deploy:executions',
  deployExecution: 'deploy:execution',
  deployCancel: 'deploy:cancel',
} as const;

export type IpcChannel = (typeof IPC)[keyof typeof IPC];

/** Commands the app menu (or the browser host's keyboard shortcuts) send to the renderer. */
export type MenuCommand =
  | 'file:new'
  | 'file:open'
  | 'file:save'
  | 'file:save-as'
  | 'file:export'
  /** Opens "Deploy to server…" (the renderer's deploy dialog). */
  | 'file:deploy'
  /** Opens "Import…": a Genesys data-action export or a cURL command becomes a Web Service node. */
  | 'file:import'
  | 'file:close'
  | 'edit:undo'
  | 'edit:redo'
  | 'edit:cut'
  | 'edit:copy'
  | 'edit:paste'
  | 'edit:duplicate'
  | 'edit:delete'
  | 'edit:select-all'
  /** Opens "Paste cURL…" (the Import dialog, for a command). */
  | 'edit:paste-curl'
  | 'view:zoom-in'
  | 'view:zoom-out'
  | 'view:fit'
  | 'view:minimap'
  | 'view:problems'
  | 'view:test-bench'
  | 'view:layout';

export interface HostInfo {
  kind: 'electron' | 'browser';
  version: string;
  /** OS / browser UI language, e.g. `ja-JP`. */
  locale: string;
  platform: string;
  /**
   * A flow file the host wants this window to open at start (Electron: command line, double
   * click, Open Recent into a new window). The renderer calls `readFlow(initialFile)` once.
   */
  initialFile?: string;
}

/** A flow file opened by the host. */
export interface OpenedFlow {
  /** Absolute path (Electron) or workspace-relative path (browser host). */
  path: string;
  /** Raw file text; the renderer parses, migrates and validates it. */
  text: string;
}

/** A flow file the browser host lists for its own Open dialog. */
export interface ListedFlow {
  /** Workspace-relative path, `/`-separated. */
  path: string;
  /** A runnable copy Export wrote (`export/…`), not the working file the admin edits and saves. */
  exported?: boolean;
}

export interface SavedFlow {
  path: string;
}

export interface SamplePayload {
  /** File name, e.g. `genesys-get-user-by-id.json`. */
  name: string;
  text: string;
}

export interface CredentialInput {
  name: string;
  kind: CredentialKind;
  /** Field values; only sent renderer → host, never back. */
  fields: Record<string, string>;
  allowedOrigins?: string[];
}

export interface RunFlowRequest {
  /** Canonical flow text (unsaved edits included). */
  flowText: string;
  /** Trigger body. */
  payload: unknown;
  /** Trigger headers (e.g. the X-API-TOKEN a webhook expects); the test case's when recorded. */
  headers?: Record<string, string>;
  /** Use recorded responses from this test case instead of live HTTP; live when absent. */
  recordedFrom?: string;
  /**
   * Where the flow was opened from or saved to, as the host named it (the renderer's
   * `filePath`). Hosts that keep no per-window file (the browser host) take the flow's name in
   * reports and the folder of its test files from it; absent for a flow never saved.
   */
  flowPath?: string;
}

/** Result of validating flow text in the host (ajv needs eval, which the renderer's CSP forbids). */
export interface ValidationResult {
  issues: FlowIssue[];
  /** The parsed flow after migrations, when the text was JSON. */
  flow?: FlowFile;
  /** Human-readable notes of migrations applied (older node versions upgraded). */
  migrated: string[];
  /** The canonical text of `flow` (what Save writes). */
  canonical?: string;
}

/**
 * The `flowdesk serve` the designer deploys to. The token stays in the host's vault: the
 * renderer learns only whether one is stored.
 */
export interface DeployTarget {
  /** The server's address as the designer reaches it, e.g. `https://flows.example.com`. */
  url: string;
  tokenSet: boolean;
}

export interface DeployTargetInput {
  url: string;
  /** An admin token with the `deploy` role; empty or absent keeps the stored one. */
  token?: string;
}

/** A deploy the server accepted, or the validator's issues it refused the flow with (422). */
export type DeployResult =
  { ok: true; id: string; version: number; webhookUrls: string[] } | { ok: false; issues: FlowIssue[] };

export interface DeployedVersion {
  version: number;
  /** ISO-8601. */
  deployedAt: string;
  /** Name of the admin token that deployed it. */
  deployedBy: string;
}

/** One execution in the server's history (`GET /api/executions`). */
export interface ServerExecution {
  id: string;
  flowId: string;
  flowVersion: number;
  status: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /**
   * Why it did not succeed: English `message`, with `code` and `params` to word it in the UI's
   * language (`runErrorMessage`); a plain string from an older server.
   */
  error?: string | RunError;
  /** A `waiting` execution (saved at a Wait node): when it goes on, ISO-8601. */
  wakeAt?: string;
}

/** One execution with its (server-redacted) trace, as the test bench shows a run. */
export interface ServerExecutionDetail extends ServerExecution {
  trace?: RunTrace;
}

export interface HostApi {
  info(): Promise<HostInfo>;
  /** Parses, migrates and validates flow text with the runtime's validator. */
  validateFlow(text: string): Promise<ValidationResult>;
  /** Shows the host's open dialog (or file list); null when cancelled. */
  openFlow(): Promise<OpenedFlow | null>;
  /**
   * Browser host only (it has no native open dialog): the `*.flow.json` files in the
   * designer's workspace, working files first and export copies marked, for the renderer's
   * own open dialog, which then calls `readFlow(path)`. Absent in Electron, where
   * `openFlow()` shows the OS dialog.
   */
  listFlows?(): Promise<ListedFlow[]>;
  readFlow(path: string): Promise<OpenedFlow>;
  /** Writes `text` to `path`; with no path, asks where (Save As). Null when cancelled. */
  saveFlow(text: string, path?: string): Promise<SavedFlow | null>;
  /**
   * Writes a runnable copy. The host re-validates and refuses a flow with errors or literal
   * secrets, returning the issues instead.
   */
  exportFlow(text: string, suggestedName: string): Promise<{ path: string } | { issues: FlowIssue[] } | null>;
  recentFlows(): Promise<string[]>;
  /** Tells the host whether the window has unsaved changes (close prompt, title). */
  setDirty(dirty: boolean, title: string): Promise<void>;
  listSamples(): Promise<SamplePayload[]>;
  listCredentials(): Promise<CredentialSummary[]>;
  saveCredential(input: CredentialInput): Promise<CredentialSummary>;
  deleteCredential(name: string): Promise<void>;
  /**
   * "Test connection": the host sends one harmless request with the stored credential (Genesys
   * users/me, Zendesk users/me, ServiceNow sys_user, Salesforce limits) and answers what
   * happened; the values never come to the page.
   */
  testCredential(request: ConnectionTestRequest): Promise<ConnectionTestResult>;
  /**
   * Runs the flow's own test cases (all, or one by name). `flowPath` as in `RunFlowRequest`.
   */
  runTests(flowText: string, testName?: string, flowPath?: string): Promise<TestReport>;
  runFlow(request: RunFlowRequest): Promise<RunTrace>;
  /** Opens an http(s) URL in the user's browser; other schemes are refused. */
  openExternal(url: string): Promise<void>;
  /** The deploy server stored in the vault, or null when none is set. */
  deployTarget(): Promise<DeployTarget | null>;
  /** Stores the deploy server's URL and (when given) token in the vault. */
  setDeployTarget(input: DeployTargetInput): Promise<DeployTarget>;
  /** `PUT /api/flows/:id` on the deploy server, from the host (the token never reaches the page). */
  deployFlow(flowText: string): Promise<DeployResult>;
  deployedVersions(flowId: string): Promise<DeployedVersion[]>;
  /** Makes an earlier version the served one again; answers the version now served. */
  rollbackFlow(flowId: string, version: number): Promise<{ version: number }>;
  /** The flow's most recent executions on the deploy server, newest first. */
  serverExecutions(flowId: string, limit?: number): Promise<ServerExecution[]>;
  serverExecution(id: string): Promise<ServerExecutionDetail>;
  /**
   * Cancels a waiting execution on the deploy server (it does not go on when its wait ends); a
   * run that is no longer waiting is refused with the server's reason.
   */
  cancelServerExecution(id: string): Promise<void>;
  /** Subscribes to app-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    host: HostApi;
  }
}
