/** Reading and writing flow files for the hosts: size-limited reads, atomic writes. */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputFileError, readInputFile } from '../../files/read-input-file.js';
import { MAX_FLOW_TEXT } from './host-methods.js';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';

export const FLOW_EXTENSION = '.flow.json';

/** A file the user asked for is not there (`file.not-found`). */
export class FileNotFoundError extends MessageError {
  override readonly name = 'FileNotFoundError';
}

/** Reads a flow file with errors an admin understands. */
export async function readFlowText(abs: string, shownAs: string = abs): Promise<string> {
  try {
    return await readInputFile(abs, { what: 'flow file', shownAs, maxBytes: MAX_FLOW_TEXT });
  } catch (err) {
    if (err instanceof InputFileError && err.problem === 'not-found') {
      throw new FileNotFoundError(message('file.not-found', { path: shownAs }));
    }
    throw err;
  }
}

/** Writes via a temporary file and rename, so a crash never leaves half a flow on disk. */
export async function writeFileAtomic(abs: string, text: string): Promise<void> {
  await mkdir(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, abs);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** A safe file name from what a user typed or a flow's name: letters, digits, `-`, `_`, `.`. */
export function fileNameFor(name: string, fallback = 'flow'): string {
  const stem = name
    .trim()
    .replace(/\.flow\.json$/i, '')
    .replace(/\.json$/i, '')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100);
  return (stem === '' ? fallback : stem) + FLOW_EXTENSION;
}

/** `name` unless a file of that name exists in `dir`, else `name-2`, `name-3`… */
export async function unusedName(dir: string, fileName: string): Promise<string> {
  const stem = fileName.slice(0, -FLOW_EXTENSION.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? fileName : `${stem}-${n}${FLOW_EXTENSION}`;
    try {
      await stat(join(dir, candidate));
    } catch {
      return candidate;
    }
  }
}

/** Directories never searched for flows. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'dist-renderer', 'release']);

/** `*.flow.json` files under `root` (relative, `/`-separated, sorted), depth- and count-limited. */
export async function findFlowFilesIn(
  root: string,
  options: { maxDepth?: number; max?: number } = {},
): Promise<string[]> {
  const maxDepth = options.maxDepth ?? 4;
  const max = options.max ?? 2000;
  const out: string[] = [];
  async function walk(dir: string, rel: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (out.length >= max) return;
      if (entry.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth < maxDepth && !SKIP_DIRS.has(entry.name)) await walk(join(dir, entry.name), childRel, depth + 1);
      } else if (entry.isFile() && entry.name.endsWith(FLOW_EXTENSION)) {
        out.push(childRel);
      }
    }
  }
  await walk(root, '', 0);
  return out;
}
