/**
 * The flows a server serves: loaded from files named on the command line (and reloaded when a
 * file changes) or deployed through the admin API, every one validated by the engine's own
 * load (the validator's messages, then node preparation) before it is served. A broken edit
 * keeps the last good version serving and records why; an invalid new flow is not served.
 * Every change of a flow's text is a new version in the history database.
 */
import { isTrigger } from '../../../core/node-type.js';
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createPrepareTools } from '../../../core/expressions/compile.js';
import type { FlowFile } from '../../../core/flow.js';
import { formatMessage } from '../../../core/messages/format.js';
import { resolveParams } from '../../../core/params.js';
import { compileJsonPath, type CompiledJsonPath } from '../../../core/json-path-eval.js';
import type { CompiledTemplate } from '../../../core/node-type.js';
import type { TriggerSchedule } from '../../../core/schedule/schedule.js';
import type { FlowIssue } from '../../../core/validation-types.js';
import { manifestFor } from '../../../nodes/registry.js';
import { DEFAULT_SYNC_TIMEOUT_MS, type WebhookTriggerConfig } from '../../../nodes/webhook-trigger/manifest.js';
import { createFlowRuntime, FlowLoadError, type FlowRuntime } from '../../engine/flow-runtime.js';
import { paramsFromEnv } from '../../params-input.js';
import type { HistoryStore } from './history.js';

export interface ServedFlow {
  id: string;
  name: string;
  version: number;
  source: string;
  flow: FlowFile;
  /** The file it was loaded from, when it came from one. */
  file?: string;
  deployedAt: string;
  deployedBy: string;
  trigger: ServedTrigger;
}

/** How a served flow starts: a webhook route, or a schedule (no route). */
export type ServedTrigger = WebhookServing | ScheduleServing;

interface TriggerServing {
  nodeName: string;
  /** Body fields holding personal data, masked in stored traces. */
  personal: CompiledJsonPath[];
}

export interface WebhookServing extends TriggerServing {
  kind: 'webhook';
  config: WebhookTriggerConfig;
  /** The credential the trigger checks callers against. */
  credential?: string;
  mode: 'async' | 'sync';
  timeoutMs: number;
  orderingKey?: CompiledTemplate;
  path?: string;
}

export interface ScheduleServing extends TriggerServing {
  kind: 'schedule';
  schedule: TriggerSchedule;
}

export interface FlowProblem {
  /** The flow id when known, else the file. */
  source: string;
  file?: string;
  message: string;
  issues: FlowIssue[];
  /** True when an older good version keeps serving. */
  keptVersion?: number;
  at: string;
}

export type CatalogEvent =
  | { kind: 'loaded'; flow: ServedFlow; reason: 'start' | 'reload' | 'deploy' | 'rollback' }
  | { kind: 'removed'; flowId: string }
  | { kind: 'problem'; problem: FlowProblem };

/** A flow's text checked the way the engine would load it; throws FlowLoadError. */
export interface CheckedFlow {
  flow: FlowFile;
  trigger: ServedFlow['trigger'];
}

export class FlowCatalog {
  private readonly flows = new Map<string, ServedFlow>();
  private readonly problems = new Map<string, FlowProblem>();
  /** Which flow id each watched file last held. */
  private readonly fileIds = new Map<string, string>();
  private readonly watchers: FSWatcher[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly runtime: FlowRuntime;

  constructor(
    private readonly history: HistoryStore,
    private readonly onEvent: (event: CatalogEvent) => void = () => {},
    /** The workers' environment: where a flow's parameters get their values (FLOWDESK_PARAM_*). */
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    // Only for validation and preparation: no run ever goes through this runtime.
    this.runtime = createFlowRuntime({ credentials: { get: () => Promise.resolve(undefined) } });
  }

  /** Checks flow text like the engine's load; throws FlowLoadError listing every issue. */
  check(source: string, fileName?: string): CheckedFlow {
    const loaded = this.runtime.load(source, fileName ? { fileName } : {});
    const flow = loaded.flow;
    const node = flow.nodes.find((n) => isTrigger(manifestFor(n.type)))!;
    const manifest = manifestFor(node.type)!;
    this.checkParams(flow, fileName);
    if (manifest.triggerKind === 'schedule') {
      // Validation refused a config that cannot be scheduled, so this is defined.
      const schedule = manifest.scheduleOf!(node.config)!;
      return { flow, trigger: { kind: 'schedule', nodeName: node.name, schedule, personal: [] } };
    }
    if (manifest.triggerKind !== 'webhook') {
      throw new FlowLoadError(
        [
          {
            severity: 'error',
            code: 'server-trigger',
            message: `${node.name}: a server starts flows on webhooks and schedules; this flow starts with a '${node.type}' trigger`,
            pointer: '/nodes',
            nodeId: node.id,
          },
        ],
        fileName,
      );
    }
    const config = node.config as WebhookTriggerConfig;
    const tools = createPrepareTools();
    return {
      flow,
      trigger: {
        kind: 'webhook',
        nodeName: node.name,
        config,
        ...(node.credentials?.auth ? { credential: node.credentials.auth } : {}),
        mode: config.response?.mode ?? 'async',
        timeoutMs: config.response?.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
        ...(config.orderingKey ? { orderingKey: tools.template(config.orderingKey, 'text') } : {}),
        personal: (config.personalFields ?? []).map((p) => compileJsonPath(p)),
        ...(config.path ? { path: config.path } : {}),
      },
    };
  }

  /**
   * Every run of a served flow takes its parameters from the workers' environment: a parameter
   * without a value there (or with a wrong one) would fail each delivery, so the flow is not
   * served, and the problem names the variable to set.
   */
  private checkParams(flow: FlowFile, fileName: string | undefined): void {
    if (!flow.params) return;
    const { problems } = resolveParams(flow.params, paramsFromEnv(flow.params, this.env));
    if (problems.length === 0) return;
    const variables = problems.map((p) => `FLOWDESK_PARAM_${p.name}`).join(', ');
    throw new FlowLoadError(
      [
        {
          severity: 'error',
          code: 'server-params',
          message: `${formatMessage({ code: 'run.params', params: { problems } })}. On a server the values come from the environment: set ${variables}`,
          pointer: '/params',
        },
      ],
      fileName,
    );
  }

  get(id: string): ServedFlow | undefined {
    return this.flows.get(id);
  }

  list(): ServedFlow[] {
    return [...this.flows.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  problemList(): FlowProblem[] {
    return [...this.problems.values()];
  }

  /** Serves the active versions recorded in the database (deploys survive a restart). */
  loadDeployed(): void {
    for (const record of this.history.activeFlows()) {
      if (record.origin !== 'api') continue; // file flows are read from their files again
      try {
        const checked = this.check(record.source);
        this.serve(checked, record.source, record.version, record.deployedAt, record.deployedBy, undefined, 'start');
      } catch (error) {
        this.report(record.flowId, undefined, error);
      }
    }
  }

  /**
   * Loads the flow files of each path (a directory is searched for *.flow.json, not deeply)
   * and watches them. Invalid flows are reported, not served.
   */
  async loadPaths(paths: readonly string[], watchFiles: boolean): Promise<void> {
    for (const path of paths) {
      const full = resolve(path);
      const info = await stat(full).catch(() => undefined);
      if (!info) {
        this.addProblem({ source: path, file: full, message: `${path}: no such file or directory`, issues: [] });
        continue;
      }
      if (info.isDirectory()) {
        const names = (await readdir(full)).filter((n) => n.endsWith('.flow.json')).sort();
        for (const name of names) await this.loadFile(join(full, name), 'start');
        if (watchFiles) this.watchDir(full);
      } else {
        await this.loadFile(full, 'start');
        if (watchFiles) this.watchFile(full);
      }
    }
  }

  /** Deploys flow text through the API; returns the served flow (throws FlowLoadError). */
  deploy(id: string, source: string, actor: string): ServedFlow {
    const checked = this.check(source);
    if (checked.flow.id !== id) {
      throw new FlowLoadError([
        {
          severity: 'error',
          code: 'id-mismatch',
          message: `the flow's id is '${checked.flow.id}', but it was sent to /api/flows/${id}`,
          pointer: '/id',
        },
      ]);
    }
    const version = this.history.addVersion({ flowId: id, source, deployedBy: actor, origin: 'api' });
    this.problems.delete(id);
    return this.serve(checked, source, version, new Date().toISOString(), actor, undefined, 'deploy');
  }

  rollback(id: string, version: number, actor: string): ServedFlow | undefined {
    const record = this.history.version(id, version);
    if (!record) return undefined;
    const checked = this.check(record.source);
    this.history.activate(id, version, actor, 'rollback');
    const current = this.flows.get(id);
    return this.serve(checked, record.source, version, new Date().toISOString(), actor, current?.file, 'rollback');
  }

  remove(id: string, actor: string): boolean {
    if (!this.flows.has(id)) return false;
    this.flows.delete(id);
    this.history.remove(id, actor);
    this.onEvent({ kind: 'removed', flowId: id });
    return true;
  }

  close(): void {
    for (const w of this.watchers) w.close();
    for (const t of this.pending.values()) clearTimeout(t);
    this.watchers.length = 0;
  }

  // ---- internals ---------------------------------------------------------------------------

  private serve(
    checked: CheckedFlow,
    source: string,
    version: number,
    deployedAt: string,
    deployedBy: string,
    file: string | undefined,
    reason: 'start' | 'reload' | 'deploy' | 'rollback',
  ): ServedFlow {
    const served: ServedFlow = {
      id: checked.flow.id,
      name: checked.flow.name,
      version,
      source,
      flow: checked.flow,
      ...(file ? { file } : {}),
      deployedAt,
      deployedBy,
      trigger: checked.trigger,
    };
    this.flows.set(served.id, served);
    this.onEvent({ kind: 'loaded', flow: served, reason });
    return served;
  }

  private async loadFile(file: string, reason: 'start' | 'reload'): Promise<void> {
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && reason === 'reload') {
        // A deleted file stops nothing: the last good version keeps serving until a deploy
        // or DELETE says otherwise (editors delete and recreate files when saving).
        return;
      }
      this.report(this.fileIds.get(file) ?? file, file, error);
      return;
    }
    let checked: CheckedFlow;
    try {
      checked = this.check(source, file);
    } catch (error) {
      this.report(this.fileIds.get(file) ?? file, file, error);
      return;
    }
    const id = checked.flow.id;
    this.fileIds.set(file, id);
    this.problems.delete(file);
    this.problems.delete(id);
    const latest = this.history.latestVersion(id);
    let version: number;
    let deployedAt: string;
    let deployedBy = 'file';
    if (latest && latest.source === source) {
      version = latest.version;
      deployedAt = latest.deployedAt;
      deployedBy = latest.deployedBy;
      if (this.flows.get(id)?.version === version) return; // unchanged (a touch, a second event)
      this.history.activate(id, version, 'file', 'reload');
    } else {
      version = this.history.addVersion({ flowId: id, source, deployedBy: 'file', origin: `file:${file}` });
      deployedAt = new Date().toISOString();
    }
    this.serve(checked, source, version, deployedAt, deployedBy, file, reason);
  }

  private report(source: string, file: string | undefined, error: unknown): void {
    const issues = error instanceof FlowLoadError ? error.issues : [];
    const message = error instanceof Error ? error.message : String(error);
    const kept = this.flows.get(source);
    this.addProblem({
      source,
      ...(file ? { file } : {}),
      message,
      issues,
      ...(kept ? { keptVersion: kept.version } : {}),
    });
  }

  private addProblem(problem: Omit<FlowProblem, 'at'>): void {
    const full: FlowProblem = { ...problem, at: new Date().toISOString() };
    this.problems.set(problem.source, full);
    this.onEvent({ kind: 'problem', problem: full });
  }

  /** Editors write a file in several steps; wait for the writes to settle before reading. */
  private schedule(file: string): void {
    const existing = this.pending.get(file);
    if (existing) clearTimeout(existing);
    this.pending.set(
      file,
      setTimeout(() => {
        this.pending.delete(file);
        void this.loadFile(file, 'reload');
      }, 100),
    );
  }

  private watchDir(dir: string): void {
    const watcher = watch(dir, (_event, name) => {
      if (typeof name === 'string' && name.endsWith('.flow.json')) this.schedule(join(dir, name));
    });
    watcher.on('error', () => {});
    this.watchers.push(watcher);
  }

  private watchFile(file: string): void {
    // Watching the directory survives editors that replace the file (rename over it).
    const dir = resolve(file, '..');
    const base = file.slice(dir.length + 1);
    const watcher = watch(dir, (_event, name) => {
      if (name === base) this.schedule(file);
    });
    watcher.on('error', () => {});
    this.watchers.push(watcher);
  }
}
