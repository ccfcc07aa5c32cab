/**
 * Issue 10's imports and Test connection, as an admin does them in the browser designer: paste
 * a cURL command from vendor docs (Paste cURL… in the palette), get a Web Service node and a
 * stored credential, test that credential against the service (a loopback server answering as
 * Zendesk does), and import a real Genesys data-action export file. The secret from the command
 * must not reach the page's flow, the saved file or the screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../support/http-server.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from './support/chromium.js';
import type { DesignerSession } from './support/designer.js';
import { FLOWS_DIR, OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';
import { canvasNodeNames, waitUntil } from './support/ui.js';

const available = chromiumAvailable();
const TOKEN = 'zd-e2e-token-8f3a91c2';

describe.skipIf(!available)('imports and Test connection in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let s: DesignerSession;
  let page: Page;
  let zendesk: TestServer;

  beforeAll(async () => {
    ({ session: s, page } = designer);
    const expected = `Basic ${Buffer.from(`agent@example.com/token:${TOKEN}`).toString('base64')}`;
    zendesk = await startTestServer((req, res) => {
      if (req.path !== '/api/v2/users/me.json') return sendJson(res, 404, { error: 'InvalidEndpoint' });
      if (req.headers.authorization !== expected) return sendJson(res, 401, { error: "Couldn't authenticate you" });
      sendJson(res, 200, { user: { id: 1, email: 'agent@example.com', role: 'admin' } });
    });
  });
  afterAll(async () => {
    await zendesk?.close();
  });

  it('Paste cURL… makes a Web Service node and stores its secret as a credential, not in the flow', async () => {
    await page.getByRole('button', { name: 'Paste cURL…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste a cURL command' });
    await dialog.getByLabel('Export or cURL command').click();
    await page.keyboard.type(`curl ${zendesk.url}/api/v2/users/me.json -u agent@example.com/token:${TOKEN}`);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = dialog.getByTestId('import-outcome');
    await outcome.waitFor();
    const said = await outcome.innerText();
    expect(said).toContain("Added the Web Service node 'getUsersMe");
    expect(said).toContain("Stored the credential 'cred-127-0-0-1' in the vault.");
    expect(said).toContain('The secret in the -u user option was not written into the flow');
    // The pasted text (with the token) is gone from the page once read.
    expect(await dialog.getByLabel('Export or cURL command').inputValue()).toBe('');
    expect(await page.content()).not.toContain(TOKEN);
    await page.screenshot({ path: join(OUTPUT_DIR, 'import-curl.png') });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    const names = await waitUntil(
      'the imported node on the canvas',
      () => canvasNodeNames(page),
      (n) => n.some((name) => name.startsWith('getUsersMe')),
    );
    expect(names.filter((n) => n.startsWith('getUsersMe'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saveAs = page.getByRole('dialog', { name: 'Save the flow as' });
    await saveAs.getByLabel('File name').press('Control+a');
    await page.keyboard.type('imported-from-curl');
    await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = await waitUntil(
      'the flow file to be saved',
      async () => readdirSync(s.workspace).filter((f) => f.endsWith('.flow.json')),
      (files) => files.length > 0,
    );
    const text = readFileSync(join(s.workspace, saved[0]!), 'utf8');
    expect(text).not.toContain(TOKEN);
    const flow = JSON.parse(text);
    const node = flow.nodes.find((n: { type: string }) => n.type === 'webService');
    expect(node.config).toMatchObject({
      method: 'GET',
      url: `${zendesk.url}/api/v2/users/me.json`,
      auth: { type: 'basic' },
    });
    expect(node.credentials).toEqual({ auth: 'cred-127-0-0-1' });
    expect(flow.credentials['cred-127-0-0-1']).toEqual({ kind: 'zendeskApiToken', allowedOrigins: [zendesk.url] });
  });

  it('Test connection sends GET /api/v2/users/me.json with the stored token and says it connected', async () => {
    const before = zendesk.seen.length;
    await page.getByRole('button', { name: 'Credentials' }).click();
    const dialog = page.getByRole('dialog', { name: 'Credentials' });
    const test = dialog.getByTestId('connection-test');
    await test.getByLabel('Service', { exact: true }).selectOption({ label: 'Zendesk' });
    expect(await test.getByLabel('Service address').inputValue()).toBe(zendesk.url);
    await test.getByRole('button', { name: 'Test connection' }).click();
    const result = test.getByRole('status');
    await result.waitFor();
    expect(await result.innerText()).toBe(
      `Connected: Zendesk accepted the credential (200 from GET ${zendesk.url}/api/v2/users/me.json).`,
    );
    expect(zendesk.seen.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/users/me.json']);
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'test-connection.png') });
    // The credentials screen with its Test connection section passes axe like every screen.
    expect(await axeViolations(page)).toEqual([]);

    // Pointed at a wrong address the admin reads what to check, not a stack.
    const address = test.getByLabel('Service address');
    await address.click();
    await page.keyboard.press('End');
    await page.keyboard.type('/wrong');
    await test.getByRole('button', { name: 'Test connection' }).click();
    await waitUntil(
      'the second result',
      () => result.innerText(),
      (t) => t.startsWith('Zendesk answered 404'),
    );
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });

  it('Import… turns the Genesys "Get interaction state" export file into a node and lists what to check', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a data action or a cURL command' });
    await dialog
      .getByLabel('Export file')
      .setInputFiles(join(FLOWS_DIR, 'payloads', 'genesys-data-action-get-interaction-state.json'));
    await waitUntil(
      'the file to be read into the text box',
      () => dialog.getByLabel('Export or cURL command').inputValue(),
      (v) => v.includes('purecloud-data-actions'),
    );
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const notes = dialog.getByTestId('import-notes');
    await notes.waitFor();
    const said = await notes.innerText();
    expect(said).toContain("The action's URL is relative to your Genesys Cloud address");
    expect(said).toContain("Create the credential 'genesys-cloud' (OAuth 2.0)");
    await page.screenshot({ path: join(OUTPUT_DIR, 'import-data-action.png') });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await waitUntil(
      'the imported data action on the canvas',
      () => canvasNodeNames(page),
      (n) => n.includes('getInteractionState'),
    );
  });
});
