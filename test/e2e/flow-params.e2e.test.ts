/**
 * Issue 9's flow parameters in the designer: an admin declares a parameter in Flow settings
 * by typing, uses it as `params.region` in a Condition (offered by completion, not reported as
 * unknown), and a test case that sets its own value takes the branch the default would not.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import {
  clickEmptyCanvas,
  connect,
  dragFromPalette,
  fillPlainText,
  newFlow,
  problems,
  selectNode,
  showProblems,
  showTestBench,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** A field's label as the form shows it: the words, and a `*` on required fields. */
const labelled = (words: string) => new RegExp(`^${words}\\s*\\*?$`);

/** Clicks a field found by its label and types into it as a person does, then Enter. */
async function typeAndEnter(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByTestId('inspector').getByLabel(labelled(label)).first();
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe.skipIf(!available)('flow parameters in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;
  beforeAll(() => {
    ({ page } = designer);
  });

  it('declares a parameter, uses it in a Condition, and a test case overrides its default', async () => {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 130, y: 200 });
    const decide = await dragFromPalette(page, 'condition', { x: 420, y: 200 });
    const onJapan = await dragFromPalette(page, 'code', { x: 700, y: 120 });
    await connect(page, trigger, 'out', decide);
    await connect(page, decide, 'true', onJapan);

    // Flow settings (nothing selected): the parameter, typed in.
    await clickEmptyCanvas(page);
    const settings = page.getByTestId('flow-params');
    await settings.waitFor();
    await typeAndEnter(page, 'New parameter name', 'region');
    const row = settings.locator('[data-testid="flow-param-row"][data-param="region"]');
    await row.waitFor();
    await typeAndEnter(page, 'Default value', 'mypurecloud.com');
    await typeAndEnter(page, 'Allowed values', 'mypurecloud.com, mypurecloud.jp');
    expect(await row.getByTestId('flow-param-default').inputValue()).toBe('mypurecloud.com');
    // A name params.x cannot have is refused, saying why.
    await typeAndEnter(page, 'New parameter name', '9lives');
    expect(await settings.getByRole('alert').innerText()).toMatch(/starts with a letter/);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'flow-params-settings.png') });

    // The Condition reads it; completion offers params.region.
    await selectNode(page, decide);
    const inspector = page.getByTestId('inspector');
    await inspector.locator('#root_rules__add').click();
    const left = inspector.getByLabel(labelled('Value to check')).first();
    await left.click();
    await page.keyboard.type('params.re');
    const offered = page.locator('.fd-paths [role="option"]', { hasText: 'params.region' }).first();
    await offered.waitFor();
    await page.keyboard.type('gion');
    await page.keyboard.press('Escape');
    await inspector.getByLabel(labelled('Operator')).first().selectOption({ label: 'equals' });
    const right = inspector.getByLabel(labelled('Compare with')).first();
    await right.click();
    await page.keyboard.type('mypurecloud.jp');
    await page.keyboard.press('Escape');
    await right.blur();
    expect(await left.inputValue()).toBe('params.region');

    await showProblems(page);
    await waitUntil(
      'no problem on the condition (params.region is declared)',
      async () => (await problems(page)).filter((p) => p.node === decide),
      (mine) => mine.length === 0,
    );

    // Two cases: the default takes False (the Code step does not run); the Japanese org's
    // value, set in the case, takes True.
    await showTestBench(page);
    const addCase = async (name: string, params: string | undefined, path: string[]) => {
      await page.getByTestId('tb-add-case').click();
      const caseName = page.getByTestId('tb-case-name');
      await caseName.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await page.getByTestId(`test-case-${name}`).waitFor();
      await fillPlainText(page, 'tb-payload', '{}');
      if (params) await fillPlainText(page, 'tb-params', params);
      await fillPlainText(page, 'tb-expect', JSON.stringify({ path }));
    };
    await addCase('default region', undefined, [trigger, decide]);
    await addCase('japan org', '{ "region": "mypurecloud.jp" }', [trigger, decide, onJapan]);
    await page.getByTestId('tb-run-all').click();
    await page.getByTestId('tb-summary').waitFor({ timeout: 90_000 });
    const results = await page.$$eval('[data-testid="tb-case-result"]', (els) =>
      els.map((e) => `${e.getAttribute('data-case')}: ${e.getAttribute('data-passed')}`),
    );
    expect(results.sort()).toEqual(['default region: true', 'japan org: true']);
    await page.screenshot({ path: join(OUTPUT_DIR, 'flow-params-test-bench.png') });
  });
});
