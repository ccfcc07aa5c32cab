/**
 * `npm run bench:server`: the same webhook work (5 KB event → condition → five mapped fields →
 * GET a local upstream → answer the merged result) on
 * - a bare node:http handler with an http.Agent keep-alive pool (the limit),
 * - the engine alone, running the flow from a bare node:http handler (engine-handler.mjs),
 * - `flowdesk serve --workers 0` (history and Fastify, runs in the server's own process),
 * - `flowdesk serve --workers 1` (the default shape: runs in a worker process),
 * - Node-RED 4.1.8 (installed from npm into a cache the first time; skipped, saying why, when
 *   that fails or FLOWDESK_BENCH_NODE_RED=0),
 * each server pinned to core 0 and this process (autocannon, the load generator) with the
 * upstream on core 1, one after the other, each run bounded in time. Then `--workers 2`
 * against `--workers 1` with both on both cores, where the load generator's own CPU share is
 * printed since it competes with the server for them. Then queue mode (`serve --queue` with 1, 2
 * and 4 `flowdesk worker` processes on a redis-server the benchmark starts) against `serve
 * --workers 1`, everything on both cores, with Redis's and the load generator's CPU share.
 * Prints figures, asserts nothing.
 *
 * Environment: FLOWDESK_BENCH_SECONDS (default 10 per run), FLOWDESK_BENCH_CONNECTIONS (50),
 * FLOWDESK_BENCH_NODE_RED=0, FLOWDESK_BENCH_WORKERS=0 (leave out the workers comparison),
 * FLOWDESK_BENCH_QUEUE=0 (leave out queue mode; it needs /usr/bin/redis-server),
 * FLOWDESK_BENCH_LAYERS=0 (leave out the engine alone in a bare handler and `serve --workers 0`,
 * the rows that show what each layer adds),
 * FLOWDESK_BENCH_FLOORS=0 (leave out the required parts measured alone, floors.ts),
 * FLOWDESK_BENCH_PROFILE=<dir> (serve in process with `--cpu-prof` into <dir>; summarise the
 * profile with bench/server/profile-summary.ts),
 * FLOWDESK_BENCH_CACHE (where Node-RED is installed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BENCH_FLOW_ID, writeBenchFlow } from './flowdesk-flow.js';
import { measureFloors, type Floors } from './floors.js';
import { ensureNodeRed, NODE_RED_VERSION, writeNodeRedConfig } from './node-red.js';
import {
  cpuSeconds,
  firstJsonLine,
  freePort,
  hasTaskset,
  pinSelf,
  processTree,
  rssMB,
  start,
  waitUntil,
  type Started,
} from './processes.js';
// @ts-expect-error plain ES module shared with the bare handler
import { payload } from './work.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REDIS_SERVER = '/usr/bin/redis-server';
const ROOT = resolve(HERE, '..', '..');
const SECONDS = Number(process.env.FLOWDESK_BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.min(3, SECONDS);
const CONNECTIONS = Number(process.env.FLOWDESK_BENCH_CONNECTIONS ?? 50);

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

const BODY = JSON.stringify(payload());

interface Server {
  name: string;
  url: string;
  started: Started;
  /** Processes working for this server besides its own tree (queue workers). */
  helpers?: Started[];
  /** Redis, whose CPU share is reported apart. */
  redis?: Started;
}

interface Measure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  rssMB: number;
  cpuUsPerReq: number;
  /** Share of the two cores the load generator (this process) used during the run. */
  loadGenShare: number;
  /** Share of the two cores Redis used (queue mode). */
  redisShare?: number;
  failed: number;
}

async function post(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
  return { status: res.status, text: await res.text() };
}

function load(url: string, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
  });
}

async function measure(server: Server): Promise<Measure> {
  // The work must be right before its speed means anything.
  const check = await post(server.url);
  const answer = JSON.parse(check.text || '{}') as { customer?: { tier?: string }; durationSeconds?: number };
  if (check.status !== 200 || answer.customer?.tier !== 'gold' || answer.durationSeconds !== 451) {
    throw new Error(`${server.name} answered ${check.status} ${check.text.slice(0, 300)}`);
  }
  await load(server.url, WARMUP_SECONDS);
  const tree = () => [server.started, ...(server.helpers ?? [])].flatMap((s) => processTree(s.child.pid!));
  const pids = tree();
  const cpu0 = cpuSeconds(pids);
  const redis0 = server.redis ? cpuSeconds([server.redis.child.pid!]) : 0;
  const self0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = await load(server.url, SECONDS);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const self = process.cpuUsage(self0);
  const after = tree();
  const cpu = cpuSeconds(after) - cpu0;
  const redisCpu = server.redis ? cpuSeconds([server.redis.child.pid!]) - redis0 : undefined;
  const ok = r['2xx'];
  return {
    name: server.name,
    rps: ok / wall,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rssMB: rssMB(after),
    cpuUsPerReq: ok > 0 ? (cpu / ok) * 1e6 : NaN,
    loadGenShare: (self.user + self.system) / 1e6 / (wall * 2),
    failed: r.non2xx + r.errors + r.timeouts,
    ...(redisCpu !== undefined ? { redisShare: redisCpu / (wall * 2) } : {}),
  };
}

async function readyWhenPostOk(started: Started, what: string, url: string): Promise<void> {
  await waitUntil(started, what, async () => (await post(url)).status === 200);
}

async function bare(upstreamPort: number, cpu: number | undefined): Promise<Server> {
  const started = start(process.execPath, [join(HERE, 'bare-handler.mjs'), String(upstreamPort)], { cpu });
  const { port } = await firstJsonLine<{ port: number }>(started);
  return { name: 'bare node:http', url: `http://127.0.0.1:${port}/`, started };
}

/** The engine alone in a bare handler (engine-handler.mjs), on the built runtime. */
async function engineAlone(flowDir: string, cpu: number | undefined): Promise<Server> {
  const started = start(
    process.execPath,
    [join(HERE, 'engine-handler.mjs'), join(flowDir, `${BENCH_FLOW_ID}.flow.json`)],
    { cpu },
  );
  const { port } = await firstJsonLine<{ port: number }>(started);
  return { name: 'engine in a bare handler', url: `http://127.0.0.1:${port}/`, started };
}

function flowdeskAvailable(): string | undefined {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'flowdesk.js'), 'serve', '--help'], { encoding: 'utf8' });
  if (r.status !== 0) return `\`flowdesk serve\` is not available (${(r.stderr || r.stdout).trim().split('\n')[0]})`;
  return undefined;
}

async function flowdesk(flowDir: string, workers: number, cpu: number | undefined, work: string): Promise<Server> {
  const port = await freePort();
  // V8 refuses --cpu-prof in NODE_OPTIONS and the workers are forked with their own flags, so
  // a profiled run serves in process (--workers 0) with the flags on the server itself.
  const profileDir = process.env.FLOWDESK_BENCH_PROFILE;
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
  const served = profileDir ? 0 : workers;
  const started = start(
    process.execPath,
    [
      ...nodeFlags,
      join(ROOT, 'bin', 'flowdesk.js'),
      'serve',
      flowDir,
      '--workers',
      String(served),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--db',
      join(work, `history-${workers}-${port}.db`),
    ],
    { cpu, env: { FLOWDESK_ADMIN_TOKENS: '' } },
  );
  const url = `http://127.0.0.1:${port}/hooks/${BENCH_FLOW_ID}`;
  await readyWhenPostOk(started, 'flowdesk serve', url);
  return { name: `flowdesk serve --workers ${served}`, url, started };
}

/** `serve --queue` and `workers` `flowdesk worker` processes on one history and one Redis. */
async function queueMode(
  flowDir: string,
  workers: number,
  work: string,
  redis: Started,
  redisUrl: string,
): Promise<Server> {
  const port = await freePort();
  const db = join(work, `history-queue-${workers}-${port}.db`);
  const bin = join(ROOT, 'bin', 'flowdesk.js');
  const started = start(
    process.execPath,
    [bin, 'serve', flowDir, '--queue', redisUrl, '--port', String(port), '--host', '127.0.0.1', '--db', db],
    { env: { FLOWDESK_ADMIN_TOKENS: '' } },
  );
  const helpers = Array.from({ length: workers }, () =>
    start(process.execPath, [
      bin,
      'worker',
      '--queue',
      redisUrl,
      '--db',
      db,
      '--processes',
      '1',
      '--concurrency',
      '50',
    ]),
  );
  const url = `http://127.0.0.1:${port}/hooks/${BENCH_FLOW_ID}`;
  try {
    await readyWhenPostOk(started, 'flowdesk serve --queue', url);
  } catch (error) {
    await Promise.all(helpers.map((h) => h.stop()));
    throw error;
  }
  const stop = started.stop.bind(started);
  started.stop = async () => {
    await Promise.all([stop(), ...helpers.map((h) => h.stop())]);
  };
  return { name: `serve --queue, ${workers} worker${workers === 1 ? '' : 's'}`, url, started, helpers, redis };
}

async function startRedisServer(work: string): Promise<{ redis: Started; url: string } | { skipped: string }> {
  if (!existsSync(REDIS_SERVER)) return { skipped: `${REDIS_SERVER} is not installed (apt-get install redis-server)` };
  const port = await freePort();
  const redis = start(REDIS_SERVER, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    work,
  ]);
  await waitUntil(redis, 'redis-server', async () => redis.output().includes('Ready to accept connections'));
  return { redis, url: `redis://127.0.0.1:${port}` };
}

async function nodeRed(redJs: string, upstreamPort: number, work: string, cpu: number | undefined): Promise<Server> {
  const port = await freePort();
  const userDir = join(work, 'node-red');
  const settings = await writeNodeRedConfig(userDir, port, upstreamPort);
  const started = start(process.execPath, [redJs, '--settings', settings, '--userDir', userDir], { cpu });
  const url = `http://127.0.0.1:${port}/hook`;
  await readyWhenPostOk(started, 'Node-RED', url);
  return { name: `Node-RED ${NODE_RED_VERSION}`, url, started };
}

async function run(make: () => Promise<Server>): Promise<Measure> {
  const server = await make();
  try {
    return await measure(server);
  } finally {
    await server.started.stop();
  }
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';

function table(rows: Measure[], bareRow: Measure | undefined, redRow: Measure | undefined): void {
  const head = ['server', 'req/s', 'p50 ms', 'p99 ms', 'RSS MB', 'CPU µs/req', '× bare', '× Node-RED', 'failed'];
  const lines = rows.map((m) => [
    m.name,
    fmt(m.rps),
    fmt(m.p50, 1),
    fmt(m.p99, 1),
    fmt(m.rssMB),
    fmt(m.cpuUsPerReq),
    bareRow ? fmt(m.rps / bareRow.rps, 2) : '—',
    redRow ? fmt(m.rps / redRow.rps, 2) : '—',
    String(m.failed),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const print = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  print(head);
  for (const l of lines) print(l);
}

/**
 * The required parts measured alone (floors.ts) against what 0.5× the bare handler's
 * throughput leaves for everything flowdesk adds: the bare handler's own CPU per request.
 */
function printFloors(f: Floors, bareUs: number): void {
  const inProcess = f.sqliteUs + f.quickJsWorkerThreadUs;
  const isolated = inProcess + f.childIpcUs;
  console.log('');
  console.log('What the required parts cost alone, CPU µs per request (bench/server/floors.ts):');
  console.log(`  delivery made durable before the 202, status after the run (SQLite, WAL): ${fmt(f.sqliteUs)}`);
  console.log(`  job to a worker process and trace back over its IPC pipe (crash isolation): ${fmt(f.childIpcUs)}`);
  console.log(
    `  the Code node in QuickJS: ${fmt(f.quickJsCallingThreadUs)} on the calling thread, ` +
      `${fmt(f.quickJsWorkerThreadUs)} in the sandbox thread with its watchdog`,
  );
  console.log(
    `  0.5× the bare handler's throughput leaves ${fmt(bareUs)} µs for everything flowdesk adds; these parts alone ` +
      `take ${fmt(inProcess)} µs in one process (--workers 0) and ${fmt(isolated)} µs with a worker process (--workers 1), ` +
      `before Fastify, the engine's walk and the trace`,
  );
  console.log(
    `  resident memory: a worker process that only answers ${fmt(f.childRssMB)} MB, the sandbox thread ` +
      `${fmt(f.sandboxThreadRssMB)} MB; RSS ≤ 1.5× leaves half the bare handler's for both`,
  );
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const pinning = hasTaskset() && cores >= 2;
  console.log(
    `Server benchmark: ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, ${CONNECTIONS} connections, ` +
      `${BODY.length} B body; ${cores} cores, load average ${loadavg()[0]!.toFixed(1)}; ` +
      (pinning ? 'servers on core 0, load generator and upstream on core 1' : 'not pinned (no taskset or one core)'),
  );
  const serverCpu = pinning ? 0 : undefined;
  const loadCpu = pinning ? 1 : undefined;
  if (loadCpu !== undefined) await pinSelf(String(loadCpu));

  const work = await mkdtemp(join(tmpdir(), 'flowdesk-bench-server-'));
  const upstream = start(process.execPath, [join(HERE, 'upstream.mjs')], { cpu: loadCpu });
  const stops: Started[] = [upstream];
  const cleanup = async () => {
    await Promise.all(stops.map((s) => s.stop()));
    await rm(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const { port: upstreamPort } = await firstJsonLine<{ port: number }>(upstream);
    const flowDir = await writeBenchFlow(join(work, 'flows'), upstreamPort);
    const notes: string[] = [];
    const rows: Measure[] = [];

    const bareRow = await run(() => bare(upstreamPort, serverCpu));
    rows.push(bareRow);

    const noFlowdesk = flowdeskAvailable();
    let flowdeskRow: Measure | undefined;
    if (noFlowdesk) notes.push(`flowdesk skipped: ${noFlowdesk}; run \`npm run build\` first.`);
    else {
      // What each layer adds: the engine alone, the server in one process (history, Fastify),
      // then the server with its runs in a worker process (crash isolation), the default shape.
      if (process.env.FLOWDESK_BENCH_LAYERS !== '0') {
        rows.push(await run(() => engineAlone(flowDir, serverCpu)));
        if (!process.env.FLOWDESK_BENCH_PROFILE) rows.push(await run(() => flowdesk(flowDir, 0, serverCpu, work)));
      }
      flowdeskRow = await run(() => flowdesk(flowDir, 1, serverCpu, work));
      rows.push(flowdeskRow);
    }

    let redRow: Measure | undefined;
    if (process.env.FLOWDESK_BENCH_NODE_RED === '0') notes.push('Node-RED left out (FLOWDESK_BENCH_NODE_RED=0).');
    else {
      const red = await ensureNodeRed();
      if ('skipped' in red) notes.push(`Node-RED skipped: ${red.skipped}.`);
      else {
        redRow = await run(() => nodeRed(red.redJs, upstreamPort, work, serverCpu));
        rows.push(redRow);
      }
    }

    console.log('');
    table(rows, bareRow, redRow);
    if (flowdeskRow) {
      console.log('');
      console.log('flowdesk against the bare handler (targets: throughput ≥ 0.5×, p99 ≤ 2×, RSS ≤ 1.5×):');
      console.log(
        `  throughput ${fmt(flowdeskRow.rps / bareRow.rps, 2)}×, p99 ${fmt(flowdeskRow.p99 / bareRow.p99, 2)}×, ` +
          `RSS ${fmt(flowdeskRow.rssMB / bareRow.rssMB, 2)}×, CPU per request ${fmt(flowdeskRow.cpuUsPerReq)} µs ` +
          `against ${fmt(bareRow.cpuUsPerReq)} µs`,
      );
      if (process.env.FLOWDESK_BENCH_FLOORS !== '0') printFloors(await measureFloors(), bareRow.cpuUsPerReq);
    }

    if (!noFlowdesk && process.env.FLOWDESK_BENCH_WORKERS !== '0' && cores >= 2) {
      // Both cores for everyone: the load generator competes with the workers, so its share is shown.
      if (pinning) await pinSelf(`0-${cores - 1}`);
      const w1 = await run(() => flowdesk(flowDir, 1, undefined, work));
      const w2 = await run(() => flowdesk(flowDir, 2, undefined, work));
      console.log('');
      console.log('--workers 2 against --workers 1, server and load generator sharing both cores:');
      table([w1, w2], undefined, undefined);
      console.log(
        `  load generator CPU share of the two cores: ${fmt(w1.loadGenShare * 100)} % (1 worker), ` +
          `${fmt(w2.loadGenShare * 100)} % (2 workers); 2 workers = ${fmt(w2.rps / w1.rps, 2)}× 1 worker`,
      );
    }
    if (!noFlowdesk && process.env.FLOWDESK_BENCH_QUEUE !== '0' && cores >= 2) {
      if (pinning) await pinSelf(`0-${cores - 1}`);
      const started = await startRedisServer(work);
      if ('skipped' in started) notes.push(`queue mode skipped: ${started.skipped}.`);
      else {
        stops.push(started.redis);
        const direct = await run(() => flowdesk(flowDir, 1, undefined, work));
        const queued: Measure[] = [];
        for (const n of [1, 2, 4])
          queued.push(await run(() => queueMode(flowDir, n, work, started.redis, started.url)));
        console.log('');
        console.log(
          'Queue mode against serve --workers 1, everything sharing both cores (sync answers through Redis):',
        );
        table([direct, ...queued], undefined, undefined);
        for (const q of queued) {
          console.log(
            `  ${q.name}: ${fmt(q.rps / direct.rps, 2)}× throughput, p50 ${q.p50 >= direct.p50 ? '+' : '−'}${fmt(Math.abs(q.p50 - direct.p50), 1)} ms added, ` +
              `Redis ${fmt((q.redisShare ?? 0) * 100)} % and load generator ${fmt(q.loadGenShare * 100)} % of the two cores`,
          );
        }
        console.log(`  serve --workers 1: load generator ${fmt(direct.loadGenShare * 100)} % of the two cores`);
      }
    }
    for (const n of notes) console.log(n);
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
