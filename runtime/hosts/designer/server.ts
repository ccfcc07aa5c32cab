/**
 * `flowdesk designer`: the renderer in a browser, with HostApi served over HTTP on 127.0.0.1.
 *
 * Defences, because any web page the user visits can reach a port on 127.0.0.1:
 * - bound to 127.0.0.1 only;
 * - a random per-start token required as `Authorization: Bearer` on every RPC (compared in
 *   constant time); a foreign page cannot read it from the URL fragment and cannot set the
 *   header without a CORS preflight, which this server never grants;
 * - the Host header must name 127.0.0.1/localhost on our port (DNS rebinding), and an Origin,
 *   when sent, must be ours;
 * - every argument is schema-checked (host-methods.ts) and every path confined to the
 *   workspace (workspace-paths.ts);
 * - the renderer is served with the CSP and `X-Content-Type-Options: nosniff`.
 * It prints nothing; the CLI prints `Flowdesk designer: <url>`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { hostErrorBody, type HostErrorBody } from '../../../core/host-error.js';
import { createFileCredentialStore, loadOrCreateKey } from '../host-service/file-credential-store.js';
import { RENDERER_HEADERS } from '../host-service/csp.js';
import { checkArgs, dispatch, isHostMethod, MAX_FLOW_TEXT, type HostHandlers } from '../host-service/host-methods.js';
import { packageRoot } from '../host-service/package-root.js';
import { createRecentFiles } from '../host-service/recent-files.js';
import { defaultRunChildPath, type RunRequest } from '../host-service/run-request.js';
import { createChildRunner } from '../../process/child-runner.js';
import type { TestReport } from '../../../core/test-report.js';
import type { RunTrace } from '../../../core/trace.js';
import { lookupStatic, openStatic } from './static-files.js';
import { createWorkspaceHost } from './workspace-host.js';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';

export interface DesignerServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Directory flows are opened from, saved and exported to. */
  workspace: string;
  /** The built renderer; `<package>/dist-renderer` by default. */
  rendererDir?: string;
  /** Encrypted credentials file; `<workspace>/.flowdesk/credentials.enc.json` by default. */
  credentialsFile?: string;
  /**
   * Key of the credentials file. Default: FLOWDESK_CREDENTIALS_KEY, else a key generated once
   * into `keyFile`.
   */
  credentialsKey?: string;
  /** Where a generated key is kept; `~/.flowdesk/designer.key` by default. */
  keyFile?: string;
  /** Receives one line per unexpected server error (never request bodies). */
  log?: (line: string) => void;
  /** What `/api/rpc/<method>` dispatches to; the workspace host by default (tests record calls). */
  handlers?: HostHandlers;
  /** The run child processes (runs and test runs never execute in the server's process). */
  runProcess?: {
    /** Child entry module; `../host-service/run-child.js` by default (tests substitute one). */
    modulePath?: string;
    /** Runs at once; default 2. */
    size?: number;
    /** Runs a child serves before it is replaced; default 1 (a fresh process per run). */
    maxCallsPerChild?: number;
    watchdogMs?: number;
    maxOldSpaceMb?: number;
  };
}

export interface DesignerServer {
  /** `http://127.0.0.1:<port>` (the token goes in the fragment: `<url>/#token=<token>`). */
  url: string;
  token: string;
  close(): Promise<void>;
}

/** RPC requests may carry a whole flow; a little more than the largest flow text accepted. */
const BODY_LIMIT = MAX_FLOW_TEXT + 1024 * 1024;

const USER_ERRORS = new Set([
  'ArgumentError',
  'PathNotAllowedError',
  'CredentialInputError',
  'CredentialsFileError',
  'FlowLoadError',
  'FlowFileError',
  'InputFileError',
  'DeployError',
]);

function statusFor(err: Error): number {
  if (err.name === 'FileNotFoundError') return 404;
  // A refusal worded as a message (also one that came back from a run's child process) is the user's to fix.
  if (USER_ERRORS.has(err.name) || err instanceof MessageError || err.name === 'MessageError') return 400;
  return 500;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

export async function startDesignerServer(options: DesignerServerOptions): Promise<DesignerServer> {
  const workspace = resolve(options.workspace);
  const info = await stat(workspace).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`The workspace ${workspace} is not an existing folder.`);
  const rendererDir = resolve(options.rendererDir ?? join(packageRoot(), 'dist-renderer'));
  const log = options.log ?? (() => undefined);
  const token = randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);

  const credentialsFile = options.credentialsFile ?? join(workspace, '.flowdesk', 'credentials.enc.json');
  let keyPromise: Promise<string> | undefined;
  const key = (): Promise<string> =>
    (keyPromise ??= (async () => {
      const given = options.credentialsKey ?? process.env.FLOWDESK_CREDENTIALS_KEY;
      if (given) return given;
      return loadOrCreateKey(options.keyFile ?? join(homedir(), '.flowdesk', 'designer.key'));
    })());
  const runner = createChildRunner<RunRequest, TestReport | RunTrace>({
    modulePath: options.runProcess?.modulePath ?? defaultRunChildPath(),
    size: options.runProcess?.size ?? 2,
    maxCallsPerChild: options.runProcess?.maxCallsPerChild ?? 1,
    ...(options.runProcess?.watchdogMs !== undefined ? { watchdogMs: options.runProcess.watchdogMs } : {}),
    ...(options.runProcess?.maxOldSpaceMb !== undefined ? { maxOldSpaceMb: options.runProcess.maxOldSpaceMb } : {}),
  });
  const handlers: HostHandlers =
    options.handlers ??
    createWorkspaceHost({
      runner,
      workspace,
      credentials: createFileCredentialStore(credentialsFile, key),
      recent: createRecentFiles(join(workspace, '.flowdesk', 'recent.json'), {
        toAbsolute: (p) => resolve(workspace, p),
      }),
    });

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  let port = 0;

  const fail = (reply: FastifyReply, status: number, error: HostErrorBody) =>
    reply.code(status).header('Cache-Control', 'no-store').send({ error });

  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    const match = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/i.exec(host);
    if (!match || (match[2] !== undefined && Number(match[2]) !== port)) {
      return fail(reply, 403, message('host.host-not-allowed', { host, port }));
    }
    const origin = request.headers.origin;
    if (origin !== undefined && request.method !== 'GET' && request.method !== 'HEAD') {
      if (origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return fail(reply, 403, message('host.origin-not-allowed', { origin }));
      }
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, _request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) log(`designer: ${err.message}`);
    const body =
      status === 413
        ? message('host.too-large', {})
        : status === 500
          ? message('host.internal', {})
          : hostErrorBody(err);
    return fail(reply, status, body);
  });

  app.post('/api/rpc/:method', async (request: FastifyRequest<{ Params: { method: string } }>, reply) => {
    const auth = request.headers.authorization ?? '';
    const given = /^Bearer (\S+)$/.exec(auth)?.[1] ?? '';
    if (!timingSafeEqual(digest(given), tokenDigest)) {
      return fail(reply, 401, message('host.token', {}));
    }
    const method = request.params.method;
    if (!isHostMethod(method)) return fail(reply, 404, message('host.unknown-method', { method }));
    const body = request.body as { args?: unknown } | null | undefined;
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
      return fail(reply, 400, message('host.bad-body', {}));
    }
    try {
      const args = checkArgs(method, body?.args ?? []);
      let result = await dispatch(handlers, method, args);
      if (method === 'info') {
        // The UI follows the browser's language, which the page's requests carry.
        const language = /^\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)/.exec(
          request.headers['accept-language'] ?? '',
        )?.[1];
        if (language) result = { ...(result as object), locale: language };
      }
      return reply.header('Cache-Control', 'no-store').send({ result: result === undefined ? null : result });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const status = statusFor(err);
      if (status === 500) log(`designer: ${method} failed: ${err.message}`);
      // A refusal keeps its message code and params, so the page words it in the user's language.
      return fail(reply, status, hostErrorBody(err));
    }
  });

  // Fastify answers HEAD from this GET route by itself.
  app.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/')) return fail(reply, 404, message('host.not-found', {}));
    const file = await lookupStatic(rendererDir, request.url);
    reply
      .headers({ ...RENDERER_HEADERS, 'Cache-Control': file.cache })
      .code(file.status)
      .type(file.contentType);
    if (file.size !== undefined) reply.header('Content-Length', file.size);
    return reply.send(openStatic(file));
  });

  app.setNotFoundHandler((_request, reply) => fail(reply, 404, message('host.not-found', {})));

  try {
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  } catch (err) {
    await app.close().catch(() => undefined);
    await runner.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for any free port.`,
      );
    }
    throw err;
  }
  port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      await app.close();
      await runner.close();
    },
  };
}
