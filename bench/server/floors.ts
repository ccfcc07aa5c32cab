/**
 * What the parts the issues require cost on their own, per request, on this machine: the
 * floor under `flowdesk serve` whatever the code around them does. Each is measured apart
 * from any server, in CPU microseconds (all threads and processes involved):
 * - the delivery made durable before the 202 and its status written after the run (SQLite in
 *   WAL mode with synchronous NORMAL, as runtime/hosts/server/history.ts opens it);
 * - crash isolation: the job to a child process and the trace back over its IPC pipe;
 * - the Code node's work in QuickJS on the calling thread, and in the worker thread the
 *   runtime uses (memory cap and watchdog);
 * and the resident memory of an idle worker process and of the sandbox thread.
 * Printed by bench/server/run.ts beside the bare handler's CPU per request.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { QuickJsSandbox } from '../../runtime/sandbox/quickjs-sandbox.js';
import { WorkerSandbox } from '../../runtime/sandbox/worker-sandbox.js';
// @ts-expect-error plain ES module shared with the bare handler
import { CODE_SOURCE, payload } from './work.mjs';

type Statement = { run(...params: unknown[]): { lastInsertRowid: number | bigint } };
type Database = { pragma(s: string): unknown; exec(s: string): void; prepare(s: string): Statement; close(): void };
const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Database;

const BODY = JSON.stringify(payload());
const LIMITS = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };

export interface Floors {
  sqliteUs: number;
  childIpcUs: number;
  quickJsCallingThreadUs: number;
  quickJsWorkerThreadUs: number;
  /** Resident memory of the child process that does nothing but answer (a Node process's floor). */
  childRssMB: number;
  /** What this process's resident memory grew by when the sandbox thread started and ran the code. */
  sandboxThreadRssMB: number;
}

function rssOfMB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

function cpuUs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return c.user + c.system;
}

/** CPU time of another process so far, from /proc (user + system clock ticks). */
function processCpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1e6 / 100);
}

async function sqlite(n: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'flowdesk-floors-'));
  const db = new BetterSqlite3(join(dir, 'history.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('create table executions (id integer primary key, status text, delivery text)');
    const accept = db.prepare('insert into executions (status, delivery) values (?, ?)');
    const finish = db.prepare('update executions set status = ? where id = ?');
    const once = () => finish.run('success', accept.run('accepted', BODY).lastInsertRowid);
    for (let i = 0; i < n / 10; i++) once();
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) once();
    return cpuUs(start) / n;
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function childIpc(n: number): Promise<{ us: number; rssMB: number }> {
  const child = fork(new URL('./floors-child.mjs', import.meta.url), [], { serialization: 'json' });
  try {
    const waiting = new Map<number, () => void>();
    child.on('message', (m: { id: number }) => waiting.get(m.id)?.());
    let nextId = 0;
    const send = () =>
      new Promise<void>((resolve) => {
        const id = ++nextId;
        waiting.set(id, () => {
          waiting.delete(id);
          resolve();
        });
        child.send({ id, flowId: 'bench', trigger: { body: JSON.parse(BODY) as unknown, headers: {}, query: {} } });
      });
    // 50 in flight, as the benchmark's connections keep the server busy.
    const round = async (count: number) => {
      let sent = 0;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (sent++ < count) await send();
        }),
      );
    };
    await round(n / 10);
    const start = process.cpuUsage();
    const childStart = processCpuUs(child.pid!);
    await round(n);
    return { us: (cpuUs(start) + processCpuUs(child.pid!) - childStart) / n, rssMB: rssOfMB(child.pid!) };
  } finally {
    child.kill();
  }
}

async function sandbox(box: QuickJsSandbox | WorkerSandbox, n: number): Promise<number> {
  // One scope object: both sandboxes serialise it on every call, and nothing caches it.
  const scope = { trigger: { body: JSON.parse(BODY) as unknown, headers: {}, query: {} } };
  for (let i = 0; i < n / 10; i++) await box.run(CODE_SOURCE as string, scope, LIMITS);
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await box.run(CODE_SOURCE as string, scope, LIMITS);
  return cpuUs(start) / n;
}

export async function measureFloors(n = 10_000): Promise<Floors> {
  const calling = new QuickJsSandbox();
  const worker = new WorkerSandbox();
  try {
    const sqliteUs = await sqlite(n);
    const ipc = await childIpc(n);
    const quickJsCallingThreadUs = await sandbox(calling, n);
    const before = rssOfMB(process.pid);
    const quickJsWorkerThreadUs = await sandbox(worker, n);
    return {
      sqliteUs,
      childIpcUs: ipc.us,
      quickJsCallingThreadUs,
      quickJsWorkerThreadUs,
      childRssMB: ipc.rssMB,
      sandboxThreadRssMB: Math.max(0, rssOfMB(process.pid) - before),
    };
  } finally {
    calling.dispose();
    worker.dispose();
  }
}
