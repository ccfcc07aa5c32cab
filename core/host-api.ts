/**
 * `HostApi`: everything the renderer may ask of its host, declared once. The Electron
 * preload implements it over IPC (`const api: HostApi = {…}`), the browser host over HTTP to
 * `flowdesk designer`; the renderer sees it as `window.host`.
 */
import type { CredentialKind, CredentialSummary } from './credentials.js';
import type { FlowFile } from './flow.js';
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
  runTests: 'run:tests',
  runFlow: 'run:flow',
  openExternal: 'shell:open-external',
  menuCommand: 'menu:command',
  hostInfo: 'host:info',
} as const;

export type IpcChannel = (typeof IPC)[keyof typeof IPC];

/** Commands the app menu (or the browser host's keyboard shortcuts) send to the renderer. */
export type MenuCommand =
  | 'file:new'
  | 'file:open'
  | 'file:save'
  | 'file:save-as'
  | 'file:export'
  | 'file:close'
  | 'edit:undo'
  | 'edit:redo'
  | 'edit:cut'
  | 'edit:copy'
  | 'edit:paste'
  | 'edit:duplicate'
  | 'edit:delete'
  | 'edit:select-all'
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

export interface HostApi {
  info(): Promise<HostInfo>;
  /** Parses, migrates and validates flow text with the runtime's validator. */
  validateFlow(text: string): Promise<ValidationResult>;
  /** Shows the host's open dialog (or file list); null when cancelled. */
  openFlow(): Promise<OpenedFlow | null>;
  /**
   * Browser host only (it has no native open dialog): workspace-relative paths of the
   * `*.flow.json` files in the designer's workspace, for the renderer's own open dialog, which
   * then calls `readFlow(path)`. Absent in Electron, where `openFlow()` shows the OS dialog.
   */
  listFlows?(): Promise<string[]>;
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
  /** Runs the flow's own test cases (all, or one by name). */
  runTests(flowText: string, testName?: string): Promise<TestReport>;
  runFlow(request: RunFlowRequest): Promise<RunTrace>;
  /** Opens an http(s) URL in the user's browser; other schemes are refused. */
  openExternal(url: string): Promise<void>;
  /** Subscribes to app-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    host: HostApi;
  }
}
