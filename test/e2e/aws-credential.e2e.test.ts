/**
 * An AWS Signature V4 credential as an admin makes one in the browser designer: the credentials
 * dialog shows the kind's fields with their help, the admin types them in, and Test connection
 * asks STS GetCallerIdentity with a signature a loopback server checks by re-signing the request
 * (aws4). The secret access key never shows on the page again.
 */
import { join } from 'node:path';
import aws4 from 'aws4';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from './support/chromium.js';
import { OUTPUT_DIR } from './support/paths.js';
import { designerPerSuite } from './support/suite.js';

const available = chromiumAvailable();
const KEY_ID = 'AKIAE2EEXAMPLE0001';
const SECRET = 'e2e/AwsSecretAccessKey+0123456789abcdef';

/** Types into the field a person finds by its label. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await page
    .getByRole('dialog', { name: /Credentials|認証情報/ })
    .getByLabel(label, { exact: true })
    .click();
  await page.keyboard.type(text);
}

describe.skipIf(!available)('an AWS Signature V4 credential in the designer', () => {
  const designer = designerPerSuite({ width: 1440, height: 900 });
  let page: Page;
  let sts: TestServer;

  beforeAll(async () => {
    ({ page } = designer);
    sts = await startTestServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const signed = /SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
      const headers: Record<string, string> = {};
      for (const name of signed?.[1]?.split(';') ?? []) headers[name] = String(req.headers[name] ?? '');
      const expected = aws4.sign(
        {
          host: String(req.headers.host),
          path: req.path,
          method: req.method,
          headers,
          service: 'sts',
          region: 'ap-northeast-1',
          doNotModifyHeaders: true,
        },
        { accessKeyId: KEY_ID, secretAccessKey: SECRET },
      ).headers.Authorization;
      const ok =
        req.path === '/?Action=GetCallerIdentity&Version=2011-06-15' &&
        signed !== null &&
        auth.includes(`Credential=${KEY_ID}/`) &&
        expected?.endsWith(`Signature=${signed[2]}`);
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/xml' });
      res.end(
        ok
          ? '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/flowdesk</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>'
          : '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>',
      );
    });
  });
  afterAll(async () => {
    await sts?.close();
  });

  it('is made from the dialog by typing, and Test connection signs GetCallerIdentity the way AWS checks it', async () => {
    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Credentials' });
    await typeInto(page, 'Name *', 'aws-recordings');
    await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'AWS Signature V4' });
    await expect
      .poll(() => dialog.innerText())
      .toContain('The signing name of the AWS service, e.g. s3, execute-api, sts.');
    await typeInto(page, 'Access key ID *', KEY_ID);
    await typeInto(page, 'Secret access key *', SECRET);
    await typeInto(page, 'Region *', 'ap-northeast-1');
    await typeInto(page, 'Service *', 's3');
    await typeInto(page, 'Allowed origins', sts.url);
    expect(await dialog.getByLabel('Secret access key *', { exact: true }).getAttribute('type')).toBe('password');
    await dialog.getByRole('button', { name: 'Save credential' }).click();
    const row = dialog.getByTestId('credential-row').filter({ hasText: 'aws-recordings' });
    await row.waitFor();
    expect(await row.innerText()).toContain('AWS Signature V4');

    const test = dialog.getByTestId('connection-test');
    await test.getByLabel('Credential', { exact: true }).selectOption('aws-recordings');
    expect(await test.getByLabel('Service', { exact: true }).inputValue()).toBe('aws');
    expect(await test.getByLabel('Service address').inputValue()).toBe(sts.url);
    await test.getByRole('button', { name: 'Test connection' }).click();
    const result = test.getByRole('status');
    await result.waitFor();
    expect(await result.innerText()).toBe(`Connected: AWS accepted the credential (200 from GET ${sts.url}/).`);
    expect(sts.seen.at(-1)!.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'aws-credential-test-connection.png') });
    expect(await page.content()).not.toContain(SECRET);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });
});
