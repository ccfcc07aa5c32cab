/**
 * Several processes racing for the same state keys (test/support/state-race-child.ts): each
 * opens the store at `address`, all start together, each claims every key with setIfAbsent as
 * a run of its own and counts its claims with increment. Returns the keys each process won.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { StateStoreAddress } from '../../runtime/state/open-store.js';

const CHILD = new URL('./state-race-child.ts', import.meta.url);

export async function raceForKeys(address: StateStoreAddress, processes: number, keys: number): Promise<string[][]> {
  const children: ChildProcess[] = [];
  const ready: Promise<unknown>[] = [];
  const done: Promise<string[]>[] = [];
  for (let i = 0; i < processes; i++) {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const messages: unknown[] = [];
    const waiters: ((m: unknown) => void)[] = [];
    child.on('message', (m) => (waiters.shift() ?? ((x: unknown) => messages.push(x)))(m));
    const next = () =>
      new Promise<unknown>((resolve) => (messages.length ? resolve(messages.shift()) : waiters.push(resolve)));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => code !== 0 && reject(new Error(`race child ${i} exited with ${String(code)}`))),
    );
    ready.push(Promise.race([next(), exited]));
    done.push(ready[i]!.then(() => Promise.race([next(), exited])).then((m) => (m as { won: string[] }).won));
    child.send({ address, runId: `run-${i}`, keys });
  }
  await Promise.all(ready);
  for (const child of children) child.send('go');
  return Promise.all(done);
}
