/**
 * Issue 7's test bench response panel: when a test of a flow with a Respond to webhook node
 * runs, the report shows what the webhook's caller would receive (status, headers, body).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import { canvasNodeNames, showTestBench, waitUntil } from './support/ui.js';

const available = chromiumAvailable();

/** A sync webhook answered by a Respond to webhook node, with one test case. */
const flow = {
  $schema: 'https://flowdesk.dev/schema/flow-v1.json',
  schemaVersion: 1,
  id: 'answer-the-caller',
  name: 'Answer the caller',
  nodes: [
    {
      id: 't',
      type: 'webhookTrigger',
      version: 1,
      name: 'callEnded',
      config: { auth: { type: 'none' }, fields: [], response: { mode: 'sync', timeoutMs: 10000 } },
    },
    {
      id: 'r',
      type: 'respondToWebhook',
      version: 1,
      name: 'answer',
      config: {
        status: 202,
        headers: [{ name: 'Cache-Control', value: 'no-store' }],
        body: { received: '{{ trigger.body.conversationId }}' },
      },
    },
  ],
  edges: [{ from: 't', port: 'out', to: 'r' }],
  tests: [
    {
      name: 'the caller hears back',
      trigger: { body: { conversationId: 'conv-42' } },
      expect: { outcome: 'success', path: ['callEnded', 'answer'] },
    },
  ],
};

describe.skipIf(!available)('the test bench shows what the caller receives', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let s: DesignerSession;
  let page: Page;
  beforeAll(() => {
    ({ session: s, page } = designer);
  });

  it('status, headers and body of the Respond to webhook answer', async () => {
    writeFileSync(join(s.workspace, 'answer.flow.json'), JSON.stringify(flow, null, 2));
    await page.getByTestId('btn-open').click();
    await page.locator('[data-testid="open-item"][data-path="answer.flow.json"]').click();
    await waitUntil(
      'the flow to be drawn',
      () => canvasNodeNames(page),
      (n) => n.length === 2,
    );
    // The canvas says what the Respond node answers, not "Not configured yet".
    expect(await page.locator('.react-flow__node', { hasText: 'answer' }).innerText()).toContain(
      'Answers 202 with received',
    );
    await showTestBench(page);
    // Opened from its tab, the bench gets room for its three columns (the problems list's
    // 200 px wrapped every field of the step report).
    const dock = (await page.locator('.fd-dock').boundingBox())!;
    expect(dock.height).toBeGreaterThanOrEqual(300);
    await page.getByTestId('tb-run-all').click();
    const result = page.getByTestId('tb-case-result').first();
    await result.waitFor();
    // A passing case is folded; a person opens it to read the run.
    if ((await result.getAttribute('open')) === null) await result.locator('summary strong').click();
    const answer = result.getByTestId('tb-caller-answer');
    await answer.waitFor();
    expect(await answer.getByTestId('tb-caller-status').innerText()).toBe('HTTP 202');
    expect(await answer.getByTestId('tb-caller-headers').innerText()).toContain('Cache-Control: no-store');
    expect(JSON.parse(await answer.getByTestId('tb-caller-body').innerText())).toEqual({ received: 'conv-42' });
    expect(await answer.innerText()).toContain('answer');
    await answer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'test-bench-caller-answer.png') });
  });
});
