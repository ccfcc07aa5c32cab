/**
 * Issue 9 in the designer: an admin builds a flow with a Switch by drag and drop, gives it
 * named outputs with rules typed in the form, wires each output (the ports appear as the
 * outputs are named), and runs it in the test bench, where the step report shows each output
 * with the values its rules saw and the node both branches lead to as a join.
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
  selectNode,
  showTestBench,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** A field's label as the form shows it: the words, and a `*` on required fields. */
const labelled = (words: string) => new RegExp(`^${words}\\s*\\*?$`);

/** Clicks a field found by its label and types into it as a person does. */
async function typeInto(page: Page, label: string, text: string, nth = 0): Promise<void> {
  const field = page.getByTestId('inspector').getByLabel(labelled(label)).nth(nth);
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await field.blur();
}

/** Adds one Switch output named `name` with one rule `trigger.body.kind equals <value>`. */
async function addOutput(page: Page, index: number, name: string, value: string): Promise<void> {
  const inspector = page.getByTestId('inspector');
  await inspector.locator('#root_outputs__add').click();
  await inspector.locator(`#root_outputs_${index}_name`).waitFor();
  await typeInto(page, 'Output name', name, index);
  await inspector.locator(`#root_outputs_${index}_rules__add`).click();
  await typeInto(page, 'Value to check', 'trigger.body.kind', index);
  await inspector.getByLabel(labelled('Operator')).nth(index).selectOption({ label: 'equals' });
  await typeInto(page, 'Compare with', value, index);
  // The port appears on the canvas as soon as the output has its name.
  await page.getByTestId(`handle-route-${name}`).waitFor();
}

describe.skipIf(!available)('flow control in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;

  beforeAll(() => {
    page = designer.page;
  });

  it('builds a Switch with two named outputs by drag and drop and runs it in the test bench', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 130, y: 320 });
    const route = await dragFromPalette(page, 'switch', { x: 400, y: 150 });
    await selectNode(page, route);
    const name = page.getByTestId('node-name-input');
    await name.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('route');
    await page.keyboard.press('Enter');
    await nodeLocator(page, 'route').waitFor();

    await addOutput(page, 0, 'chat', 'chat');
    await addOutput(page, 1, 'voice', 'voice');
    // The canvas summary names the outputs; Default is always there.
    await waitUntil(
      'the Switch summary to list its outputs',
      () => nodeLocator(page, 'route').locator('.fd-node-summary').innerText(),
      (text) => text === 'chat · voice',
    );
    await page.getByTestId('handle-route-default').waitFor();

    const onChat = await dragFromPalette(page, 'code', { x: 670, y: 70 });
    const onVoice = await dragFromPalette(page, 'code', { x: 670, y: 230 });
    const other = await dragFromPalette(page, 'code', { x: 670, y: 390 });
    const after = await dragFromPalette(page, 'code', { x: 400, y: 500 });
    await fitView(page);
    await connect(page, trigger, 'out', 'route');
    await connect(page, 'route', 'chat', onChat);
    await connect(page, 'route', 'voice', onVoice);
    await connect(page, 'route', 'default', other);
    for (const from of [onChat, onVoice, other]) await connect(page, from, 'success', after);
    expect((await canvasEdges(page)).filter((e) => e.startsWith('route:')).sort()).toEqual(
      [`route:chat->${onChat}`, `route:default->${other}`, `route:voice->${onVoice}`].sort(),
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'switch-on-canvas.png') });

    // A test case: a chat event goes through `chat` and then the node all branches join.
    await showTestBench(page);
    await page.getByTestId('tb-add-case').click();
    const caseName = page.getByTestId('tb-case-name');
    await caseName.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('a chat event');
    await page.keyboard.press('Enter');
    await page.getByTestId('test-case-a chat event').waitFor();
    await fillPlainText(page, 'tb-payload', '{ "kind": "chat" }');
    await fillPlainText(page, 'tb-expect', JSON.stringify({ path: [trigger, 'route', onChat, after] }));
    await page.getByTestId('tb-run-all').click();
    await page.getByTestId('tb-summary').waitFor({ timeout: 90_000 });
    const results = await page.$$eval('[data-testid="tb-case-result"]', (els) =>
      els.map((e) => `${e.getAttribute('data-case')}: ${e.getAttribute('data-passed')}`),
    );
    expect(results).toEqual(['a chat event: true']);

    // The step report: the output taken, each output's rule with the value it saw, the join.
    await page.getByTestId('tb-run-payload').click();
    const trace = page.getByTestId('tb-trace').last();
    const routeStep = trace.locator('[data-testid="tb-step"][data-step-name="route"]');
    await routeStep.waitFor({ timeout: 60_000 });
    expect(await routeStep.getByTestId('tb-step-port').getAttribute('data-port')).toBe('chat');
    const outputs = await routeStep
      .getByTestId('tb-output')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-output')}=${e.getAttribute('data-matched')}`));
    expect(outputs).toEqual(['chat=true', 'voice=false']);
    expect(await routeStep.getByTestId('tb-rules').first().innerText()).toContain('"chat"');
    const joined = trace.locator(`[data-testid="tb-step"][data-step-name="${after}"]`).getByTestId('tb-join');
    const branches = await joined
      .locator('li')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}=${e.getAttribute('data-arrived')}`));
    expect(branches.sort()).toEqual([`${onChat}=true`, `${onVoice}=false`, `${other}=false`].sort());
    await routeStep.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'switch-step-report.png') });
  });
});
