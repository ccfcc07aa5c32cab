import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { createAjv } from '../../core/schema/ajv.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { runFlowTests } from '../../runtime/testing/run-flow-tests.js';
import { nodeSummary } from '../../renderer/canvas/node-summary.js';
import { issueText } from '../../renderer/i18n/issue-text.js';
import { code, testFlow, testNode, trigger } from '../../test/support/test-flows.js';
import { NODE_MANIFESTS } from '../registry.js';
import { scheduleTriggerManifest } from './manifest.js';

const schedule = (config: Record<string, unknown> = {}) => testNode('scheduleTrigger', 'nightly', config);

function scheduledFlow(config: Record<string, unknown> = {}, extra: Partial<FlowFile> = {}): FlowFile {
  return testFlow(
    [schedule(config), code('since', 'return { day: trigger.body.local.date, at: trigger.body.firedAt };')],
    [['nightly', 'out', 'since']],
    { id: 'nightly-sync', ...extra },
  );
}

const issuesOf = (flow: FlowFile) => loadFlowText(JSON.stringify(flow), NODE_MANIFESTS).issues;
const lines = (flow: FlowFile, lang: 'en' | 'ja' = 'en') =>
  // The designer's words: node type names in the UI language too.
  issuesOf(flow).map((i) => `${i.severity} ${i.pointer} | ${issueText(i, lang)}`);

describe('Schedule trigger: config', () => {
  it('its defaults validate against its schema and pass its checks', () => {
    const validate = createAjv([scheduleTriggerManifest.configSchema]).compile(scheduleTriggerManifest.configSchema);
    expect(validate(scheduleTriggerManifest.defaults)).toBe(true);
    expect(lines(scheduledFlow())).toEqual([]);
    expect(scheduleTriggerManifest.scheduleOf!(scheduleTriggerManifest.defaults)).toEqual({
      cron: '0 2 * * 1-5',
      timeZone: 'UTC',
    });
  });

  it('refuses a bad cron expression naming the node, the field and what is wrong, in English and Japanese', () => {
    const flow = scheduledFlow({ cron: '0 25 * * 1-5', timeZone: 'Asia/Tokyo' });
    expect(lines(flow)).toEqual([
      "error /nodes/0/config/cron | Schedule 'nightly': the hour field holds 25, out of range: hours go from 0 to 23",
    ]);
    expect(lines(flow, 'ja')).toEqual([
      'error /nodes/0/config/cron | スケジュール「nightly」: 時のフィールドの 25 は範囲外です。時は 0 から 23 までです',
    ]);
    expect(scheduleTriggerManifest.scheduleOf!(flow.nodes[0]!.config as never)).toBeUndefined();
  });

  it('refuses a time zone that is not an IANA name, and "only between" times that are not HH:MM', () => {
    expect(lines(scheduledFlow({ timeZone: 'Tokyo', onlyBetween: { from: '8:00', to: '18:00' } }))).toEqual([
      "error /nodes/0/config/timeZone | Schedule 'nightly': 'Tokyo' is not a time zone name; write an IANA name such as Asia/Tokyo, Europe/Berlin, America/New_York or UTC",
      `error /nodes/0/config/onlyBetween/from | Schedule 'nightly': "only between" start '8:00' is not a time of day; write HH:MM from 00:00 to 23:59`,
    ]);
  });

  it('says when no tick falls in the "only between" window', () => {
    expect(lines(scheduledFlow({ cron: '0 2 * * *', onlyBetween: { from: '08:00', to: '18:00' } }))).toEqual([
      `error /nodes/0/config/onlyBetween | Schedule 'nightly': no tick of the cron expression falls between the "only between" times, so the flow would never run`,
    ]);
  });

  it('a flow has exactly one trigger: a webhook beside a schedule is refused', () => {
    const flow = testFlow([trigger(), schedule(), code('since', 'return 1;')], [['trigger', 'out', 'since']]);
    const several = issuesOf(flow).filter((i) => i.code === 'several-triggers');
    expect(several.map((i) => i.message)).toEqual([
      "Schedule 'nightly': a flow has exactly one trigger, but this one has 2 (Webhook 'trigger', Schedule 'nightly'); remove all but one",
    ]);
  });

  it('a test case of a scheduled flow pins its firing time: warned when missing, refused when not a time', () => {
    const flow = scheduledFlow(
      {},
      {
        tests: [
          { name: 'pinned', trigger: { firedAt: '2026-03-09T02:00:00+09:00' } },
          { name: 'unpinned', trigger: {} },
          { name: 'garbled', trigger: { firedAt: 'Monday 2am' } },
        ],
      },
    );
    expect(lines(flow)).toEqual([
      "warning /tests/1/trigger | Test 'unpinned': the flow starts on a schedule; set the firing time (trigger.firedAt, e.g. 2026-04-01T02:00:00+09:00) so the test gives the same result whenever it runs",
      "error /tests/2/trigger/firedAt | Test 'garbled': the firing time 'Monday 2am' is not an ISO 8601 date and time with a zone, e.g. 2026-04-01T02:00:00+09:00",
    ]);
  });
});

describe('Schedule trigger: runs', () => {
  const runtime = createFlowRuntime({
    credentials: { get: async () => undefined },
    now: () => Date.parse('2026-03-09T08:30:00Z'),
  });

  it('gives the run the firing: when, for which tick, and the tick in its own zone', async () => {
    const loaded = runtime.load(scheduledFlow({ timeZone: 'Asia/Tokyo' }));
    const trace = await loaded.run({
      trigger: { body: { firedAt: '2026-03-08T17:00:00.420Z', scheduledFor: '2026-03-08T17:00:00.000Z' } },
    });
    expect(trace.status).toBe('success');
    expect(trace.steps[0]!.output).toEqual({
      firedAt: '2026-03-08T17:00:00.420Z',
      scheduledFor: '2026-03-08T17:00:00.000Z',
      timeZone: 'Asia/Tokyo',
      cron: '0 2 * * 1-5',
      local: { date: '2026-03-09', time: '02:00:00', weekday: 1 },
    });
    // Templates and Code read it as trigger.body.
    expect(trace.steps[1]!.output).toEqual({ day: '2026-03-09', at: '2026-03-08T17:00:00.420Z' });
  });

  it('fires "now" by the run clock when started without a firing (a plain designer run)', async () => {
    const trace = await runtime.load(scheduledFlow()).run({ trigger: { body: undefined } });
    expect(trace.steps[0]!.output).toMatchObject({
      firedAt: '2026-03-09T08:30:00.000Z',
      scheduledFor: '2026-03-09T08:30:00.000Z',
      local: { date: '2026-03-09', time: '08:30:00', weekday: 1 },
    });
  });

  it('fails the run naming the value when the firing time is not a time', async () => {
    const trace = await runtime.load(scheduledFlow()).run({ trigger: { body: { firedAt: 'Monday' } } });
    expect(trace.status).toBe('failed');
    expect(trace.error?.message).toContain("the firing time 'Monday' is not an ISO 8601 date and time");
  });
});

describe('Schedule trigger: flowdesk test', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowdesk-schedule-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs a case at its pinned firing time, whatever the clock says', async () => {
    const flow = scheduledFlow(
      { timeZone: 'Asia/Tokyo' },
      {
        tests: [
          {
            name: 'monday night in Tokyo',
            trigger: { firedAt: '2026-03-09T02:00:00+09:00' },
            expect: { steps: { since: { day: '2026-03-09', at: '2026-03-08T17:00:00.000Z' } } },
          },
        ],
      },
    );
    const file = join(dir, 'nightly.flow.json');
    await writeFile(file, JSON.stringify(flow));
    const [result] = await runFlowTests(file, { env: {} });
    expect(result!.failures).toEqual([]);
    expect(result!.passed).toBe(true);
  });
});

describe('Schedule trigger: canvas summary', () => {
  const summary = (config: Record<string, unknown>, locale: 'en' | 'ja' = 'en') =>
    nodeSummary({ type: 'scheduleTrigger', config }, locale);

  it('words the usual schedules with their zone, and shows anything else as the cron', () => {
    expect(summary({ cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' })).toBe('Every weekday at 02:00 Asia/Tokyo');
    expect(summary({ cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' }, 'ja')).toBe('平日 02:00（Asia/Tokyo）');
    expect(summary({ cron: '*/15 * * * *', timeZone: 'UTC', onlyBetween: { from: '08:00', to: '18:00' } })).toBe(
      'Every 15 minutes, 08:00–18:00 UTC',
    );
    expect(summary({ cron: '30 6 * * 1,3', timeZone: 'Europe/Berlin' })).toBe(
      'Every Monday, Wednesday at 06:30 Europe/Berlin',
    );
    expect(summary({ cron: '@daily', timeZone: 'UTC' })).toBe('Every day at 00:00 UTC');
    expect(summary({ cron: '0 9 1 * *', timeZone: 'UTC' }, 'ja')).toBe('毎月 1 日 09:00（UTC）');
    expect(summary({ cron: '* * * * * *', timeZone: 'UTC' })).toBe('Every second UTC');
    expect(summary({ cron: '0 0 L * *', timeZone: 'UTC' })).toBe('0 0 L * * UTC');
    // A cron out of range is shown as written (its error is under the field), not as "at 25:30".
    expect(summary({ cron: '30 25 * * 1-5', timeZone: 'UTC' })).toBe('30 25 * * 1-5 UTC');
  });
});
