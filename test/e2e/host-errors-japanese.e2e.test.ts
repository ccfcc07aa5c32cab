/**
 * Issues 6 and 11 item 5: what the host refuses reaches the Japanese designer as a message code
 * and is worded from the Japanese catalogue. An admin types a credential whose token endpoint
 * lacks https:// (the dialog cannot tell; the host's store refuses it), and saves a flow under
 * a name that leaves the workspace; each time the Japanese sentence is shown, not the host's
 * English one.
 */
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { message } from '../../core/messages/make.js';
import { translate } from '../../renderer/i18n/translate.js';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import { statusText, waitUntil } from './support/ui.js';

const available = chromiumAvailable();
const ja = (key: string) => translate('ja', key);

/** Types into the credentials dialog's field that a person finds by its label. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await page
    .getByRole('dialog', { name: ja('cred.title') })
    .getByLabel(label, { exact: true })
    .click();
  await page.keyboard.type(text);
}

/** Whether the whole of `element` shows inside the dialog's scrolled box and the window. */
async function inSight(dialog: Locator, element: Locator): Promise<boolean> {
  const [box, outer] = await Promise.all([element.boundingBox(), dialog.boundingBox()]);
  const height = element.page().viewportSize()?.height ?? 0;
  if (!box || !outer) return false;
  return box.y >= Math.max(outer.y, 0) && box.y + box.height <= Math.min(outer.y + outer.height, height);
}

describe.skipIf(!available)('host refusals in the Japanese designer', () => {
  const designer = designerPerSuite({ locale: 'ja-JP', width: 1440, height: 900 });
  let page: Page;

  beforeAll(async () => {
    ({ page } = designer);
    await waitUntil(
      'the toolbar in Japanese',
      () => page.getByTestId('btn-export').innerText(),
      (text) => text.includes(ja('toolbar.export')),
    );
  });

  it('words a credential the store refuses (a token endpoint without https://) in Japanese', async () => {
    await page.getByRole('button', { name: ja('toolbar.credentials'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ja('cred.title') });
    await typeInto(page, `${ja('cred.name')} *`, 'genesys-prod');
    await dialog.getByLabel(ja('cred.kind'), { exact: true }).selectOption({ label: ja('credKind.oauth2') });
    await typeInto(page, `${ja('credField.oauth2.tokenUrl')} *`, 'login.mypurecloud.com/oauth/token');
    await typeInto(page, `${ja('credField.oauth2.clientId')} *`, 'client-1');
    await typeInto(page, `${ja('credField.oauth2.clientSecret')} *`, 'e2e-only-secret');
    await dialog.getByRole('button', { name: ja('cred.save') }).click();

    const refusal = message('credential.bad-url', {
      name: 'genesys-prod',
      kind: 'oauth2',
      field: 'tokenUrl',
      value: 'login.mypurecloud.com/oauth/token',
    });
    const shown = await waitUntil(
      'the refusal in the dialog',
      () => dialog.getByRole('alert').innerText(),
      (text) => text.trim() !== '',
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'ja-host-refusal-credential.png') });
    expect(shown.trim()).toBe(formatMessage(refusal, 'ja'));
    expect(shown).toContain('トークンエンドポイント');
    expect(await dialog.innerText()).not.toContain(refusal.message);
    expect(shown).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    // Nothing was stored: the list still says there is none.
    expect(await dialog.innerText()).toContain(ja('cred.empty'));
    // The person is taken to it (and a screen reader reads it).
    expect(await dialog.getByRole('alert').evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('takes the person to a refusal at the foot of a tall form, also after Enter at its top', async () => {
    const dialog = page.getByRole('dialog', { name: ja('cred.title') });
    const alert = dialog.getByRole('alert');
    // The name field sits at the top of the OAuth form, taller than the window: from there the
    // refusal at its foot is out of sight.
    await dialog.getByLabel(`${ja('cred.name')} *`, { exact: true }).click();
    expect(await inSight(dialog, alert)).toBe(false);
    // Enter saves the form, and the store refuses the same endpoint again.
    await page.keyboard.press('Enter');
    await waitUntil(
      'focus on the refusal',
      () => alert.evaluate((el) => el === document.activeElement),
      (focused) => focused,
    );
    expect(await inSight(dialog, alert)).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'ja-credential-refusal-in-sight.png') });
  });

  it('words a save the workspace refuses (a name with ../) in Japanese', async () => {
    const credentials = page.getByRole('dialog', { name: ja('cred.title') });
    if (await credentials.isVisible()) {
      await credentials
        .getByRole('button', { name: ja('common.close'), exact: true })
        .first()
        .click();
    }
    await page.getByRole('button', { name: ja('toolbar.recent.tip') }).click();
    await page.getByRole('menuitem', { name: ja('toolbar.saveAs') }).click();
    const dialog = page.getByRole('dialog', { name: ja('file.saveAsTitle') });
    await dialog.getByRole('textbox').press('Control+A');
    await page.keyboard.type('../outside');
    await page.keyboard.press('Enter');

    const root = resolve(designer.session.workspace);
    const refusal = message('path.dot-dot', { path: '../outside.flow.json', root });
    const shown = await waitUntil(
      'the refused save in the status line',
      () => statusText(page),
      (text) => text.includes(ja('status.saveFailed').split('{')[0]!),
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'ja-host-refusal-path.png') });
    expect(shown).toContain(formatMessage(refusal, 'ja'));
    expect(shown).not.toContain(refusal.message);
    expect(shown.replace(root, '').replace(realpathSync(root), '')).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
  });
});
