/**
 * Issue 11, an admin who does not code: what the designer tells them while they build. Each
 * test types and clicks as a person does (keyboard typing, controls found by their labels) in
 * Chromium against `flowdesk designer`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { FLOWS_DIR, OUTPUT_DIR } from './support/paths.js';
import {
  canvasNodeNames,
  connect,
  dragFromPalette,
  failureShot,
  fitView,
  newFlow,
  panNodeTo,
  nodeLocator,
  problems,
  selectNode,
  showProblems,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** Opens a flow file of the workspace with the toolbar's Open. */
async function openWorkspaceFlow(page: Page, rel: string, nodeCount: number): Promise<void> {
  await page.getByTestId('btn-open').click();
  const dialog = page.getByTestId('open-dialog');
  await dialog.waitFor();
  await dialog.locator(`[data-testid="open-item"][data-path="${rel}"]`).click();
  await waitUntil(
    `${rel} to be drawn`,
    () => canvasNodeNames(page),
    (n) => n.length === nodeCount,
  );
}

describe.skipIf(!available)('an admin builds without a wrong turn', () => {
  let s: DesignerSession;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    s = await startDesigner({ width: 1440, height: 900 });
    page = s.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });

  afterAll(async () => {
    if (s?.errors.length) console.warn(`[e2e] browser/server errors:\n${s.errors.join('\n')}`);
    await s?.close();
  });

  it('deleting the Web Service that maps vars.contactSysId flags the Condition and the Ticket that use it', async () => {
    copyFileSync(join(FLOWS_DIR, 'servicenow-case-on-call.flow.json'), join(s.workspace, 'case-on-call.flow.json'));
    await openWorkspaceFlow(page, 'case-on-call.flow.json', 3);
    await fitView(page);

    // A Condition after the lookup that checks the contact was found, typed in as a person does.
    const cond = await dragFromPalette(page, 'condition', { x: 700, y: 420 });
    await connect(page, 'findContact', 'success', cond);
    await selectNode(page, cond);
    await page.getByTestId('inspector').getByRole('button', { name: 'Add' }).click();
    const left = page.getByLabel('Value to check').first();
    await left.click();
    await left.pressSequentially('vars.contactSysId');
    await page.keyboard.press('Escape');
    await left.blur();
    await showProblems(page);
    await page.getByTestId('problems').waitFor();
    expect((await problems(page)).filter((p) => p.text.includes('vars.contactSysId'))).toEqual([]);

    // Delete the lookup: both users of its variable now say what is missing.
    await selectNode(page, 'findContact');
    await page.keyboard.press('Delete');
    await waitUntil(
      'findContact to be deleted',
      () => canvasNodeNames(page),
      (names) => !names.includes('findContact'),
    );
    const listed = await waitUntil(
      'the Condition and the Ticket flagged for vars.contactSysId',
      () => problems(page),
      (list) =>
        [cond, 'createCase'].every((node) =>
          list.some((p) => p.node === node && p.severity === 'error' && p.text.includes('vars.contactSysId')),
        ),
    );
    const ticket = listed.find((p) => p.node === 'createCase' && p.text.includes('vars.contactSysId'))!;
    expect(ticket.text).toContain("no node puts a field named 'contactSysId' into vars");
    await page.locator(`[data-testid="node-error-${cond}"].is-error`).waitFor();
    expect(await nodeLocator(page, 'createCase').count()).toBe(1);
    await page.screenshot({ path: join(OUTPUT_DIR, 'vars-producer-deleted.png') });
  });

  it('the Ticket form shows only what applies to the ticketing system and action, defaults as values', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await panNodeTo(page, trigger, { x: 80, y: 110 });
    const ticket = await dragFromPalette(page, 'ticket', { x: 560, y: 150 });
    await selectNode(page, ticket);
    const inspector = page.getByTestId('inspector');
    const labels = async () =>
      inspector
        .locator('label:visible, legend:visible')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s*\*$/, '').trim()));

    // Zendesk + create (a new node): requester and tags, no ticket to update, no ServiceNow table.
    const zendesk = await labels();
    expect(zendesk).toEqual(expect.arrayContaining(['Requester', 'Tags']));
    expect(zendesk).not.toContain('Ticket to update');
    expect(zendesk).not.toContain('Table');
    expect(await page.getByLabel('Instance address').getAttribute('placeholder')).toBe('https://acme.zendesk.com');

    await page.getByLabel('Ticketing system').selectOption({ label: 'ServiceNow' });
    await waitUntil('the ServiceNow settings', labels, (l) => l.includes('Table'));
    const servicenow = await labels();
    for (const gone of ['Ticket to update', 'Requester', 'Tags', 'API version'])
      expect(servicenow, `${gone} does not apply to ServiceNow + create`).not.toContain(gone);
    // The default table is a value the admin can read and edit, not a grey placeholder.
    expect(await page.getByLabel('Table', { exact: true }).inputValue()).toBe('sn_customerservice_case');
    expect(await page.getByLabel('Instance address').getAttribute('placeholder')).toBe('https://acme.service-now.com');
    await page.screenshot({ path: join(OUTPUT_DIR, 'ticket-form-servicenow-create.png') });

    await inspector.getByLabel(/^Action\s*\*?$/).selectOption({ label: 'Update a ticket' });
    await waitUntil('the ticket to update', labels, (l) => l.includes('Ticket to update'));

    await page.getByLabel('Ticketing system').selectOption({ label: 'Salesforce' });
    await waitUntil('the Salesforce settings', labels, (l) => l.includes('API version'));
    expect(await labels()).not.toContain('Table');
    expect(await page.getByLabel('API version').inputValue()).toBe('v60.0');
    expect(await page.getByLabel('Instance address').getAttribute('placeholder')).toBe(
      'https://acme.my.salesforce.com',
    );
  });
});
