/** The CLI's exit codes; docs/cli.md documents them for users and CI. */
import type { Message, MessageParams } from '../../../core/messages/message.js';
import type { RunTrace } from '../../../core/trace.js';

export const EXIT = {
  ok: 0,
  /** The run failed, or a test case failed. */
  failed: 1,
  /** Invalid flow, bad JSON, payload failing the webhook's input schema, usage error. */
  invalid: 2,
  /** A file was not found or could not be read. */
  notFound: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Error codes that mean the caller's input was refused (the payload fails the trigger's input
 * schema), not that the run failed: the CLI exits 2 for them, as for any invalid input.
 */
const INPUT_ERROR_CODES: ReadonlySet<string> = new Set(['input-schema']);

/** The exit code for a finished run, from its error's code (never from its wording). */
export function exitCodeForRun(trace: RunTrace): ExitCode {
  if (trace.status === 'success') return EXIT.ok;
  return trace.error?.code !== undefined && INPUT_ERROR_CODES.has(trace.error.code) ? EXIT.invalid : EXIT.failed;
}

/**
 * An error the CLI reports as one plain message (no stack) with its exit code; worded by a
 * message code (core/messages, `cli.*`) where one exists, so tools can tell errors apart.
 */
export class CliError extends Error {
  readonly code: string | undefined;
  readonly params: MessageParams | undefined;

  constructor(
    worded: string | (Message & { message: string }),
    readonly exitCode: ExitCode,
  ) {
    super(typeof worded === 'string' ? worded : worded.message);
    this.name = 'CliError';
    if (typeof worded !== 'string') {
      this.code = worded.code;
      this.params = worded.params ?? {};
    }
  }
}
