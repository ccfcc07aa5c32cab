/**
 * The renderer is loaded from `app://flowdesk/…`, a privileged custom scheme serving only the
 * packaged dist-renderer/ files (with the CSP header), rather than file://, so the page has a
 * real origin of its own: IPC sender checks compare against it, and file:// pages could read
 * any local file the renderer names.
 */
import { readFile } from 'node:fs/promises';
import { RENDERER_HEADERS } from '../../runtime/hosts/host-service/csp.js';
import { lookupStatic } from '../../runtime/hosts/designer/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'flowdesk';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for URLs of our packaged renderer (WHATWG gives custom schemes a null origin, so compare parts). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Scheme privileges; must be registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Answers one `app://` request from `rendererDir`: a `Response` for `protocol.handle`. */
export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  if (!isAppUrl(url)) return new Response('Not found', { status: 404 });
  const file = await lookupStatic(rendererDir, new URL(url).pathname);
  const headers = { ...RENDERER_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' };
  if (!file.path) return new Response(file.body ?? '', { status: file.status, headers });
  return new Response(new Uint8Array(await readFile(file.path)), { status: file.status, headers });
}
