/**
 * HostApi over HTTP, for the renderer running in a browser against `flowdesk designer`:
 * `POST <baseUrl>/api/rpc/<method>` with `{"args": [...]}` and the per-start token as
 * `Authorization: Bearer`. Answers are `{"result": …}` or `{"error": {"message", "code"?, "params"?}}`;
 * an error becomes a `HostCallError` with the server's English message and, when the host words
 * it from the catalogues, its code and params (core/host-error.ts).
 */
import { HostCallError, readErrorBody } from '../../core/host-error.js';
import type { HostApi, MenuCommand } from '../../core/host-api.js';
import { message } from '../../core/messages/make.js';
import { HOST_METHOD_NAMES, hostMethodProxy } from '../../core/host-methods.js';

export { HostCallError } from '../../core/host-error.js';

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
      throw new HostCallError(message('host.unreachable', {}), method, 0);
    }
    const text = await response.text();
    let parsed: { result?: unknown; error?: unknown } | undefined;
    try {
      parsed = text ? (JSON.parse(text) as typeof parsed) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok || !parsed || 'error' in parsed) {
      const body = readErrorBody(parsed?.error) ?? message('host.answered', { status: response.status, method });
      throw new HostCallError(body, method, response.status);
    }
    return parsed.result as T;
  }

  return {
    // Every request/response method of core's HOST_METHODS goes to /api/rpc/<method>.
    ...hostMethodProxy(HOST_METHOD_NAMES, (method, args) => call(method, args)),
    async openExternal(url) {
      // The page opens the link itself, after the same http(s)-only check Electron makes.
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new HostCallError(message('host.link-not-http', { protocol: parsed.protocol }), 'openExternal', 400);
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
