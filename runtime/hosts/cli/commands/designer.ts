/**
 * `flowdesk designer [--port N] [--dir workspace]`: the designer in a browser, served by
 * runtime/hosts/designer/server.ts. Imported on demand so the rest of the CLI works (and starts
 * fast) without it.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../output.js';
import { message } from '../../../../core/messages/make.js';

export interface DesignerCommandOptions {
  port?: string;
  dir?: string;
}

export async function designerCommand(opts: DesignerCommandOptions, io: CliIo): Promise<ExitCode> {
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new CliError(message('cli.port', { value: String(opts.port) }), EXIT.invalid);
  }
  const dir = resolve(opts.dir ?? process.cwd());
  await requireDirectory(dir, opts.dir ?? dir);
  // A variable specifier keeps the compiler from requiring the module at build time.
  const specifier = '../../designer/server.js';
  let mod: { startDesignerServer?: (options: Record<string, unknown>) => Promise<unknown> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      throw new CliError(
        'the designer is not part of this build (runtime/hosts/designer/server.js is missing)',
        EXIT.failed,
      );
    }
    throw err;
  }
  if (typeof mod.startDesignerServer !== 'function') {
    throw new CliError('the designer module does not export startDesignerServer', EXIT.failed);
  }
  const server = (await mod.startDesignerServer({
    port: port ?? 0,
    workspace: dir,
    log: (line: string) => io.err(`${line}\n`),
  })) as { url?: string; token?: string; close?: () => Promise<void> } | undefined;
  if (server?.url) {
    // The token in the fragment is what lets this browser tab (and no other site) call the server.
    const open = server.token ? `${server.url}/#token=${server.token}` : server.url;
    io.out(`Flowdesk designer: ${open}\nWorkspace: ${dir}\nPress Ctrl+C to stop.\n`);
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      Promise.resolve(server?.close?.()).finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}

/** The workspace must exist: starting on a typo would save flows nowhere the user expects. */
async function requireDirectory(dir: string, given: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CliError(message('cli.dir-missing', { dir: given }), EXIT.notFound);
    }
    throw new CliError(
      message('cli.dir-unreadable', { dir: given, error: code ?? (err as Error).message }),
      EXIT.notFound,
    );
  }
  if (!info.isDirectory()) throw new CliError(message('cli.dir-is-file', { dir: given }), EXIT.invalid);
}
