import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildProcessError, ChildTaskError, createChildRunner, type ChildRunner } from './child-runner.js';

const CHILD = join(import.meta.dirname, '__fixtures__', 'test-child.ts');

let runner: ChildRunner<unknown, unknown, unknown, unknown> | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe('child runner', () => {
  it('answers with the child handler result, in a process other than this one', async () => {
    runner = createChildRunner({ modulePath: CHILD });
    expect(await runner.call({ op: 'echo', value: { a: [1, 'two'] } })).toEqual({ a: [1, 'two'] });
    expect(await runner.call({ op: 'pid' })).not.toBe(process.pid);
  });

  it("keeps the handler's error name and code", async () => {
    runner = createChildRunner({ modulePath: CHILD });
    const err = await runner.call({ op: 'throw' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChildTaskError);
    expect(err).toMatchObject({ name: 'FlowLoadError', message: 'the flow is not valid', code: 'invalid' });
  });

  it('turns a child that dies mid-run into an error, and the next call gets a fresh process', async () => {
    runner = createChildRunner({ modulePath: CHILD, size: 1, maxCallsPerChild: 100 });
    const before = await runner.call({ op: 'pid' });
    const err = await runner.call({ op: 'abort' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChildProcessError);
    expect((err as ChildProcessError).reason).toBe('crashed');
    expect((err as Error).message).toMatch(/stopped unexpectedly \(signal SIGABRT\)/);
    const after = await runner.call({ op: 'pid' });
    expect(after).not.toBe(before);
    expect(await runner.call({ op: 'echo', value: 'still here' })).toBe('still here');
  });

  it('a busy child does not block this process: a timer here fires while the child spins', async () => {
    runner = createChildRunner({ modulePath: CHILD });
    const events: string[] = [];
    const busy = runner.call({ op: 'busy', ms: 1500 }).then(() => events.push('child done'));
    await new Promise((r) => setTimeout(r, 50));
    events.push('host answered');
    await busy;
    expect(events).toEqual(['host answered', 'child done']);
  });

  it('stops a call that overruns the watchdog, with its process', async () => {
    runner = createChildRunner({ modulePath: CHILD, watchdogMs: 300 });
    const err = await runner.call({ op: 'busy', ms: 20_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChildProcessError);
    expect((err as ChildProcessError).reason).toBe('timeout');
    expect(runner.alive).toBe(0);
  });

  it('runs at most `size` children and queues the rest', async () => {
    runner = createChildRunner({ modulePath: CHILD, size: 1, maxCallsPerChild: 10 });
    const pids = await Promise.all([
      runner.call({ op: 'pid' }),
      runner.call({ op: 'pid' }),
      runner.call({ op: 'pid' }),
    ]);
    expect(new Set(pids).size).toBe(1);
    expect(runner.alive).toBe(1);
  });

  it('refuses a payload that cannot be serialised without losing the child', async () => {
    runner = createChildRunner({ modulePath: CHILD, size: 1, maxCallsPerChild: 10 });
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    const err = await runner.call({ op: 'echo', value: deep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChildProcessError);
    expect(await runner.call({ op: 'echo', value: 1 })).toBe(1);
  });

  it('fails pending calls when closed', async () => {
    runner = createChildRunner({ modulePath: CHILD, size: 1 });
    const pending = runner.call({ op: 'busy', ms: 20_000 }).catch((e: unknown) => e);
    const queued = runner.call({ op: 'pid' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    await runner.close();
    expect(await pending).toBeInstanceOf(ChildProcessError);
    expect(await queued).toBeInstanceOf(ChildProcessError);
  });

  it("hands the child's events to the caller in order, before the answer", async () => {
    runner = createChildRunner({ modulePath: CHILD });
    const seen: unknown[] = [];
    const answer = await runner.call({ op: 'events', count: 3 }, { onEvent: (e) => seen.push(e) });
    seen.push(answer);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, 'reported']);
  });

  it('sends an event at the end of the turn, not with the answer, when the child waits on the host after it', async () => {
    runner = createChildRunner({ modulePath: CHILD });
    const seen: unknown[] = [];
    // The child waits for a notice the host sends only on hearing the event: held back until
    // the reply, the event would never come and the call would hang.
    const answer = await runner.call(
      { op: 'event-then-notice' },
      {
        onEvent: (e) => {
          seen.push(e);
          runner!.notify({ saved: true });
        },
      },
    );
    expect([...seen, answer]).toEqual([{ n: 1 }, 'released']);
  });

  it('carries the events reported just before the answer in the reply: one message back, not one each', async () => {
    const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = fork(CHILD, [], { execArgv: ['--import', loader], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      const messages: { kind: string }[] = [];
      const replied = new Promise<void>((resolve) =>
        child.on('message', (m: { kind: string }) => {
          if (m.kind === 'flowdesk-ready')
            return child.send({ kind: 'flowdesk-request', id: 7, payload: { op: 'events', count: 3 } });
          messages.push(m);
          if (m.kind === 'flowdesk-reply') resolve();
        }),
      );
      await replied;
      expect(messages).toEqual([
        { kind: 'flowdesk-reply', id: 7, ok: true, result: 'reported', events: [{ n: 1 }, { n: 2 }, { n: 3 }] },
      ]);
    } finally {
      child.kill();
    }
  });

  it('warm: starts its children at once, runs calls side by side in one child, and replaces a dead one', async () => {
    const exits: unknown[] = [];
    runner = createChildRunner({
      modulePath: CHILD,
      size: 1,
      warm: true,
      concurrency: 10,
      maxCallsPerChild: Infinity,
      onChildExit: (info) => exits.push(info.signal),
    });
    expect(await runner.ready(30_000)).toBe(true);
    const [first] = runner.pids();
    // Three calls that each wait 300 ms, all handed to the one child at once (none queued).
    const calls = ['a', 'b', 'c'].map((tag) => runner!.call({ op: 'wait', ms: 300 }, { tag }));
    expect(['a', 'b', 'c'].map((tag) => runner!.pidOf(tag))).toEqual([first, first, first]);
    expect(await Promise.all(calls)).toEqual([first, first, first]);
    expect(runner.pidOf('a')).toBeUndefined();

    runner.notify({ forget: 'flow@1' });
    expect(await runner.call({ op: 'notices' })).toEqual([{ forget: 'flow@1' }]);

    const err = await runner.call({ op: 'abort' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'crashed', exit: { pid: first, signal: 'SIGABRT' } });
    expect(exits).toEqual(['SIGABRT']);
    // Replaced without a call asking for it.
    expect(await runner.ready(30_000)).toBe(true);
    expect(runner.pids()).toHaveLength(1);
    expect(runner.pids()).not.toContain(first);
  });
});
