/**
 * Issue 9's Schedule trigger in the designer: an admin drops a Schedule trigger, types a cron
 * expression, picks a time zone and sees the next runs (computed in the browser with the
 * server's parser) and the canvas summary; a bad field is named under the cron; in the test
 * bench a new case pins its firing time and "Run now" fires the flow once.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nextFirings } from '../../core/schedule/schedule.js';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import { connect, dragFromPalette, newFlow, nodeLocator, selectNode, showTestBench, waitUntil } from './support/ui.js';

const available = chromiumAvailable();

/** A field's label as the form shows it: the words, and a `*` on required fields. */
const labelled = (words: string) => new RegExp(`^${words}\\s*\\*?$`);

/** Replaces a text field's value the way a person does: click, select all, type. */
async function retype(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByTestId('inspector').getByLabel(labelled(label)).first();
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

describe.skipIf(!available)('the Schedule trigger in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;
  beforeAll(() => {
    ({ page } = designer);
  });

  it('takes a typed cron and a time zone, shows the next runs and the summary, and runs now', async () => {
    await newFlow(page);
    const schedule = await dragFromPalette(page, 'scheduleTrigger', { x: 150, y: 220 });
    const step = await dragFromPalette(page, 'code', { x: 460, y: 220 });
    await connect(page, schedule, 'out', step);
    await selectNode(page, schedule);

    await retype(page, 'Cron expression', '30 6 * * 1-5');
    await page.getByTestId('inspector').getByLabel(labelled('Time zone')).selectOption('Asia/Tokyo');

    // The next five runs, in Tokyo, as the server's parser computes them.
    const runs = page.getByTestId('schedule-next-runs');
    const shown = await waitUntil(
      'the next runs in Asia/Tokyo',
      async () => ({
        heading: await runs.locator('.fd-label').innerText(),
        times: await runs.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? '')),
      }),
      (v) => v.heading.includes('Asia/Tokyo') && v.times.length === 5,
    );
    expect(shown.heading).toBe('Next runs (Asia/Tokyo)');
    const first = Date.parse(shown.times[0]!);
    const expected = nextFirings({ cron: '30 6 * * 1-5', timeZone: 'Asia/Tokyo' }, first - 1, 5);
    expect(shown.times).toEqual(expected.map((ms) => new Date(ms).toISOString()));
    // 06:30 in Tokyo is 21:30 UTC the day before; the first is at most four days away.
    for (const time of shown.times) expect(time).toMatch(/T21:30:00\.000Z$/);
    expect(first - Date.now()).toBeLessThan(4 * 86_400_000);
    expect(await runs.locator('li').first().innerText()).toContain('06:30');

    await waitUntil(
      'the canvas summary to word the schedule',
      () => nodeLocator(page, schedule).locator('.fd-node-summary').innerText(),
      (text) => text === 'Every weekday at 06:30 Asia/Tokyo',
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'schedule-trigger-next-runs.png') });

    // A field out of range is named under the cron, and the preview waits for a schedule that reads.
    await retype(page, 'Cron expression', '30 25 * * 1-5');
    const inspector = page.getByTestId('inspector');
    await waitUntil(
      'the cron problem under the field',
      () => inspector.innerText(),
      (text) => text.includes('the hour field holds 25, out of range: hours go from 0 to 23'),
    );
    expect(await runs.innerText()).toContain('Next runs appear here once the schedule reads.');
    await page.screenshot({ path: join(OUTPUT_DIR, 'schedule-trigger-bad-cron.png') });
    await retype(page, 'Cron expression', '30 6 * * 1-5');
    await runs.locator('time').first().waitFor();

    // The test bench: a new case pins a firing time; Run now fires the flow at this moment.
    await showTestBench(page);
    await page.getByTestId('tb-add-case').click();
    const firedAt = page.getByLabel('Firing time');
    await firedAt.waitFor();
    expect(await firedAt.inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    const before = Date.now();
    await page.getByRole('button', { name: 'Run now' }).click();
    const trace = page.getByTestId('tb-trace').last();
    const trigger = trace.locator(`[data-testid="tb-step"][data-step-name="${schedule}"]`);
    await trigger.waitFor({ timeout: 60_000 });
    // The step's output, opened as a person opens it.
    await trigger.getByText('Output', { exact: true }).click();
    const output = await waitUntil(
      'the trigger step to show the firing',
      () => trigger.innerText(),
      (text) => text.includes('firedAt'),
    );
    const fired = /"firedAt":\s*"([^"]+)"/.exec(output)?.[1];
    expect(fired, output).toBeDefined();
    expect(Date.parse(fired!)).toBeGreaterThanOrEqual(before - 1000);
    expect(output).toContain('Asia/Tokyo');
    await trigger.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'schedule-trigger-run-now.png') });

    // The same screens in Japanese: the preview's heading, the summary, the bench's words.
    await page.getByRole('button', { name: '日本語' }).click();
    await waitUntil(
      'the next runs in Japanese',
      () => runs.locator('.fd-label').innerText(),
      (text) => text === '次の実行（Asia/Tokyo）',
    );
    expect(await nodeLocator(page, schedule).locator('.fd-node-summary').innerText()).toBe('平日 06:30（Asia/Tokyo）');
    await page.getByRole('button', { name: '今すぐ実行' }).waitFor();
    await page.getByLabel('実行時刻').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'schedule-trigger-japanese.png') });
    await page.getByRole('button', { name: 'English' }).click();
  });
});
