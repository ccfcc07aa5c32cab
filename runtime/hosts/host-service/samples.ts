/**
 * Sample payloads for the test bench: the ones shipped with the product (`flows/payloads/`)
 * plus the user's own (the workspace's `payloads/`). A workspace file shadows a shipped one of
 * the same name, so a user can refine a sample without touching the product.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SamplePayload } from '../../../core/host-api.js';

/** Larger files are skipped: the test bench is not the place for them and they would bloat IPC. */
export const MAX_SAMPLE_BYTES = 2 * 1024 * 1024;

export async function listSamples(dirs: readonly string[]): Promise<SamplePayload[]> {
  const byName = new Map<string, SamplePayload>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue; // a workspace without payloads/ is normal
    }
    for (const name of names.filter((n) => n.toLowerCase().endsWith('.json')).sort()) {
      const file = join(dir, name);
      try {
        const info = await stat(file);
        if (!info.isFile() || info.size > MAX_SAMPLE_BYTES) continue;
        byName.set(name, { name, text: await readFile(file, 'utf8') });
      } catch {
        continue; // vanished or unreadable: leave it out rather than fail the whole list
      }
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
