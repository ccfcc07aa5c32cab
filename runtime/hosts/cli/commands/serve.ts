/**
 * `flowdesk serve [dir|files…] --port --host --workers --public-url --db`: runs flows on a
 * server (runtime/hosts/server). Loaded on demand. Logs are pino JSON lines on stdout; the
 * one-line summary of what is served goes to stderr for the person who started it.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { AdminTokenError } from '../../server/admin-tokens.js';
import { QueueConfigError, withoutPassword } from '../../server/queue-connection.js';
import { startServer } from '../../server/server.js';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../output.js';
import { message } from '../../../../core/messages/make.js';

export interface ServeCommandOptions {
  port?: string;
  host?: string;
  workers?: string;
  publicUrl?: string;
  db?: string;
  bodyLimit?: string;
  retentionDays?: string;
  retentionCount?: string;
  alertUrl?: string;
  errorFlow?: string;
  watch?: boolean;
  queue?: string;
}

export function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(message('cli.whole-number', { option: name, min, max, value }), EXIT.invalid);
  }
  return n;
}

export async function serveCommand(paths: string[], opts: ServeCommandOptions, io: CliIo): Promise<ExitCode> {
  const port = wholeNumber(opts.port, '--port', 0, 65535) ?? 8080;
  const workers = wholeNumber(opts.workers, '--workers', 0, 64) ?? availableParallelism();
  const bodyLimit = wholeNumber(opts.bodyLimit, '--body-limit', 1024, 100 * 1024 * 1024);
  const days = wholeNumber(opts.retentionDays, '--retention-days', 1, 36500);
  const count = wholeNumber(opts.retentionCount, '--retention-count', 1, 100_000_000);
  if (opts.publicUrl !== undefined) {
    try {
      const url = new URL(opts.publicUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      throw new CliError(message('cli.public-url', { value: opts.publicUrl }), EXIT.invalid);
    }
  }
  const dirs = paths.length > 0 ? paths : ['flows'];
  let server;
  try {
    server = await startServer({
      paths: dirs,
      port,
      host: opts.host ?? '127.0.0.1',
      workers,
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      db: resolve(opts.db ?? 'flowdesk.db'),
      ...(bodyLimit !== undefined ? { bodyLimit } : {}),
      retention: {
        ...(days !== undefined ? { maxAgeMs: days * 86_400_000 } : {}),
        ...(count !== undefined ? { maxPerFlow: count } : {}),
      },
      ...(opts.alertUrl || opts.errorFlow
        ? {
            alert: {
              ...(opts.alertUrl ? { url: opts.alertUrl } : {}),
              ...(opts.errorFlow ? { flowId: opts.errorFlow } : {}),
            },
          }
        : {}),
      watch: opts.watch !== false,
      ...(opts.queue !== undefined ? { queue: opts.queue } : {}),
    });
  } catch (error) {
    if (error instanceof AdminTokenError) throw new CliError(error.message, EXIT.invalid);
    if (error instanceof QueueConfigError) throw queueCliError(error);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(message('cli.port-in-use', { port }), EXIT.failed);
    }
    throw error;
  }
  const served = server.catalog.list();
  const problems = server.catalog.problemList();
  io.err(
    `Flowdesk server: ${server.url} (${server.dispatcher ? `queue ${withoutPassword(opts.queue ?? '')}` : workers === 0 ? 'in process' : `${workers} worker${workers === 1 ? '' : 's'}`})\n` +
      served
        .map((f) =>
          f.trigger.kind === 'schedule'
            ? `  serving ${f.id} v${f.version}: on schedule ${f.trigger.schedule.cron} (${f.trigger.schedule.timeZone})\n`
            : `  serving ${f.id} v${f.version}: POST ${server.url}/hooks/${f.id}\n`,
        )
        .join('') +
      problems.map((p) => `  NOT served: ${p.message.split('\n').join('\n    ')}\n`).join('') +
      (server.adminApi ? '' : '  admin API off (set FLOWDESK_ADMIN_TOKENS to turn it on)\n'),
  );
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}

/** A bad --queue URL is the command line's fault; an unreachable Redis is the environment's. */
export function queueCliError(error: QueueConfigError): CliError {
  return new CliError(error.message, error.detail.code === 'queue.bad-url' ? EXIT.invalid : EXIT.failed);
}
