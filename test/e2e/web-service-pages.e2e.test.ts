/**
 * Issue 10, the Web Service node's pages and files in the designer: an admin chooses a page
 * style and the response's bytes through the inspector in English and Japanese, sees the caps
 * that apply, and a style that needs a setting is reported in the UI's language.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { inspectorField } from './support/keyboard.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import { dragFromPalette, newFlow, problems, selectNode, showProblems, waitUntil } from './support/ui.js';

const available = chromiumAvailable();

interface Words {
  style: string;
  genesys: string;
  nextUrl: string;
  maxPages: string;
  nextUrlPath: string;
  responseAs: string;
  bytes: string;
  needs: RegExp;
}

const EN: Words = {
  style: 'Page style',
  genesys: 'Genesys Cloud (entities, nextUri, pageNumber)',
  nextUrl: 'Next URL in the body',
  maxPages: 'Most pages',
  nextUrlPath: 'Next URL path',
  responseAs: 'Response body',
  bytes: 'Bytes as base64 (download a file)',
  needs: /the nextUrl page style needs "Next URL path"/,
};

const JA: Words = {
  style: 'ページの方式',
  genesys: 'Genesys Cloud（entities、nextUri、pageNumber）',
  nextUrl: '本文の次ページ URL',
  maxPages: '最大ページ数',
  nextUrlPath: '次ページ URL のパス',
  responseAs: '応答ボディ',
  bytes: 'base64 のバイト列（ファイルのダウンロード）',
  needs: /ページの方式 nextUrl には「次ページ URL のパス」が必要です/,
};

async function choosePages(page: Page, w: Words, shot: string): Promise<void> {
  await newFlow(page);
  const call = await dragFromPalette(page, 'webService', { x: 220, y: 160 });
  await selectNode(page, call);

  await inspectorField(page, w.style).selectOption({ label: w.genesys });
  const maxPages = inspectorField(page, w.maxPages);
  await maxPages.waitFor();
  expect(await maxPages.inputValue()).toBe('10');
  // Settings of other styles do not show for a preset.
  expect(await inspectorField(page, w.nextUrlPath).count()).toBe(0);

  await inspectorField(page, w.responseAs).selectOption({ label: w.bytes });
  await inspectorField(page, w.style).selectOption({ label: w.nextUrl });
  await inspectorField(page, w.nextUrlPath).waitFor();

  await showProblems(page);
  const found = await waitUntil(
    'the missing next URL path in the problems panel',
    () => problems(page),
    (list) => list.some((p) => w.needs.test(p.text)),
  );
  expect(found.some((p) => w.needs.test(p.text))).toBe(true);
  await inspectorField(page, w.style).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUTPUT_DIR, shot) });
}

describe.skipIf(!available)('Web Service pages in the inspector (English)', () => {
  const d = designerPerSuite({ width: 1440, height: 900 });
  it('offers the page styles, their caps and the bytes download', async () => {
    await choosePages(d.page, EN, 'web-service-pages-en.png');
  });
});

describe.skipIf(!available)('Web Service pages in the inspector (Japanese)', () => {
  const d = designerPerSuite({ width: 1440, height: 900, locale: 'ja-JP' });
  it('offers the same in Japanese', async () => {
    await choosePages(d.page, JA, 'web-service-pages-ja.png');
  });
});
