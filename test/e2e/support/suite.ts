/**
 * The hooks every browser suite repeats, in one place: a designer (server and Chromium page)
 * started before the suite's tests, a screenshot of the page when a test fails
 * (test-output/e2e/failure-<test>.png), and the designer closed afterwards with the browser's
 * and server's errors printed.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startDesigner, type DesignerSession, type StartOptions } from './designer.js';
import { OUTPUT_DIR } from './paths.js';
import { failureShot } from './ui.js';

export interface SuiteDesigner {
  /** The running designer; read it inside tests and hooks, not while the suite is declared. */
  readonly session: DesignerSession;
  readonly page: Page;
}

/** Registers the hooks in the calling `describe` and gives its tests the designer. */
export function designerPerSuite(options: StartOptions = {}): SuiteDesigner {
  let session: DesignerSession | undefined;
  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    session = await startDesigner(options);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await session?.page.screenshot({ path: failureShot(ctx.task.name) }).catch(() => undefined);
  });
  afterAll(async () => {
    if (session?.errors.length) console.warn(`[e2e] browser/server errors:\n${session.errors.join('\n')}`);
    await session?.close();
  });
  return {
    get session() {
      if (!session) throw new Error('the designer is not started yet: use it inside tests and hooks');
      return session;
    },
    get page() {
      return this.session.page;
    },
  };
}
