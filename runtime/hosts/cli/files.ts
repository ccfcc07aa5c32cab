/** Reading the files the CLI is given, with messages that name the file and exit codes per cause. */
import { jsonTextDepth, MAX_JSON_DEPTH } from '../../../core/json-depth.js';
import type { CliJsonFile } from '../../../core/messages/cli-en.js';
import { message } from '../../../core/messages/make.js';
import { lineColumn, scanJson } from '../../../core/validate/json-scan.js';
import { InputFileError, readInputFile, readInputStream } from '../../files/read-input-file.js';
import { CliError, EXIT } from './exit-codes.js';

/** An InputFileError as the CLI reports it: over the size cap → 2, anything else → 3. */
export function cliFileError(err: InputFileError): CliError {
  return new CliError(err.message, err.problem === 'too-large' ? EXIT.invalid : EXIT.notFound);
}

/**
 * Reads a text file (regular files only, under the size cap); `-` reads stdin. Missing,
 * unreadable, a directory, a FIFO or a device → exit 3; too large → exit 2.
 */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    if (path === '-') return await readInputStream(process.stdin, { what, shownAs: 'stdin' });
    return await readInputFile(path, { what });
  } catch (err) {
    if (err instanceof InputFileError) throw cliFileError(err);
    throw err;
  }
}

/** Parses JSON; a syntax error or nesting beyond the limit → exit 2 with the line and column. */
export function parseJsonFile(text: string, path: string, what: CliJsonFile): unknown {
  const name = path === '-' ? 'stdin' : path;
  // Counted without recursion before anything recursive touches the value.
  const nesting = jsonTextDepth(text);
  if (nesting.depth > MAX_JSON_DEPTH) {
    const where = lineColumn(text, nesting.offset ?? 0);
    throw new CliError(
      message('cli.json-too-deep', { file: name, what, limit: MAX_JSON_DEPTH, line: where.line, column: where.column }),
      EXIT.invalid,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    if (text.trim() === '') throw new CliError(message('cli.json-empty', { file: name, what }), EXIT.invalid);
    const scan = scanJson(text);
    const where = scan.error ? lineColumn(text, scan.error.offset) : undefined;
    throw new CliError(
      message('cli.json-invalid', {
        file: name,
        what,
        ...(where ? { line: where.line, column: where.column } : {}),
        reason: where ? scan.error!.message : (err as Error).message,
      }),
      EXIT.invalid,
    );
  }
}

/** All of stdin as text (capped like a file). */
export async function readStdin(): Promise<string> {
  return readTextFile('-', 'input');
}
