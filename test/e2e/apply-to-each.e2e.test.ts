/**
 * Issue 9's Apply to each in the designer: an admin builds a flow with a Switch, an Apply to
 * each and a Wait by drag and drop, types the list to go through, wires the steps that handle
 * one item (a frame appears around them), finds `item` offered where the step reads the item, and runs the
 * flow in the test bench: the step report lists every item's run, and opening one shows its
 * steps and draws its path in the loop's frame on the canvas. With the test case's payload as
 * the sample, Items is picked from the sample tree and `item.` offers the item's fields.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import {
  addTestCase,
  canvasEdges,
  connect,
  dragFromPalette,
  fillPlainText,
  fitView,
  labelled,
  newFlow,
  nodeLocator,
  problems,
  reportStep,
  runAllCases,
  runWithPayload,
  selectNode,
  showProblems,
  showTestBench,
  typeIntoField,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** Renames the selected node through its name field, typing as a person does. */
async function rename(page: Page, to: string): Promise<void> {
  const name = page.getByTestId('node-name-input');
  await name.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(to);
  await page.keyboard.press('Enter');
  await nodeLocator(page, to).waitFor();
}

const USERS = [
  { id: 'u1', tier: 'vip' },
  { id: 'u2', tier: 'basic' },
  { id: 'u3', tier: 'vip' },
];

describe.skipIf(!available)('Apply to each in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;
  /** The Condition and the Wait inside the loop, as the first test named them. */
  let check = '';
  let pause = '';

  beforeAll(() => {
    page = designer.page;
  });

  it('builds a Switch, an Apply to each and a Wait by drag and drop, runs it, and opens one item’s run', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 90, y: 400 });
    const route = await dragFromPalette(page, 'switch', { x: 330, y: 400 });
    const each = await dragFromPalette(page, 'applyToEach', { x: 570, y: 400 });
    check = await dragFromPalette(page, 'condition', { x: 360, y: 110 });
    pause = await dragFromPalette(page, 'wait', { x: 620, y: 110 });

    // The Switch: one output for "users" events.
    await selectNode(page, route);
    await rename(page, 'route');
    const inspector = page.getByTestId('inspector');
    await inspector.locator('#root_outputs__add').click();
    await inspector.locator('#root_outputs_0_name').waitFor();
    await typeIntoField(page, 'Output name', 'users');
    await inspector.locator('#root_outputs_0_rules__add').click();
    await typeIntoField(page, 'Value to check', 'trigger.body.kind');
    await inspector.getByLabel(labelled('Operator')).first().selectOption({ label: 'equals' });
    await typeIntoField(page, 'Compare with', 'users');
    await page.getByTestId('handle-route-users').waitFor();

    // Apply to each: the list, two at a time.
    await selectNode(page, each);
    await rename(page, 'eachUser');
    await typeIntoField(page, 'Items', '{{ trigger.body.users }}');
    const atATime = inspector.getByLabel(labelled('Items at a time'));
    await atATime.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2');
    await atATime.blur();
    await waitUntil(
      'the canvas summary to say what the loop goes through',
      () => nodeLocator(page, 'eachUser').locator('.fd-node-summary').innerText(),
      (text) => text === 'For each of {{ trigger.body.users }}, 2 at a time',
    );

    await fitView(page);
    await connect(page, trigger, 'out', 'route');
    await connect(page, 'route', 'users', 'eachUser');
    await connect(page, 'eachUser', 'each', check);
    await connect(page, check, 'true', pause);
    expect((await canvasEdges(page)).sort()).toEqual(
      [`${trigger}:out->route`, 'route:users->eachUser', `eachUser:each->${check}`, `${check}:true->${pause}`].sort(),
    );
    // The steps "Each item" leads to are drawn inside the loop's frame; the others are not.
    const frame = page.getByTestId('loop-frame-eachUser');
    await frame.waitFor();
    const frameBox = (await frame.boundingBox())!;
    const inside = async (name: string) => {
      const box = (await nodeLocator(page, name).boundingBox())!;
      return (
        box.x > frameBox.x &&
        box.y > frameBox.y &&
        box.x + box.width < frameBox.x + frameBox.width &&
        box.y + box.height < frameBox.y + frameBox.height
      );
    };
    expect(await inside(check)).toBe(true);
    expect(await inside(pause)).toBe(true);
    expect(await inside('eachUser')).toBe(false);

    // VIP users wait ten minutes (a test's clock makes that take no time).
    await selectNode(page, pause);
    const delay = inspector.getByLabel(labelled('Wait for'));
    await delay.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('10 minutes');
    await delay.blur();

    // Inside the loop, the rule reads the current item: `item` and `index` are offered.
    await selectNode(page, check);
    await inspector.locator('#root_rules__add').click();
    const left = inspector.getByLabel(labelled('Value to check')).first();
    await left.click();
    await page.keyboard.type('ite');
    const options = await waitUntil(
      'the path list to offer item',
      () => page.locator('.fd-path code').allInnerTexts(),
      (paths) => paths.includes('item'),
    );
    expect(options).not.toContain('steps.eachUser');
    await page.keyboard.press('Escape');
    await page.keyboard.type('m.tier');
    await left.blur();
    await inspector.getByLabel(labelled('Operator')).first().selectOption({ label: 'equals' });
    await typeIntoField(page, 'Compare with', 'vip');
    await showProblems(page);
    await waitUntil(
      'the flow to validate without problems',
      () => page.getByTestId('tab-problems').innerText(),
      (tab) => /\b0\b/.test(tab),
    );
    expect(await problems(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT_DIR, 'apply-to-each-on-canvas.png') });

    // A test case with three users; expectations address the loop's iterations.
    await showTestBench(page);
    await addTestCase(page, 'three users');
    await fillPlainText(page, 'tb-payload', JSON.stringify({ kind: 'users', users: USERS }));
    await fillPlainText(
      page,
      'tb-expect',
      JSON.stringify({
        path: [trigger, 'route', 'eachUser'],
        iterations: {
          eachUser: { count: 3, failed: 0, items: { '0': { path: [check, pause] }, '1': { path: [check] } } },
        },
        steps: { eachUser: { succeeded: 3 } },
      }),
    );
    expect(await runAllCases(page)).toEqual(['three users: true']);

    // The step report lists every item's run; opening one shows its steps.
    const trace = await runWithPayload(page);
    const loopStep = reportStep(trace, 'eachUser');
    await loopStep.waitFor({ timeout: 60_000 });
    const iterations = loopStep.getByTestId('tb-iterations');
    expect(await iterations.getAttribute('data-count')).toBe('3');
    const rows = loopStep.getByTestId('tb-iteration');
    expect(
      await rows.evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-index')}=${e.getAttribute('data-status')}`),
      ),
    ).toEqual(['0=success', '1=success', '2=success']);
    // A VIP's item waited: its run shows the wait and when it would have gone on.
    const first = rows.nth(0);
    await first.locator('summary').first().click();
    const waited = reportStep(first, pause);
    await waited.waitFor();
    expect(await waited.getByTestId('tb-wait').getAttribute('data-delay-ms')).toBe('600000');
    await first.locator('summary').first().click();

    const second = rows.nth(1);
    await second.locator('summary').first().click();
    const inner = reportStep(second, check);
    await inner.waitFor();
    expect(await inner.getByTestId('tb-step-port').getAttribute('data-port')).toBe('false');
    expect(await inner.getByTestId('tb-rules').innerText()).toContain('"basic"');

    // Items are numbered as a person counts them, the same in the report and on the canvas:
    // the second row (index 1) is item 2, and the frame says how many ran with a plural rule.
    expect(await rows.locator('summary strong').allInnerTexts()).toEqual(['Item 1', 'Item 2', 'Item 3']);
    await waitUntil(
      'the frame to say which item it shows',
      () => page.getByTestId('loop-frame-run-eachUser').innerText(),
      (text) => text.includes('3 items ran, 0 failed · showing item 2'),
    );
    await waitUntil(
      'the step inside the loop to show item 2’s run',
      () => nodeLocator(page, check).locator('.fd-node-trace').innerText(),
      (text) => text.startsWith('Item 2: ran in'),
    );
    expect(await nodeLocator(page, check).locator('.fd-port-false').getAttribute('class')).toContain('is-taken');
    await inner.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'apply-to-each-iteration-opened.png') });

    // In Japanese items are counted with 件 (no plural forms), numbered from 1 as well.
    await page.getByRole('button', { name: '日本語' }).click();
    await waitUntil(
      'the frame to say which item it shows, in Japanese',
      () => page.getByTestId('loop-frame-run-eachUser').innerText(),
      (text) => text.includes('3 件を実行、0 件失敗 · 2 件目を表示中'),
    );
    expect(await rows.locator('summary strong').allInnerTexts()).toEqual(['1 件目', '2 件目', '3 件目']);
    expect(await nodeLocator(page, check).locator('.fd-node-trace').innerText()).toMatch(/^2 件目：\d+ ms で実行$/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'apply-to-each-iteration-japanese.png') });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: '日本語' }).waitFor();
  });

  it('picks the list from the sample payload with the keyboard, and offers the item’s fields inside the loop', async () => {
    // The test case's payload is the flow's sample now: Items is picked from its tree. The
    // dock is closed again so the whole flow is in view.
    await page.getByTestId('btn-tests').click();
    await page.getByTestId('test-bench').waitFor({ state: 'detached' });
    await fitView(page);
    await selectNode(page, 'eachUser');
    const inspector = page.getByTestId('inspector');
    const items = inspector.getByLabel(labelled('Items')).first();
    await items.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    const itemsCell = items.locator('xpath=ancestor::div[contains(@class,"fd-template")]');
    await itemsCell.getByRole('button', { name: 'Pick from sample…' }).click();
    await page.keyboard.press('Tab');
    expect(await focusedRow(page)).toBe('trigger.body');
    for (let i = 0; i < 10 && (await focusedRow(page)) !== 'users'; i++) await page.keyboard.press('ArrowDown');
    expect(await focusedRow(page)).toBe('users');
    await page.keyboard.press('Enter');
    await waitUntil(
      'Items to hold the picked list',
      () => items.inputValue(),
      (v) => v === '{{ trigger.body.users }}',
    );

    // Inside the loop, `item.` offers the fields of an item of that list.
    await selectNode(page, check);
    await inspector.locator('#root_rules__add').click();
    const left = inspector.getByLabel(labelled('Value to check')).nth(1);
    await left.click();
    await page.keyboard.type('item.');
    const offered = await waitUntil(
      'the path list to offer the item’s fields',
      () => page.locator('.fd-path code').allInnerTexts(),
      (paths) => paths.includes('item.tier'),
    );
    expect(offered).toEqual(expect.arrayContaining(['item.id', 'item.tier']));
    await page.screenshot({ path: join(OUTPUT_DIR, 'apply-to-each-item-paths.png') });
    await page.keyboard.press('Escape');
  });

  it('names a loop’s outputs in its problems as the node labels them, in English and Japanese', async () => {
    // A second Apply to each with nothing on its "Each item" output.
    const lone = await dragFromPalette(page, 'applyToEach', { x: 300, y: 650 });
    await showProblems(page);
    const warning = await waitUntil(
      'the empty loop to be reported',
      async () => (await problems(page)).find((p) => p.node === lone && /nothing is connected/.test(p.text)),
      (found) => found !== undefined,
    );
    expect(warning!.text).toContain("nothing is connected to its 'Each item' output");
    await page.getByRole('button', { name: '日本語' }).click();
    await waitUntil(
      'the same problem in Japanese',
      async () =>
        (await problems(page))
          .filter((p) => p.node === lone)
          .map((p) => p.text)
          .join('\n'),
      (text) => text.includes('出力「各項目」に何もつながっていない'),
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'apply-to-each-port-words-japanese.png') });
    await page.getByRole('button', { name: 'English' }).click();
  });
});

/** The label of the sample tree's focused row ('' when focus is elsewhere). */
async function focusedRow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('role') === 'treeitem' ? (el.querySelector('.fd-sample-key')?.textContent ?? '') : '';
  });
}
