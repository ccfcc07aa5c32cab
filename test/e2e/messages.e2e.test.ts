/**
 * Issue 11 item 7: a message goes when its problem does. A refused connection's message is
 * cleared by the next good connection; "Export refused … URL is required" is cleared once the
 * URL is typed; the test bench names the saved file (never "unsaved flow") when a run finds the
 * flow invalid, and that error goes once the flow is fixed.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import { startDesigner, type DesignerSession } from './support/designer.js';
import { inspectorField, statusKind, typeInto, typeNodeName } from './support/keyboard.js';
import { OUTPUT_DIR } from './support/paths.js';
import {
  connect,
  dragFromPalette,
  dragHandleToHandle,
  failureShot,
  newFlow,
  panNodeTo,
  pressExport,
  selectNode,
  showTestBench,
  statusText,
  waitUntil,
} from './support/ui.js';

const available = chromiumAvailable();
const URL_TEXT = 'https://api.example.com/contacts';

describe.skipIf(!available)('messages that outlive their problem', () => {
  let s: DesignerSession;
  let page: Page;

  beforeAll(async () => {
    s = await startDesigner({ width: 1440, height: 900 });
    page = s.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });

  afterAll(async () => {
    await s?.close();
  });

  /** Webhook → Web Service on a new flow; returns the Web Service's name. */
  async function triggerAndCall(): Promise<{ trigger: string; call: string }> {
    await newFlow(page);
    const trigger = await dragFromPalette(page, 'webhookTrigger', { x: 160, y: 120 });
    await panNodeTo(page, trigger, { x: 40, y: 100 });
    const call = await dragFromPalette(page, 'webService', { x: 470, y: 160 });
    return { trigger, call };
  }

  it('a refused connection message goes after a good connection', async () => {
    const { trigger, call } = await triggerAndCall();
    await typeNodeName(page, call, 'lookUp');
    await typeInto(page, inspectorField(page, 'URL'), URL_TEXT);
    const code = await dragFromPalette(page, 'code', { x: 470, y: 420 });
    await connect(page, trigger, 'out', 'lookUp');
    await connect(page, 'lookUp', 'success', code);
    // code → lookUp would close a loop: refused, with the reason in the status line.
    await dragHandleToHandle(page, code, 'success', 'lookUp');
    await waitUntil(
      'the refusal',
      () => statusKind(page),
      (k) => k === 'error',
    );
    expect(await statusText(page)).toMatch(/loop/i);
    await page.screenshot({ path: join(OUTPUT_DIR, 'messages-connect-refused.png') });
    await connect(page, 'lookUp', 'error', code);
    await waitUntil(
      'the refusal to go',
      () => statusText(page),
      (text) => !/loop/i.test(text),
    );
    expect(await statusKind(page)).not.toBe('error');
  });

  it('"Export refused … URL is required" goes once the URL is typed', async () => {
    const { trigger, call } = await triggerAndCall();
    await connect(page, trigger, 'out', call);
    const refused = await pressExport(page);
    expect(refused.ok).toBe(false);
    expect(refused.details.join('\n')).toMatch(/URL is required/);
    await selectNode(page, call);
    await typeInto(page, inspectorField(page, 'URL'), URL_TEXT);
    await waitUntil(
      'the export refusal to go',
      () => statusText(page),
      (text) => !/refused/i.test(text),
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'messages-export-refusal-gone.png') });
    expect(await page.locator('.fd-status-details').count()).toBe(0);
    const exported = await pressExport(page);
    expect(exported.ok).toBe(true);
  });

  it('the test bench names the saved file when the flow is invalid, and the error goes once it is fixed', async () => {
    // The flow of the previous step, valid: save it under a name the person types.
    await page.getByTestId('btn-save').click();
    await page.getByTestId('save-as-dialog').getByTestId('save-as-name').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('messages');
    await page.keyboard.press('Enter');
    await waitUntil(
      'the save',
      () => page.getByTestId('dirty-marker').count(),
      (n) => n === 0,
    );
    const call = (await page.getByTestId('flow-title').getAttribute('title')) ?? '';
    expect(call).toMatch(/messages\.flow\.json$/);

    // Break it (clear the URL), then run its test case.
    await selectNode(page, 'webService');
    await typeInto(page, inspectorField(page, 'URL'), '');
    await showTestBench(page);
    await page.getByTestId('tb-add-case').click();
    await page.getByRole('button', { name: 'Run all' }).click();
    // The flow does not load: the report says so, naming the file.
    const error = page.getByTestId('tb-load-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/^messages\.flow\.json is not a valid flow/);
    expect(text).toMatch(/URL is required/);
    expect(text).not.toMatch(/unsaved flow/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'messages-bench-invalid.png') });

    // Fixed: the old error goes at once, and the next run reports the case.
    await selectNode(page, 'webService');
    await typeInto(page, inspectorField(page, 'URL'), URL_TEXT);
    await error.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Run all' }).click();
    await page.getByTestId('tb-report').waitFor();
    expect(await page.getByTestId('tb-load-error').count()).toBe(0);
    expect(await page.getByTestId('tb-error').count()).toBe(0);
    expect(await page.getByTestId('test-bench').innerText()).not.toMatch(/not a valid flow|unsaved flow/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'messages-bench-fixed.png') });
  });
});
