/**
 * The Record node in the designer: its form shows only the settings of the chosen system and
 * action, its outputs follow the action (Not found for search and get), and the canvas
 * summary names system, object and action — in English and in Japanese. Controls are found by
 * their visible labels, as a person finds them.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { designerPerSuite } from './support/suite.js';
import { OUTPUT_DIR } from './support/paths.js';
import { dragFromPalette, newFlow, nodeLocator, problems, selectNode, waitUntil } from './support/ui.js';

const available = chromiumAvailable();

/** The labels and group titles shown in `scope` (a required field's "*" left out). */
async function labels(scope: Locator): Promise<string[]> {
  return scope
    .locator('label:visible, legend:visible')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s*\*$/, '').trim()));
}

/** Waits until the form shows exactly `expected` among `settings`, and returns what it shows. */
async function shownSettings(form: Locator, settings: readonly string[], expected: readonly string[], what: string) {
  return waitUntil(
    `the settings of ${what}`,
    async () => (await labels(form)).filter((l) => settings.includes(l)),
    (l) => [...new Set(l)].sort().join() === [...expected].sort().join(),
    5_000,
  ).catch(async () => {
    throw new Error(`${what} shows ${JSON.stringify((await labels(form)).filter((l) => settings.includes(l)))}`);
  });
}

async function outputPorts(page: Page, node: string): Promise<string[]> {
  return nodeLocator(page, node)
    .locator('[data-testid^="handle-"]')
    .evaluateAll(
      (els, prefix) => els.map((e) => e.getAttribute('data-testid')!.slice(prefix.length)).filter((p) => p !== 'in'),
      `handle-${node}-`,
    );
}

describe.skipIf(!available)('the Record form, in English', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });

  it('shows what each system and action needs, and a Not found output for search', async () => {
    const page = designer.page;
    await newFlow(page);
    const record = await dragFromPalette(page, 'record', { x: 520, y: 180 });
    await selectNode(page, record);
    const inspector = page.getByTestId('inspector');
    const form = inspector.locator('.fd-config-form');
    const system = inspector.getByLabel(/^System\s*\*?$/);
    const action = inspector.getByLabel(/^Action\s*\*?$/);
    const SETTINGS = [
      'Zendesk object',
      'Table',
      'Object',
      'API version',
      'Record id',
      'Find by',
      'Records must match',
      'Country calling code',
      'Key',
      'Create only once per',
      'Fields',
      'Note',
      'Tags',
      'Fields to return',
      'Most records',
      'Entity set',
      'Id column',
    ];
    const cases: { system: string; action: string; shows: string[]; summary: string; ports: string[] }[] = [
      {
        system: 'ServiceNow',
        action: 'Search',
        shows: ['Table', 'Find by', 'Records must match', 'Country calling code', 'Fields to return', 'Most records'],
        summary: 'ServiceNow · sn_customerservice_case · search',
        ports: ['success', 'notFound', 'error'],
      },
      {
        system: 'ServiceNow',
        action: 'Create',
        shows: ['Table', 'Create only once per', 'Fields'],
        summary: 'ServiceNow · sn_customerservice_case · create',
        ports: ['success', 'error'],
      },
      {
        system: 'Salesforce',
        action: 'Create or update by key (upsert)',
        shows: ['Object', 'API version', 'Key', 'Fields'],
        summary: 'Salesforce · Contact · upsert',
        ports: ['success', 'error'],
      },
      {
        system: 'Salesforce',
        action: 'Get by id',
        shows: ['Object', 'API version', 'Record id', 'Fields to return'],
        summary: 'Salesforce · Contact · get by id',
        ports: ['success', 'notFound', 'error'],
      },
      {
        system: 'Zendesk',
        action: 'Add tags (Zendesk)',
        shows: ['Zendesk object', 'Record id', 'Tags'],
        summary: 'Zendesk · ticket · add tags',
        ports: ['success', 'error'],
      },
      {
        system: 'Zendesk',
        action: 'Find or create',
        shows: ['Zendesk object', 'Find by', 'Country calling code', 'Fields', 'Most records'],
        summary: 'Zendesk · ticket · find or create',
        ports: ['success', 'error'],
      },
      {
        system: 'Dynamics 365',
        action: 'Search',
        shows: [
          'Entity set',
          'Id column',
          'Find by',
          'Records must match',
          'Country calling code',
          'Fields to return',
          'Most records',
        ],
        summary: 'Dynamics 365 · contacts · search',
        ports: ['success', 'notFound', 'error'],
      },
    ];
    const values: Record<string, string> = {
      ServiceNow: 'servicenow',
      Salesforce: 'salesforce',
      Zendesk: 'zendesk',
      'Dynamics 365': 'dynamics',
    };
    for (const c of cases) {
      const what = `${c.system} + ${c.action}`;
      if ((await system.inputValue()) !== values[c.system]) {
        // Adding tags is Zendesk's: leave it before switching the system.
        await action.selectOption({ label: 'Search' });
        await system.selectOption({ label: c.system });
      }
      await action.selectOption({ label: c.action });
      expect((await shownSettings(form, SETTINGS, c.shows, what)).sort(), what).toEqual([...c.shows].sort());
      const summary = await waitUntil(
        `the summary of ${what}`,
        () => nodeLocator(page, record).locator('.fd-node-summary').innerText(),
        (text) => text === c.summary,
      );
      expect(summary).toBe(c.summary);
      const ports = await waitUntil(
        `the outputs of ${what}`,
        () => outputPorts(page, record),
        (p) => p.join() === c.ports.join(),
      );
      expect(ports, what).toEqual(c.ports);
      const actions = await action.locator('option').allTextContents();
      expect(actions.includes('Add tags (Zendesk)'), `${what} offers add tags`).toBe(c.system === 'Zendesk');
      if (c.system === 'ServiceNow' && c.action === 'Search') {
        await waitUntil(
          'the problems of a ServiceNow search',
          () => problems(page),
          (list) => list.some((p) => p.text.includes('https://acme.service-now.com')),
        );
        await page.screenshot({ path: join(OUTPUT_DIR, 'record-form-servicenow-search.png') });
      }
    }
  });
});

describe.skipIf(!available)('the Record form, in Japanese', () => {
  const designer = designerPerSuite({ locale: 'ja-JP', width: 1440, height: 900 });

  it('names the settings, the actions and the Not found output in Japanese', async () => {
    const page = designer.page;
    await newFlow(page);
    const record = await dragFromPalette(page, 'record', { x: 520, y: 180 });
    await selectNode(page, record);
    const inspector = page.getByTestId('inspector');
    const form = inspector.locator('.fd-config-form');
    await inspector.getByLabel(/^システム\s*\*?$/).selectOption({ label: 'ServiceNow' });
    await inspector.getByLabel(/^操作\s*\*?$/).selectOption({ label: '検索' });
    const shown = await shownSettings(
      form,
      ['テーブル', '検索条件', '一致の条件', '国番号', '返す項目', '最大件数', 'レコード ID', '項目', 'メモ'],
      ['テーブル', '検索条件', '一致の条件', '国番号', '返す項目', '最大件数'],
      'ServiceNow + 検索',
    );
    expect(shown).not.toContain('メモ');
    const summary = await waitUntil(
      'the Japanese summary',
      () => nodeLocator(page, record).locator('.fd-node-summary').innerText(),
      (text) => text === 'ServiceNow・sn_customerservice_case・検索',
    );
    expect(summary).toBe('ServiceNow・sn_customerservice_case・検索');
    expect(await nodeLocator(page, record).innerText()).toContain('見つからない');
    // The problems follow the chosen system: ServiceNow's example address and credential kinds.
    const listed = await waitUntil(
      'the problems of a ServiceNow search',
      () => problems(page),
      (list) => list.some((p) => p.text.includes('https://acme.service-now.com')),
    );
    expect(listed.map((p) => p.text).join('\n')).not.toContain('salesforce');
    await page.screenshot({ path: join(OUTPUT_DIR, 'record-form-servicenow-search-ja.png') });
  });
});
