/**
 * The "Open Recent" list: most recent first, no duplicates, capped, persisted as a small JSON
 * file (the app's userData in Electron, `<workspace>/.flowdesk/` for the browser designer).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface RecentFiles {
  /** Recent paths that still exist, most recent first. */
  list(): Promise<string[]>;
  /** Moves `path` to the top. */
  add(path: string): Promise<void>;
}

export const RECENT_FILES_MAX = 10;

/**
 * @param storeFile where the list is kept.
 * @param toAbsolute maps a stored path to the file to check for existence (identity by default).
 */
export function createRecentFiles(
  storeFile: string,
  options: { max?: number; toAbsolute?: (path: string) => string } = {},
): RecentFiles {
  const max = options.max ?? RECENT_FILES_MAX;
  const toAbsolute = options.toAbsolute ?? ((p: string) => p);
  // Serialise writes so two quick saves cannot interleave a read-modify-write.
  let chain: Promise<unknown> = Promise.resolve();

  async function load(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(storeFile, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      // A missing or damaged list is not worth an error: start a fresh one.
      return [];
    }
  }

  async function exists(path: string): Promise<boolean> {
    try {
      return (await stat(toAbsolute(path))).isFile();
    } catch {
      return false;
    }
  }

  return {
    async list() {
      await chain;
      const paths = await load();
      const present = await Promise.all(paths.map(exists));
      return paths.filter((_, i) => present[i]);
    },
    add(path: string) {
      const next = chain.then(async () => {
        const paths = [path, ...(await load()).filter((p) => p !== path)].slice(0, max);
        await mkdir(dirname(storeFile), { recursive: true });
        await writeFile(storeFile, JSON.stringify(paths, null, 2) + '\n');
      });
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
