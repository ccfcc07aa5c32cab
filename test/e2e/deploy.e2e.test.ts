/**
 * "Deploy to server…" in Chromium against `flowdesk designer`, deploying to a real
 * `flowdesk serve` this test starts on a random port: the server address and token go to the
 * host once (never back to the page), the flow is deployed twice, rolled back, called through
 * its webhook, and its execution is shown with the test bench's step report. A run saved
 * waiting at a Wait is cancelled from the executions list. In Japanese, the cancelled run and a
 * failed one say why from their message codes, their times in the computer's own format.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { designerPerSuite } from './support/suite.js';
import { OUTPUT_DIR, REPO_ROOT } from './support/paths.js';
import { openWorkspaceFlow, waitUntil } from './support/ui.js';
import { translate } from '../../renderer/i18n/translate.js';

const available = chromiumAvailable();
const ja = (key: string) => translate('ja', key);
const TOKEN = `e2e-deploy-${Math.random().toString(36).slice(2)}-${Date.now()}`;
const FLOW_ID = 'deploy-e2e';
const WAIT_FLOW_ID = 'deploy-wait-e2e';
const FAIL_FLOW_ID = 'deploy-fail-e2e';

const flow = {
  $schema: 'https://flowdesk.dev/schema/flow-v1.json',
  schemaVersion: 1,
  id: FLOW_ID,
  name: 'Deploy e2e',
  nodes: [
    {
      id: 't',
      type: 'webhookTrigger',
      version: 1,
      name: 'callEnded',
      config: { auth: { type: 'none' }, fields: [] },
    },
    {
      id: 'c',
      type: 'code',
      version: 1,
      name: 'greet',
      config: { timeoutMs: 1000, memoryMB: 32, source: "return { greeting: 'hello ' + trigger.body.name };" },
    },
  ],
  edges: [{ from: 't', port: 'out', to: 'c' }],
};

interface Serve {
  url: string;
  child: ChildProcess;
  dir: string;
}

/** `flowdesk serve` as a user starts it, on port 0; its first stderr line names the URL. */
async function startServe(): Promise<Serve> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-serve-'));
  mkdirSync(join(dir, 'flows'));
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'bin', 'flowdesk.js'),
      'serve',
      join(dir, 'flows'),
      '--port',
      '0',
      '--workers',
      '1',
      '--db',
      join(dir, 'history.db'),
    ],
    { env: { ...process.env, FLOWDESK_ADMIN_TOKENS: `designer=deploy:${TOKEN}` }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`flowdesk serve did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Flowdesk server: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flowdesk serve exited with ${code}: ${output}`));
    });
  });
  return { url, child, dir };
}

describe.skipIf(!available)('Deploy to server… against a real flowdesk serve', () => {
  const designer = designerPerSuite({ width: 1440, height: 1000 });
  let s: DesignerSession;
  let page: Page;
  let serve: Serve;

  beforeAll(async () => {
    ({ session: s, page } = designer);
    serve = await startServe();
    writeFileSync(join(s.workspace, `${FLOW_ID}.flow.json`), JSON.stringify(flow, null, 2));
  });

  afterAll(async () => {
    if (serve) {
      const exited = new Promise((r) => serve.child.once('exit', r));
      serve.child.kill('SIGTERM');
      await exited;
      rmSync(serve.dir, { recursive: true, force: true });
    }
  });

  it('deploys, lists versions, rolls back and shows an execution step by step, never showing the token', async () => {
    await openWorkspaceFlow(page, `${FLOW_ID}.flow.json`, 2);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy to server' });
    await dialog.waitFor();

    // Without a server, deploying is not offered yet.
    await expect(dialog.getByRole('button', { name: 'Deploy this flow' }).isDisabled()).resolves.toBe(true);

    await dialog.getByLabel('Server address').click();
    await page.keyboard.type(serve.url);
    await dialog.getByLabel('Admin token').click();
    await page.keyboard.type(TOKEN);
    await dialog.getByRole('button', { name: 'Save server' }).click();
    await dialog.getByText('Server saved.').waitFor();
    // The password field is emptied and the page says only that a token is stored.
    expect(await dialog.getByLabel('Admin token').inputValue()).toBe('');
    await dialog.getByText('A token is stored for this server').waitFor();
    await dialog.getByText('This flow is not deployed on this server yet.').waitFor();

    await dialog.getByRole('button', { name: 'Deploy this flow' }).click();
    await dialog.getByText('Deployed as version 1.').waitFor();
    await dialog.getByText(`${serve.url}/hooks/${FLOW_ID}`).waitFor();
    await dialog.getByRole('button', { name: 'Deploy this flow' }).click();
    await dialog.getByText('Deployed as version 2.').waitFor();
    const versions = dialog.getByRole('table', { name: 'Deployed versions' });
    await waitUntil(
      'both versions to be listed',
      () => versions.getByRole('row').count(),
      (n) => n === 3,
    );
    const who = await versions.getByRole('row').nth(1).innerText();
    expect(who).toContain('designer');

    await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
    await dialog.getByText('Version 1 is served again.').waitFor();
    const served = await fetch(`${serve.url}/api/flows`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const list = (await served.json()) as { flows: { id: string; version: number }[] };
    expect(list.flows.find((f) => f.id === FLOW_ID)?.version).toBe(1);

    // A call through the webhook, as Genesys would make it.
    const hook = await fetch(`${serve.url}/hooks/${FLOW_ID}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    });
    expect(hook.status).toBe(202);

    const executions = dialog.getByRole('table', { name: 'Recent executions' });
    await waitUntil(
      'the execution to be listed as finished',
      async () => {
        await dialog.getByRole('button', { name: 'Refresh' }).click();
        return (await executions.count()) > 0 ? executions.getByRole('row').nth(1).innerText() : '';
      },
      (row) => row.includes('success'),
    );
    await executions.getByRole('button', { name: 'Show steps' }).first().click();
    const trace = dialog.getByTestId('tb-trace');
    await trace.waitFor();
    expect(
      await trace.getByTestId('tb-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-name'))),
    ).toEqual(['callEnded', 'greet']);
    await trace.getByText('Output').last().click();
    await trace.getByText('hello Ada').waitFor();

    // The token was typed once and went to the host; nothing in the page holds it.
    expect(await page.content()).not.toContain(TOKEN);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toContain(TOKEN);
  });

  it('cancels a waiting run from the executions list, after asking', async () => {
    // A flow whose run waits ten minutes: on the server that run is saved as waiting.
    const waitFlow = {
      ...flow,
      id: WAIT_FLOW_ID,
      name: 'Wait e2e',
      nodes: [
        flow.nodes[0]!,
        { id: 'w', type: 'wait', version: 1, name: 'pause', config: { mode: 'delay', delay: '10 minutes' } },
        flow.nodes[1]!,
      ],
      edges: [
        { from: 't', port: 'out', to: 'w' },
        { from: 'w', port: 'out', to: 'c' },
      ],
    };
    writeFileSync(join(s.workspace, `${WAIT_FLOW_ID}.flow.json`), JSON.stringify(waitFlow, null, 2));
    await page.getByRole('dialog', { name: 'Deploy to server' }).getByRole('button', { name: 'Close' }).click();
    await openWorkspaceFlow(page, `${WAIT_FLOW_ID}.flow.json`, 3);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy to server' });
    await dialog.getByRole('button', { name: 'Deploy this flow' }).click();
    await dialog.getByText('Deployed as version 1.').waitFor();
    const hook = await fetch(`${serve.url}/hooks/${WAIT_FLOW_ID}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Grace' }),
    });
    expect(hook.status).toBe(202);

    const executions = dialog.getByRole('table', { name: 'Recent executions' });
    const row = executions.getByTestId('deploy-execution').first();
    await waitUntil(
      'the run to be listed as waiting',
      async () => {
        await dialog.getByRole('button', { name: 'Refresh' }).click();
        return (await executions.count()) > 0 ? row.innerText() : '';
      },
      (text) => text.includes('waiting until'),
    );
    // Cancel asks first; "Keep waiting" leaves the run as it was.
    await row.getByRole('button', { name: 'Cancel run' }).click();
    const question = row.getByRole('group', { name: 'Cancel this run? It stops waiting and does not go on.' });
    await question.waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'deploy-cancel-question.png') });
    await question.getByRole('button', { name: 'Keep waiting' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await row.getAttribute('data-status')).toBe('waiting');

    await row.getByRole('button', { name: 'Cancel run' }).click();
    await question.getByRole('button', { name: 'Yes, cancel it' }).click();
    await dialog.getByText('The run was cancelled.').waitFor();
    await waitUntil(
      'the run to show cancelled',
      () => row.innerText(),
      (text) => text.startsWith('cancelled'),
    );
    expect(await row.getAttribute('data-status')).toBe('cancelled');
    await expect(row.getByRole('button', { name: 'Cancel run' }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(OUTPUT_DIR, 'deploy-run-cancelled.png') });

    // The server says so too: the run will not go on when its wait ends.
    const listed = await fetch(`${serve.url}/api/executions?flow=${WAIT_FLOW_ID}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { executions: runs } = (await listed.json()) as { executions: { status: string }[] };
    expect(runs.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('in Japanese, a cancelled run says why in Japanese, its times in local form', async () => {
    // What the server stored, to compare against: its English sentence and the ISO wake time.
    const listed = await fetch(`${serve.url}/api/executions?flow=${WAIT_FLOW_ID}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { executions: runs } = (await listed.json()) as {
      executions: {
        startedAt: string;
        error: { message: string; params: { detail: { params: { wakeAt: string } } } };
      }[];
    };
    const stored = runs[0]!;
    const wakeAt = stored.error.params.detail.params.wakeAt;
    expect(stored.error.message).toContain(wakeAt);

    await page.getByRole('dialog', { name: 'Deploy to server' }).getByRole('button', { name: 'Close' }).click();
    const status = page.getByTestId('status');
    expect(await status.innerText()).toContain(translate('en', 'status.deployed', { name: 'Wait e2e', version: 1 }));
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    // The status line says its message again in the language switched to.
    await waitUntil(
      'the status line in Japanese',
      () => status.innerText(),
      (t) => t.includes(translate('ja', 'status.deployed', { name: 'Wait e2e', version: 1 })),
    );
    await page.getByRole('button', { name: ja('toolbar.deploy'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ja('deploy.title') });
    const row = dialog
      .getByRole('table', { name: ja('deploy.executions') })
      .getByTestId('deploy-execution')
      .first();
    const text = await waitUntil(
      'the cancelled run in Japanese',
      () => row.innerText(),
      (t) => t.startsWith(ja('deploy.state.cancelled')),
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'ja-deploy-run-cancelled.png') });
    // Worded from the catalogue, with the wake time as this computer shows it in Japanese.
    expect(text).toContain(`${ja('deploy.state.cancelled')} · 待機中（`);
    expect(text).toContain('に再開予定）に実行が取り消されました');
    expect(text).toContain(`${new Date(wakeAt).getFullYear()}年`);
    expect(text).not.toContain(stored.error.message);
    expect(text).not.toContain(wakeAt);
    expect(text).not.toContain(stored.startedAt);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).not.toMatch(/cancel|wait/i);
    // Its step report says the same, in the same words.
    await row.getByRole('button', { name: ja('deploy.showRun') }).click();
    const reported = await dialog.getByTestId('tb-trace-error').innerText();
    expect(reported).toContain('に再開予定）に実行が取り消されました');
    expect(reported).not.toMatch(/\d{4}-\d{2}-\d{2}T|cancel/i);

    // A run that failed: its row names the node and why, in Japanese, as the step report does.
    const failFlow = {
      ...flow,
      id: FAIL_FLOW_ID,
      name: 'Fail e2e',
      nodes: [
        flow.nodes[0]!,
        {
          ...flow.nodes[1]!,
          name: 'explode',
          config: { ...flow.nodes[1]!.config, source: "throw new Error('no such customer');" },
        },
      ],
    };
    writeFileSync(join(s.workspace, `${FAIL_FLOW_ID}.flow.json`), JSON.stringify(failFlow, null, 2));
    await dialog.getByRole('button', { name: ja('common.close') }).click();
    await openWorkspaceFlow(page, `${FAIL_FLOW_ID}.flow.json`, 2);
    await page.getByRole('button', { name: ja('toolbar.deploy'), exact: true }).click();
    await dialog.getByRole('button', { name: ja('deploy.deploy') }).click();
    await dialog.getByText(translate('ja', 'deploy.deployed', { version: 1 })).waitFor();
    const hook = await fetch(`${serve.url}/hooks/${FAIL_FLOW_ID}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Grace' }),
    });
    expect(hook.status).toBe(202);
    const failed = await waitUntil(
      'the failed run in Japanese',
      async () => {
        await dialog.getByRole('button', { name: ja('deploy.refresh') }).click();
        return (await row.count()) > 0 ? row.innerText() : '';
      },
      (t) => t.startsWith(ja('deploy.state.failed')),
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'ja-deploy-run-failed.png') });
    // The column headings stay whole beside the long Japanese reason.
    const headings = await dialog.locator('th').evaluateAll((cells) =>
      cells
        .filter((el) => el.textContent!.trim() !== '')
        .map((el) => {
          // The heading's text in line boxes: boxes at more than one height mean it wrapped.
          const range = document.createRange();
          range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return { text: el.textContent!.trim(), lines: tops.size };
        }),
    );
    expect(headings.length).toBeGreaterThan(4);
    expect(headings.filter((h) => h.lines > 1).map((h) => h.text)).toEqual([]);
    expect(failed).toContain('コード「explode」 が失敗しました: ');
    expect(failed).toContain('no such customer');
    expect(failed).toContain('(エラーポートが接続されていません)');
    expect(failed).not.toMatch(/failed|error port/i);

    // Back to English for the tests that follow.
    await dialog.getByRole('button', { name: ja('common.close') }).click();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  });

  it('a token the server refuses is explained in the dialog', async () => {
    const dialog = page.getByRole('dialog', { name: 'Deploy to server' });
    await dialog.getByLabel('Admin token').click();
    await page.keyboard.type('not-the-token');
    await dialog.getByRole('button', { name: 'Save server' }).click();
    await dialog.getByText('Server saved.').waitFor();
    await dialog.getByRole('button', { name: 'Deploy this flow' }).click();
    await dialog.getByRole('alert').getByText('refused the admin token (401)').waitFor();
  });
});
