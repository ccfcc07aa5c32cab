/**
 * The `flowdesk` command run in this process through the CLI's own entry point, its output
 * captured without colour: what a user would see on stdout and stderr, and the exit code.
 * (test/support/cli-child.ts is the same entry point for tests that spawn it as a process.)
 */
import { main } from '../../runtime/hosts/cli/main.js';
import { createStyler, type CliIo } from '../../runtime/hosts/cli/output.js';

export async function flowdesk(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    style: createStyler(false),
    errStyle: createStyler(false),
  };
  const code = await main(args, io);
  return { code, out, err };
}
