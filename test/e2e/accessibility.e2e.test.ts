/**
 * Issue 11 item 12: axe-core (WCAG 2.1 A/AA rules, plus the landmark and heading rules) finds
 * no critical or serious violation on any screen of the designer: empty, a flow open, the
 * inspector on a node, the test bench, the credentials dialog, and the Japanese UI. The
 * keyboard still reaches the palette, the dock tabs and the canvas.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as violations } from './support/axe.js';
import { chromiumAvailable } from './support/chromium.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { FLOWS_DIR, OUTPUT_DIR } from './support/paths.js';
import { canvasNodeNames, failureShot, selectNode, showTestBench, waitUntil } from './support/ui.js';

const available = chromiumAvailable();
const SCREENSHOTS = OUTPUT_DIR;
const REFERENCE = 'qualtrics-genesys-post-interaction.flow.json';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `a11y-${name}.png`) });
}

describe.skipIf(!available)('accessibility of every screen (axe)', () => {
  let s: DesignerSession;
  let page: Page;

  beforeAll(async () => {
    s = await startDesigner({ width: 1440, height: 900 });
    page = s.page;
    copyFileSync(join(FLOWS_DIR, REFERENCE), join(s.workspace, REFERENCE));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('the empty designer', async () => {
    expect(await violations(page)).toEqual([]);
  });

  it('a flow open on the canvas', async () => {
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('dialog').getByText(REFERENCE).first().click();
    await waitUntil(
      'the reference flow on the canvas',
      () => canvasNodeNames(page),
      (names) => names.length > 5,
    );
    await shot(page, 'flow-open');
    expect(await violations(page)).toEqual([]);
  });

  it('the inspector on a node', async () => {
    const [first] = await canvasNodeNames(page);
    await selectNode(page, first!);
    expect(await violations(page)).toEqual([]);
  });

  it('the test bench after a run', async () => {
    await showTestBench(page);
    await page.getByRole('button', { name: 'Run all' }).click();
    await page.getByTestId('tb-report').waitFor();
    await shot(page, 'test-bench');
    expect(await violations(page)).toEqual([]);
  });

  it('the credentials dialog', async () => {
    await page.getByRole('button', { name: 'Credentials' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'credentials');
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('the Japanese UI', async () => {
    await page.getByRole('button', { name: '日本語' }).click();
    await page.locator('html[lang="ja"]').waitFor();
    await shot(page, 'japanese');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
  });

  it('keeps keyboard navigation: Tab reaches the palette, the dock tabs and the canvas nodes', async () => {
    const reached = new Set<string>();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const what = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        if (el.closest('.fd-palette-item')) return 'palette';
        if (el.getAttribute('role') === 'tab') return 'tab';
        if (el.classList.contains('react-flow__node')) return 'node';
        return '';
      });
      if (what) reached.add(what);
    }
    expect([...reached].sort()).toEqual(['node', 'palette', 'tab']);
  });
});
