/** Reading the files the CLI is given, with messages that name the file and exit codes per cause. */
import { readFile } from 'node:fs/promises';
import { lineColumn, scanJson } from '../../../core/validate/json-scan.js';
import { CliError, EXIT } from './exit-codes.js';

/** Reads a text file; `-` reads stdin. Missing or unreadable → exit 3. */
export async function readTextFile(path: string, what: string): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${path}: ${what} not found`, EXIT.notFound);
    if (code === 'EISDIR') throw new CliError(`${path}: is a directory, not a ${what}`, EXIT.notFound);
    throw new CliError(`${path}: cannot read the ${what} (${code ?? (err as Error).message})`, EXIT.notFound);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON; a syntax error → exit 2 with the line and column. */
export function parseJsonFile(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const name = path === '-' ? 'stdin' : path;
    if (text.trim() === '') throw new CliError(`${name}: ${what} is empty`, EXIT.invalid);
    const scan = scanJson(text);
    const where = scan.error ? lineColumn(text, scan.error.offset) : undefined;
    const detail = where
      ? `line ${where.line}, column ${where.column}: ${scan.error!.message}`
      : (err as Error).message;
    throw new CliError(`${name}: ${what} is not valid JSON: ${detail}`, EXIT.invalid);
  }
}
