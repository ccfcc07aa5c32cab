/**
 * Issue 10, webhook inputs in the designer: an admin sees the Webhook trigger's new settings
 * (event format, JSON text fields, a field's source, the HMAC's hash) in English and Japanese,
 * and a header row with a bad name is reported in the UI's language.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { inspectorField, typeInto } from './support/keyboard.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import { dragFromPalette, newFlow, problems, selectNode, showProblems, waitUntil } from './support/ui.js';

const available = chromiumAvailable();

interface Words {
  authType: string;
  hmac: string;
  hash: string;
  eventFormat: string;
  eventBridge: string;
  jsonFields: string;
  bodyField: string;
  fields: string;
  add: RegExp;
  fieldName: string;
  from: string;
  header: string;
  path: string;
  badHeader: RegExp;
}

const EN: Words = {
  authType: 'Authentication type',
  hmac: 'HMAC signature of the body',
  hash: 'Hash',
  eventFormat: 'Event format',
  eventBridge: 'Genesys Cloud event (EventBridge)',
  jsonFields: 'JSON text fields',
  bodyField: 'Body field',
  fields: 'Fields',
  add: /Add/,
  fieldName: 'Field name',
  from: 'From',
  header: 'Header',
  path: 'JSONPath',
  badHeader: /'X Request' is not a header name/,
};

const JA: Words = {
  authType: '認証方式',
  hmac: 'ボディの HMAC 署名',
  hash: 'ハッシュ',
  eventFormat: 'イベントの形式',
  eventBridge: 'Genesys Cloud のイベント（EventBridge）',
  jsonFields: 'JSON 文字列の項目',
  bodyField: '本文の項目',
  fields: '項目',
  add: /追加/,
  fieldName: '項目名',
  from: '取り出し元',
  header: 'ヘッダー',
  path: 'JSONPath',
  badHeader: /「X Request」はヘッダー名ではありません/,
};

/** Drops a Webhook trigger and sets the new settings through the inspector, as an admin would. */
async function setUpInputs(page: Page, w: Words, shot: string): Promise<void> {
  await newFlow(page);
  const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 200, y: 160 });
  await selectNode(page, trigger);
  const inspector = page.getByTestId('inspector');

  await inspectorField(page, w.authType).selectOption({ label: w.hmac });
  const hash = inspectorField(page, w.hash);
  await hash.waitFor();
  expect(await hash.locator('option:checked').innerText()).toBe('SHA-256');

  await inspectorField(page, w.eventFormat).selectOption({ label: w.eventBridge });

  const jsonFields = inspector.getByRole('group', { name: w.jsonFields, exact: true });
  await jsonFields.getByRole('button', { name: w.add }).click();
  await typeInto(page, jsonFields.getByLabel(new RegExp(`^${w.bodyField}`)), 'TaskAttributes');

  const fields = inspector.getByRole('group', { name: w.fields, exact: true });
  await fields.getByRole('button', { name: w.add }).click();
  await typeInto(page, fields.getByLabel(new RegExp(`^${w.fieldName}`)), 'requestId');
  const from = fields.getByLabel(w.from);
  await from.selectOption({ label: w.header });
  await typeInto(page, fields.getByLabel(new RegExp(`^${w.path}`)).first(), 'X Request');

  await showProblems(page);
  const found = await waitUntil(
    'the bad header name in the problems panel',
    () => problems(page),
    (list) => list.some((p) => w.badHeader.test(p.text)),
  );
  expect(found.some((p) => w.badHeader.test(p.text))).toBe(true);
  await jsonFields.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUTPUT_DIR, shot) });
}

describe.skipIf(!available)('Webhook inputs in the inspector (English)', () => {
  const d = designerPerSuite({ width: 1440, height: 900 });
  it('shows event format, JSON text fields, a field source and the HMAC hash', async () => {
    await setUpInputs(d.page, EN, 'webhook-inputs-en.png');
  });
});

describe.skipIf(!available)('Webhook inputs in the inspector (Japanese)', () => {
  const d = designerPerSuite({ width: 1440, height: 900, locale: 'ja-JP' });
  it('shows the same settings and problem in Japanese', async () => {
    await setUpInputs(d.page, JA, 'webhook-inputs-ja.png');
  });
});
