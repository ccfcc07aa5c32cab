/**
 * Debian's Chromium for the end-to-end suite and the designer benchmark. Playwright's own
 * browser downloads are not used (`npx playwright install` is not allowed here): the system
 * package is `apt-get install -y chromium`, at /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FLOWDESK_CHROMIUM ?? '/usr/bin/chromium';

export const INSTALL_HINT = `Chromium was not found at ${CHROMIUM_PATH}. Install Debian's Chromium with \`sudo apt-get update && sudo apt-get install -y chromium\` (or point FLOWDESK_CHROMIUM at a Chromium binary).`;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh persistent context in a temporary profile (nothing from a previous run leaks in:
 * localStorage holds panel sizes and the UI language).
 */
export async function launchChromium(
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1600, height: options.height ?? 1000 },
    deviceScaleFactor: 1,
  });
  // tsx (esbuild keepNames) wraps functions given to page.evaluate in `__name(...)` calls,
  // which do not exist in the page; vitest does not, but scripts run with tsx do.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
