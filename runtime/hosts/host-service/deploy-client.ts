/**
 * "Deploy to server…": the designer hosts' side of `flowdesk serve`'s admin API. The server's
 * address and admin token are kept in the designer's credential store (Electron vault or the
 * browser host's encrypted file) as a Bearer credential whose only allowed origin is the
 * server, so the token is sent nowhere else; the renderer learns only that a token is set.
 * Every call to the server is made here, in the host.
 */
import { Agent, request } from 'undici';
import type {
  DeployedVersion,
  DeployResult,
  DeployTarget,
  DeployTargetInput,
  ServerExecution,
  ServerExecutionDetail,
} from '../../../core/host-api.js';
import type { FlowIssue } from '../../../core/validation-types.js';
import { message } from '../../../core/messages/make.js';
import { CredentialInputError, type CredentialStore } from './credential-store.js';
import type { HostHandlers } from './host-methods.js';
import type { DeployAction } from '../../../core/messages/host-en.js';
import type { Message } from '../../../core/messages/message.js';
import { MessageError } from '../../../core/messages/message-error.js';

/** The vault record holding the deploy server; hidden from the credentials list. */
export const DEPLOY_CREDENTIAL = 'flowdesk-deploy-server';

/** Execution traces can be large; anything beyond this is refused rather than buffered. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** A deploy-server call that failed; a `deploy.*` message saying what the user can do. */
export class DeployError extends MessageError {
  override readonly name = 'DeployError';

  constructor(
    worded: Message & { message: string },
    readonly status = 0,
  ) {
    super(worded);
  }
}

export interface DeployClient {
  target(): Promise<DeployTarget | null>;
  setTarget(input: DeployTargetInput): Promise<DeployTarget>;
  deploy(flowText: string): Promise<DeployResult>;
  versions(flowId: string): Promise<DeployedVersion[]>;
  rollback(flowId: string, version: number): Promise<{ version: number }>;
  executions(flowId: string, limit?: number): Promise<ServerExecution[]>;
  execution(id: string): Promise<ServerExecutionDetail>;
  cancel(id: string): Promise<void>;
}

/** `https://host[:port]` from what the user typed; a path, query or credentials are refused. */
export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new DeployError(message('deploy.bad-url', { url: input }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DeployError(message('deploy.bad-scheme', { url: input }));
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new DeployError(message('deploy.url-with-path', { url: input }));
  }
  return url.origin;
}

/** Only routes under these are called, with ids that cannot add path segments. */
function segment(value: string, what: 'flow' | 'execution'): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(value))
    throw new DeployError(message('deploy.bad-id', { what, value }));
  return encodeURIComponent(value);
}

function isIssue(value: unknown): value is FlowIssue {
  const v = value as Partial<FlowIssue> | null;
  return !!v && typeof v === 'object' && typeof v.message === 'string';
}

function toIssues(value: unknown): FlowIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isIssue).map((i) => ({
    severity: i.severity === 'warning' ? 'warning' : 'error',
    code: typeof i.code === 'string' ? i.code : 'server',
    message: i.message,
    pointer: typeof i.pointer === 'string' ? i.pointer : '',
    ...(typeof i.nodeId === 'string' ? { nodeId: i.nodeId } : {}),
    ...(typeof i.field === 'string' ? { field: i.field } : {}),
  }));
}

function serverMessage(body: unknown): string | undefined {
  const b = body as { error?: unknown; message?: unknown } | null;
  if (!b || typeof b !== 'object') return undefined;
  if (typeof b.message === 'string') return b.message;
  if (typeof b.error === 'string') return b.error;
  const nested = (b.error as { message?: unknown } | undefined)?.message;
  return typeof nested === 'string' ? nested : undefined;
}

export function createDeployClient(store: CredentialStore, options: { dispatcher?: Agent } = {}): DeployClient {
  // One keep-alive pool for the designer's calls; these are few, so defaults suffice.
  const dispatcher = options.dispatcher ?? new Agent({ connect: { timeout: 10_000 } });

  async function stored(): Promise<{ url: string; token?: string } | undefined> {
    const rec = await store.provider().get(DEPLOY_CREDENTIAL);
    const url = rec?.allowedOrigins?.[0];
    if (!rec || !url) return undefined;
    return { url, ...(rec.fields.token ? { token: rec.fields.token } : {}) };
  }

  async function call(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const target = await stored();
    if (!target) throw new DeployError(message('deploy.no-target', {}));
    if (!target.token) throw new DeployError(message('deploy.no-token', { url: target.url }));
    let res;
    try {
      res = await request(`${target.url}${path}`, {
        method,
        dispatcher,
        headers: {
          authorization: `Bearer ${target.token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
        // undici 7 follows no redirect without an interceptor: the token goes to this origin only.
      });
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new DeployError(message('deploy.unreachable', { url: target.url, ...(code ? { error: code } : {}) }));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        res.body.destroy();
        throw new DeployError(message('deploy.too-large', { method, path }));
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const status = res.statusCode;
    if (status === 401) {
      throw new DeployError(message('deploy.token-refused', { url: target.url }), status);
    }
    if (status === 403) {
      throw new DeployError(message('deploy.forbidden', { url: target.url }), status);
    }
    if (status === 404 && serverMessage(parsed) === undefined && path.startsWith('/api/')) {
      throw new DeployError(message('deploy.no-admin-api', { url: target.url }), status);
    }
    return { status, body: parsed };
  }

  function failed(
    action: { action: DeployAction; version?: number; id?: string },
    r: { status: number; body: unknown },
  ): DeployError {
    const why = serverMessage(r.body);
    return new DeployError(
      message('deploy.failed', { ...action, status: r.status, ...(why ? { reason: why } : {}) }),
      r.status,
    );
  }

  return {
    async target() {
      const t = await stored();
      return t ? { url: t.url, tokenSet: t.token !== undefined } : null;
    },
    async setTarget(input) {
      const url = normalizeServerUrl(input.url);
      const previous = await stored();
      // The token belongs to one server: a new address without a new token keeps none.
      const token =
        input.token && input.token !== '' ? input.token : previous?.url === url ? previous.token : undefined;
      if (!token) {
        throw new DeployError(message('deploy.token-needed', { url }));
      }
      await store.save({ name: DEPLOY_CREDENTIAL, kind: 'bearer', fields: { token }, allowedOrigins: [url] });
      return { url, tokenSet: true };
    },
    async deploy(flowText) {
      let flow: { id?: unknown };
      try {
        flow = JSON.parse(flowText) as { id?: unknown };
      } catch {
        throw new DeployError(message('deploy.not-json', {}));
      }
      const id = segment(typeof flow.id === 'string' ? flow.id : '', 'flow');
      const r = await call('PUT', `/api/flows/${id}`, flow);
      if (r.status === 422) {
        const issues = toIssues((r.body as { issues?: unknown } | undefined)?.issues);
        if (issues.length === 0) throw failed({ action: 'deploy' }, r);
        return { ok: false, issues };
      }
      if (r.status !== 200 && r.status !== 201) throw failed({ action: 'deploy' }, r);
      const b = r.body as { id?: unknown; version?: unknown; webhookUrls?: unknown };
      return {
        ok: true,
        id: typeof b?.id === 'string' ? b.id : String(flow.id),
        version: typeof b?.version === 'number' ? b.version : 0,
        webhookUrls: Array.isArray(b?.webhookUrls)
          ? b.webhookUrls.filter((u): u is string => typeof u === 'string')
          : [],
      };
    },
    async versions(flowId) {
      const r = await call('GET', `/api/flows/${segment(flowId, 'flow')}/versions`);
      if (r.status === 404) return [];
      if (r.status !== 200) throw failed({ action: 'versions' }, r);
      const list = (r.body as { versions?: unknown } | undefined)?.versions;
      return Array.isArray(list) ? (list as DeployedVersion[]).filter((v) => typeof v?.version === 'number') : [];
    },
    async rollback(flowId, version) {
      const r = await call('POST', `/api/flows/${segment(flowId, 'flow')}/rollback`, { version });
      if (r.status !== 200 && r.status !== 201) throw failed({ action: 'rollback', version }, r);
      const v = (r.body as { version?: unknown } | undefined)?.version;
      return { version: typeof v === 'number' ? v : version };
    },
    async executions(flowId, limit = 20) {
      const query = new URLSearchParams({ flow: flowId, limit: String(limit) });
      segment(flowId, 'flow');
      const r = await call('GET', `/api/executions?${query.toString()}`);
      if (r.status !== 200) throw failed({ action: 'executions' }, r);
      const list = (r.body as { executions?: unknown } | undefined)?.executions;
      return Array.isArray(list) ? (list as ServerExecution[]).filter((e) => typeof e?.id === 'string') : [];
    },
    async execution(id) {
      const r = await call('GET', `/api/executions/${segment(id, 'execution')}`);
      if (r.status !== 200) throw failed({ action: 'execution', id }, r);
      return r.body as ServerExecutionDetail;
    },
    async cancel(id) {
      const r = await call('POST', `/api/executions/${segment(id, 'execution')}/cancel`);
      // 409 when it went on (or ended) meanwhile: the server's sentence says what it is now.
      if (r.status !== 200) throw failed({ action: 'cancel', id }, r);
    },
  };
}

/**
 * The store as everything but the deploy client sees it: the deploy server's record is not
 * listed, cannot be overwritten or deleted from the credentials dialog (a new allowed origin
 * would send the token elsewhere) and is never handed to a flow's run.
 */
export function withoutDeployCredential(store: CredentialStore): CredentialStore {
  const reserved = (name: string) => name === DEPLOY_CREDENTIAL;
  return {
    list: async () => (await store.list()).filter((c) => !reserved(c.name)),
    save: async (input) => {
      if (reserved(input.name)) {
        throw new CredentialInputError(message('credential.reserved-name', { name: DEPLOY_CREDENTIAL }));
      }
      return store.save(input);
    },
    delete: async (name) => {
      if (!reserved(name)) await store.delete(name);
    },
    provider: () => {
      const inner = store.provider();
      return { get: async (name) => (reserved(name) ? undefined : inner.get(name)) };
    },
  };
}

export type DeployMethod =
  | 'deployTarget'
  | 'setDeployTarget'
  | 'deployFlow'
  | 'deployedVersions'
  | 'rollbackFlow'
  | 'serverExecutions'
  | 'serverExecution'
  | 'cancelServerExecution';

/** The HostApi deploy methods over one client; both hosts spread these into their handlers. */
export function deployHandlers(client: DeployClient): Pick<HostHandlers, DeployMethod> {
  return {
    deployTarget: () => client.target(),
    setDeployTarget: (input) => client.setTarget(input),
    deployFlow: (flowText) => client.deploy(flowText),
    deployedVersions: (flowId) => client.versions(flowId),
    rollbackFlow: (flowId, version) => client.rollback(flowId, version),
    serverExecutions: (flowId, limit) => client.executions(flowId, limit),
    serverExecution: (id) => client.execution(id),
    cancelServerExecution: (id) => client.cancel(id),
  };
}
