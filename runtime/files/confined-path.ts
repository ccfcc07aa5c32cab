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

/** A path refused because it leaves the folder; the message says which path and why. */
export class PathNotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathNotAllowedError';
  }
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
  if (typeof name !== 'string' || name.trim() === '') throw new PathNotAllowedError(`The ${what} path is empty.`);
  if (name.includes('\0')) throw new PathNotAllowedError(`The ${what} path '${name}' contains a NUL character.`);
  const root = resolve(baseDir);
  if (isAbsolute(name) || win32.isAbsolute(name) || /^[A-Za-z]:/.test(name)) {
    throw new PathNotAllowedError(
      `The ${what} '${name}' is an absolute path; it must be relative to the flow's folder (${root}).`,
    );
  }
  const target = resolve(root, name);
  if (!isInsideDir(root, target)) {
    throw new PathNotAllowedError(`The ${what} '${name}' leaves the flow's folder (${root}) through '..'.`);
  }
  if (hasHiddenSegment(relative(root, target))) {
    throw new PathNotAllowedError(`The ${what} '${name}' names a hidden file or folder (a name starting with '.').`);
  }
  const realRoot = await realpath(root).catch(() => root);
  let realTarget: string;
  try {
    realTarget = await realpath(target);
  } catch {
    return target;
  }
  if (!isInsideDir(realRoot, realTarget)) {
    throw new PathNotAllowedError(
      `The ${what} '${name}' is a symbolic link (or inside one) that points outside the flow's folder (${root}).`,
    );
  }
  if (hasHiddenSegment(relative(realRoot, realTarget))) {
    throw new PathNotAllowedError(`The ${what} '${name}' is a symbolic link to a hidden file or folder.`);
  }
  return realTarget;
}
