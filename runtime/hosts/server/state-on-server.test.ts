/**
 * Remember / Recall on the server: the same task's "created" event delivered twice at once
 * opens one ticket, under `flowdesk serve` with two worker processes (the SQLite store beside
 * the history, opened by each worker) and in queue mode with two `flowdesk worker` processes
 * (the Redis store they share). A loopback upstream counts the tickets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../../../test/support/http-server.js';
import { startRedis, type TestRedis } from '../../../test/support/redis-server.js';
import { testFlow, testNode, trigger, webService } from '../../../test/support/test-flows.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'test/support/cli-child.ts');
const TASKS = 12;

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 50_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Claims the task, then opens its ticket upstream; a second claim goes nowhere. */
function claimFlow(upstream: string) {
  return testFlow(
    [
      trigger(),
      testNode('remember', 'claimTask', {
        operation: 'setIfAbsent',
        key: 'task:{{ trigger.body.TaskSid }}',
        value: '{{ trigger.body.Sid }}',
      }),
      webService('openTicket', { method: 'POST', url: `${upstream}/tickets/{{ trigger.body.TaskSid }}` }),
    ],
    [
      ['trigger', 'out', 'claimTask'],
      ['claimTask', 'done', 'openTicket'],
    ],
    { id: 'claim' },
  );
}

/**
 * Every task's "created" event twice at once, as TaskRouter may redeliver it: two events with
 * their own event Sid (so no delivery dedup applies), the same TaskSid. Returns the execution ids.
 */
async function deliverTwice(server: FlowServer): Promise<string[]> {
  const posts: Promise<Response>[] = [];
  for (let t = 0; t < TASKS; t++) {
    for (const copy of ['a', 'b']) {
      posts.push(
        fetch(`${server.url}/hooks/claim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ EventType: 'task.created', TaskSid: `WT${t}`, Sid: `EV${t}${copy}` }),
        }),
      );
    }
  }
  const answers = await Promise.all(posts);
  expect(answers.map((a) => a.status).every((s) => s === 202)).toBe(true);
  return Promise.all(answers.map(async (a) => ((await a.json()) as { executionId: string }).executionId));
}

async function expectOneTicketPerTask(server: FlowServer, ids: string[], tickets: string[]) {
  const records = await Promise.all(
    ids.map((id) =>
      waitFor(() => {
        const r = server.history.get(id);
        return r?.finishedAt ? r : undefined;
      }, `execution ${id}`),
    ),
  );
  expect(records.map((r) => r.status).filter((s) => s !== 'success')).toEqual([]);
  const ports = records.map((r) => r.trace!.steps.find((s) => s.name === 'claimTask')!.port);
  expect(ports.filter((p) => p === 'done')).toHaveLength(TASKS);
  expect(ports.filter((p) => p === 'already')).toHaveLength(TASKS);
  expect(tickets.sort()).toEqual(Array.from({ length: TASKS }, (_, t) => `/tickets/WT${t}`).sort());
}

describe('the state store on flowdesk serve', () => {
  let dir: string;
  let upstream: TestServer;
  const tickets: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-state-serve-'));
    upstream = await startTestServer((req, res) => {
      tickets.push(req.path);
      sendJson(res, 201, { ok: true });
    });
  });
  afterAll(async () => {
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens one ticket per task when two worker processes race on the SQLite store', async () => {
    const flows = join(dir, 'serve-flows');
    mkdirSync(flows);
    writeFileSync(join(flows, 'claim.flow.json'), JSON.stringify(claimFlow(upstream.url)));
    tickets.length = 0;
    const server = await startServer({ paths: [flows], port: 0, workers: 2, db: join(dir, 'h.db'), log: silent });
    try {
      expect(server.runner.pids()).toHaveLength(2);
      await expectOneTicketPerTask(server, await deliverTwice(server), tickets);
      expect(existsSync(join(dir, 'h.state.db'))).toBe(true);
    } finally {
      await server.close();
    }
  }, 90_000);

  it('opens one ticket per task when two queue workers race on the Redis store', async () => {
    const redis: TestRedis = await startRedis();
    const flows = join(dir, 'queue-flows');
    mkdirSync(flows);
    writeFileSync(join(flows, 'claim.flow.json'), JSON.stringify(claimFlow(upstream.url)));
    tickets.length = 0;
    const db = join(dir, 'q.db');
    const server = await startServer({ paths: [flows], port: 0, db, log: silent, queue: redis.url });
    const workers: ChildProcess[] = [];
    try {
      for (let i = 0; i < 2; i++) workers.push(await startWorker(redis.url, db));
      await expectOneTicketPerTask(server, await deliverTwice(server), tickets);
      // Nothing went to a SQLite store: the queue's flows keep their state in Redis.
      expect(existsSync(join(dir, 'q.state.db'))).toBe(false);
    } finally {
      for (const w of workers) await stopWorker(w);
      await server.close();
      await redis.stop();
    }
  }, 120_000);
});

async function startWorker(queue: string, db: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'worker', '--queue', queue, '--db', db, '--concurrency', '16', '--processes', '1'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
  );
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited:\n${text}`);
      return text.includes('Flowdesk worker:') ? true : undefined;
    },
    'a worker to start',
    30_000,
  );
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
