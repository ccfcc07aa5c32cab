/**
 * Durable waits in queue mode: a run reaching a 10-minute Wait is saved as `waiting` and its
 * BullMQ job goes to the delayed set until the wake time, holding no worker. Time passing is the
 * delayed job being promoted (no real wait): the job is then taken by whichever worker runs, here
 * one started after the first was stopped, and the run goes on after the Wait exactly once.
 * Real redis-server, accepting server, queue workers, SQLite history and loopback upstream.
 */
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/eventually.js';
import { startRedis, type TestRedis } from '../../../test/support/redis-server.js';
import {
  deliverToWaitingFlow,
  WAIT_NODE,
  waitingFlowFolder,
  type WaitingFlowFolder,
} from '../../../test/support/waiting-flow.js';
import { parseQueueUrl, queueConnection } from './queue-connection.js';
import { QUEUE_NAME, QUEUE_PREFIX, type ExecutionJobData } from './queue-jobs.js';
import { startQueueWorker, type QueueWorker } from './queue-worker.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const TOKEN = 'ci-deploy-token-0123456789';
const TEN_MINUTES = 10 * 60_000;

describe('queue mode: durable waits', () => {
  let folder: WaitingFlowFolder;
  let redis: TestRedis;
  let server: FlowServer;
  let queue: Queue<ExecutionJobData>;
  const workers: QueueWorker[] = [];

  const worker = async () => {
    const w = await startQueueWorker({
      queue: redis.url,
      concurrency: 4,
      processes: 1,
      db: join(folder.dir, 'history.db'),
      log: silent,
    });
    workers.push(w);
    return w;
  };
  const deliver = (id: string) => deliverToWaitingFlow(server.url, id);
  const inStatus = (id: string, status: string) => () =>
    server.history.get(id)?.status === status ? server.history.get(id) : undefined;

  beforeAll(async () => {
    folder = await waitingFlowFolder('flowdesk-queue-waits-');
    redis = await startRedis();
    server = await startServer({
      paths: [folder.flows],
      port: 0,
      db: join(folder.dir, 'history.db'),
      queue: redis.url,
      watch: false,
      log: silent,
      adminTokens: `ci=deploy:${TOKEN}`,
    });
    queue = new Queue<ExecutionJobData>(QUEUE_NAME, {
      connection: queueConnection(parseQueueUrl(redis.url)),
      prefix: QUEUE_PREFIX,
    });
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => {});
    await queue?.close();
    await server?.close();
    await redis?.stop();
    await folder?.remove();
  }, 60_000);

  it(
    'delays the job to the wake time, resumes it on another worker after the Wait, and a cancelled one never goes on',
    { timeout: 90_000 },
    async () => {
      const first = await worker();
      const kept = await deliver('kept');
      const dropped = await deliver('dropped');
      const waiting = await waitFor(inStatus(kept, 'waiting'), 'the execution to wait');
      await waitFor(inStatus(dropped, 'waiting'), 'the second execution to wait');
      const job = await waitFor(async () => {
        const j = await queue.getJob(kept);
        return j && (await j.getState()) === 'delayed' ? j : undefined;
      }, 'the job in the delayed set');
      // Delayed until the wake time, give or take the moments since it was saved.
      expect(job.delay).toBeGreaterThan(TEN_MINUTES - 60_000);
      expect(job.delay).toBeLessThanOrEqual(Date.parse(waiting.wakeAt!) - Date.parse(waiting.startedAt!));
      expect(folder.calls).toEqual(expect.arrayContaining(['/before/kept', '/before/dropped']));
      expect(folder.calls).not.toContain('/after/kept');

      const cancel = await fetch(`${server.url}/api/executions/${dropped}/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(cancel.status).toBe(200);

      // Every worker stops; another one starts; then the wake time comes (the delayed jobs are promoted).
      await first.close();
      await worker();
      await job.promote();
      await (await queue.getJob(dropped))!.promote();

      const done = await waitFor(inStatus(kept, 'success'), 'the execution to go on after its wait');
      expect(done.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'before', WAIT_NODE, 'after']);
      expect(folder.calls.filter((c) => c === '/before/kept')).toHaveLength(1);
      expect(folder.calls.filter((c) => c === '/after/kept')).toHaveLength(1);
      await waitFor(
        async () => ((await queue.getJob(dropped).then((j) => j?.getState())) === 'completed' ? true : undefined),
        'the cancelled execution’s job to be done with',
      );
      expect(server.history.get(dropped)!.status).toBe('cancelled');
      expect(folder.calls).not.toContain('/after/dropped');
    },
  );
});
