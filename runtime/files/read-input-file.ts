/**
 * The one way Flowdesk reads a file a user or a flow names (flow files, payloads, mock files,
 * recorded response bodies, samples): regular files only, with a size cap. The CLI, the
 * designer's hosts and the test runner all call it, so a FIFO (which would block forever),
 * `/dev/zero` (which never ends) or a directory is refused the same way everywhere, with a
 * message naming the file.
 *
 * The checks run on the opened handle (`fstat`), not on the path before opening, so a file
 * swapped between the check and the read cannot slip through. The FIFO is opened non-blocking:
 * a blocking open of a FIFO with no writer never returns.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { message } from '../../core/messages/make.js';
import type { Message } from '../../core/messages/message.js';
import { MessageError } from '../../core/messages/message-error.js';

/** Default cap for every input file: a 500-node flow is well under 2 MB. */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

export type InputFileProblem = 'not-found' | 'not-regular' | 'too-large' | 'unreadable';

/** A file that could not be read (a `file.*` message); `problem` lets a host pick its exit code or status. */
export class InputFileError extends MessageError {
  override readonly name = 'InputFileError';

  constructor(
    worded: Message & { message: string },
    readonly path: string,
    readonly problem: InputFileProblem,
  ) {
    super(worded);
  }
}

export interface ReadInputOptions {
  /** How the file is named in messages ("payload file"); "file" when absent. */
  what?: string;
  /** The path as the user wrote it, for messages; `path` when absent. */
  shownAs?: string;
  /** Size cap in bytes; MAX_INPUT_FILE_BYTES when absent. */
  maxBytes?: number;
}

// Windows has no O_NONBLOCK (and no FIFOs in the file system).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isSocket(): boolean;
}): 'directory' | 'fifo' | 'device' | 'socket' | 'other' {
  if (info.isDirectory()) return 'directory';
  if (info.isFIFO()) return 'fifo';
  if (info.isCharacterDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'other';
}

export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Reads a regular file as UTF-8 text, refusing anything else and anything over the cap. */
export async function readInputFile(path: string, options: ReadInputOptions = {}): Promise<string> {
  const what = options.what ?? 'file';
  const shown = options.shownAs ?? path;
  const max = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new InputFileError(message('file.missing', { shown, what }), path, 'not-found');
    if (code === 'EISDIR') {
      throw new InputFileError(message('file.is-directory', { shown, what }), path, 'not-regular');
    }
    throw new InputFileError(
      message('file.unreadable', { shown, what, error: code ?? (err as Error).message }),
      path,
      'unreadable',
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new InputFileError(message('file.not-regular', { shown, what, kind: kindOf(info) }), path, 'not-regular');
    }
    if (info.size > max) {
      throw new InputFileError(
        message('file.too-large', { shown, what, size: info.size, limit: describeSize(max) }),
        path,
        'too-large',
      );
    }
    // Read to one byte past the cap: a file can grow after fstat, and some report size 0.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(64 * 1024, max + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) {
        throw new InputFileError(
          message('file.too-large', { shown, what, limit: describeSize(max) }),
          path,
          'too-large',
        );
      }
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(
      message('file.unreadable', { shown, what, error: code ?? (err as Error).message }),
      path,
      'unreadable',
    );
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads a stream (stdin) to the end, refusing more than the cap. */
export async function readInputStream(
  stream: AsyncIterable<unknown>,
  options: { what?: string; shownAs?: string; maxBytes?: number } = {},
): Promise<string> {
  const max = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.length;
    if (total > max) {
      const shown = options.shownAs ?? 'stdin';
      throw new InputFileError(
        message('file.too-large', { shown, what: options.what ?? 'input', limit: describeSize(max) }),
        shown,
        'too-large',
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
