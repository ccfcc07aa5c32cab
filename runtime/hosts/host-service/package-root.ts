/**
 * Finds the Flowdesk package directory (where `flows/`, `dist-renderer/` and package.json sit)
 * from this module's location, which differs between running from source (tsx, vitest) and
 * from the compiled `dist/` tree or a packaged app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'flowdesk')
          return (cached = dir);
      } catch {
        // Not ours (or unreadable): keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Flowdesk package directory (package.json named "flowdesk").');
    dir = parent;
  }
}

/** The package's version, for HostInfo. */
export function packageVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}
