/**
 * Issue 9's Apply to each in the designer: an admin builds a flow with a Switch and an Apply to
 * each by drag and drop, types the list to go through, wires the step that handles one item
 * (a frame appears around it), finds `item` offered where the step reads the item, and runs the
 * flow in the test bench: the step report lists every item's run, and opening one shows its
 * steps and draws its path in the loop's frame on the canvas.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import {
  canvasEdges,
  connect,
  dragFromPalette,
  fillPlainText,
  fitView,
  newFlow,
  nodeLocator,
  problems,
  selectNode,
  showProblems,
  showTestBench,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** A field's label as the form shows it: the words, and a `*` on required fields. */
const labelled = (words: string) => new RegExp(`^${words}\\s*\\*?$`);

/** Clicks a field found by its label and types into it as a person does. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByTestId('inspector').getByLabel(labelled(label)).first();
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await field.blur();
}

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

  beforeAll(() => {
    page = designer.page;
  });

  it('builds a Switch and an Apply to each by drag and drop, runs it, and opens one item’s run', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 90, y: 400 });
    const route = await dragFromPalette(page, 'switch', { x: 330, y: 400 });
    const each = await dragFromPalette(page, 'applyToEach', { x: 570, y: 400 });
    const check = await dragFromPalette(page, 'condition', { x: 600, y: 110 });

    // The Switch: one output for "users" events.
    await selectNode(page, route);
    await rename(page, 'route');
    const inspector = page.getByTestId('inspector');
    await inspector.locator('#root_outputs__add').click();
    await inspector.locator('#root_outputs_0_name').waitFor();
    await typeInto(page, 'Output name', 'users');
    await inspector.locator('#root_outputs_0_rules__add').click();
    await typeInto(page, 'Value to check', 'trigger.body.kind');
    await inspector.getByLabel(labelled('Operator')).first().selectOption({ label: 'equals' });
    await typeInto(page, 'Compare with', 'users');
    await page.getByTestId('handle-route-users').waitFor();

    // Apply to each: the list, two at a time.
    await selectNode(page, each);
    await rename(page, 'eachUser');
    await typeInto(page, 'Items', '{{ trigger.body.users }}');
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
    expect((await canvasEdges(page)).sort()).toEqual(
      [`${trigger}:out->route`, 'route:users->eachUser', `eachUser:each->${check}`].sort(),
    );
    // The step "Each item" leads to is drawn inside the loop's frame.
    const frame = page.getByTestId('loop-frame-eachUser');
    await frame.waitFor();
    const frameBox = (await frame.boundingBox())!;
    const checkBox = (await nodeLocator(page, check).boundingBox())!;
    expect(checkBox.x).toBeGreaterThan(frameBox.x);
    expect(checkBox.y).toBeGreaterThan(frameBox.y);
    expect(checkBox.x + checkBox.width).toBeLessThan(frameBox.x + frameBox.width);
    expect(checkBox.y + checkBox.height).toBeLessThan(frameBox.y + frameBox.height);

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
    await typeInto(page, 'Compare with', 'vip');
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
    await page.getByTestId('tb-add-case').click();
    const caseName = page.getByTestId('tb-case-name');
    await caseName.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('three users');
    await page.keyboard.press('Enter');
    await page.getByTestId('test-case-three users').waitFor();
    await fillPlainText(page, 'tb-payload', JSON.stringify({ kind: 'users', users: USERS }));
    await fillPlainText(
      page,
      'tb-expect',
      JSON.stringify({
        path: [trigger, 'route', 'eachUser'],
        iterations: { eachUser: { count: 3, failed: 0, items: { '1': { path: [check] } } } },
        steps: { eachUser: { results: [{ result: true }, { result: false }, { result: true }] } },
      }),
    );
    await page.getByTestId('tb-run-all').click();
    await page.getByTestId('tb-summary').waitFor({ timeout: 90_000 });
    const results = await page.$$eval('[data-testid="tb-case-result"]', (els) =>
      els.map((e) => `${e.getAttribute('data-case')}: ${e.getAttribute('data-passed')}`),
    );
    expect(results).toEqual(['three users: true']);

    // The step report lists every item's run; opening one shows its steps.
    await page.getByTestId('tb-run-payload').click();
    const trace = page.getByTestId('tb-trace').last();
    const loopStep = trace.locator('[data-testid="tb-step"][data-step-name="eachUser"]');
    await loopStep.waitFor({ timeout: 60_000 });
    const iterations = loopStep.getByTestId('tb-iterations');
    expect(await iterations.getAttribute('data-count')).toBe('3');
    const rows = loopStep.getByTestId('tb-iteration');
    expect(
      await rows.evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-index')}=${e.getAttribute('data-status')}`),
      ),
    ).toEqual(['0=success', '1=success', '2=success']);
    const second = rows.nth(1);
    await second.locator('summary').first().click();
    const inner = second.locator(`[data-testid="tb-step"][data-step-name="${check}"]`);
    await inner.waitFor();
    expect(await inner.getByTestId('tb-step-port').getAttribute('data-port')).toBe('false');
    expect(await inner.getByTestId('tb-rules').innerText()).toContain('"basic"');

    // The canvas draws that item's path inside the frame.
    await waitUntil(
      'the frame to say which item it shows',
      () => page.getByTestId('loop-frame-run-eachUser').innerText(),
      (text) => text.includes('3 item(s) ran, 0 failed · showing item 1'),
    );
    await waitUntil(
      'the step inside the loop to show item 1’s run',
      () => nodeLocator(page, check).locator('.fd-node-trace').innerText(),
      (text) => text.startsWith('Item 1: ran in'),
    );
    expect(await nodeLocator(page, check).locator('.fd-port-false').getAttribute('class')).toContain('is-taken');
    await inner.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'apply-to-each-iteration-opened.png') });
  });
});
