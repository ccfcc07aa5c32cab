/**
 * Issue 11 item 5: in Japanese mode every string a person reads comes from the catalogues. The
 * suite walks every screen of the designer in a Japanese browser (empty canvas, a flow open,
 * each node's inspector, the problems panel, the test bench with a run's step report, the
 * credentials dialog) and fails when a visible string equals an English catalogue entry that
 * has a Japanese translation.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import { validateFlow } from '../../core/validate/validate-flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { NODE_MANIFESTS } from '../../nodes/registry.js';
import { issueText } from '../../renderer/i18n/issue-text.js';
import { translate } from '../../renderer/i18n/translate.js';
import shell from '../../renderer/i18n/shell.js';
import inspector from '../../renderer/i18n/inspector.js';
import credentials from '../../renderer/i18n/credentials.js';
import deploy from '../../renderer/i18n/deploy.js';
import imports from '../../renderer/i18n/imports.js';
import schedule from '../../renderer/i18n/schedule.js';
import { chromiumAvailable } from './support/chromium.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { FLOWS_DIR, OUTPUT_DIR } from './support/paths.js';
import {
  canvasNodeNames,
  failureShot,
  fitView,
  selectNode,
  showProblems,
  showTestBench,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();

/** English catalogue entries that have their own Japanese text: none of them may be seen. */
function englishEntries(): Map<string, string> {
  const out = new Map<string, string>();
  // Every catalogue the walked screens draw from: the deploy dialog's and the palette's imports too.
  const dicts = [shell.en, inspector.en, credentials.en, deploy.en, imports.en, schedule.en] as Record<
    string,
    string
  >[];
  for (const dict of dicts) {
    for (const [key, en] of Object.entries(dict)) {
      if (typeof en !== 'string' || en.includes('{') || !/[A-Za-z]{3}/.test(en)) continue;
      if (translate('ja', key) === en) continue; // the same in both (product names)
      out.set(en.trim(), key);
    }
  }
  return out;
}

/**
 * A copy of a reference flow with problems of several kinds (a missing URL, a missing instance
 * address, a template mistake, two branches that both create a case), and the issues the
 * validator finds in it: the problems panel must word each of them from the Japanese catalogue.
 */
function brokenFlow(): { text: string; issues: FlowIssue[] } {
  const flow = JSON.parse(readFileSync(join(FLOWS_DIR, 'servicenow-case-on-call.flow.json'), 'utf8'));
  flow.nodes[1].config.url = '';
  flow.nodes[2].config.baseUrl = '';
  flow.nodes[2].config.subject = 'Inbound call {{ trigger.body. }}';
  const second = structuredClone(flow.nodes[2]);
  second.id = 'n-case-2';
  second.name = 'createFollowUp';
  flow.nodes.push(second);
  flow.layout.nodes['n-case-2'] = { x: flow.layout.nodes['n-case'].x, y: flow.layout.nodes['n-case'].y + 220 };
  flow.edges.push({ from: 'n-lookup', port: 'success', to: 'n-case-2' });
  return { text: JSON.stringify(flow, null, 2), issues: validateFlow(flow, NODE_MANIFESTS) };
}

/** Every visible text of the page (text nodes, and the accessible names people hear). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const visible = (el: Element | null) => !!el && (el as HTMLElement).getClientRects().length > 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (text && visible(n.parentElement) && n.parentElement?.tagName !== 'OPTION') out.add(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!visible(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const text = el.getAttribute(attr)?.trim();
        if (text) out.add(text);
      }
    }
    for (const select of document.querySelectorAll('select')) {
      const chosen = (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim();
      if (chosen && visible(select)) out.add(chosen);
    }
    return [...out];
  });
}

describe.skipIf(!available)('the Japanese UI shows no English catalogue text on any screen', () => {
  let s: DesignerSession;
  let page: Page;
  const english = englishEntries();
  const seen: { screen: string; text: string; key: string }[] = [];

  async function check(screen: string): Promise<void> {
    await page.screenshot({ path: join(OUTPUT_DIR, `ja-${screen}.png`) });
    for (const text of await visibleTexts(page)) {
      const key = english.get(text);
      if (key) seen.push({ screen, text, key });
    }
  }

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    s = await startDesigner({ locale: 'ja-JP', width: 1440, height: 900 });
    page = s.page;
    await waitUntil(
      'the toolbar in Japanese',
      () => page.getByTestId('btn-export').innerText(),
      (text) => text.includes(translate('ja', 'toolbar.export')),
    );
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('walks the screens', async () => {
    await check('empty');

    copyFileSync(join(FLOWS_DIR, 'servicenow-case-on-call.flow.json'), join(s.workspace, 'case-on-call.flow.json'));
    await page.getByTestId('btn-open').click();
    await page.getByTestId('open-dialog').waitFor();
    await check('open-dialog');
    await page.locator('[data-testid="open-item"][data-path="case-on-call.flow.json"]').click();
    await waitUntil(
      'the flow to be drawn',
      () => canvasNodeNames(page),
      (n) => n.length === 3,
    );
    await fitView(page);
    await check('flow-open');

    for (const name of ['callStarted', 'findContact', 'createCase']) {
      await selectNode(page, name);
      await check(`inspector-${name}`);
    }

    await showProblems(page);
    await check('problems');

    await showTestBench(page);
    await page.getByTestId('tb-run-all').click();
    await page.getByTestId('tb-summary').waitFor();
    await check('test-bench');
    const firstCase = page.locator('[data-testid^="test-case-"]').first();
    await firstCase.click();
    await page
      .getByTestId('tb-trace')
      .first()
      .waitFor()
      .catch(() => undefined);
    await check('test-bench-case');

    await page.getByTestId('btn-credentials').click();
    await page.getByTestId('credentials-dialog').waitFor();
    await check('credentials');
    await page.getByTestId('cred-close').click();

    await page.getByTestId('btn-deploy').click();
    await page.getByTestId('deploy-dialog').waitFor();
    await check('deploy-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('deploy-dialog').waitFor({ state: 'detached' });

    // Problems of several kinds: each one worded by the Japanese catalogue, never the English.
    const broken = brokenFlow();
    expect(new Set(broken.issues.map((i) => i.code))).toEqual(
      new Set(['node-check', 'template-syntax', 'branches-both-create']),
    );
    for (const issue of broken.issues) english.set(formatMessage(issue, 'en'), `message:${issue.code}`);
    writeFileSync(join(s.workspace, 'broken-case.flow.json'), broken.text);
    await page.getByTestId('btn-open').click();
    await page.getByTestId('open-dialog').waitFor();
    await page.locator('[data-testid="open-item"][data-path="broken-case.flow.json"]').click();
    await page.locator('[data-testid="open-dialog"]').waitFor({ state: 'detached' });
    await showProblems(page);
    const shown = await waitUntil(
      'the problems of the broken flow',
      () => page.locator('.fd-problem-message').allInnerTexts(),
      (texts) => texts.length === broken.issues.length,
    );
    expect([...shown].sort()).toEqual(broken.issues.map((i) => issueText(i, 'ja')).sort());
    expect(shown.some((t) => t.includes('createFollowUp」'))).toBe(true);
    // Not even part of a sentence in English (a node's check or a syntax error's detail inside
    // a Japanese frame): three English words in a row give it away.
    expect(shown.filter((t) => /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i.test(t))).toEqual([]);
    await check('problems-broken');

    await page.getByTestId('btn-save').click();
    await page
      .getByTestId('save-as-dialog')
      .waitFor()
      .catch(() => undefined);
    if (await page.getByTestId('save-as-dialog').isVisible()) {
      await check('save-as-dialog');
      await page.keyboard.press('Escape');
    }

    expect(
      seen.map((x) => `${x.screen}: "${x.text}" (${x.key})`),
      'English catalogue text visible in Japanese mode',
    ).toEqual([]);
  });
});
