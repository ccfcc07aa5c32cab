import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FLOWS_DIR = join(REPO_ROOT, 'flows');
export const REFERENCE_FLOW = join(FLOWS_DIR, 'qualtrics-genesys-post-interaction.flow.json');
/** Screenshots and other artefacts a person may want to look at (gitignored). */
export const OUTPUT_DIR = join(REPO_ROOT, 'test-output', 'e2e');
/**
 * The README's screenshots. The suite writes them here only when asked
 * (`FLOWDESK_README_SHOTS=1`), so an ordinary run never changes tracked files.
 */
export const README_SHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');
