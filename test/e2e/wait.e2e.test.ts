/**
 * Issue 9's Wait node in the designer: an admin drags a Wait onto the canvas, types "10
 * minutes" into its form, and runs the flow in the test bench, where the fast clock makes the
 * wait take no time and the step report shows the wait and when the run would go on.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import {
  addTestCase,
  connect,
  dragFromPalette,
  fillPlainText,
  fitView,
  labelled,
  newFlow,
  nodeLocator,
  reportStep,
  runWithPayload,
  selectNode,
  showTestBench,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

describe.skipIf(!available)('the Wait node in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;

  beforeAll(() => {
    page = designer.page;
  });

  it('drags a Wait from the palette, sets 10 minutes by typing, and sees the wait in the step report', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 150, y: 250 });
    const pause = await dragFromPalette(page, 'wait', { x: 450, y: 250 });
    await fitView(page);
    await connect(page, trigger, 'out', pause);

    await selectNode(page, pause);
    const delay = page.getByTestId('inspector').getByLabel(labelled('Wait for'));
    await delay.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('10 minutes');
    await delay.blur();
    await waitUntil(
      'the canvas summary to say how long the node waits',
      () => nodeLocator(page, pause).locator('.fd-node-summary').innerText(),
      (text) => text === 'Wait 10 min',
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'wait-on-canvas.png') });

    await showTestBench(page);
    await addTestCase(page, 'waits, then goes on');
    await fillPlainText(page, 'tb-payload', '{ "conversationId": "c-1" }');
    const trace = await runWithPayload(page);
    const step = reportStep(trace, pause);
    // The fast clock: a 10-minute wait is over at once; the report says what it would have waited.
    await step.waitFor({ timeout: 60_000 });
    expect(await trace.getByTestId('tb-trace-status').innerText()).toBe('Succeeded');
    const wait = step.getByTestId('tb-wait');
    expect(await wait.getAttribute('data-delay-ms')).toBe('600000');
    const words = await wait.innerText();
    // The time as this computer shows it ("7 Dec 2026, 21:27:00"), not the trace's UTC ISO.
    expect(words).toMatch(/^Waits 10 min, until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}/);
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(words).toContain('On a server this wait is saved and the run resumes when due.');
    await step.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'wait-step-report.png') });
  });
});
