/**
 * Copies the history's write-ahead log into the database file from a thread of its own, so the
 * server's event loop never does it. SQLite checkpoints on the connection whose commit fills the
 * log past 1,000 pages (4 MB): the server's, in the middle of a batch of deliveries, for 10–25 ms
 * with the syncs of `synchronous = NORMAL` — about half the time its commits held the event
 * loop, and every request waiting then waited that long.
 *
 * A second connection in a worker thread checkpoints passively (never waiting on the writer)
 * every `everyMs`. Under a steady stream of commits it may never find the log fully copied at
 * the moment the writer starts, which is when SQLite rewinds the log; the writer's own
 * checkpoint stays as the bound (`wal_autocheckpoint`, raised to `WRITER_CHECKPOINT_PAGES`), and
 * it then has little left to copy. Durability is unchanged: a commit is in the log either way.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The log size (pages) at which the writing connection checkpoints after all (64 MB at 4 KB pages). */
export const WRITER_CHECKPOINT_PAGES = 16_384;

const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick, or the writer's own checkpoint, copies it.
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stops the thread after its current checkpoint; it closes its connection itself. */
  stop(): void;
}

export function startWalCheckpointer(file: string, everyMs = 100): WalCheckpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const thread = new Worker(THREAD, { eval: true, workerData: { file, module, everyMs } });
  // Never what keeps the process alive, and a thread that fails only leaves the writer's checkpoint.
  thread.unref();
  thread.on('error', () => {});
  return {
    stop() {
      thread.postMessage('stop');
    },
  };
}
