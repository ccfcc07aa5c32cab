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
  addTestCase,
  canvasEdges,
  connect,
  dragFromPalette,
  fillPlainText,
  fitView,
  labelled,
  newFlow,
  nodeLocator,
  reportStep,
  runAllCases,
  runWithPayload,
  selectNode,
  showTestBench,
  typeIntoField,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** Adds one Switch output named `name` with one rule `trigger.body.kind equals <value>`. */
async function addOutput(page: Page, index: number, name: string, value: string): Promise<void> {
  const inspector = page.getByTestId('inspector');
  await inspector.locator('#root_outputs__add').click();
  await inspector.locator(`#root_outputs_${index}_name`).waitFor();
  await typeIntoField(page, 'Output name', name, index);
  await inspector.locator(`#root_outputs_${index}_rules__add`).click();
  await typeIntoField(page, 'Value to check', 'trigger.body.kind', index);
  await inspector.getByLabel(labelled('Operator')).nth(index).selectOption({ label: 'equals' });
  await typeIntoField(page, 'Compare with', value, index);
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
    await addTestCase(page, 'a chat event');
    await fillPlainText(page, 'tb-payload', '{ "kind": "chat" }');
    await fillPlainText(page, 'tb-expect', JSON.stringify({ path: [trigger, 'route', onChat, after] }));
    expect(await runAllCases(page)).toEqual(['a chat event: true']);

    // The step report: the output taken, each output's rule with the value it saw, the join.
    const trace = await runWithPayload(page);
    const routeStep = reportStep(trace, 'route');
    await routeStep.waitFor({ timeout: 60_000 });
    expect(await routeStep.getByTestId('tb-step-port').getAttribute('data-port')).toBe('chat');
    const outputs = await routeStep
      .getByTestId('tb-output')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-output')}=${e.getAttribute('data-matched')}`));
    expect(outputs).toEqual(['chat=true', 'voice=false']);
    expect(await routeStep.getByTestId('tb-rules').first().innerText()).toContain('"chat"');
    const joined = reportStep(trace, after).getByTestId('tb-join');
    const branches = await joined
      .locator('li')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}=${e.getAttribute('data-arrived')}`));
    expect(branches.sort()).toEqual([`${onChat}=true`, `${onVoice}=false`, `${other}=false`].sort());
    await routeStep.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'switch-step-report.png') });
  });
});
