import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryJson } from './binary-json.js';
import { QuickJsSandbox, createQuickJsSandbox } from './quickjs-sandbox.js';

const LIMITS = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };
const scope = {
  trigger: { body: { ConversationID: 'c-1', Q1: 2 }, headers: {}, query: {} },
  steps: { getDetails: { body: { participants: [{ purpose: 'agent', userId: 'u-1' }] } } },
  vars: { region: 'ap-northeast-1' },
};

let sandbox: QuickJsSandbox;
beforeAll(async () => {
  sandbox = new QuickJsSandbox();
  await sandbox.ready();
});
afterAll(() => sandbox.dispose());

async function ok(source: string, input: unknown = scope) {
  const r = await sandbox.run(source, input, LIMITS);
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r;
}

async function fails(source: string, limits = LIMITS) {
  const r = await sandbox.run(source, scope, limits);
  if (r.ok) throw new Error(`expected failure, got ${JSON.stringify(r.value)}`);
  return r;
}

describe('QuickJsSandbox: running code', () => {
  it('runs a function body that sees trigger, steps, vars and input', async () => {
    const r = await ok(`
      const agent = steps.getDetails.body.participants.find((p) => p.purpose === 'agent');
      return { id: trigger.body.ConversationID, agent: agent.userId, region: vars.region, same: input.vars === vars };`);
    expect(r.value).toEqual({ id: 'c-1', agent: 'u-1', region: 'ap-northeast-1', same: true });
  });

  it('calls a Qualtrics-style codeTask() when the source only defines it', async () => {
    const r = await ok(`function codeTask() {\n  return { q1: trigger.body.Q1 * 10 };\n}`);
    expect(r.value).toEqual({ q1: 20 });
  });

  it('turns an undefined result into null', async () => {
    expect((await ok('const x = 1;')).value).toBeNull();
    expect((await ok('return undefined')).value).toBeNull();
  });

  it('lets the body redeclare the scope names', async () => {
    expect((await ok('let input = 5; var vars = 3; const trigger = "t"; return [input, vars, trigger]')).value).toEqual(
      [5, 3, 't'],
    );
  });

  it('captures console output as log lines, objects as JSON', async () => {
    const r = await ok(
      'console.log("picked", { agent: "u-1" }); console.warn("careful"); console.error(new TypeError("bad")); console.debug(42); return 1',
    );
    expect(r.logs.map((l) => [l.level, l.message])).toEqual([
      ['info', 'picked {"agent":"u-1"}'],
      ['warn', 'careful'],
      ['error', 'TypeError: bad'],
      ['debug', '42'],
    ]);
    for (const line of r.logs) expect(line.at).toBeGreaterThanOrEqual(0);
  });

  it('caps the number and size of log lines', async () => {
    const r = await ok(
      'for (let i = 0; i < 500; i++) console.log("line " + i); console.log("x".repeat(10000)); return 1',
    );
    expect(r.logs).toHaveLength(101);
    expect(r.logs[100]!.message).toMatch(/401 more log line\(s\) were dropped/);
    const big = await ok('console.log("x".repeat(10000)); return 1');
    expect(big.logs[0]!.message.length).toBeLessThan(2100);
  });

  it('keeps logs written before a thrown error', async () => {
    const r = await fails('console.log("before"); throw new Error("boom")');
    expect(r.error).toBe('Error: boom (line 1)');
    expect(r.logs.map((l) => l.message)).toEqual(['before']);
  });

  it('supports async code and promises that settle on their own', async () => {
    expect((await ok('return (async () => { await null; return { done: true }; })()')).value).toEqual({ done: true });
    expect((await ok('async function codeTask() { await Promise.resolve(); return 42 }')).value).toBe(42);
    const rejected = await fails('return Promise.reject(new RangeError("nope"))');
    expect(rejected.error).toMatch(/^RangeError: nope/);
  });

  it('says clearly that a promise waiting on nothing is not supported', async () => {
    const r = await fails('return new Promise(() => {})');
    expect(r.error).toMatch(/Promise that never settled.*cannot wait for timers or network/);
  });

  it('has no host access: no fetch, require, process, timers or FinalizationRegistry', async () => {
    const r = await ok(
      'return [typeof fetch, typeof require, typeof process, typeof setTimeout, typeof setInterval, typeof FinalizationRegistry, typeof WeakRef, typeof std, typeof os]',
    );
    expect(r.value).toEqual(Array(9).fill('undefined'));
    // The classic node:vm escape finds only the sandbox's own Function.
    const escape = await fails('return Array.constructor("return process")()');
    expect(escape.error).toMatch(/process/);
  });
});

describe('QuickJsSandbox: errors an admin can act on', () => {
  it('reports a syntax error with its line', async () => {
    const r = await fails('const a = 1;\nconst b = a +* 2;\nreturn b;');
    expect(r.error).toMatch(/^The code has a syntax error: .*\(line 2\)$/);
  });

  it('reports a runtime error with its line', async () => {
    const r = await fails('const a = null;\n\nreturn a.name;');
    expect(r.error).toMatch(/^TypeError: .*'name'.* \(line 3\)$/);
  });

  it('reports thrown non-errors', async () => {
    expect((await fails('throw "plain text"')).error).toBe('Code threw: plain text');
    expect((await fails('throw { code: 7 }')).error).toBe('Code threw: {"code":7}');
  });

  it('refuses values that are not JSON', async () => {
    expect((await fails('return () => 1')).error).toMatch(/The returned value is not JSON: it is a function/);
    expect((await fails('return { ok: true, cb() {} }')).error).toMatch(/property "cb" is a function/);
    expect((await fails('return 10n')).error).toMatch(/it is a bigint/);
  });

  it('refuses code that closes the wrapper to declare shared top-level state', async () => {
    const r = await fails('return n++; }}); let n = 0; (function () {{');
    expect(r.error).toMatch(/unbalanced braces/);
  });

  it('fails cleanly on unserialisable input', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const r = await sandbox.run('return 1', cyclic, LIMITS);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/input could not be turned into JSON/) });
  });
});

describe('QuickJsSandbox: limits', () => {
  it('refuses input larger than the memory limit can hold before it enters the VM, and keeps working', async () => {
    const big = { steps: { get: { body: 'x'.repeat(3 * 1024 * 1024) } } };
    const r = await sandbox.run('return steps.get.body.length', big, { ...LIMITS, memoryBytes: 4 * 1024 * 1024 });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(
      /^The data this Code task receives \(3(\.0)? MB\) does not fit its memory limit \(4 MB\)/,
    );
    expect((await ok('return 1 + 1')).value).toBe(2);
  });

  it('leaves bytes the VM cannot decode to the caller (runEncoded) and takes JSON text instead (runJson)', async () => {
    const items = Array.from({ length: 150_000 }, (_, i) => ({ i }));
    const big = { trigger: { body: { items } } };
    const limits = { ...LIMITS, memoryBytes: 4 * 1024 * 1024 };
    const bytes = encodeBinaryJson(big)!;
    expect(bytes.byteLength).toBeLessThan(limits.memoryBytes / 2);
    expect(await sandbox.runEncoded('return trigger.body.items.length', bytes, limits)).toBeUndefined();
    const small = JSON.stringify({ trigger: { body: { items: [1, 2, 3] } } });
    expect(await sandbox.runJson('return trigger.body.items.length', small, limits)).toMatchObject({
      ok: true,
      value: 3,
    });
    const encoded = encodeBinaryJson({ trigger: { body: { items: [1, 2] } } })!;
    expect(await sandbox.runEncoded('return trigger.body.items.length', encoded, limits)).toMatchObject({
      ok: true,
      value: 2,
    });
  });

  it('stops an infinite loop at the deadline, even inside try/catch, and keeps working', async () => {
    const r = await fails('try { while (true) {} } catch (e) { return "caught" }', { ...LIMITS, timeoutMs: 200 });
    expect(r.error).toBe('Code ran longer than 200 ms and was stopped');
    expect((await ok('return 1 + 1')).value).toBe(2);
  });

  it('stops the default deadline at 1000 ms with the documented message', async () => {
    expect((await fails('for (;;) {}')).error).toBe('Code ran longer than 1000 ms and was stopped');
  });

  it('stops an endless promise chain, awaited or left behind', async () => {
    for (const src of [
      'function spin() { return Promise.resolve().then(spin) } return spin()',
      'function spin() { return Promise.resolve().then(spin) } spin(); return 1',
    ]) {
      for (let i = 0; i < 2; i++) {
        const r = await fails(src, { ...LIMITS, timeoutMs: 200 });
        expect(r.error).toBe('Code ran longer than 200 ms and was stopped');
      }
    }
    expect((await ok('return 1')).value).toBe(1);
  });

  it('stops a memory bomb at the memory limit and keeps working', async () => {
    for (const bomb of [
      'const a = []; for (;;) a.push(new Array(100000).fill(1))',
      'return "x".repeat(2 ** 28).length',
      'return new Array(1e9).fill(0).length',
      // Many allocations each under the limit: bounded by the instance's capped memory.
      'const keep = []; for (;;) keep.push(new Uint8Array(1024 * 1024).fill(1))',
      'const parts = []; for (let i = 0; ; i++) parts.push(String(i).repeat(100000))',
    ]) {
      const r = await fails(bomb, { timeoutMs: 5000, memoryBytes: 32 * 1024 * 1024 });
      expect(r.error).toBe('Code used more than 32 MB of memory');
      expect((await ok('return [1, 2, 3].length')).value).toBe(3);
    }
  });

  it('reports limits only from what the host saw, never from a message code can fake (issue 12, item 5)', async () => {
    for (const [fake, shown] of [
      ['throw new Error("stack overflow")', 'Error: stack overflow (line 1)'],
      ['throw new RangeError("stack overflow")', 'RangeError: stack overflow (line 1)'],
      [
        'const e = new Error("stack overflow"); e.name = "InternalError"; throw e',
        'InternalError: stack overflow (line 1)',
      ],
      // QuickJS's InternalError, which only the engine may raise, is out of the code's reach.
      ['throw new InternalError("stack overflow")', "ReferenceError: 'InternalError' is not defined (line 1)"],
      ['throw new InternalError("out of memory")', "ReferenceError: 'InternalError' is not defined (line 1)"],
      ['throw new Error("out of memory")', 'Error: out of memory (line 1)'],
      ['throw new InternalError("interrupted")', "ReferenceError: 'InternalError' is not defined (line 1)"],
      [
        'const e = new Error("x"); e.name = "InternalError"; e.message = "interrupted"; throw e',
        'InternalError: interrupted (line 1)',
      ],
    ] as const) {
      const r = await fails(fake);
      expect(r.error, fake).toBe(shown);
    }
    const plain = await fails('throw { name: "InternalError", message: "out of memory" }');
    expect(plain.error).toMatch(/^Code threw: /);
  });

  it('reports an array-push memory bomb and an endless promise chain as their limits, not "Code threw: null"', async () => {
    const bomb = await fails('const a = []; for (;;) a.push(new Array(100000).fill(1))', {
      timeoutMs: 5000,
      memoryBytes: 32 * 1024 * 1024,
    });
    expect(bomb.error).toBe('Code used more than 32 MB of memory');
    const chain = await fails(
      'const keep = []; function spin() { keep.push({}); return Promise.resolve().then(spin) } return spin()',
      {
        timeoutMs: 300,
        memoryBytes: 32 * 1024 * 1024,
      },
    );
    expect(chain.error).toMatch(/^Code (ran longer than 300 ms and was stopped|used more than 32 MB of memory)$/);
    expect((await ok('return "alive"')).value).toBe('alive');
  });

  it('stops runaway recursion and keeps working', async () => {
    const r = await fails('function f(n) { return f(n + 1) + 1 }\nreturn f(0)');
    expect(r.error).toBe('Code nested too deeply (stack overflow): check for a function that calls itself without end');
    // A real overflow the code caught and threw on is still the engine's own.
    const rethrown = await fails('let caught; function f() { f() } try { f() } catch (e) { caught = e } throw caught');
    expect(rethrown.error).toBe(r.error);
    expect((await ok('return "still alive"')).value).toBe('still alive');
  });

  it('survives data nested too deeply for the host stack', async () => {
    const r = await fails('return JSON.parse("[".repeat(100000) + "]".repeat(100000))');
    expect(r.error).toMatch(/nested too deeply/);
    expect((await ok('return "restarted"')).value).toBe('restarted');
  });

  it('applies a different limit to the same source', async () => {
    const src = 'const a = []; for (let i = 0; i < 20; i++) a.push(new Uint8Array(1e6).fill(i)); return a.length';
    expect((await sandbox.run(src, scope, { timeoutMs: 5000, memoryBytes: 64 * 1024 * 1024 })).ok).toBe(true);
    const small = await sandbox.run(src, scope, { timeoutMs: 5000, memoryBytes: 8 * 1024 * 1024 });
    expect(small).toMatchObject({ ok: false, error: 'Code used more than 8 MB of memory' });
  });
});

describe('QuickJsSandbox: runs share no state', () => {
  // Each pair runs the same source twice: a reused context is exactly where state could leak.
  const probe = `
    const seen = {
      globalX: typeof globalThis.x,
      arrayFoo: String([].foo),
      objectPolluted: String(({}).polluted),
      jsonParse: JSON.parse === undefined ? 'gone' : typeof JSON.parse('1'),
      mathMax: Math.max(1, 2),
      consoleLog: typeof console.log,
    };
    const attempts = [];
    const tryIt = (name, fn) => { try { fn(); attempts.push(name + ': allowed') } catch (e) { attempts.push(name + ': ' + e.name) } };
    tryIt('global', () => { globalThis.x = 1 });
    tryIt('implicit global', () => { eval('y = 1') });
    tryIt('Array.prototype', () => { Array.prototype.foo = 1 });
    tryIt('Object.prototype', () => { Object.prototype.polluted = true });
    tryIt('JSON.parse', () => { JSON.parse = () => 0 });
    tryIt('Math.max', () => { Math.max = () => 0 });
    tryIt('console.log', () => { console.log = () => 0 });
    tryIt('delete JSON', () => { delete globalThis.JSON });
    tryIt('defineProperty', () => { Object.defineProperty(globalThis, 'z', { value: 1 }) });
    tryIt('indirect eval var', () => { (0, eval)('var leaked = 1') });
    tryIt('iterator proto', () => { Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true }) });
    tryIt('generator proto', () => { Object.getPrototypeOf(function* () {}).constructor.x = 1 });
    return { seen, attempts, leaked: typeof leaked, z: typeof z };`;

  it('a second run sees nothing the first one tried to leave behind', async () => {
    const first = await ok(probe);
    const second = await ok(probe);
    const clean = {
      globalX: 'undefined',
      arrayFoo: 'undefined',
      objectPolluted: 'undefined',
      jsonParse: 'number',
      mathMax: 2,
      consoleLog: 'function',
    };
    expect(first.value).toMatchObject({ seen: clean, leaked: 'undefined', z: 'undefined' });
    expect(second.value).toEqual(first.value);
    // Every attempt failed rather than silently succeeding.
    for (const attempt of (first.value as { attempts: string[] }).attempts) expect(attempt).not.toMatch(/allowed$/);
  });

  it('a regular-expression match leaves nothing readable for the next run', async () => {
    const src =
      'if (vars.first) /secret-(\\d+)/.exec("secret-42"); return [String(RegExp.$1), String(RegExp.lastMatch)]';
    await ok(src, { ...scope, vars: { first: true } });
    expect((await ok(src, { ...scope, vars: { first: false } })).value).toEqual(['undefined', 'undefined']);
  });

  it('local state starts fresh each run', async () => {
    const src =
      'let count = 0; count++; const memo = new Map(); memo.set("k", (memo.get("k") || 0) + 1); return [count, memo.get("k")]';
    expect((await ok(src)).value).toEqual([1, 1]);
    expect((await ok(src)).value).toEqual([1, 1]);
  });

  it('a promise job left behind does not run into the next run', async () => {
    const src = 'if (vars.first) Promise.resolve().then(() => console.log("late from first run")); return 1';
    await ok(src, { ...scope, vars: { first: true } });
    const second = await ok(src, { ...scope, vars: { first: false } });
    expect(second.logs).toEqual([]);
  });

  it('still lets code shadow inherited names on its own objects', async () => {
    const r = await ok(
      'class Bad extends Error { constructor(m) { super(m); this.name = "Bad" } }\nconst o = {}; o.toString = () => "custom"; const e = new Bad("x"); return [String(o), e.name, e instanceof Error]',
    );
    expect(r.value).toEqual(['custom', 'Bad', true]);
  });

  it('keeps one warm context per source and evicts the least recently used', async () => {
    const small = new QuickJsSandbox({ maxCachedSources: 2 });
    await small.ready();
    await small.run('return 1', {}, LIMITS);
    await small.run('return 2', {}, LIMITS);
    await small.run('return 1', {}, LIMITS);
    await small.run('return 3', {}, LIMITS);
    expect(small.cachedSources).toBe(2);
    expect(await small.run('return 2', {}, LIMITS)).toMatchObject({ ok: true, value: 2 });
    small.dispose();
    await expect(small.run('return 1', {}, LIMITS)).rejects.toThrow(/disposed/);
  });
});

describe('QuickJsSandbox: concurrent calls', () => {
  it('shares one compilation between concurrent first runs and keeps results apart', async () => {
    const fresh = new QuickJsSandbox();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fresh.run('return vars.i * 2', { vars: { i } }, LIMITS)),
    );
    expect(results.map((r) => (r.ok ? r.value : r.error))).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(fresh.cachedSources).toBe(1);
    fresh.dispose();
  });

  it('recovers when concurrent first runs of the same runaway source each hit the limit', async () => {
    const fresh = new QuickJsSandbox();
    const results = await Promise.all(
      Array.from({ length: 3 }, () => fresh.run('while (true) {}', {}, { ...LIMITS, timeoutMs: 50 })),
    );
    for (const r of results)
      expect(r).toMatchObject({ ok: false, error: 'Code ran longer than 50 ms and was stopped' });
    expect(await fresh.run('return 1', {}, LIMITS)).toMatchObject({ ok: true, value: 1 });
    fresh.dispose();
  });
});

describe('createQuickJsSandbox', () => {
  it('returns a ready sandbox; fresh-context mode gives the same results', async () => {
    const fresh = await createQuickJsSandbox({ reuseContexts: false });
    expect(await fresh.run('return trigger.body.ConversationID', scope, LIMITS)).toEqual({
      ok: true,
      value: 'c-1',
      logs: [],
    });
    expect(await fresh.run('while (true) {}', scope, { ...LIMITS, timeoutMs: 100 })).toMatchObject({ ok: false });
    fresh.dispose();
  });
});
