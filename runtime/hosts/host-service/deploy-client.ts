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

/** The vault record holding the deploy server; hidden from the credentials list. */
export const DEPLOY_CREDENTIAL = 'flowdesk-deploy-server';

/** Execution traces can be large; anything beyond this is refused rather than buffered. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** A deploy-server call that failed; the message says what the user can do. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'DeployError';
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
}

/** `https://host[:port]` from what the user typed; a path, query or credentials are refused. */
export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new DeployError(`Server URL '${input}' is not a URL: write it like https://flows.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DeployError(`Server URL '${input}' must start with https:// (or http:// on this computer).`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new DeployError(
      `Server URL '${input}' must be the server's address only (like https://flows.example.com), without a path.`,
    );
  }
  return url.origin;
}

/** Only routes under these are called, with ids that cannot add path segments. */
function segment(value: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(value)) throw new DeployError(`${what} '${value}' is not valid.`);
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
    if (!target) throw new DeployError('No deploy server is set: enter its URL and an admin token first.');
    if (!target.token)
      throw new DeployError(`No admin token is stored for ${target.url}: enter one with the deploy role.`);
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
      throw new DeployError(
        `Cannot reach the deploy server ${target.url}${code ? ` (${code})` : ''}: is \`flowdesk serve\` running there?`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        res.body.destroy();
        throw new DeployError(`The deploy server's answer to ${method} ${path} is larger than 32 MB.`);
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
      throw new DeployError(
        `The deploy server ${target.url} refused the admin token (401): enter a valid one.`,
        status,
      );
    }
    if (status === 403) {
      throw new DeployError(
        `The admin token is not allowed to do this on ${target.url} (403): deploying needs a token with the deploy role.`,
        status,
      );
    }
    if (status === 404 && serverMessage(parsed) === undefined && path.startsWith('/api/')) {
      throw new DeployError(
        `${target.url} has no admin API here (404): is it a \`flowdesk serve\` started with FLOWDESK_ADMIN_TOKENS?`,
        status,
      );
    }
    return { status, body: parsed };
  }

  function failed(what: string, r: { status: number; body: unknown }): DeployError {
    const why = serverMessage(r.body);
    return new DeployError(`${what} failed: the server answered ${r.status}${why ? `: ${why}` : ''}.`, r.status);
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
        throw new DeployError(`Enter an admin token for ${url} (a FLOWDESK_ADMIN_TOKENS token with the deploy role).`);
      }
      await store.save({ name: DEPLOY_CREDENTIAL, kind: 'bearer', fields: { token }, allowedOrigins: [url] });
      return { url, tokenSet: true };
    },
    async deploy(flowText) {
      let flow: { id?: unknown };
      try {
        flow = JSON.parse(flowText) as { id?: unknown };
      } catch {
        throw new DeployError('The flow is not valid JSON; fix it before deploying.');
      }
      const id = segment(typeof flow.id === 'string' ? flow.id : '', 'Flow id');
      const r = await call('PUT', `/api/flows/${id}`, flow);
      if (r.status === 422) {
        const issues = toIssues((r.body as { issues?: unknown } | undefined)?.issues);
        if (issues.length === 0) throw failed('Deploy', r);
        return { ok: false, issues };
      }
      if (r.status !== 200 && r.status !== 201) throw failed('Deploy', r);
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
      const r = await call('GET', `/api/flows/${segment(flowId, 'Flow id')}/versions`);
      if (r.status === 404) return [];
      if (r.status !== 200) throw failed('Listing the deployed versions', r);
      const list = (r.body as { versions?: unknown } | undefined)?.versions;
      return Array.isArray(list) ? (list as DeployedVersion[]).filter((v) => typeof v?.version === 'number') : [];
    },
    async rollback(flowId, version) {
      const r = await call('POST', `/api/flows/${segment(flowId, 'Flow id')}/rollback`, { version });
      if (r.status !== 200 && r.status !== 201) throw failed(`Rolling back to version ${version}`, r);
      const v = (r.body as { version?: unknown } | undefined)?.version;
      return { version: typeof v === 'number' ? v : version };
    },
    async executions(flowId, limit = 20) {
      const query = new URLSearchParams({ flow: flowId, limit: String(limit) });
      segment(flowId, 'Flow id');
      const r = await call('GET', `/api/executions?${query.toString()}`);
      if (r.status !== 200) throw failed('Listing the executions', r);
      const list = (r.body as { executions?: unknown } | undefined)?.executions;
      return Array.isArray(list) ? (list as ServerExecution[]).filter((e) => typeof e?.id === 'string') : [];
    },
    async execution(id) {
      const r = await call('GET', `/api/executions/${segment(id, 'Execution id')}`);
      if (r.status !== 200) throw failed(`Reading execution ${id}`, r);
      return r.body as ServerExecutionDetail;
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
  | 'serverExecution';

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
  };
}
