/** The CLI's exit codes; docs/cli.md documents them for users and CI. */
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

/** An error the CLI reports as one plain message (no stack) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
