/**
 * Pasted or opened text to an import: a cURL command when it starts with `curl`, else a
 * Genesys Cloud data-action export (JSON). The designer's Import dialog calls this; the CLI
 * parses JSON itself first (for its line-and-column errors) and then calls the same importers.
 */
import { message } from '../../../core/messages/make.js';
import { importCurl } from './curl.js';
import { importDataAction } from './genesys-data-action.js';
import type { ImportOutcome } from './import-result.js';

export function looksLikeCurl(text: string): boolean {
  return /^\s*curl(\.exe)?\s/.test(text);
}

export function importText(text: string): ImportOutcome {
  if (looksLikeCurl(text)) return importCurl(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: message('import.not-json', { error: (err as Error).message.slice(0, 200) }) };
  }
  return importDataAction(value);
}
