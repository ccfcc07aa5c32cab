/**
 * A real `flowdesk designer` for the suite: the designer server started in-process on
 * 127.0.0.1 (port 0) over a temporary workspace holding the sample payloads, and a Chromium
 * page opened at the printed `#token=` URL.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDesignerServer, type DesignerServer } from '../../../runtime/hosts/designer/server.js';
import { launchChromium, type LaunchedBrowser } from './chromium.js';
import { FLOWS_DIR, REPO_ROOT } from './paths.js';

export interface DesignerSession {
  server: DesignerServer;
  workspace: string;
  browser: LaunchedBrowser;
  page: Page;
  /** Lines the server logged (unexpected errors) and page errors, for failure messages. */
  errors: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  locale?: string;
  width?: number;
  height?: number;
}

/** Starts the server and the browser; the page is loaded and the palette drawn on return. */
export async function startDesigner(options: StartOptions = {}): Promise<DesignerSession> {
  const workspace = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-ws-'));
  // Test files reference `payloads/…` relative to the flow; the workspace root is where the
  // browser host looks for an unsaved flow's payloads.
  cpSync(join(FLOWS_DIR, 'payloads'), join(workspace, 'payloads'), { recursive: true });
  const errors: string[] = [];
  const server = await startDesignerServer({
    port: 0,
    workspace,
    rendererDir: join(REPO_ROOT, 'dist-renderer'),
    // A key generated for this run only, inside the temporary workspace (never ~/.flowdesk).
    keyFile: join(workspace, '.flowdesk', 'designer.key'),
    log: (line) => errors.push(`server: ${line}`),
  });
  let browser: LaunchedBrowser | undefined;
  try {
    browser = await launchChromium(options);
    // Monaco editors are filled by pasting, as a person would.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    // The designer asks before leaving with unsaved changes; the suite always accepts.
    page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.getByTestId('palette-webhookTrigger').waitFor();
    const session: DesignerSession = {
      server,
      workspace,
      browser,
      page,
      errors,
      async close() {
        await browser?.close();
        await server.close();
        rmSync(workspace, { recursive: true, force: true });
      },
    };
    return session;
  } catch (err) {
    await browser?.close();
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
    throw err;
  }
}
