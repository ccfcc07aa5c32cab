/**
 * Durable waits on one `flowdesk serve`: a run reaching a 10-minute Wait holds no worker, is
 * saved as `waiting` with its wake time, survives the server stopping, and goes on after the
 * Wait exactly once when a server on the same database finds it due. The clock is moved on by
 * injection (the server's `clock`), never slept. Real server, real worker process, real SQLite, a loopback
 * upstream counting every request.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/eventually.js';
import { SimulatedClock } from '../../../test/support/simulated-clock.js';
import {
  deliverToWaitingFlow,
  WAIT_NODE,
  waitingFlowFolder,
  type WaitingFlowFolder,
} from '../../../test/support/waiting-flow.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const TOKEN = 'ci-deploy-token-0123456789';
const TEN_MINUTES = 10 * 60_000;

describe('flowdesk serve: durable waits', () => {
  let folder: WaitingFlowFolder;
  const servers: FlowServer[] = [];

  const start = async (clock?: SimulatedClock) => {
    const server = await startServer({
      paths: [folder.flows],
      port: 0,
      workers: 1,
      db: join(folder.dir, 'history.db'),
      log: silent,
      watch: false,
      adminTokens: `ci=deploy:${TOKEN}`,
      shutdownDeadlineMs: 500,
      waitPollMs: 50,
      ...(clock ? { clock } : {}),
    });
    servers.push(server);
    return server;
  };
  const api = (server: FlowServer, path: string, method = 'GET') =>
    fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  const deliver = (server: FlowServer, id: string) => deliverToWaitingFlow(server.url, id);
  const statusOf = (server: FlowServer, id: string, status: string) => () =>
    server.history.get(id)?.status === status ? server.history.get(id) : undefined;

  beforeAll(async () => {
    folder = await waitingFlowFolder('flowdesk-waits-');
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await folder?.remove();
  });

  it(
    'saves a run at a 10-minute wait, lists it with its wake time, and finishes it once after a restart when due',
    { timeout: 90_000 },
    async () => {
      const first = await start();
      const accepted = Date.now();
      const kept = await deliver(first, 'kept');
      const dropped = await deliver(first, 'dropped');
      const waiting = await waitFor(statusOf(first, kept, 'waiting'), 'the execution to wait');
      await waitFor(statusOf(first, dropped, 'waiting'), 'the second execution to wait');
      const wakeAt = Date.parse(waiting.wakeAt!);
      expect(wakeAt).toBeGreaterThanOrEqual(accepted + TEN_MINUTES);
      expect(wakeAt).toBeLessThan(Date.now() + TEN_MINUTES);
      expect(waiting.finishedAt).toBeNull();
      // No worker holds it: the server has nothing in flight while it waits.
      expect(first.history.get(kept)!.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'before', WAIT_NODE]);

      const listed = (await (await api(first, '/api/executions?status=waiting')).json()) as {
        executions: { id: string; status: string; wakeAt?: string }[];
      };
      expect(listed.executions.map((e) => e.id).sort()).toEqual([kept, dropped].sort());
      expect(listed.executions.find((e) => e.id === kept)!.wakeAt).toBe(waiting.wakeAt);

      const cancel = await api(first, `/api/executions/${dropped}/cancel`, 'POST');
      expect(cancel.status).toBe(200);
      const droppedWake = listed.executions.find((e) => e.id === dropped)!.wakeAt!;
      // Why, as a message the designer words in its user's language, the wake time as data.
      const why = { code: 'run.cancelled-waiting', params: { wakeAt: droppedWake } };
      expect(first.history.get(dropped)).toMatchObject({
        status: 'cancelled',
        error: { code: 'cancelled', message: `the run was cancelled while it waited until ${droppedWake}` },
      });
      expect(first.history.get(dropped)!.error!.params).toMatchObject({ detail: why });
      expect(first.history.get(dropped)!.trace!.error).toMatchObject({ code: 'cancelled', params: { detail: why } });
      expect(first.history.get(dropped)!.wakeAt).toBeUndefined();
      await first.close();

      // The same database ten minutes and a bit later.
      const second = await start(new SimulatedClock(Date.now() + TEN_MINUTES + 60_000));
      const done = await waitFor(statusOf(second, kept, 'success'), 'the execution to go on after its wait');
      expect(done.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'before', WAIT_NODE, 'after']);
      expect(done.trace!.steps[2]!.details).toMatchObject({ wait: { delayMs: TEN_MINUTES } });
      expect(folder.calls.filter((c) => c === '/before/kept')).toHaveLength(1);
      expect(folder.calls.filter((c) => c === '/after/kept')).toHaveLength(1);
      // The cancelled one never went on.
      expect(second.history.get(dropped)!.status).toBe('cancelled');
      expect(folder.calls).not.toContain('/after/dropped');

      const again = await api(second, `/api/executions/${kept}/cancel`, 'POST');
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: string }).error).toBe(
        `execution '${kept}' is success, not waiting: only a waiting execution can be cancelled`,
      );
      await second.close();
    },
  );
});
