/**
 * Process plumbing for the server benchmark: start a server pinned to a core, wait until it
 * answers, read its CPU time and memory (summed over its child processes) from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface Started {
  child: ChildProcess;
  /** Everything the process printed, for the error when it never became ready. */
  output: () => string;
  stop(): Promise<void>;
}

/** `taskset -c <cpu> cmd…` when taskset exists, else the command unpinned. */
export function pinned(cpu: number | undefined, cmd: string, args: string[]): [string, string[]] {
  if (cpu === undefined || !existsSync('/usr/bin/taskset')) return [cmd, args];
  return ['/usr/bin/taskset', ['-c', String(cpu), cmd, ...args]];
}

export function hasTaskset(): boolean {
  return existsSync('/usr/bin/taskset');
}

/** Pins this process (the load generator) to a CPU list such as `1` or `0-1`. */
export function pinSelf(cpu: string): Promise<boolean> {
  if (!hasTaskset()) return Promise.resolve(false);
  // -a: every thread, libuv's pool included.
  const child = spawn('/usr/bin/taskset', ['-a', '-p', '-c', cpu, String(process.pid)], { stdio: 'ignore' });
  return new Promise<boolean>((resolve) => child.on('exit', (code) => resolve(code === 0)));
}

export function start(
  cmd: string,
  args: string[],
  options: { cpu?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Started {
  const [c, a] = pinned(options.cpu, cmd, args);
  const child = spawn(c, a, {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // The whole process group: workers and anything else the server started.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      // Longer than the server's own shutdown deadline (10 s), so a profiled server gets to
      // write its --cpu-prof file on the way out.
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The first JSON line a process prints on stdout (our helper servers announce their port). */
export function firstJsonLine<T>(started: Started, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms: ${started.output()}`)),
      timeoutMs,
    );
    started.child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const line = buf.split('\n').find((l) => l.trim().startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      }
    });
    started.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${started.output()}`));
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it answers true, the process dies, or the time is up. */
export async function waitUntil(started: Started, what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited: ${started.output()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s: ${started.output()}`);
}

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(entry));
      map.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  return map;
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const map = children();
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(map.get(p) ?? []));
  }
  return out;
}

/** CPU seconds (user + system) used so far by these processes. */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // exited
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Resident memory in MB, summed over the processes (taskset itself execs, so it is not one). */
export function rssMB(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // exited
    }
  }
  return kb / 1024;
}
