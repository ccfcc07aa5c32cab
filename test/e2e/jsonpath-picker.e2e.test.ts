/**
 * Issue 11 item 8: an admin picks a path from the sample payload instead of typing JSONPath.
 * A new webhook gets a real Genesys EventBridge sample; its field path and a Condition's value
 * to check are filled from the "Pick from sample…" tree with the keyboard alone, and the
 * flow's problems stay clean.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { inspectorField, typeInto } from './support/keyboard.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import {
  addArrayItem,
  connect,
  dragFromPalette,
  newFlow,
  panNodeTo,
  problems,
  readmeShot,
  selectNode,
  showProblems,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** The row of the tree that has the keyboard focus, as its key label. */
async function focusedRow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('role') === 'treeitem' ? (el.querySelector('.fd-sample-key')?.textContent ?? '') : '';
  });
}

/** Presses `key` until the focused row is `label` (fails naming where it stopped). */
async function moveTo(page: Page, key: string, label: string): Promise<void> {
  for (let i = 0; i < 30 && (await focusedRow(page)) !== label; i += 1) await page.keyboard.press(key);
  expect(await focusedRow(page)).toBe(label);
}

function expanded(tree: Locator, label: string): Promise<string | null> {
  return tree
    .getByRole('treeitem')
    .filter({ has: tree.page().locator(`.fd-sample-key:text-is("${label}")`) })
    .getAttribute('aria-expanded');
}

describe.skipIf(!available)('picking a path from the sample payload', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;

  beforeAll(() => {
    ({ page } = designer);
  });

  it('fills a webhook field and a condition from the sample tree with the keyboard, and validation stays clean', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 220, y: 160 });
    await panNodeTo(page, trigger, { x: 90, y: 120 });
    await selectNode(page, trigger);
    const inspector = page.getByTestId('inspector');

    await typeInto(page, inspectorField(page, 'Sample payload'), 'payloads/genesys-eventbridge-customer-end.json');
    await addArrayItem(page, 'root_fields', 0, 'root_fields_{i}_name');
    await typeInto(page, page.locator('#root_fields_0_name'), 'conversationId');

    // The picker beside the JSONPath field, opened by its visible label; Tab enters the tree.
    const pathCell = page.locator('#root_fields_0_path').locator('xpath=ancestor::div[contains(@class,"fd-template")]');
    await pathCell.getByRole('button', { name: 'Pick from sample…' }).click();
    const tree = pathCell.getByRole('tree', { name: /Sample data/ });
    await tree.waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedRow(page)).toBe('$');
    await moveTo(page, 'ArrowDown', 'detail');
    expect(await expanded(tree, 'detail')).toBe('false');
    await page.keyboard.press('ArrowRight');
    expect(await expanded(tree, 'detail')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await focusedRow(page)).toBe('topicName');
    await moveTo(page, 'ArrowDown', 'eventBody');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await moveTo(page, 'ArrowDown', 'conversationId');
    // Each value shows its sample beside it.
    const row = tree.getByRole('treeitem').filter({ has: page.locator('.fd-sample-key:text-is("conversationId")') });
    expect(await row.locator('.fd-sample-value').innerText()).toBe('"2f7bf00a-0fc2-4d6a-9b56-92238191433e"');
    await page.screenshot({ path: readmeShot('jsonpath-picker-tree') });
    await page.keyboard.press('Enter');

    await waitUntil(
      'the JSONPath field to hold the picked path',
      () => page.locator('#root_fields_0_path').inputValue(),
      (v) => v === '$.detail.eventBody.conversationId',
    );
    expect(await tree.count()).toBe(0);
    // Live validation catches up with the picked value: the field is no longer "required".
    await waitUntil(
      'the JSONPath field to be valid',
      () => page.locator('#root_fields_0_path').getAttribute('aria-invalid'),
      (v) => v === null,
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'jsonpath-picker-webhook.png') });

    // A Condition after the webhook: its value to check comes from the same sample, as a
    // template path (a key with a dash gets JSONata's backticks).
    const cond = await dragFromPalette(page, 'condition', { x: 620, y: 160 });
    await connect(page, trigger, 'out', cond);
    await selectNode(page, cond);
    await inspector.getByRole('button', { name: 'Add' }).click();
    const left = page.getByLabel('Value to check').first();
    await left.waitFor();
    const leftCell = left.locator('xpath=ancestor::div[contains(@class,"fd-template")]');
    await leftCell.getByRole('button', { name: 'Pick from sample…' }).click();
    const condTree = leftCell.getByRole('tree', { name: /Sample data/ });
    await page.keyboard.press('Tab');
    expect(await focusedRow(page)).toBe('trigger.body');
    await moveTo(page, 'ArrowDown', 'detail-type');
    await page.keyboard.press('Enter');
    await waitUntil(
      'the value to check to hold the picked path',
      () => left.inputValue(),
      (v) => v === 'trigger.body.`detail-type`',
    );
    expect(await condTree.count()).toBe(0);

    await page.getByLabel('Operator').first().selectOption('isNotEmpty');

    await showProblems(page);
    await page.getByTestId('problems').waitFor();
    await waitUntil(
      'no problem on the webhook or the condition',
      async () => (await problems(page)).filter((p) => p.node === trigger || p.node === cond),
      (mine) => mine.length === 0,
    );
    expect(await left.getAttribute('aria-invalid')).toBeNull();
    await page.screenshot({ path: join(OUTPUT_DIR, 'jsonpath-picker-condition.png') });
  });
});
