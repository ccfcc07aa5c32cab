import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { validateFlow } from '../../core/validate/validate-flow.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { runFlowTests } from '../../runtime/testing/run-flow-tests.js';
import { testFlow, testNode, trigger, webService } from '../../test/support/test-flows.js';
import { NODE_MANIFESTS } from '../registry.js';
import { waitEditor } from './editor.js';
import { formatDuration, MAX_WAIT_MS, parseDuration, parseWakeTime } from './duration.js';

const wait = (config: Record<string, unknown>) => testNode('wait', 'pause', config);
const noCredentials = { get: () => Promise.resolve(undefined) };
const NOW = Date.parse('2026-12-07T14:00:00Z');

/** trigger → Wait → Web Service `details`, each run through the real engine. */
const waitingFlow = (config: Record<string, unknown>) =>
  testFlow(
    [trigger(), wait(config), webService('details', { method: 'GET', url: 'https://api.example.com/details' })],
    [
      ['trigger', 'out', 'pause'],
      ['pause', 'out', 'details'],
    ],
  );

/** Runs a flow on a fixed clock, recording every sleep the engine asks for instead of sleeping. */
async function runWithClock(config: Record<string, unknown>, body: unknown = {}) {
  const slept: number[] = [];
  const runtime = createFlowRuntime({ credentials: noCredentials, now: () => NOW });
  const trace = await runtime.load(waitingFlow(config)).run({
    trigger: { body },
    transport: {
      send: () =>
        Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"ok":true}' }),
    },
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  });
  return { trace, slept, step: trace.steps.find((s) => s.name === 'pause') };
}

describe('durations and wake times', () => {
  it('reads what people type, in English and Japanese, and adds parts up', () => {
    expect(parseDuration('10 minutes')).toBe(600_000);
    expect(parseDuration('30 s')).toBe(30_000);
    expect(parseDuration('1 h 30 min')).toBe(5_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2 Hours')).toBe(7_200_000);
    expect(parseDuration('1 hour, 15 minutes and 10 seconds')).toBe(4_510_000);
    expect(parseDuration('10分')).toBe(600_000);
    expect(parseDuration('2時間30分')).toBe(9_000_000);
    expect(parseDuration('1.5 days')).toBe(129_600_000);
    for (const bad of ['10', 'ten minutes', '10 fortnights', '', 'minutes', '10 minutes later'])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('words a duration for the canvas and the step report', () => {
    expect(formatDuration(600_000)).toBe('10 min');
    expect(formatDuration(5_400_000)).toBe('1 h 30 min');
    expect(formatDuration(600_000, 'ja')).toBe('10分');
    expect(formatDuration(MAX_WAIT_MS)).toBe('24 d');
  });

  it('takes ISO-8601 with a zone, a date, or epoch milliseconds, and refuses a time without a zone', () => {
    expect(parseWakeTime('2026-12-07T14:30:00Z')).toEqual({ at: Date.parse('2026-12-07T14:30:00Z') });
    expect(parseWakeTime('2026-12-07T23:30:00+09:00')).toEqual({ at: Date.parse('2026-12-07T14:30:00Z') });
    expect(parseWakeTime('2026-12-08')).toEqual({ at: Date.parse('2026-12-08T00:00:00Z') });
    expect(parseWakeTime(NOW)).toEqual({ at: NOW });
    expect(parseWakeTime('2026-12-07T14:30:00')).toEqual({ problem: 'no-zone' });
    expect(parseWakeTime('2026-13-07T14:30:00Z')).toEqual({ problem: 'not-a-time' });
    expect(parseWakeTime('tomorrow')).toEqual({ problem: 'not-a-time' });
    expect(parseWakeTime(null)).toEqual({ problem: 'not-a-time' });
  });
});

describe('Wait: validation', () => {
  const problems = (config: Record<string, unknown>, lang: 'en' | 'ja' = 'en') =>
    validateFlow(waitingFlow(config), NODE_MANIFESTS)
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.pointer} ${formatMessage(i, lang)}`);

  it('passes the defaults, a typed delay and a template time', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ mode: 'delay', delay: '10 minutes' })).toEqual([]);
    expect(problems({ mode: 'until', until: '{{ trigger.body.readyAt }}' })).toEqual([]);
    expect(problems({ mode: 'until', until: '2026-12-07T14:30:00Z' })).toEqual([]);
  });

  it('names the field and says what to write, in English and Japanese', () => {
    expect(problems({ mode: 'delay', delay: '10' })).toEqual([
      `/nodes/1/config/delay Wait 'pause': "10" is not a duration; write a number and a unit, e.g. 30 seconds, 10 minutes, 2 hours or 1 h 30 min`,
    ]);
    expect(problems({ mode: 'delay', delay: '' })).toEqual([
      "/nodes/1/config/delay Wait 'pause': say how long to wait, e.g. 10 minutes",
    ]);
    expect(problems({ mode: 'delay', delay: '0 s' })).toEqual([
      "/nodes/1/config/delay Wait 'pause': the wait is 0; give a duration longer than that",
    ]);
    expect(problems({ mode: 'delay', delay: '30 days' })).toEqual([
      "/nodes/1/config/delay Wait 'pause': 30 days is longer than the longest wait, 24 d",
    ]);
    expect(problems({ mode: 'until', until: '2026-12-07 14:30' })).toEqual([
      `/nodes/1/config/until Wait 'pause': "2026-12-07 14:30" has no time zone; add Z (UTC) or an offset such as +09:00`,
    ]);
    expect(problems({ mode: 'until', until: ' ' })[0]).toMatch(/say until when to wait/);
    expect(problems({ mode: 'delay', delay: '10' }, 'ja')).toEqual([
      '/nodes/1/config/delay Wait「pause」: 「10」は時間の長さではありません。数と単位で書いてください（例: 30 seconds、10 minutes、2 hours、1時間30分）',
    ]);
  });

  it('summarises itself on the canvas', () => {
    const words = (locale: 'en' | 'ja') => ({
      locale,
      text: (key: string, vars: Record<string, string | number> = {}) =>
        waitEditor.texts![locale][key]!.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k])),
      option: (_p: string, v: string) => v,
    });
    expect(waitEditor.summary!({ mode: 'delay', delay: '10 minutes' }, words('en'))).toBe('Wait 10 min');
    expect(waitEditor.summary!({ mode: 'delay', delay: '10 minutes' }, words('ja'))).toBe('10分待機');
    expect(waitEditor.summary!({ mode: 'until', until: '{{ trigger.body.readyAt }}' }, words('en'))).toBe(
      'Until {{ trigger.body.readyAt }}',
    );
  });
});

describe('Wait: runs', () => {
  it('waits the delay on the run clock, records the planned wake time, then goes on', async () => {
    const { trace, slept, step } = await runWithClock({ mode: 'delay', delay: '10 minutes' });
    expect(trace.error).toBeUndefined();
    expect(trace.status).toBe('success');
    expect(slept).toEqual([600_000]);
    expect(step!.details).toEqual({ wait: { until: '2026-12-07T14:10:00.000Z', delayMs: 600_000 } });
    expect(step!.output).toEqual({ until: '2026-12-07T14:10:00.000Z', delayMs: 600_000 });
    expect(trace.steps.map((s) => s.name)).toEqual(['trigger', 'pause', 'details']);
  });

  it('waits until the time a template gives; a time already past goes on at once', async () => {
    const later = await runWithClock(
      { mode: 'until', until: '{{ trigger.body.readyAt }}' },
      { readyAt: '2026-12-07T23:05:00+09:00' },
    );
    expect(later.trace.status).toBe('success');
    expect(later.slept).toEqual([300_000]);
    const past = await runWithClock(
      { mode: 'until', until: '{{ trigger.body.readyAt }}' },
      { readyAt: '2026-12-07T13:00:00Z' },
    );
    expect(past.trace.status).toBe('success');
    expect(past.slept).toEqual([]);
    expect(past.step!.details).toEqual({ wait: { until: '2026-12-07T13:00:00.000Z', delayMs: 0, past: true } });
  });

  it('fails with the template and the value it gave when that is not a time', async () => {
    const { trace, slept } = await runWithClock(
      { mode: 'until', until: '{{ trigger.body.readyAt }}' },
      { readyAt: 'soon' },
    );
    expect(slept).toEqual([]);
    expect(trace.status).toBe('failed');
    expect(trace.error!.message).toBe(
      `Wait 'pause' failed: "Until" ({{ trigger.body.readyAt }}) gave "soon", which is not a date and time; it must give ISO-8601 text such as 2026-12-07T14:30:00Z or epoch milliseconds`,
    );
    expect(formatMessage({ code: trace.error!.code!, ...trace.error! } as never, 'ja')).toMatch(
      /「待つ日時」（\{\{ trigger\.body\.readyAt \}\}）の値 "soon" は日時ではありません/,
    );
    const missing = await runWithClock({ mode: 'until', until: '{{ trigger.body.readyAt }}' }, {});
    expect(missing.trace.error!.message).toMatch(/gave nothing, which is not a date and time/);
  });

  it('under flowdesk test the fast clock makes a 10-minute wait take no time, and the trace shows it', async () => {
    const flow = waitingFlow({ mode: 'delay', delay: '10 minutes' });
    flow.tests = [
      {
        name: 'waits, then reads the details',
        trigger: { body: {} },
        responses: { details: [{ status: 200, body: { conversationId: 'c-1' } }] },
        expect: { path: ['trigger', 'pause', 'details'], outcome: 'success' },
      },
    ];
    const [result] = await runFlowTests({ text: JSON.stringify(flow), path: '/virtual/wait.flow.json' });
    expect(result!.failures).toEqual([]);
    const step = result!.trace.steps.find((s) => s.name === 'pause')!;
    expect(step.details).toMatchObject({ wait: { delayMs: 600_000 } });
    expect(result!.passed).toBe(true);
  });

  it('a real sleep longer than the run may take fails at once, saying how to get past it', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials });
    const trace = await runtime.load(waitingFlow({ mode: 'delay', delay: '10 minutes' })).run({
      trigger: { body: {} },
      timeoutMs: 5_000,
    });
    expect(trace.status).toBe('failed');
    expect(trace.error!.code).toBe('wait-past-limit');
    expect(trace.error!.message).toMatch(
      /^Wait 'pause' failed: it would wait until .+ \(\d+ ms\), longer than the \d+ ms the run may still take; raise the run's time limit \(--timeout\), or run the flow on a server/,
    );
  });

  it('a cancelled run stops in the middle of a real wait', async () => {
    const runtime = createFlowRuntime({ credentials: noCredentials });
    const controller = new AbortController();
    const running = runtime.load(waitingFlow({ mode: 'delay', delay: '20 seconds' })).run({
      trigger: { body: {} },
      signal: controller.signal,
    });
    setImmediate(() => controller.abort(new Error('stopped by hand')));
    const trace = await running;
    expect(trace.status).toBe('cancelled');
    expect(trace.steps.map((s) => s.name)).toEqual(['trigger', 'pause']);
    expect(trace.steps[1]!.error!.message).toMatch(/cancelled/);
  });
});
