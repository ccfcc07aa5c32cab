/**
 * Sample payloads for the test bench: the ones shipped with the product (`flows/payloads/`)
 * plus the user's own (the workspace's `payloads/`). A workspace file shadows a shipped one of
 * the same name, so a user can refine a sample without touching the product.
 */
import { readdir } from 'node:fs/promises';
import type { SamplePayload } from '../../../core/host-api.js';
import { resolveInsideDir } from '../../files/confined-path.js';
import { readInputFile } from '../../files/read-input-file.js';

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
      try {
        // A link out of the payloads folder (to a key file, say) is no sample.
        const file = await resolveInsideDir(dir, name, 'sample payload');
        byName.set(name, { name, text: await readInputFile(file, { maxBytes: MAX_SAMPLE_BYTES }) });
      } catch {
        continue; // vanished or unreadable: leave it out rather than fail the whole list
      }
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
