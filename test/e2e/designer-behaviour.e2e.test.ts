/**
 * The designer's behaviour around building a flow, in Chromium against `flowdesk designer`:
 * an invalid field shows on its node and in the problems panel and blocks export (saying
 * why); clicking a problem selects its node; undo/redo of add, rename and move; the Japanese
 * UI.
 */
import { conditionFieldTexts } from '../../nodes/condition/i18n.js';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../renderer/i18n/translate.js';
import { chromiumAvailable } from './support/chromium.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { designerPerSuite } from './support/suite.js';
import { OUTPUT_DIR } from './support/paths.js';
import {
  canvasEdges,
  canvasNodeNames,
  chooseOption,
  clickEmptyCanvas,
  connect,
  dragFromPalette,
  dragHandleToHandle,
  dragNodeBy,
  fillField,
  newFlow,
  nodeFlowPosition,
  nodeLocator,
  panNodeTo,
  pressExport,
  problems,
  renameSelected,
  showProblems,
  statusText,
  waitForViewportStill,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

describe.skipIf(!available)('designer behaviour in the browser', () => {
  const designer = designerPerSuite({ width: 1600, height: 1000 });
  let s: DesignerSession;
  let page: Page;

  beforeAll(() => {
    ({ session: s, page } = designer);
  });

  // A failed step leaves a picture of the page in test-output/e2e/ (CI keeps it as an artefact).

  beforeEach(async () => {
    await newFlow(page);
  });

  /** A trigger wired to a Web Service with a valid URL: no errors anywhere. */
  async function triggerAndCall(): Promise<{ trigger: string; call: string }> {
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await panNodeTo(page, trigger, { x: 80, y: 110 });
    const call = await dragFromPalette(page, 'webService', { x: 560, y: 150 });
    await renameSelected(page, call, 'getUser');
    await fillField(page, '#root_url', 'https://api.example.com/users/{{ trigger.body.userId }}');
    await connect(page, trigger, 'out', 'getUser');
    await waitUntil(
      'no errors in the flow',
      () => problems(page),
      (list) => !list.some((p) => p.severity === 'error'),
    );
    return { trigger, call: 'getUser' };
  }

  // First: the very first node of the session is the one xyflow's initial fit could move.
  it('a node dropped on the empty canvas lands under the pointer', async () => {
    const area = (await page.locator('.fd-canvas').boundingBox())!;
    const drop = { x: 260, y: 180 };
    const name = await dragFromPalette(page, 'webhookTrigger', drop);
    await waitForViewportStill(page);
    const box = (await nodeLocator(page, name).boundingBox())!;
    const pointer = { x: area.x + drop.x, y: area.y + drop.y };
    expect(pointer.x).toBeGreaterThan(box.x);
    expect(pointer.x).toBeLessThan(box.x + box.width);
    expect(pointer.y).toBeGreaterThan(box.y - 20);
    expect(pointer.y).toBeLessThan(box.y + box.height);
  });

  it('an invalid URL template shows an error badge on its node and in the problems panel', async () => {
    await triggerAndCall();
    // (A warning may show as a badge too; an error badge is red.)
    await expect(page.locator('[data-testid="node-error-getUser"].is-error').count()).resolves.toBe(0);

    await page.getByTestId('node-getUser').locator('.fd-node-head').click();
    await fillField(page, '#root_url', 'https://api.example.com/users/{{ trigger.body. }}');
    await page.locator('[data-testid="node-error-getUser"].is-error').waitFor();
    await showProblems(page);
    const listed = await waitUntil(
      'a problem listed for getUser',
      () => problems(page),
      (list) => list.some((p) => p.node === 'getUser' && p.severity === 'error'),
    );
    const problem = listed.find((p) => p.node === 'getUser' && p.severity === 'error')!;
    expect(problem.text).toMatch(/url/i);
    // The badge's tooltip carries the same message.
    expect(await page.getByTestId('node-error-getUser').getAttribute('title')).toMatch(/url/i);
    await page.screenshot({ path: join(OUTPUT_DIR, 'invalid-field.png') });
  });

  it('Export is refused while an error remains, saying why, and writes nothing', async () => {
    await triggerAndCall();
    await page.getByTestId('node-getUser').locator('.fd-node-head').click();
    // A cleared URL: the field every Web Service needs.
    await fillField(page, '#root_url', '');
    await page.getByTestId('node-error-getUser').waitFor();

    const result = await pressExport(page);
    expect(result.ok).toBe(false);
    expect(result.text).toContain(translate('en', 'status.exportRefused', { count: 1 }));
    expect(result.details.join('\n')).toMatch(/getUser.*URL is required|URL is required/);
    const exportDir = join(s.workspace, 'export');
    expect(existsSync(exportDir) ? readdirSync(exportDir) : []).toEqual([]);
    // The problems panel is shown so the admin sees what to fix.
    await page.getByTestId('problems').waitFor();
    expect((await problems(page)).some((p) => p.node === 'getUser' && /URL is required/.test(p.text))).toBe(true);

    // Fixed, it exports.
    await fillField(page, '#root_url', 'https://api.example.com/users');
    await waitUntil(
      'the error badge to go',
      () => page.locator('[data-testid="node-error-getUser"].is-error').count(),
      (n) => n === 0,
    );
    const again = await pressExport(page);
    expect(again.ok, again.text).toBe(true);
  });

  it('clicking a problem selects its node and the field', async () => {
    await triggerAndCall();
    await page.getByTestId('node-getUser').locator('.fd-node-head').click();
    await chooseOption(page, '#root_method', 'GET');
    await fillField(page, '#root_url', '');
    await page.getByTestId('node-error-getUser').waitFor();
    await clickEmptyCanvas(page);
    await expect(page.getByTestId('node-name-input').count()).resolves.toBe(0);

    await showProblems(page);
    await page.locator('[data-testid="problem"][data-node="getUser"][data-severity="error"]').first().click();
    await waitUntil(
      'the inspector to show getUser',
      () =>
        page
          .getByTestId('node-name-input')
          .inputValue()
          .catch(() => ''),
      (v) => v === 'getUser',
    );
    await expect(page.locator('.react-flow__node.selected').getByTestId('node-getUser').count()).resolves.toBe(1);
    await waitUntil(
      'the URL field to get the focus',
      () => page.evaluate(() => document.activeElement?.id ?? ''),
      (id) => id === 'root_url',
    );
  });

  it('undo restores each step (add, rename, move) and redo replays them', async () => {
    const name = await dragFromPalette(page, 'webService', { x: 300, y: 200 });
    await renameSelected(page, name, 'renamed');
    await clickEmptyCanvas(page);
    const before = await nodeFlowPosition(page, 'renamed');
    await dragNodeBy(page, 'renamed', 160, 90);
    const moved = await waitUntil(
      'the node to move',
      () => nodeFlowPosition(page, 'renamed'),
      (p) => p.x !== before.x || p.y !== before.y,
    );
    expect(moved.x).toBeGreaterThan(before.x);
    expect(moved.y).toBeGreaterThan(before.y);
    await clickEmptyCanvas(page);

    const same = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;
    // Undo: the move, the rename, the add.
    await page.keyboard.press('ControlOrMeta+Z');
    await waitUntil(
      'the move to be undone',
      () => nodeFlowPosition(page, 'renamed'),
      (p) => same(p, before),
    );
    await page.keyboard.press('ControlOrMeta+Z');
    await nodeLocator(page, name).waitFor();
    expect(await canvasNodeNames(page)).toEqual([name]);
    await page.keyboard.press('ControlOrMeta+Z');
    await waitUntil(
      'the node to be removed',
      () => canvasNodeNames(page),
      (names) => names.length === 0,
    );

    // Redo: add, rename, move.
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await nodeLocator(page, name).waitFor();
    expect(same(await nodeFlowPosition(page, name), before)).toBe(true);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await nodeLocator(page, 'renamed').waitFor();
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await waitUntil(
      'the move to be redone',
      () => nodeFlowPosition(page, 'renamed'),
      (p) => same(p, moved),
    );
    // The toolbar's buttons say the same: nothing left to redo.
    await expect(page.getByTestId('btn-redo').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('btn-undo').isDisabled()).resolves.toBe(false);
  });

  it('refuses a connection that would make a loop, saying why', async () => {
    const { trigger } = await triggerAndCall();
    const check = await dragFromPalette(page, 'condition', { x: 560, y: 420 });
    await connect(page, 'getUser', 'success', check);
    await dragHandleToHandle(page, check, 'true', 'getUser');
    const expected = translate('en', 'status.connectRefused', {
      reason: translate('en', 'refuse.cycle', { source: check, target: 'getUser' }),
    });
    await waitUntil(
      'the refusal in the status line',
      () => statusText(page),
      (text) => text.includes(expected),
    );
    expect(await canvasEdges(page)).toEqual([`${trigger}:out->getUser`, `getUser:success->${check}`].sort());
  });

  it('duplicates (Ctrl+D) and deletes (Delete) the selected node, both undoable', async () => {
    const name = await dragFromPalette(page, 'code', { x: 300, y: 200 });
    await nodeLocator(page, name).locator('.fd-node-head').click();
    await clickEmptyCanvas(page);
    await nodeLocator(page, name).locator('.fd-node-head').click();
    await page.keyboard.press('ControlOrMeta+D');
    const two = await waitUntil(
      'a duplicate',
      () => canvasNodeNames(page),
      (names) => names.length === 2,
    );
    const copy = two.find((n) => n !== name)!;
    expect(copy).toMatch(new RegExp(`^${name}\\d+$`));
    // The duplicate is selected: Delete removes it, Ctrl+Z brings it back.
    await page.keyboard.press('Delete');
    await waitUntil(
      'the duplicate to be deleted',
      () => canvasNodeNames(page),
      (names) => names.length === 1 && names[0] === name,
    );
    await page.keyboard.press('ControlOrMeta+Z');
    await nodeLocator(page, copy).waitFor();
  });

  it('renders the Japanese UI when the language is switched', async () => {
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await panNodeTo(page, trigger, { x: 80, y: 110 });
    const cond = await dragFromPalette(page, 'condition', { x: 560, y: 150 });
    await connect(page, trigger, 'out', cond);
    // The inspector is showing the condition when the language changes.
    await page.getByTestId(`node-${cond}`).locator('.fd-node-head').click();
    await page.getByTestId('node-name-input').waitFor();
    await page.getByTestId('btn-language').click();

    const ja = (key: string) => translate('ja', key);
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const key of [
      'toolbar.new',
      'toolbar.export',
      'toolbar.undo',
      'palette.title',
      'problems.title',
      'inspector.name',
    ]) {
      const word = ja(key);
      expect(word, `${key} has a Japanese translation`).toMatch(japanese);
      expect(word).not.toBe(translate('en', key));
    }
    await waitUntil(
      'the toolbar in Japanese',
      () => page.getByTestId('btn-export').innerText(),
      (text) => text.includes(ja('toolbar.export')),
    );
    expect(await page.getByTestId('btn-new').innerText()).toContain(ja('toolbar.new'));
    expect(await page.getByTestId('btn-undo').innerText()).toContain(ja('toolbar.undo'));
    expect(await page.locator('.fd-palette .fd-panel-title').innerText()).toContain(ja('palette.title'));
    expect(await page.getByTestId('tab-problems').innerText()).toContain(ja('problems.title'));
    // Node types and ports come from the node folders' editor words.
    expect(await page.getByTestId('palette-condition').innerText()).toContain('条件');
    expect(await page.getByTestId(`node-${cond}`).innerText()).toContain('はい');
    // The inspector of the selected condition follows the switch, its form included.
    await waitUntil(
      'the condition form in Japanese',
      () => page.getByTestId('inspector').innerText(),
      (text) => text.includes(conditionFieldTexts.ja['/mode']!.title!),
    );
    const inspector = await page.getByTestId('inspector').innerText();
    expect(inspector).toContain(ja('inspector.name'));
    expect(inspector).toContain(conditionFieldTexts.ja['/rules']!.title!);
    expect(inspector).toContain(ja('form.addItem'));
    expect(await page.locator('html').evaluate(() => document.body.innerText)).toMatch(japanese);
    await page.screenshot({ path: join(OUTPUT_DIR, 'japanese-ui.png') });

    // And back.
    await page.getByTestId('btn-language').click();
    await waitUntil(
      'the toolbar in English',
      () => page.getByTestId('btn-export').innerText(),
      (text) => text.includes('Export'),
    );
  });
});

describe.skipIf(!available)('designer language follows the browser', () => {
  it('starts in Japanese in a Japanese browser', async () => {
    const s = await startDesigner({ locale: 'ja-JP', width: 1400, height: 900 });
    try {
      const ja = (key: string) => translate('ja', key);
      await waitUntil(
        'the toolbar in Japanese',
        () => s.page.getByTestId('btn-export').innerText(),
        (text) => text.includes(ja('toolbar.export')),
      );
      expect(await s.page.locator('.fd-palette .fd-panel-title').innerText()).toContain(ja('palette.title'));
      expect(await s.page.getByTestId('palette-webService').innerText()).toContain('Web サービス');
    } finally {
      await s.close();
    }
  });
});
