/**
 * `checkpointAfter: 'side-effects'` (what a server asks for): a state is saved only after a
 * node that changes something outside the run, so a run resumed from one never repeats an
 * effect, and nodes without effects (Code, a GET) are run again instead of saved. Against a
 * real loopback server that counts what it receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunState } from '../../core/run-state.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { code, testFlow, trigger, webService } from '../../test/support/test-flows.js';
import { createFlowRuntime } from './flow-runtime.js';
import { createScopeSnapshotter } from './scope-snapshot.js';

let server: TestServer;
let updatesFail = false;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.method === 'GET') return sendJson(res, 200, { id: 'c-1', tier: 'gold' });
    if (updatesFail) return sendJson(res, 503, { error: 'maintenance' });
    sendJson(res, 200, { updated: true });
  });
});
afterAll(() => server.close());

const noCredentials = { get: () => Promise.resolve(undefined) };

const flow = () =>
  testFlow(
    [
      trigger(),
      code('prepare', 'return { id: trigger.body.id };'),
      webService('lookup', { method: 'GET', url: `${server.url}/customers/{{ steps.prepare.id }}` }),
      webService('update', {
        method: 'PUT',
        url: `${server.url}/customers/{{ steps.prepare.id }}`,
        body: { type: 'json', json: '{ "seen": true }' },
      }),
      code('summarise', 'return { tier: steps.lookup.body.tier };'),
    ],
    [
      ['trigger', 'out', 'prepare'],
      ['prepare', 'success', 'lookup'],
      ['lookup', 'success', 'update'],
      ['update', 'success', 'summarise'],
    ],
  );

describe('checkpoints after side effects only', () => {
  it('saves a state after the PUT alone, and a run resumed from it sends no second PUT', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials });
    const loaded = runtime.load(flow());
    const every: RunState[] = [];
    await loaded.run({ trigger: { body: { id: 'c-1' } }, onCheckpoint: (s) => void every.push(s) });
    expect(every.map((s) => s.done.at(-1))).toEqual(['n-trigger', 'n-prepare', 'n-lookup', 'n-update', 'n-summarise']);

    server.seen.length = 0;
    const saved: RunState[] = [];
    const whole = await loaded.run({
      trigger: { body: { id: 'c-1' } },
      checkpointAfter: 'side-effects',
      onCheckpoint: (s) => void saved.push(JSON.parse(JSON.stringify(s)) as RunState),
    });
    expect(whole.status).toBe('success');
    expect(saved.map((s) => s.done)).toEqual([['n-trigger', 'n-prepare', 'n-lookup', 'n-update']]);
    expect(server.seen.map((r) => r.method)).toEqual(['GET', 'PUT']);

    server.seen.length = 0;
    const resumed = await loaded.run({ resume: saved[0]! });
    expect(server.seen).toEqual([]);
    expect(resumed.status).toBe('success');
    expect(resumed.steps.map((s) => s.name)).toEqual(['trigger', 'prepare', 'lookup', 'update', 'summarise']);
    expect(resumed.steps.at(-1)!.output).toEqual({ tier: 'gold' });
    await runtime.close();
  });

  it('leaves the state before the failed step when a run fails, so a re-run from there sends only what failed', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials });
    const loaded = runtime.load(flow());
    server.seen.length = 0;
    updatesFail = true;
    const saved: RunState[] = [];
    const failed = await loaded.run({
      trigger: { body: { id: 'c-1' } },
      checkpointAfter: 'side-effects',
      onCheckpoint: (s) => void saved.push(JSON.parse(JSON.stringify(s)) as RunState),
    });
    updatesFail = false;
    expect(failed.status).toBe('failed');
    expect(failed.error?.nodeName).toBe('update');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.done).toEqual(['n-trigger', 'n-prepare', 'n-lookup']);
    expect(saved[0]!.pending).toEqual(['n-update']);
    expect(saved[0]!.steps.map((s) => s.name)).toEqual(['trigger', 'prepare', 'lookup']);
    expect(Object.keys(saved[0]!.scope.steps)).toEqual(['trigger', 'prepare', 'lookup']);

    server.seen.length = 0;
    const rerun = await loaded.run({ resume: saved[0]! });
    expect(rerun.status).toBe('success');
    expect(server.seen.map((r) => r.method)).toEqual(['PUT']);
    expect(rerun.steps.map((s) => s.name)).toEqual(['trigger', 'prepare', 'lookup', 'update', 'summarise']);
    await runtime.close();
  });
});

describe('scope snapshots', () => {
  it('share nothing with the live scope, reuse the copy of an output that does not change, and copy vars each time', () => {
    const snapshot = createScopeSnapshotter();
    const output = { customer: { id: 'c-1' } };
    const scope = {
      trigger: { body: { id: 'c-1', when: new Date(0) }, headers: {}, query: {} },
      steps: { lookup: output, nothing: undefined },
      vars: { count: 1 },
    };
    const first = snapshot(scope);
    expect(first).toEqual({
      trigger: { body: { id: 'c-1', when: '1970-01-01T00:00:00.000Z' }, headers: {}, query: {} },
      steps: { lookup: { customer: { id: 'c-1' } } },
      vars: { count: 1 },
    });
    expect(first.steps.lookup).not.toBe(output);
    expect(first.trigger).not.toBe(scope.trigger);

    scope.vars.count = 2;
    const second = snapshot(scope);
    expect(first.vars).toEqual({ count: 1 });
    expect(second.vars).toEqual({ count: 2 });
    expect(second.steps.lookup).toBe(first.steps.lookup);
    expect(second.trigger).toBe(first.trigger);
  });
});
