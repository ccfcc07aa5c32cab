/**
 * `flowdesk run` and `flowdesk test` with a scheduled flow, through the CLI's own entry point:
 * "run now" (or at `--at`), a named case's pinned firing, and the usage errors an admin meets.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunTrace } from '../core/trace.js';
import { flowdesk } from './support/cli-in-process.js';
import { code, testFlow, testNode, trigger } from './support/test-flows.js';

let dir: string;
let scheduled: string;
let webhook: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-cli-schedule-'));
  scheduled = join(dir, 'nightly.flow.json');
  webhook = join(dir, 'hook.flow.json');
  await writeFile(
    scheduled,
    JSON.stringify(
      testFlow(
        [
          testNode('scheduleTrigger', 'nightly', { cron: '0 2 * * 1-5', timeZone: 'Asia/Tokyo' }),
          code('since', 'return { day: trigger.body.local.date };'),
        ],
        [['nightly', 'out', 'since']],
        {
          id: 'nightly',
          tests: [
            {
              name: 'tuesday',
              trigger: { firedAt: '2026-03-10T02:00:00+09:00' },
              expect: { steps: { since: { day: '2026-03-10' } } },
            },
          ],
        },
      ),
    ),
  );
  await writeFile(
    webhook,
    JSON.stringify(testFlow([trigger(), code('c', 'return 1;')], [['trigger', 'out', 'c']], { id: 'hook' })),
  );
});

const firing = (out: string) => (JSON.parse(out) as RunTrace).steps[0]!.output as Record<string, unknown>;

describe('flowdesk run, a scheduled flow', () => {
  it('fires it once as at --at', async () => {
    const r = await flowdesk(['run', scheduled, '--at', '2026-03-09T02:00:00+09:00', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(firing(r.out)).toMatchObject({
      firedAt: '2026-03-08T17:00:00.000Z',
      scheduledFor: '2026-03-08T17:00:00.000Z',
      local: { date: '2026-03-09', time: '02:00:00', weekday: 1 },
    });
  });

  it('fires it now without --at ("run now"), and prints the trace', async () => {
    const before = Date.now();
    const r = await flowdesk(['run', scheduled, '--json']);
    const after = Date.now();
    expect(r.code).toBe(0);
    const firedAt = Date.parse(firing(r.out).firedAt as string);
    expect(firedAt).toBeGreaterThanOrEqual(before);
    expect(firedAt).toBeLessThanOrEqual(after);
    const printed = await flowdesk(['run', scheduled, '--at', '2026-03-09T02:00:00+09:00']);
    expect(printed.out).toContain('nightly');
  });

  it('takes a named test case pinned firing', async () => {
    const r = await flowdesk(['run', scheduled, '--test', 'tuesday', '--json']);
    expect(firing(r.out)).toMatchObject({ scheduledFor: '2026-03-09T17:00:00.000Z', local: { date: '2026-03-10' } });
  });

  it('refuses a firing time that is not one, a payload, and --at for a webhook flow (exit 2)', async () => {
    const bad = await flowdesk(['run', scheduled, '--at', 'tomorrow 2am']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      "--at: the firing time 'tomorrow 2am' is not an ISO 8601 date and time with a zone, e.g. 2026-04-01T02:00:00+09:00",
    );
    const payload = join(dir, 'body.json');
    await writeFile(payload, '{}');
    const withPayload = await flowdesk(['run', scheduled, '--payload', payload]);
    expect(withPayload.code).toBe(2);
    expect(withPayload.err).toContain('the flow starts on a schedule and takes no --payload');
    const onWebhook = await flowdesk(['run', webhook, '--at', '2026-03-09T02:00:00+09:00', '--payload', payload]);
    expect(onWebhook.code).toBe(2);
    expect(onWebhook.err).toContain('--at is for flows that start on a schedule');
  });
});

describe('flowdesk test, a scheduled flow', () => {
  it('runs its cases at their pinned firing times', async () => {
    const r = await flowdesk(['test', scheduled]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('tuesday');
  });
});
