/**
 * Issue 11 item 2: a second edge from one output. Drawing True → a second Ticket while True →
 * a first Ticket exists says that both will run, the canvas marks the output and both edges,
 * and the Problems panel warns that one event would create two records. Removing the second
 * edge takes the marks and the warning away.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { typeNodeName } from './support/keyboard.js';
import { OUTPUT_DIR } from './support/paths.js';
import {
  connect,
  dragFromPalette,
  failureShot,
  newFlow,
  panNodeTo,
  problems,
  showProblems,
  statusText,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

async function fanoutEdges(page: Page): Promise<number> {
  return page.locator('.react-flow__edge.is-fanout').count();
}

describe.skipIf(!available)('a second edge from one output', () => {
  let s: DesignerSession;
  let page: Page;

  beforeAll(async () => {
    s = await startDesigner({ width: 1440, height: 900 });
    page = s.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('says both branches run, marks the output and its edges, and warns that two records are created', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 160, y: 120 });
    await panNodeTo(page, trigger, { x: 20, y: 60 });
    const condition = await dragFromPalette(page, 'condition', { x: 390, y: 130 });
    await typeNodeName(page, condition, 'isUnhappy');
    const first = await dragFromPalette(page, 'ticket', { x: 660, y: 110 });
    await typeNodeName(page, first, 'openCase');
    const second = await dragFromPalette(page, 'ticket', { x: 660, y: 330 });
    await typeNodeName(page, second, 'openFollowUp');
    await connect(page, trigger, 'out', 'isUnhappy');
    await connect(page, 'isUnhappy', 'true', 'openCase');
    expect(await page.getByTestId('fanout-isUnhappy-true').count()).toBe(0);
    expect(await fanoutEdges(page)).toBe(0);

    await connect(page, 'isUnhappy', 'true', 'openFollowUp');
    // Said as it is drawn…
    expect(await statusText(page)).toMatch(/“isUnhappy” True now leads to 2 steps: all of them run/);
    // …shown on the canvas…
    const badge = page.getByTestId('fanout-isUnhappy-true');
    await badge.waitFor();
    expect(await badge.innerText()).toBe('2');
    expect(await badge.getAttribute('title')).toBe('True leads to 2 steps: all of them run');
    expect(await fanoutEdges(page)).toBe(2);
    // …and flagged where both branches create a record.
    await showProblems(page);
    const listed = await waitUntil(
      'the branch warning in the problems panel',
      () => problems(page),
      (list) => list.some((p) => p.text.includes('each create a record')),
    );
    const warning = listed.find((p) => p.text.includes('each create a record'))!;
    expect(warning).toMatchObject({ node: 'isUnhappy', severity: 'warning' });
    expect(warning.text).toContain("Ticket 'openCase' and Ticket 'openFollowUp' each create a record");
    await page.screenshot({ path: join(OUTPUT_DIR, 'branches-both-run.png') });

    // Deleting the second edge (click it, press Delete) takes the marks and the warning away.
    await page
      .locator('.react-flow__edge.is-fanout')
      .last()
      .locator('.react-flow__edge-interaction')
      .click({ force: true });
    await page.keyboard.press('Delete');
    await waitUntil(
      'the marks to go',
      () => fanoutEdges(page),
      (n) => n === 0,
    );
    expect(await badge.count()).toBe(0);
    await waitUntil(
      'the warning to go',
      () => problems(page),
      (list) => !list.some((p) => p.text.includes('each create a record')),
    );
  });
});
