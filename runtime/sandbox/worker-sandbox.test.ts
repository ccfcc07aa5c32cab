import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerSandbox } from './worker-sandbox.js';

// Built from a path: Vite rewrites `new URL('./…', import.meta.url)` into an asset URL.
const unresponsive = pathToFileURL(join(fileURLToPath(import.meta.url), '../__fixtures__/unresponsive-worker.ts'));

const LIMITS = { timeoutMs: 200, memoryBytes: 32 * 1024 * 1024 };
const scope = { trigger: { body: { n: 2 }, headers: {}, query: {} }, steps: {}, vars: {} };

let sandbox: WorkerSandbox | undefined;
afterEach(() => sandbox?.dispose());

describe('WorkerSandbox: the watchdog (issue 12, item 5)', () => {
  it('stops code that never reaches an interrupt check, reports the time limit, and carries on in a new thread', async () => {
    sandbox = new WorkerSandbox({ workerModule: unresponsive });
    const stuck = await sandbox.run('spin', scope, LIMITS);
    expect(stuck).toEqual({ ok: false, error: 'Code ran longer than 200 ms and was stopped', logs: [] });
    expect(sandbox.stoppedThreads).toBe(1);
    expect(await sandbox.run('next', scope, LIMITS)).toMatchObject({ ok: true, value: 'next' });
  });

  it('queues calls behind a stuck one and runs them afterwards', async () => {
    sandbox = new WorkerSandbox({ workerModule: unresponsive });
    const [stuck, after] = await Promise.all([sandbox.run('spin', scope, LIMITS), sandbox.run('after', scope, LIMITS)]);
    expect(stuck.ok).toBe(false);
    expect(after).toMatchObject({ ok: true, value: 'after' });
  });
});

describe('WorkerSandbox: QuickJS in the worker', () => {
  it('runs code and returns its value and console lines', async () => {
    sandbox = new WorkerSandbox();
    const r = await sandbox.run('console.log("n is", trigger.body.n); return trigger.body.n * 21', scope, LIMITS);
    expect(r).toMatchObject({ ok: true, value: 42, logs: [{ level: 'info', message: 'n is 2' }] });
  });

  it('ends runaway recursion caught by try/catch at the time limit, by stopping the thread', async () => {
    sandbox = new WorkerSandbox();
    await sandbox.run('return 1', scope, LIMITS);
    // Every call past the first overflow overflows again and builds a backtrace of the whole
    // stack, so QuickJS's interrupt check (every 10,000 calls) comes seconds late; the
    // watchdog does not wait for it.
    const r = await sandbox.run(
      'function f() { try { f() } catch (e) { try { f() } catch (e2) { f() } } }\nf(); return 1',
      scope,
      { ...LIMITS, timeoutMs: 1000 },
    );
    expect(r).toEqual({ ok: false, error: 'Code ran longer than 1000 ms and was stopped', logs: [] });
    expect(sandbox.stoppedThreads).toBe(1);
    expect(await sandbox.run('return "alive"', scope, LIMITS)).toMatchObject({ ok: true, value: 'alive' });
  });

  it('drops values a structured clone refuses, as JSON would', async () => {
    sandbox = new WorkerSandbox();
    const r = await sandbox.run('return [typeof trigger.f, trigger.n]', { trigger: { f: () => 1, n: 1 } }, LIMITS);
    expect(r).toMatchObject({ ok: true, value: ['undefined', 1] });
  });
});
