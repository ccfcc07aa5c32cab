/**
 * HostApi over HTTP, for the renderer running in a browser against `flowdesk designer`:
 * `POST <baseUrl>/api/rpc/<method>` with `{"args": [...]}` and the per-start token as
 * `Authorization: Bearer`. Answers are `{"result": …}` or `{"error": {"message": …}}`; an error
 * becomes an `Error` carrying the server's message, which is written for the user.
 */
import type { HostApi, MenuCommand } from '../../core/host-api.js';

/** Thrown for a failed host call; `status` is the HTTP status (0 when the server is unreachable). */
export class HostCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
  ) {
    super(message);
    this.name = 'HostCallError';
  }
}

type FetchLike = (
  input: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export function createHttpHost(baseUrl: string, token: string, fetchImpl?: FetchLike): HostApi {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => fetch(input, init));

  async function call<T>(method: string, args: unknown[]): Promise<T> {
    let response;
    try {
      response = await doFetch(`${base}/api/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        // Trailing undefined optionals are dropped; inner ones become null, which the host accepts.
        body: JSON.stringify({ args: trimUndefined(args) }),
      });
    } catch {
      throw new HostCallError(
        'The designer server cannot be reached. Is `flowdesk designer` still running?',
        0,
        method,
      );
    }
    const text = await response.text();
    let parsed: { result?: unknown; error?: { message?: unknown } } | undefined;
    try {
      parsed = text ? (JSON.parse(text) as typeof parsed) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok || !parsed || 'error' in parsed) {
      const message =
        typeof parsed?.error?.message === 'string'
          ? parsed.error.message
          : `The designer server answered ${response.status} to ${method}.`;
      throw new HostCallError(message, response.status, method);
    }
    return parsed.result as T;
  }

  return {
    info: () => call('info', []),
    validateFlow: (text) => call('validateFlow', [text]),
    openFlow: () => call('openFlow', []),
    listFlows: () => call('listFlows', []),
    readFlow: (path) => call('readFlow', [path]),
    saveFlow: (text, path) => call('saveFlow', [text, path]),
    exportFlow: (text, suggestedName) => call('exportFlow', [text, suggestedName]),
    recentFlows: () => call('recentFlows', []),
    setDirty: (dirty, title) => call('setDirty', [dirty, title]),
    listSamples: () => call('listSamples', []),
    listCredentials: () => call('listCredentials', []),
    saveCredential: (input) => call('saveCredential', [input]),
    deleteCredential: (name) => call('deleteCredential', [name]),
    runTests: (flowText, testName) => call('runTests', [flowText, testName]),
    runFlow: (request) => call('runFlow', [request]),
    deployTarget: () => call('deployTarget', []),
    setDeployTarget: (input) => call('setDeployTarget', [input]),
    deployFlow: (flowText) => call('deployFlow', [flowText]),
    deployedVersions: (flowId) => call('deployedVersions', [flowId]),
    rollbackFlow: (flowId, version) => call('rollbackFlow', [flowId, version]),
    serverExecutions: (flowId, limit) => call('serverExecutions', [flowId, limit]),
    serverExecution: (id) => call('serverExecution', [id]),
    async openExternal(url) {
      // The page opens the link itself, after the same http(s)-only check Electron makes.
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new HostCallError(
          `Only http and https links can be opened (not ${parsed.protocol}).`,
          400,
          'openExternal',
        );
      }
      // Through globalThis so this module also type-checks without the DOM lib (its tests run in Node).
      const open = (globalThis as { open?: (url: string, target: string, features: string) => unknown }).open;
      open?.(parsed.href, '_blank', 'noopener,noreferrer');
    },
    // In the browser the shell's keyboard shortcuts are the menu; there is nothing to push.
    onMenuCommand(_listener: (command: MenuCommand) => void) {
      return () => undefined;
    },
  };
}

function trimUndefined(args: unknown[]): unknown[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out.map((a) => (a === undefined ? null : a));
}
