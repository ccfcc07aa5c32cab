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

  it('drops values JSON cannot carry (functions), as JSON would', async () => {
    sandbox = new WorkerSandbox();
    const r = await sandbox.run('return [typeof trigger.f, trigger.n]', { trigger: { f: () => 1, n: 1 } }, LIMITS);
    expect(r).toMatchObject({ ok: true, value: ['undefined', 1] });
  });
});

describe('WorkerSandbox: the scope crosses the thread as bytes', () => {
  it('resends a scope the worker could not decode as JSON text, then keeps sending bytes', async () => {
    sandbox = new WorkerSandbox();
    // ≈ 1 MB in QuickJS's binary format, under the half-the-limit check, but 150,000 objects
    // do not fit 4 MB once decoded: the VM refuses the bytes, and JSON text is refused in turn.
    const items = Array.from({ length: 150_000 }, (_, i) => ({ i }));
    const r = await sandbox.run(
      'return trigger.body.items.length',
      { trigger: { body: { items } } },
      // Decoding counts as the code's time, and a busy machine decodes slowly.
      { timeoutMs: 10_000, memoryBytes: 4 * 1024 * 1024 },
    );
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^The data this Code task receives \(5\.\d MB\) does not fit its memory limit \(4 MB\)/,
      ),
    });
    // One scope too big for its limit says nothing about the format: bytes stay the default.
    expect(sandbox.inputFormat).toBe('binary');
    expect(await sandbox.run('return trigger.body.n + 1', scope, LIMITS)).toMatchObject({ ok: true, value: 3 });
  });

  it('reports a scope that cannot be serialised, without reaching the worker', async () => {
    sandbox = new WorkerSandbox();
    const body = {
      get broken(): never {
        throw new Error('the getter failed');
      },
    };
    expect(await sandbox.run('return 1', { trigger: { body } }, LIMITS)).toEqual({
      ok: false,
      error: "The code's input could not be turned into JSON: the getter failed",
      logs: [],
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await sandbox.run('return 1', { trigger: cyclic }, LIMITS)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The code's input could not be turned into JSON: /),
    });
    expect(await sandbox.run('return "still here"', scope, LIMITS)).toMatchObject({ ok: true, value: 'still here' });
  });
});
