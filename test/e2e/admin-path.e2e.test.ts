/**
 * Issue 11, an admin who does not code: what the designer tells them while they build. Each
 * test types and clicks as a person does (keyboard typing, controls found by their labels) in
 * Chromium against `flowdesk designer`.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { designerPerSuite } from './support/suite.js';
import { FLOWS_DIR, OUTPUT_DIR } from './support/paths.js';
import {
  canvasNodeNames,
  connect,
  dragFromPalette,
  fitView,
  newFlow,
  panNodeTo,
  nodeLocator,
  openWorkspaceFlow,
  problems,
  selectNode,
  showProblems,
  waitUntil,
  readmeShot,
} from './support/ui.js';

const available = chromiumAvailable();

/** The labels and group titles shown in `scope` (a required field's "*" left out). */
async function labels(scope: Locator): Promise<string[]> {
  return scope
    .locator('label:visible, legend:visible')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s*\*$/, '').trim()));
}

describe.skipIf(!available)('an admin builds without a wrong turn', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let s: DesignerSession;
  let page: Page;

  beforeAll(() => {
    ({ session: s, page } = designer);
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

  it('the Ticket form shows only what applies to each ticketing system and action, its example and defaults as values', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await panNodeTo(page, trigger, { x: 80, y: 110 });
    const ticket = await dragFromPalette(page, 'ticket', { x: 560, y: 150 });
    await selectNode(page, ticket);
    const inspector = page.getByTestId('inspector');
    // The config form only: the inspector's own node description is another "Description".
    const form = inspector.locator('.fd-config-form');
    const provider = inspector.getByLabel(/^Ticketing system\s*\*?$/);
    const action = inspector.getByLabel(/^Action\s*\*?$/);

    // What each case is about, written from the vendors' APIs (not read from the schema).
    const SETTINGS = [
      'Ticket to update',
      'Subject',
      'Description',
      'Comment',
      'Priority',
      'Tags',
      'Requester',
      'More fields',
      'Table',
      'Return display values',
      'Columns to return',
      'API version',
      'REST request',
    ];
    const record = ['Subject', 'Description', 'Comment', 'Priority', 'More fields'];
    const cases: { provider: string; action: string; shows: string[]; example: string }[] = [
      {
        provider: 'Zendesk',
        action: 'Create a ticket',
        shows: [...record, 'Tags', 'Requester'],
        example: 'https://acme.zendesk.com',
      },
      {
        provider: 'Zendesk',
        action: 'Update a ticket',
        shows: ['Ticket to update', ...record, 'Tags', 'Requester'],
        example: 'https://acme.zendesk.com',
      },
      {
        provider: 'Zendesk',
        action: 'Add tags (Zendesk)',
        shows: ['Ticket to update', 'Tags'],
        example: 'https://acme.zendesk.com',
      },
      {
        provider: 'ServiceNow',
        action: 'Create a ticket',
        shows: ['Table', ...record, 'Return display values', 'Columns to return'],
        example: 'https://acme.service-now.com',
      },
      {
        provider: 'ServiceNow',
        action: 'Update a ticket',
        shows: ['Ticket to update', 'Table', ...record, 'Return display values', 'Columns to return'],
        example: 'https://acme.service-now.com',
      },
      {
        provider: 'Salesforce',
        action: 'Create a ticket',
        shows: ['API version', ...record],
        example: 'https://acme.my.salesforce.com',
      },
      {
        provider: 'Salesforce',
        action: 'Update a ticket',
        shows: ['Ticket to update', 'API version', ...record],
        example: 'https://acme.my.salesforce.com',
      },
      {
        provider: 'Other (REST API)',
        action: 'Create a ticket',
        shows: ['REST request'],
        example: 'https://tickets.example.com',
      },
      {
        provider: 'Other (REST API)',
        action: 'Update a ticket',
        shows: ['Ticket to update', 'REST request'],
        example: 'https://tickets.example.com',
      },
    ];
    const examples = [...new Set(cases.map((c) => c.example))];
    for (const c of cases) {
      const what = `${c.provider} + ${c.action}`;
      // An action the next system lacks (adding tags) goes back to create before the switch.
      if ((await provider.inputValue()) !== c.provider) {
        await action.selectOption({ label: 'Create a ticket' });
        await provider.selectOption({ label: c.provider });
      }
      await action.selectOption({ label: c.action });
      const shown = await waitUntil(
        `the settings of ${what}`,
        async () => (await labels(form)).filter((l) => SETTINGS.includes(l)),
        (l) => [...l].sort().join() === [...c.shows].sort().join(),
        5_000,
      ).catch(async () => {
        throw new Error(`${what} shows ${JSON.stringify((await labels(form)).filter((l) => SETTINGS.includes(l)))}`);
      });
      expect(shown.sort(), what).toEqual([...c.shows].sort());
      // The instance address: this system's example, in the help line and the placeholder.
      const help = await inspector.locator('#root_baseUrl__description').innerText();
      expect(help, `${what} help`).toContain(c.example);
      for (const other of examples.filter((e) => e !== c.example)) expect(help, `${what} help`).not.toContain(other);
      expect(await inspector.getByLabel(/^Instance address/).getAttribute('placeholder')).toBe(c.example);
      // Adding tags on its own is a Zendesk action only.
      const actions = await action.locator('option').allTextContents();
      expect(actions.includes('Add tags (Zendesk)'), `${what} offers add tags`).toBe(c.provider === 'Zendesk');
      if (c.provider === 'ServiceNow') {
        // The default table is a value the admin can read and edit, not a grey placeholder.
        expect(await inspector.getByLabel('Table', { exact: true }).inputValue()).toBe('sn_customerservice_case');
        if (c.action === 'Create a ticket') {
          await inspector.locator('#root_baseUrl').scrollIntoViewIfNeeded();
          // The problems follow the switch too: none still speaks of Zendesk's address or comment.
          const listed = await waitUntil(
            "the problems of ServiceNow's form",
            async () => (await problems(page)).map((p) => p.text),
            // Live validation may list the new system's problems a pass before the old ones go.
            (texts) => texts.some((t) => t.includes('acme.service-now.com')) && !texts.some((t) => /zendesk/i.test(t)),
          );
          expect(
            listed.filter((t) => /zendesk/i.test(t)),
            what,
          ).toEqual([]);
          await page.screenshot({ path: readmeShot('ticket-form-servicenow-create') });
        }
      }
      if (c.provider === 'Salesforce') expect(await inspector.getByLabel('API version').inputValue()).toBe('v60.0');
    }
  });

  it("the Webhook's and Web Service's settings follow the choices, defaults as values", async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await selectNode(page, trigger);
    const inspector = page.getByTestId('inspector');
    const visible = (label: string) => inspector.getByLabel(label, { exact: true }).isVisible();
    const authType = inspector.getByLabel(/^Authentication type\s*\*?$/).first();
    expect(await visible('Token header')).toBe(false);
    expect(await visible('Signature header')).toBe(false);
    await authType.selectOption({ label: 'API token in a header' });
    await inspector.getByLabel('Token header', { exact: true }).waitFor();
    expect(await inspector.getByLabel('Token header', { exact: true }).inputValue()).toBe('X-API-TOKEN');
    expect(await visible('Signature header')).toBe(false);
    await authType.selectOption({ label: 'HMAC signature of the body' });
    await inspector.getByLabel('Signature header', { exact: true }).waitFor();
    expect(await inspector.getByLabel('Signature header', { exact: true }).inputValue()).toBe('X-Signature');
    expect(await visible('Token header')).toBe(false);
    // A sync answer waits: its timeout is there, as a value.
    await inspector.getByLabel(/^Mode\s*\*?$/).selectOption({ label: 'Sync (wait for a Respond node)' });
    const timeout = inspector.getByLabel('Response timeout (ms)', { exact: true });
    await timeout.waitFor();
    expect(await timeout.inputValue()).toBe('10000');
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhook-form-defaults.png') });

    const call = await dragFromPalette(page, 'webService', { x: 560, y: 150 });
    await selectNode(page, call);
    expect(await visible('API key header')).toBe(false);
    await inspector.getByLabel(/^Authentication type\s*\*?$/).selectOption('apiKey');
    await inspector.getByLabel('API key header', { exact: true }).waitFor();
    expect(await inspector.getByLabel('API key header', { exact: true }).inputValue()).toBe('X-API-Key');
    // Only the chosen body type's editor is offered.
    const bodyType = inspector.getByLabel(/^Body type\s*\*?$/);
    const bodyEditors = async () =>
      (await labels(inspector)).filter((l) => ['JSON body', 'Form fields', 'Text body'].includes(l));
    expect(await bodyEditors()).toEqual([]);
    await bodyType.selectOption('text');
    await waitUntil('the text body alone', bodyEditors, (l) => l.join() === 'Text body', 5_000);
    await bodyType.selectOption('form');
    await waitUntil('the form fields alone', bodyEditors, (l) => l.join() === 'Form fields', 5_000);
  });

  it('a node gets a label in free words; its name is derived once and stays when the label changes', async () => {
    await newFlow(page);
    const dropped = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await selectNode(page, dropped);
    const label = page.getByLabel('Label', { exact: true });
    await label.click();
    await page.keyboard.type('Call started');
    await page.keyboard.press('Enter');
    // The name templates use follows the first label, and the canvas shows the label.
    await nodeLocator(page, 'callStarted').waitFor();
    expect(await page.getByTestId('node-label-callStarted').innerText()).toBe('Call started');
    expect(await page.getByTestId('node-name-input').inputValue()).toBe('callStarted');

    // A later label is only a label: the name stays, templates keep working.
    await label.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Incoming call');
    await page.keyboard.press('Enter');
    await waitUntil(
      'the new label on the canvas',
      () => page.getByTestId('node-label-callStarted').innerText(),
      (text) => text === 'Incoming call',
    );
    expect(await canvasNodeNames(page)).toEqual(['callStarted']);

    // Any language: a Japanese label keeps the generated name.
    const lookup = await dragFromPalette(page, 'webService', { x: 560, y: 150 });
    await selectNode(page, lookup);
    await page.getByLabel('Label', { exact: true }).click();
    await page.keyboard.type('連絡先を検索');
    await page.keyboard.press('Enter');
    await waitUntil(
      'the Japanese label on the canvas',
      () => page.getByTestId(`node-label-${lookup}`).innerText(),
      (text) => text === '連絡先を検索',
    );

    // A template mistake is explained in plain words.
    const url = page.getByTestId('inspector').getByLabel(/^URL\s*\*?$/);
    await url.click();
    await page.keyboard.type('https://api.example.com/contacts/{{ trigger.body. }}');
    await page.keyboard.press('Escape');
    await url.blur();
    await showProblems(page);
    const listed = await waitUntil(
      'a plain-words template problem',
      () => problems(page),
      (list) => list.some((p) => p.node === lookup && p.text.includes('a field name is missing after the last dot')),
    );
    expect(listed.find((p) => p.node === lookup && p.text.includes('last dot'))!.text).not.toMatch(/Unexpected end/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'node-labels.png') });
  });

  it('payload paths are offered with sample values: the Webhook field paths, and an unwired Condition says why', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 150 });
    await panNodeTo(page, trigger, { x: 80, y: 110 });
    await selectNode(page, trigger);
    const sampleField = page.getByLabel('Sample payload', { exact: true });
    await sampleField.click();
    await page.keyboard.type('payloads/genesys-eventbridge-customer-end.json');
    await sampleField.blur();

    const inspector = page.getByTestId('inspector');
    await inspector.locator('#root_fields__add').click();
    const path = inspector.locator('#root_fields_0_path');
    await path.click();
    await page.keyboard.type('conversationId');
    const option = page.getByTestId('path-option').filter({ hasText: '$.detail.eventBody.conversationId' });
    await option.waitFor();
    // The sample value is beside it, and hovering shows the whole path with it.
    expect(await option.innerText()).toContain('"2f7bf00a-0fc2-4d6a-9b56-92238191433e"');
    expect(await option.getAttribute('title')).toBe(
      '$.detail.eventBody.conversationId = "2f7bf00a-0fc2-4d6a-9b56-92238191433e"',
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhook-field-path-suggestions.png') });
    await option.click();
    expect(await path.inputValue()).toBe('$.detail.eventBody.conversationId');

    // A Condition not wired yet offers the trigger's paths and says why there is nothing more.
    const cond = await dragFromPalette(page, 'condition', { x: 560, y: 320 });
    await selectNode(page, cond);
    await inspector.getByRole('button', { name: 'Add' }).click();
    const left = page.getByLabel('Value to check').first();
    await left.click();
    await page.keyboard.type('eventBody.conv');
    await page.getByTestId('path-hint').waitFor();
    expect(await page.getByTestId('path-hint').innerText()).toContain('not connected yet');
    await page
      .getByTestId('path-option')
      .filter({ hasText: 'trigger.body.detail.eventBody.conversationId' })
      .first()
      .waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'condition-unwired-suggestions.png') });
    await page.keyboard.press('Enter');
    expect(await left.inputValue()).toBe('trigger.body.detail.eventBody.conversationId');
  });
});
