/**
 * Confines file access of the browser designer to its workspace directory. The browser host
 * takes paths from a web page, so every path is checked here before any file is touched:
 * absolute paths outside the workspace, `..` segments and NUL bytes are refused with an error
 * that says which path and why.
 */
import { realpath } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';

/** A path the host refuses to touch; a `path.*` message the designer words in the user's language. */
export class PathNotAllowedError extends MessageError {
  override readonly name = 'PathNotAllowedError';
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The absolute path of `path` inside `workspace`. Accepts workspace-relative paths and absolute
 * paths that lie inside the workspace; refuses everything else.
 */
export function resolveInWorkspace(workspace: string, path: string): string {
  if (typeof path !== 'string' || path.trim() === '') throw new PathNotAllowedError(message('path.empty', {}));
  if (path.includes('\0')) throw new PathNotAllowedError(message('path.nul', { path }));
  const root = resolve(workspace);
  // Refuse `..` outright, even when it would stay inside: a page has no reason to send one.
  if (path.split(/[\\/]+/).includes('..')) {
    throw new PathNotAllowedError(message('path.dot-dot', { path, root }));
  }
  const target = resolve(root, path);
  if (!isInside(root, target)) {
    throw new PathNotAllowedError(message('path.outside-workspace', { path, root }));
  }
  return target;
}

/**
 * Like `resolveInWorkspace`, and also follows symbolic links of the part that exists, so a link
 * inside the workspace cannot point the host at a file outside it.
 */
export async function resolveInWorkspaceReal(workspace: string, path: string): Promise<string> {
  const target = resolveInWorkspace(workspace, path);
  const root = await realpath(resolve(workspace)).catch(() => resolve(workspace));
  let existing = target;
  let rest = '';
  // Walk up to the deepest part that exists; a new file's parent folder is what matters.
  for (;;) {
    try {
      const real = await realpath(existing);
      const full = rest ? resolve(real, rest) : real;
      if (!isInside(root, full)) {
        throw new PathNotAllowedError(message('path.link-outside-workspace', { path, root }));
      }
      return target;
    } catch (e) {
      if (e instanceof PathNotAllowedError) throw e;
      const parent = resolve(existing, '..');
      if (parent === existing) return target;
      rest = rest ? `${basename(existing)}${sep}${rest}` : basename(existing);
      existing = parent;
    }
  }
}

/** `abs` relative to the workspace with `/` separators, as the browser host reports paths. */
export function workspaceRelative(workspace: string, abs: string): string {
  return relative(resolve(workspace), abs).split(sep).join('/');
}
