/**
 * Files a flow names (a test case's `payloadFile`, a recorded response's `bodyFile`) resolve
 * inside the flow file's folder (or the designer's workspace) and nowhere else. A flow file is
 * shared like a document; if it could name `/etc/passwd` or `../../.flowdesk/designer.key`, running
 * its tests would copy that file into a trace, an error message or a live request.
 *
 * Refused: absolute paths (POSIX or Windows form), `..` that leaves the folder, symbolic links
 * whose target lies outside it (checked on the real path, after following every link), and
 * hidden names (a segment starting with `.`): the designer keeps its encrypted credentials in
 * the workspace's `.flowdesk/`, and `.git/` or `.env` are no test data either.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { message } from '../../core/messages/make.js';
import { MessageError } from '../../core/messages/message-error.js';

/** A path refused because it leaves the folder; a `path.*` message saying which path and why. */
export class PathNotAllowedError extends MessageError {
  override readonly name = 'PathNotAllowedError';
}

export function isInsideDir(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

function hasHiddenSegment(rel: string): boolean {
  return rel.split(/[\\/]+/).some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..');
}

/**
 * The real path of `name` inside `baseDir`, or a `PathNotAllowedError`. A file that does not
 * exist resolves to where it would be, so the reader can say "not found".
 * @param what how the reference is named in messages, e.g. "payload file"
 */
export async function resolveInsideDir(baseDir: string, name: string, what = 'file'): Promise<string> {
  if (typeof name !== 'string' || name.trim() === '')
    throw new PathNotAllowedError(message('path.named-empty', { what }));
  if (name.includes('\0')) throw new PathNotAllowedError(message('path.named-nul', { what, name }));
  const root = resolve(baseDir);
  if (isAbsolute(name) || win32.isAbsolute(name) || /^[A-Za-z]:/.test(name)) {
    throw new PathNotAllowedError(message('path.absolute', { what, name, root }));
  }
  const target = resolve(root, name);
  if (!isInsideDir(root, target)) {
    throw new PathNotAllowedError(message('path.leaves-folder', { what, name, root }));
  }
  if (hasHiddenSegment(relative(root, target))) {
    throw new PathNotAllowedError(message('path.hidden', { what, name }));
  }
  const realRoot = await realpath(root).catch(() => root);
  let realTarget: string;
  try {
    realTarget = await realpath(target);
  } catch {
    return target;
  }
  if (!isInsideDir(realRoot, realTarget)) {
    throw new PathNotAllowedError(message('path.link-outside', { what, name, root }));
  }
  if (hasHiddenSegment(relative(realRoot, realTarget))) {
    throw new PathNotAllowedError(message('path.link-hidden', { what, name }));
  }
  return realTarget;
}
