/**
 * The single server's durable waits: executions saved as `waiting` are read from the history
 * database when due, at start and then every `pollMs`, and resumed after their Wait through the
 * ordinary resume path (Executions.resumeDue). Nothing is held in memory only, so a wait
 * survives a restart, and one saved by another process on the same database is picked up too.
 * Queue mode does not use this: there a BullMQ delayed job resumes the execution on any worker.
 */
import type { Logger } from 'pino';
import type { Executions } from './executions.js';

/** How often the history is asked for due waits: a wait goes on at most this late. */
export const WAIT_POLL_MS = 1000;

export interface WaitScheduler {
  stop(): void;
}

export function startWaitScheduler(executions: Executions, log: Logger, pollMs = WAIT_POLL_MS): WaitScheduler {
  const check = () => {
    try {
      executions.resumeDue();
    } catch (error) {
      // A locked or broken database: the waits stay saved and the next check tries again.
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'due waits could not be read');
    }
  };
  check();
  const timer = setInterval(check, pollMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
