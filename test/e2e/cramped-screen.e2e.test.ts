/**
 * Issue 11 item 10, on a 1440×900 screen: a dropped node never lands on top of another, the
 * inspector opens each node at the top of its form, the test bench's headings stay on one line,
 * and a reload brings back the flow that was open, unsaved edits included.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { designerPerSuite } from './support/suite.js';
import { FLOWS_DIR, OUTPUT_DIR } from './support/paths.js';
import {
  canvasEdges,
  canvasNodeNames,
  connect,
  dragFromPalette,
  fitView,
  newFlow,
  nodeLocator,
  selectNode,
  showTestBench,
  waitUntil,
  readmeShot,
} from './support/ui.js';

const available = chromiumAvailable();

describe.skipIf(!available)('the designer on a 1440×900 screen', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let s: DesignerSession;
  let page: Page;

  beforeAll(() => {
    ({ session: s, page } = designer);
  });

  it('a node dropped on another lands beside it, and both can be wired', async () => {
    const first = await dragFromPalette(page, 'webhookTrigger', { x: 260, y: 180 });
    const box = (await nodeLocator(page, first).boundingBox())!;
    const area = (await page.locator('.fd-canvas').boundingBox())!;
    // Right onto the middle of the first node.
    const second = await dragFromPalette(page, 'webService', {
      x: box.x - area.x + box.width / 2,
      y: box.y - area.y + box.height / 2,
    });
    const a = (await nodeLocator(page, first).boundingBox())!;
    const b = (await nodeLocator(page, second).boundingBox())!;
    const apart = b.x >= a.x + a.width || a.x >= b.x + b.width || b.y >= a.y + a.height || a.y >= b.y + b.height;
    expect(apart, `nodes overlap: ${JSON.stringify({ a, b })}`).toBe(true);
    await connect(page, first, 'out', second);
    expect(await canvasEdges(page)).toEqual([`${first}:out->${second}`]);
    await page.screenshot({ path: join(OUTPUT_DIR, 'dropped-beside.png') });
  });

  it('the inspector opens another node at the top of its form', async () => {
    const ticket = await dragFromPalette(page, 'ticket', { x: 300, y: 420 });
    await selectNode(page, ticket);
    const pane = page.locator('.fd-inspector-pane');
    // Down to the last settings of the long Ticket form, as a person scrolls with the wheel.
    await pane.hover();
    await page.mouse.wheel(0, 3000);
    await waitUntil(
      'the inspector to scroll down',
      () => pane.evaluate((el) => el.scrollTop),
      (top) => top > 200,
    );
    const names = await canvasNodeNames(page);
    await selectNode(
      page,
      names.find((n) => n !== ticket && n.startsWith('webService'))!,
    );
    await waitUntil(
      'the new node at the top of the inspector',
      () => pane.evaluate((el) => el.scrollTop),
      (top) => top === 0,
    );
    await expect(page.getByTestId('node-name-input').isVisible()).resolves.toBe(true);
  });

  it("the test bench's headings stay on one line", async () => {
    await newFlow(page);
    copyFileSync(join(FLOWS_DIR, 'servicenow-case-on-call.flow.json'), join(s.workspace, 'case-on-call.flow.json'));
    await page.getByTestId('btn-open').click();
    await page.locator('[data-testid="open-item"][data-path="case-on-call.flow.json"]').click();
    await waitUntil(
      'the flow to be drawn',
      () => canvasNodeNames(page),
      (n) => n.length === 3,
    );
    await fitView(page);
    await showTestBench(page);
    await page.getByTestId('tb-run-all').click();
    await page.getByTestId('tb-summary').waitFor();
    await page.locator('[data-testid^="test-case-"]').first().click();
    await page.getByTestId('tb-case-result').first().waitFor();
    // Each heading's text in line boxes: more than one means its words wrapped.
    const wrapped = await page.getByTestId('test-bench').evaluate((bench) =>
      [...bench.querySelectorAll('th, h2, h3, .fd-group-title, .fd-label, summary')]
        .filter((el) => (el as HTMLElement).offsetParent !== null && el.textContent!.trim() !== '')
        .map((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          // Boxes of one row overlap vertically (a button is taller than the text beside it);
          // a box that starts below the row so far starts a new line.
          let lines = 0;
          let bottom = -Infinity;
          for (const r of [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top)) {
            if (r.top >= bottom - 1) lines++;
            bottom = Math.max(r.top >= bottom - 1 ? r.bottom : bottom, r.bottom);
          }
          return { text: el.textContent!.trim(), lines };
        })
        .filter((h) => h.lines > 1),
    );
    await page.screenshot({ path: readmeShot('test-bench-1440') });
    expect(wrapped).toEqual([]);
  });

  it('after a reload the flow that was open comes back, unsaved edits included', async () => {
    await selectNode(page, 'findContact');
    const label = page.getByLabel('Label', { exact: true });
    await label.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Look the caller up');
    await page.keyboard.press('Enter');
    await waitUntil(
      'the new label on the canvas',
      () => page.getByTestId('node-label-findContact').innerText(),
      (text) => text === 'Look the caller up',
    );
    await page.reload();
    await waitUntil(
      'the flow to be drawn again',
      () => canvasNodeNames(page),
      (n) => n.length === 3,
    );
    expect(await page.getByTestId('node-label-findContact').innerText()).toBe('Look the caller up');
    expect(await page.getByTestId('flow-title').getAttribute('title')).toBe('case-on-call.flow.json');
    // Still unsaved: the edit is not on disk yet.
    await page.getByTestId('dirty-marker').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'reloaded.png') });
  });
});
