/**
 * Issue 11 item 1: what a person types with the keyboard into the code and JSON editors is
 * what gets saved — spaces and repeated letters included — in every kind of editor: the Code
 * task, a node's JSON field (the webhook's input schema), and the test bench's trigger
 * headers, recorded responses and expectations. Typed key by key (Monaco's EditContext input
 * in current Chromium, the same engine as the Electron window), saved with the toolbar, and
 * read back from the file on disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { translate } from '../../renderer/i18n/translate.js';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { designerPerSuite } from './support/suite.js';
import {
  dragFromPalette,
  failureShot,
  fillField,
  renameSelected,
  selectNode,
  showTestBench,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();
const en = (key: string) => translate('en', key);

/** Clicks into the Monaco editor inside `container`, clears it and types `text` key by key. */
async function typeIntoEditor(page: Page, container: Locator, text: string): Promise<void> {
  await container.scrollIntoViewIfNeeded();
  await container.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Line by line: Enter is a key press like any other, but Monaco indents after it by itself.
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      // Drop the auto-indent so the stored text is exactly what is asserted.
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Delete');
    }
    await page.keyboard.type(line);
  }
  // Leave the editor (closes a completion list that may have opened).
  await page.keyboard.press('Escape');
}

/** The JSON editor under the field labelled `label` in the test bench. */
function editorLabelled(page: Page, label: string): Locator {
  return page
    .getByTestId('tb-case-editor')
    .locator('.fd-field', { has: page.locator('label.fd-label', { hasText: label }) })
    .locator('.fd-monaco');
}

async function saveAndRead(page: Page, s: DesignerSession, name: string): Promise<FlowFile> {
  await page.getByTestId('btn-save').click();
  const dialog = page.getByTestId('save-as-dialog');
  if (await dialog.isVisible().catch(() => false)) {
    const input = dialog.getByTestId('save-as-name');
    await input.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }
  await waitUntil(
    'the flow to be saved (no unsaved marker)',
    () => page.getByTestId('dirty-marker').count(),
    (n) => n === 0,
  );
  return JSON.parse(readFileSync(join(s.workspace, name), 'utf8')) as FlowFile;
}

describe.skipIf(!available)('typing in the code and JSON editors', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let s: DesignerSession;
  let page: Page;

  beforeAll(() => {
    ({ session: s, page } = designer);
  });

  it('keeps every typed space and repeated letter in each editor, as saved to the file', async () => {
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 160, y: 140 });
    const schemaText = '{"type": "object", "description": "hello world, aabbccdd  ooo"}';
    await typeIntoEditor(page, page.getByTestId('json-_inputSchema'), schemaText);

    const call = await dragFromPalette(page, 'webService', { x: 480, y: 140 });
    await renameSelected(page, call, 'lookUp');
    await fillField(page, '#root_url', 'https://api.example.com/contacts');

    const code = await dragFromPalette(page, 'code', { x: 480, y: 380 });
    const source = "// hello world\nconst aabb = 'bookkeeper  committee';\nreturn { aabb };";
    await typeIntoEditor(page, page.getByTestId('code-_source'), source);
    await page.screenshot({ path: failureShot('typed-code-editor') });

    await showTestBench(page);
    await page.getByTestId('tb-add-case').click();
    await page.getByTestId('tb-case-editor').waitFor();
    const headersText = '{"x-token": "hello world aabb"}';
    await typeIntoEditor(page, editorLabelled(page, en('tb.headers')), headersText);
    const responseText = '[{"status": 200, "body": {"name": "Ann  Lee", "note": "sheep  wool"}}]';
    await typeIntoEditor(page, editorLabelled(page, 'lookUp'), responseText);
    const expectText = '{"error": "a  bb ccc"}';
    await typeIntoEditor(page, editorLabelled(page, en('tb.expectJson')), expectText);

    const saved = await saveAndRead(page, s, 'typed.flow.json');
    const byName = (name: string) => saved.nodes.find((n) => n.name === name)!;
    expect(byName(trigger).config.inputSchema).toEqual(JSON.parse(schemaText));
    expect(byName(code).config.source).toBe(source);
    const test = saved.tests?.[0];
    expect(test?.trigger.headers).toEqual(JSON.parse(headersText));
    expect(test?.responses?.lookUp).toEqual(JSON.parse(responseText));
    expect(test?.expect).toEqual(JSON.parse(expectText));

    // The Code task shows the same text when it is opened again.
    await selectNode(page, code);
    await expect
      .poll(() => page.getByTestId('code-_source').locator('.view-lines').innerText())
      .toContain('bookkeeper');
  });
});
