/**
 * Issue 11, closing test: in the Japanese UI, an admin builds from an empty canvas a flow that
 * is not one of the reference flows (a Genesys customer-end event → look up the contact → a
 * condition → a ticket on each branch, one after a Code task) by typing and clicking, adds a
 * test case in the test bench, runs it, exports the flow, and `flowdesk test` runs the export
 * copied out of the workspace (issue 11 item 4); the Open dialog then tells the export copy
 * from the working file of the same name.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorFor } from '../../nodes/registry.editor.js';
import { translate } from '../../renderer/i18n/translate.js';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { designerPerSuite } from './support/suite.js';
import { OUTPUT_DIR, REPO_ROOT } from './support/paths.js';
import {
  canvasEdges,
  canvasNodeNames,
  clickEmptyCanvas,
  connect,
  dragFromPalette,
  fitView,
  nodeLocator,
  pressExport,
  problems,
  selectNode,
  showTestBench,
  waitForViewportStill,
  waitUntil,
  readmeShot,
} from './support/ui.js';

const available = chromiumAvailable();
const ja = (key: string) => translate('ja', key);

/** The Japanese title of a node type's field; a field without one would show English. */
function jaTitle(type: string, pointer: string): string {
  const title = editorFor(type)?.fieldTexts?.ja?.[pointer]?.title;
  if (!title) throw new Error(`${type} has no Japanese title for ${pointer}`);
  return title;
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!available)('an admin builds a new flow in Japanese, by typing', () => {
  const designer = designerPerSuite({ locale: 'ja-JP', width: 1440, height: 900 });
  let s: DesignerSession;
  let page: Page;
  let exportedPath = '';
  let elsewhere = '';

  /**
   * A field of the inspector found by the Japanese label a person reads (a required one ends in
   * "*"): the title the node type's folder gives the field at `pointer` in Japanese.
   */
  const field = (type: string, pointer: string): Locator =>
    page.getByTestId('inspector').getByLabel(new RegExp(`^${escape(jaTitle(type, pointer))}\\s*\\*?$`));

  async function typeInto(target: Locator, text: string): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
    // A path list may be open: Escape closes it without leaving the field.
    if (
      await page
        .getByTestId('path-options')
        .isVisible()
        .catch(() => false)
    )
      await page.keyboard.press('Escape');
    await target.blur();
  }

  /**
   * Drops a node and gives it a label in Japanese, as the admin reads it on the canvas; a label
   * without Latin letters names nothing, so the admin types the name templates use too.
   */
  async function place(type: string, at: { x: number; y: number }, label: string, name: string): Promise<void> {
    const dropped = await dragFromPalette(page, type, at);
    await selectNode(page, dropped);
    await typeInto(page.getByLabel(ja('inspector.nodeLabel'), { exact: true }), label);
    // The node's own name field heads the inspector (a Ticket's form has a "name" field too).
    const nameField = page.getByTestId('inspector').getByLabel(ja('inspector.name'), { exact: true }).first();
    expect(await nameField.inputValue()).toBe(dropped);
    await nameField.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await nodeLocator(page, name).waitFor();
    expect(await nodeLocator(page, name).innerText()).toContain(label);
  }

  async function addRow(type: string, pointer: string): Promise<void> {
    const group = page
      .getByTestId('inspector')
      .locator('fieldset', { has: page.getByText(jaTitle(type, pointer), { exact: true }) })
      .last();
    await group.getByRole('button', { name: ja('form.addItem') }).click();
  }

  async function typeJson(testId: string, text: string): Promise<void> {
    const container = page.getByTestId(testId);
    await container.scrollIntoViewIfNeeded();
    const area = page.getByTestId(`${testId}-text`);
    if (!(await area.isVisible().catch(() => false))) await container.getByTestId('plain-text-toggle').first().click();
    await typeInto(area, text);
  }

  beforeAll(() => {
    ({ session: s, page } = designer);
  });

  afterAll(async () => {
    if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
  });

  it('starts from an empty canvas, in Japanese', async () => {
    expect(await canvasNodeNames(page)).toEqual([]);
    expect(await page.getByTestId('btn-export').innerText()).toContain(ja('toolbar.export'));
  });

  it('the webhook on a Genesys customer-end event, its conversation id picked from the sample', async () => {
    await place('webhookTrigger', { x: 140, y: 120 }, '通話終了', 'customerEnded');
    await typeInto(field('webhookTrigger', '/samplePayload'), 'payloads/genesys-eventbridge-customer-end.json');
    await addRow('webhookTrigger', '/fields');
    await typeInto(field('webhookTrigger', '/fields/*/name'), 'conversationId');
    const path = field('webhookTrigger', '/fields/*/path');
    await path.click();
    await page.keyboard.type('conversationId');
    await page.getByTestId('path-option').filter({ hasText: '$.detail.eventBody.conversationId' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await path.inputValue()).toBe('$.detail.eventBody.conversationId');
    await path.blur();
  });

  it('looks up the contact', async () => {
    await place('webService', { x: 460, y: 120 }, '連絡先を検索', 'lookUpContact');
    await typeInto(
      field('webService', '/url'),
      'https://crm.example.com/api/contacts?conversation={{ vars.conversationId }}',
    );
    await addRow('webService', '/mapping');
    await typeInto(field('webService', '/mapping/*/path'), '$.id');
    await typeInto(field('webService', '/mapping/*/field'), 'contactId');
  });

  it('decides on whether the caller is known', async () => {
    await place('condition', { x: 780, y: 120 }, '既知の発信者か', 'knownCaller');
    await addRow('condition', '/rules');
    await typeInto(field('condition', '/rules/*/left'), 'vars.contactId');
    await field('condition', '/rules/*/operator').selectOption({ label: '空でない' });
  });

  it('a ticket on each branch, the new-caller one after a Code task', async () => {
    await place('ticket', { x: 600, y: 300 }, '連絡先にメモ', 'noteOnContact');
    await field('ticket', '/provider').selectOption({ label: 'その他（REST API）' });
    await field('ticket', '/rest/method').selectOption('POST');
    await typeInto(field('ticket', '/rest/url'), 'https://tickets.example.com/api/notes');
    await typeInto(field('ticket', '/rest/idPath'), '$.id');

    await place('code', { x: 140, y: 400 }, 'チケットを準備', 'prepareTicket');
    await place('ticket', { x: 380, y: 430 }, '新規発信者のチケット', 'newCallerTicket');
    await field('ticket', '/provider').selectOption({ label: 'その他（REST API）' });
    await field('ticket', '/rest/method').selectOption('POST');
    await typeInto(field('ticket', '/rest/url'), 'https://tickets.example.com/api/tickets');
    await typeInto(field('ticket', '/rest/idPath'), '$.id');
  });

  it('wires the ports', async () => {
    // Tidy up lays the nodes out side by side, then the whole flow is brought into view.
    await page.getByTestId('btn-layout').click();
    await waitForViewportStill(page);
    await fitView(page);
    await connect(page, 'customerEnded', 'out', 'lookUpContact');
    await connect(page, 'lookUpContact', 'success', 'knownCaller');
    await connect(page, 'knownCaller', 'true', 'noteOnContact');
    await connect(page, 'knownCaller', 'false', 'prepareTicket');
    await connect(page, 'prepareTicket', 'success', 'newCallerTicket');
    expect((await canvasEdges(page)).length).toBe(5);
    await clickEmptyCanvas(page);
    await typeInto(page.getByTestId('flow-name-input'), '通話終了で連絡先を確認してチケット');
    await page.screenshot({ path: join(OUTPUT_DIR, 'ja-built-flow.png') });
  });

  it('adds a test case in the test bench and runs it: it passes', async () => {
    await showTestBench(page);
    await page.getByTestId('tb-add-case').click();
    await typeInto(page.getByTestId('tb-case-name'), 'known caller');
    await page
      .getByTestId('tb-case-name')
      .press('Enter')
      .catch(() => undefined);
    await page.getByTestId('tb-sample').selectOption('genesys-eventbridge-customer-end.json');
    await typeJson('tb-response-lookUpContact', '[{ "status": 200, "body": { "id": "c-42" } }]');
    await typeJson('tb-response-noteOnContact', '[{ "status": 201, "body": { "id": "n-1" } }]');
    await typeInto(page.getByTestId('tb-expect-path'), 'customerEnded, lookUpContact, knownCaller, noteOnContact');
    await page.getByTestId('tb-run-all').click();
    const summary = await waitUntil(
      'the test bench summary',
      () =>
        page
          .getByTestId('tb-summary')
          .innerText()
          .catch(() => ''),
      (text) => text !== '',
      60_000,
    );
    await page.screenshot({ path: readmeShot('ja-built-flow-test-bench') });
    // "1 passed, 0 failed (… ms)" in Japanese: the summary up to its duration.
    const passedOne = translate('ja', 'tb.summary', { passed: 1, failed: 0 }).split('{ms}')[0]!;
    expect(summary.startsWith(passedOne), `summary: ${summary}`).toBe(true);
    expect(await page.locator('[data-testid="tb-case-result"]').first().innerText()).toContain('✓');
  });

  it('exports the flow, and `flowdesk test` passes on the export copied out of the workspace', async () => {
    const result = await pressExport(page);
    if (!result.ok) {
      const listed = await problems(page);
      throw new Error(
        `Export refused: ${result.text}\n${result.details.join('\n')}\n${listed.map((p) => p.text).join('\n')}`,
      );
    }
    const files = readdirSync(join(s.workspace, 'export')).filter((f) => f.endsWith('.flow.json'));
    expect(files).toHaveLength(1);
    // The export is named after the flow as typed, in Japanese, not a generic "flow.flow.json".
    expect(files[0]).toBe('通話終了で連絡先を確認してチケット.flow.json');
    exportedPath = join(s.workspace, 'export', files[0]!);
    // The export folder carries what its tests read: copied anywhere, they still run.
    elsewhere = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-copied-export-'));
    cpSync(join(s.workspace, 'export'), elsewhere, { recursive: true });
    const run = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'flowdesk.js'), 'test', join(elsewhere, files[0]!)],
      {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 120_000,
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, `flowdesk test exited ${run.status}:\n${output}`).toBe(0);
    expect(output).toContain('1 passed');
  });

  it('the Open dialog tells the export copy from the working file of the same name', async () => {
    await page.getByTestId('btn-save').click();
    const saveAs = page.getByTestId('save-as-dialog');
    await saveAs.waitFor();
    await page.getByTestId('file-dialog-ok').click();
    await saveAs.waitFor({ state: 'hidden' });
    await page.getByTestId('btn-open').click();
    const dialog = page.getByTestId('open-dialog');
    await dialog.waitFor();
    const paths = await dialog
      .getByTestId('open-item')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-path') ?? ''));
    const copy = `export/${basename(exportedPath)}`;
    const working = paths.find((p) => p !== copy && basename(p) === basename(copy));
    expect(working, `a working file named like ${copy} in ${JSON.stringify(paths)}`).toBeDefined();
    // The file to edit comes first; the copy says what it is.
    expect(paths.indexOf(working!)).toBeLessThan(paths.indexOf(copy));
    const item = (path: string) => dialog.locator(`[data-testid="open-item"][data-path="${path}"]`);
    expect(await item(copy).innerText()).toContain(ja('file.exported'));
    expect(await item(working!).innerText()).not.toContain(ja('file.exported'));
    await page.screenshot({ path: readmeShot('ja-open-dialog') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
