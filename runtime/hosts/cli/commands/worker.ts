/**
 * `flowdesk worker --queue redis://… --concurrency N [--db path]`: runs the executions that
 * `flowdesk serve --queue` accepts (runtime/hosts/server/queue-worker.ts). Logs are pino JSON on
 * stdout; the one-line summary goes to stderr. SIGTERM lets running executions finish.
 */
import { resolve } from 'node:path';
import { QueueConfigError, withoutPassword } from '../../server/queue-connection.js';
import { startQueueWorker } from '../../server/queue-worker.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../output.js';
import { queueCliError, wholeNumber } from './serve.js';

export interface WorkerCommandOptions {
  queue: string;
  concurrency?: string;
  processes?: string;
  db?: string;
  lockDuration?: string;
  stalledInterval?: string;
}

export async function workerCommand(opts: WorkerCommandOptions, io: CliIo): Promise<ExitCode> {
  const concurrency = wholeNumber(opts.concurrency, '--concurrency', 1, 10_000) ?? 16;
  const processes = wholeNumber(opts.processes, '--processes', 1, 64);
  const lockDurationMs = wholeNumber(opts.lockDuration, '--lock-duration', 1000, 3_600_000);
  const stalledIntervalMs = wholeNumber(opts.stalledInterval, '--stalled-interval', 500, 3_600_000);
  let worker;
  try {
    worker = await startQueueWorker({
      queue: opts.queue,
      concurrency,
      db: resolve(opts.db ?? 'flowdesk.db'),
      ...(processes !== undefined ? { processes } : {}),
      ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
      ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
    });
  } catch (error) {
    if (error instanceof QueueConfigError) throw queueCliError(error);
    throw error;
  }
  io.err(`Flowdesk worker: queue ${withoutPassword(opts.queue)}, ${concurrency} at once, pid ${process.pid}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void worker.close().finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}
