/**
 * Resumable runs: every reference flow's every test case is stopped after each of its nodes,
 * its state serialised to JSON, and the run finished in ANOTHER process (a forked child);
 * the finished trace equals the uninterrupted run's, timings aside.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunState } from '../core/run-state.js';
import type { RunTrace } from '../core/trace.js';
import { loadRecordedFlow, runRecordedCase } from '../runtime/testing/run-flow-tests.js';

const ROOT = join(import.meta.dirname, '..');
const FLOWS = join(ROOT, 'flows');
const FILES = readdirSync(FLOWS)
  .filter((f) => f.endsWith('.flow.json'))
  .map((f) => join(FLOWS, f));

/**
 * The trace without what differs between any two runs: timings (and retry jitter), and OAuth token requests.
 * A runtime caches tokens across runs and a new process starts with none, so a resumed run
 * fetches a token where the uninterrupted one reused the token an earlier node fetched; the
 * requests the nodes themselves send are the same.
 */
function timeless(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .filter((item) => !(item && typeof item === 'object' && (item as { purpose?: unknown }).purpose === 'token'))
      .map(timeless);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // retryInMs is the backoff's random jitter.
    if (['durationMs', 'startedAtMs', 'startedAt', 'at', 'retryInMs'].includes(key)) continue;
    out[key] = timeless(item);
  }
  return out;
}

let child: ChildProcess;
let nextId = 0;
const waiting = new Map<number, (answer: { trace?: RunTrace; error?: string; pid: number }) => void>();

function resumeElsewhere(file: string, testName: string, state: string) {
  const id = nextId++;
  return new Promise<{ trace?: RunTrace; error?: string; pid: number }>((resolve) => {
    waiting.set(id, resolve);
    child.send({ id, file, testName, state });
  });
}

beforeAll(async () => {
  child = fork(join(ROOT, 'test', 'support', 'resume-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (raw) => {
      const answer = raw as { id?: number; ready?: boolean; trace?: RunTrace; error?: string; pid: number };
      if (answer.ready) return resolve();
      waiting.get(answer.id!)?.(answer as { trace?: RunTrace; error?: string; pid: number });
      waiting.delete(answer.id!);
    });
  });
}, 60_000);

afterAll(() => {
  child?.kill();
});

describe('resumable runs', () => {
  for (const file of FILES) {
    const text = readFileSync(file, 'utf8');
    // Each run gets a fresh runtime, as a new process has: a runtime caches OAuth tokens
    // across runs, which would make one run's trace differ from the next for that reason alone.
    const fresh = () => loadRecordedFlow(text, file);
    for (const test of fresh().flow.tests ?? []) {
      it(`${file.slice(FLOWS.length + 1)} · ${test.name}: stops after every node and finishes in another process`, async () => {
        const runId = 'resume-test-run';
        const checkpoints: RunState[] = [];
        const whole = await runRecordedCase(fresh(), test, dirname(file), {
          runId,
          onCheckpoint: (state) => void checkpoints.push(state),
        });
        // One checkpoint per finished node; a node that fails the run has none after it.
        const finished = whole.steps.filter((s) => !s.error || s.port !== undefined).length;
        expect(checkpoints.length).toBe(finished);
        if (checkpoints.length === 0) expect(whole.steps).toHaveLength(1); // the trigger refused it

        for (let stopAfter = 0; stopAfter < checkpoints.length; stopAfter++) {
          // Stop the run for real after node `stopAfter`: the checkpoint aborts it.
          const stop = new AbortController();
          let saved: string | undefined;
          let seen = 0;
          const stopped = await runRecordedCase(fresh(), test, dirname(file), {
            runId,
            signal: stop.signal,
            onCheckpoint: (state) => {
              if (seen++ === stopAfter) {
                saved = JSON.stringify(state);
                stop.abort(new Error('stopped by the test'));
              }
            },
          });
          expect(saved, `no state after node ${stopAfter}`).toBeDefined();
          const state = JSON.parse(saved!) as RunState;
          expect(state.done).toHaveLength(stopAfter + 1);
          expect(stopped.steps.map((s) => s.nodeId)).toEqual(state.done);
          const last = checkpoints.length - 1;
          if (stopAfter < last || whole.status !== 'success') expect(stopped.status).toBe('cancelled');

          const answer = await resumeElsewhere(file, test.name, saved!);
          expect(answer.error).toBeUndefined();
          expect(answer.pid).not.toBe(process.pid);
          expect(timeless(answer.trace)).toEqual(timeless(whole));
        }
      }, 60_000);
    }
  }

  it('refuses a state of another flow or another format, naming what is wrong', async () => {
    const [file] = FILES;
    const loaded = loadRecordedFlow(readFileSync(file!, 'utf8'), file!);
    const test = loaded.flow.tests![0]!;
    let state: RunState | undefined;
    await runRecordedCase(loaded, test, dirname(file!), { onCheckpoint: (s) => void (state ??= s) });
    await expect(
      runRecordedCase(loaded, test, dirname(file!), { resume: { ...state!, flowId: 'another' } }),
    ).rejects.toThrow(/belongs to flow 'another'/);
    await expect(
      runRecordedCase(loaded, test, dirname(file!), { resume: { ...state!, version: 7 as 1 } }),
    ).rejects.toThrow(/version 7/);
    await expect(
      runRecordedCase(loaded, test, dirname(file!), { resume: { ...state!, pending: ['ghost'] } }),
    ).rejects.toThrow(/node 'ghost'/);
  });
});
