/**
 * `flowdesk import <file>`: a Genesys Cloud data-action export (JSON) or a cURL command (text)
 * as a new flow — a webhook trigger and the Web Service node — written to `--out` or printed.
 * What was not converted is listed on stderr. A secret found in the input becomes a credential
 * reference; the CLI never writes or prints its value (store it with `flowdesk credentials set`).
 */
import { existsSync } from 'node:fs';
import { writeFlow } from '../../../../core/canonical.js';
import { formatMessage } from '../../../../core/messages/format.js';
import { message } from '../../../../core/messages/make.js';
import { importDataAction } from '../../../../nodes/web-service/imports/genesys-data-action.js';
import { flowFromImport } from '../../../../nodes/web-service/imports/flow-from-import.js';
import type { ImportOutcome } from '../../../../nodes/web-service/imports/import-result.js';
import { importText as importPasted, looksLikeCurl } from '../../../../nodes/web-service/imports/import-text.js';
import { writeFileAtomic } from '../../host-service/flow-files.js';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import { parseJsonFile, readTextFile } from '../files.js';
import type { CliIo } from '../output.js';
import { termText } from '../terminal-text.js';

export interface ImportOptions {
  out?: string;
}

/** A cURL command, else JSON parsed with the CLI's own checks (nesting, line and column), then the export. */
export function importText(text: string, path: string): ImportOutcome {
  if (looksLikeCurl(text)) return importPasted(text);
  if (!/^\s*[[{]/.test(text)) {
    return { ok: false, error: message('import.not-json', { error: 'neither a JSON value nor a curl command' }) };
  }
  return importDataAction(parseJsonFile(text, path, 'export'));
}

export async function importCommand(file: string, opts: ImportOptions, io: CliIo): Promise<ExitCode> {
  if (opts.out !== undefined && existsSync(opts.out)) {
    throw new CliError(message('cli.out-exists', { file: opts.out }), EXIT.invalid);
  }
  const text = await readTextFile(file, 'the file to import');
  const outcome = importText(text, file);
  if (!outcome.ok)
    throw new CliError(
      message('cli.import-refused', { file: file === '-' ? 'stdin' : file, reason: formatMessage(outcome.error) }),
      EXIT.invalid,
    );
  const { result } = outcome;
  const flowText = writeFlow(flowFromImport(result));
  if (opts.out !== undefined) {
    await writeFileAtomic(opts.out, flowText);
    io.err(`${io.errStyle.green('imported')} ${termText(result.title)} → ${termText(opts.out)}\n`);
  } else {
    io.out(flowText);
  }
  for (const note of result.notes) {
    io.err(`${io.errStyle.yellow('note:')} ${termText(formatMessage(note), { multiline: true })}\n`);
  }
  const c = result.credential;
  if (c) {
    // Names only: the values found in the input stay there.
    io.err(
      `${io.errStyle.bold('credential:')} flowdesk credentials set ${c.name} --kind ${c.kind} ${c.allowedOrigins
        .map((o) => `--allowed-origin ${o}`)
        .join(' ')}\n`,
    );
  }
  return EXIT.ok;
}
