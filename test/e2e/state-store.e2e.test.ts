/**
 * Issue 9's state store in the designer: an admin adds a Remember node from the palette, fills
 * its form by typing (operation, key, value), sees what it keeps summarised on the canvas with
 * its Already remembered port, and runs a test case whose state store is seeded with what an
 * earlier run remembered: the run takes Already remembered, the case's state expectation holds,
 * and the result shows the store after the run.
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
  newFlow,
  nodeLocator,
  reportStep,
  runAllCases,
  selectNode,
  showTestBench,
  typeIntoField,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

describe.skipIf(!available)('Remember and Recall in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;

  beforeAll(() => {
    page = designer.page;
  });

  it('adds a Remember node from the palette, fills it by typing, and runs a case with a seeded store', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 150, y: 250 });
    const claim = await dragFromPalette(page, 'remember', { x: 450, y: 250 });
    await connect(page, trigger, 'out', claim);
    await selectNode(page, claim);
    const name = page.getByTestId('node-name-input');
    await name.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('claimTask');
    await page.keyboard.press('Enter');
    await nodeLocator(page, 'claimTask').waitFor();

    // Until it has a key the canvas says so.
    expect(await nodeLocator(page, 'claimTask').locator('.fd-node-summary').innerText()).toBe('No key yet');
    await page
      .getByTestId('inspector')
      .getByLabel('Remember only if not yet remembered (first run wins)', { exact: true })
      .check();
    await typeIntoField(page, 'Key', 'task:{{ trigger.body.TaskSid }}');
    await typeIntoField(page, 'Value', '{{ trigger.body.TaskSid }}');
    await waitUntil(
      'the Remember summary on the canvas',
      () => nodeLocator(page, 'claimTask').locator('.fd-node-summary').innerText(),
      (text) => text === 'task:{{ trigger.body.TaskSid }} = {{ trigger.body.TaskSid }}, if new · 7 days',
    );
    // Set if absent has its own port for the runs that come second.
    await page.getByTestId('handle-claimTask-already').waitFor();
    await page.getByTestId('handle-claimTask-done').waitFor();
    await fitView(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'remember-on-canvas.png') });

    // A test case: an earlier run already claimed the task, so this one stops at the claim.
    await showTestBench(page);
    await addTestCase(page, 'a duplicate created event');
    await fillPlainText(page, 'tb-payload', '{ "EventType": "task.created", "TaskSid": "WT1" }');
    // The bench offers the store's seed because the flow has a Remember node.
    await fillPlainText(page, 'tb-state', '{ "task:WT1": "from the first delivery" }');
    await fillPlainText(
      page,
      'tb-expect',
      JSON.stringify({
        path: [trigger, 'claimTask'],
        steps: { claimTask: { first: false, value: 'from the first delivery' } },
        state: { 'task:WT1': 'from the first delivery' },
      }),
    );
    expect(await runAllCases(page)).toEqual(['a duplicate created event: true']);
    const result = page.getByTestId('tb-case-result').first();
    // A passed case is folded: open it as a person does, by its name.
    await result.locator(':scope > details > summary').click();
    const after = result.getByTestId('tb-state-after');
    expect(JSON.parse(await after.locator('pre').innerText())).toEqual({ 'task:WT1': 'from the first delivery' });
    const step = reportStep(result, 'claimTask');
    expect(await step.getByTestId('tb-step-port').getAttribute('data-port')).toBe('already');
    await after.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'remember-test-bench.png') });

    // The same case without the seed: this run is first, and the expectation says what differs.
    await fillPlainText(page, 'tb-state', '');
    await page.getByTestId('tb-run-all').click();
    await waitUntil(
      'the case to fail without the seed',
      () => page.getByTestId('tb-case-result').first().getAttribute('data-passed'),
      (passed) => passed === 'false',
      90_000,
    );
    const failures = await page.getByTestId('tb-failure').allInnerTexts();
    expect(failures.join('\n')).toContain('claimTask');
    expect(failures.join('\n')).toContain('expected ');

    // The same failures in Japanese: worded from the catalogue, not the English sentences.
    await page.getByRole('button', { name: '日本語' }).click();
    await waitUntil(
      'the failures in Japanese',
      () => page.getByTestId('tb-failure').allInnerTexts(),
      (texts) => texts.length === failures.length && texts.every((t) => t.includes('期待しました')),
    );
    const japanese = await page.getByTestId('tb-failure').allInnerTexts();
    expect(japanese.join('\n')).not.toMatch(/expected |, got /);
    await page.screenshot({ path: join(OUTPUT_DIR, 'remember-test-bench-failure-japanese.png') });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: '日本語' }).waitFor();
  });
});
