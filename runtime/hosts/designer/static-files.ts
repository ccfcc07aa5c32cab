/**
 * Serves the built renderer (dist-renderer/) with the CSP and nosniff headers. Small on
 * purpose (GET/HEAD of files under one directory) rather than another dependency; paths are
 * confined to that directory like the workspace's.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { CONTENT_TYPES } from '../host-service/csp.js';

export interface StaticFile {
  status: number;
  contentType: string;
  /** Absent for a generated body. */
  path?: string;
  body?: string;
  size?: number;
  /** index.html must be revalidated; hashed assets may be cached. */
  cache: string;
}

const MISSING_RENDERER = (dir: string) => `<!doctype html><meta charset="utf-8"><title>Flowdesk</title>
<p>The designer's web page is not built yet (no ${dir.replace(/[<>&]/g, '')}/index.html).</p>
<p>Run <code>npm run build</code> and start <code>flowdesk designer</code> again.</p>`;

/** Resolves a request path (`/assets/x.js?v=1`) to a file under `root`, or a 404/400 answer. */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticFile> {
  const notFound: StaticFile = {
    status: 404,
    contentType: 'text/plain; charset=utf-8',
    body: 'Not found',
    cache: 'no-store',
  };
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return { ...notFound, status: 400, body: 'Bad path' };
  }
  if (path.includes('\0') || path.split(/[\\/]+/).includes('..')) return { ...notFound, status: 400, body: 'Bad path' };
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const abs = resolve(base, '.' + path);
  const rel = relative(base, abs);
  if (rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel))
    return { ...notFound, status: 400, body: 'Bad path' };
  try {
    const info = await stat(abs);
    if (!info.isFile()) return notFound;
    const isIndex = abs === join(base, 'index.html');
    return {
      status: 200,
      contentType: CONTENT_TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream',
      path: abs,
      size: info.size,
      cache: isIndex ? 'no-cache' : 'public, max-age=3600',
    };
  } catch {
    if (path === '/index.html') {
      return { status: 503, contentType: 'text/html; charset=utf-8', body: MISSING_RENDERER(root), cache: 'no-store' };
    }
    return notFound;
  }
}

export function openStatic(file: StaticFile): NodeJS.ReadableStream | string {
  return file.path ? createReadStream(file.path) : (file.body ?? '');
}
