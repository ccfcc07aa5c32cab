/**
 * Issue 9's state store figures: get and set per second on each store Remember / Recall use —
 * SQLite (`flowdesk serve`, a file beside the history) and Redis (queue mode) — with the
 * in-memory store of test runs as the ceiling. One caller awaiting each call (what one run
 * does), and 32 calls in flight (what a worker's concurrent runs do). The Redis rows start
 * their own redis-server on a random port, or say why they are left out.
 * Run alone with `node --import tsx bench/state-store.bench.ts`; `npm run bench` includes it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { StateStore } from '../core/state-store.js';
import { createMemoryStateStore } from '../runtime/state/memory-store.js';
import { createRedisStateStore } from '../runtime/state/redis-store.js';
import { createSqliteStateStore } from '../runtime/state/sqlite-store.js';
import { REDIS_SERVER, startRedis } from '../test/support/redis-server.js';
import type { BenchRow } from './flow-control.bench.js';

/** What a flow remembers: a ticket id with a little context, as JSON. */
const VALUE = JSON.stringify({ ticketId: 35436, taskSid: 'WT5f3c2a9b8d7e6f5a4b3c2d1e0f9a8b7c', at: 1762046142 });
const KEYS = 1000;
const IN_FLIGHT = 32;

/** Operations per second, best of 3 rounds of ~400 ms, `concurrency` callers each awaiting its own calls. */
async function opsPerSecond(op: (i: number) => Promise<unknown>, concurrency: number): Promise<number> {
  let best = 0;
  let next = 0;
  for (let round = 0; round < 4; round++) {
    let done = 0;
    const t0 = performance.now();
    const until = t0 + 400;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await op(next++ % KEYS);
          done++;
        }
      }),
    );
    // The first round warms up (statement caches, connections, JIT).
    if (round > 0) best = Math.max(best, (done / (performance.now() - t0)) * 1000);
  }
  return best;
}

/** The operations measured, each as one row per store. */
const OPERATIONS: { what: string; concurrency: number; op: (store: StateStore) => (i: number) => Promise<unknown> }[] =
  [
    {
      what: 'set, one caller',
      concurrency: 1,
      op: (store) => (i) => store.set('bench', `task:WT${i}`, VALUE, WEEK_MS),
    },
    { what: 'get, one caller', concurrency: 1, op: (store) => (i) => store.get('bench', `task:WT${i}`) },
    {
      what: `set, ${IN_FLIGHT} in flight`,
      concurrency: IN_FLIGHT,
      op: (store) => (i) => store.set('bench', `task:WT${i}`, VALUE, WEEK_MS),
    },
    {
      what: `get, ${IN_FLIGHT} in flight`,
      concurrency: IN_FLIGHT,
      op: (store) => (i) => store.get('bench', `task:WT${i}`),
    },
    {
      what: 'setIfAbsent of a new key, one caller',
      concurrency: 1,
      op: (store) => {
        let n = 0;
        return () => store.setIfAbsent('bench', `claim:${n++}`, VALUE, WEEK_MS, 'bench-run');
      },
    },
  ];
const WEEK_MS = 7 * 86_400_000;

async function measure(store: StateStore): Promise<number[]> {
  const rates: number[] = [];
  for (const { op, concurrency } of OPERATIONS) rates.push(await opsPerSecond(op(store), concurrency));
  return rates;
}

/**
 * Rows side by side per operation: SQLite, then Redis (or why Redis was left out); the
 * in-memory store of test runs is in the note as the ceiling.
 */
export async function runStateStoreBench(log: (line: string) => void = () => {}): Promise<BenchRow[]> {
  const memory = createMemoryStateStore();
  const inMemory = await measure(memory);
  await memory.close();

  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-state-bench-'));
  let sqlite: number[];
  try {
    const store = createSqliteStateStore(join(dir, 'bench.state.db'), { sweepEveryMs: 0 });
    sqlite = await measure(store);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  let redis: number[] | undefined;
  let redisMissing: string | undefined;
  if (!existsSync(REDIS_SERVER)) {
    redisMissing = `${REDIS_SERVER} is not installed (apt-get install redis-server)`;
    log(`state store on Redis: left out, ${redisMissing}`);
  } else {
    const server = await startRedis();
    try {
      const store = await createRedisStateStore({ host: '127.0.0.1', port: server.port });
      redis = await measure(store);
      await store.close();
    } finally {
      await server.stop();
    }
  }

  const rows: BenchRow[] = [];
  OPERATIONS.forEach(({ what }, i) => {
    rows.push({
      what: `state store ${what}, SQLite`,
      value: sqlite[i]!,
      unit: 'ops/s',
      note: `in memory (test runs): ${Math.round(inMemory[i]!).toLocaleString('en-US')} ops/s`,
    });
    rows.push(
      redis
        ? { what: `state store ${what}, Redis`, value: redis[i]!, unit: 'ops/s' }
        : { what: `state store ${what}, Redis`, value: NaN, unit: '', note: `not measured: ${redisMissing}` },
    );
  });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await runStateStoreBench((line) => console.log(line))) {
    console.log(
      `${row.what}: ${Number.isFinite(row.value) ? Math.round(row.value) : 'n/a'} ${row.unit}${row.note ? `  (${row.note})` : ''}`,
    );
  }
}
