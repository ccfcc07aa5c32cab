/**
 * What a person does in the designer, as Playwright gestures on the stable test hooks
 * (`data-testid`s and @rjsf's default ids): drag from the palette, rename, fill the inspector,
 * wire handles, export. No store access and no shortcuts into the page's code: when a
 * gesture stops working, the suite should fail the way a user would be stuck.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { OUTPUT_DIR, README_SHOTS_DIR } from './paths.js';

/** Where a screenshot of a failed step goes (test-output/e2e/failure-<what>.png). */
export function failureShot(what: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return join(OUTPUT_DIR, `failure-${what.replace(/[^A-Za-z0-9_-]+/g, '_')}.png`);
}

/**
 * Where a screenshot the README shows goes: docs/screenshots/<name>.png when the run was asked
 * to refresh them (FLOWDESK_README_SHOTS=1), else test-output/e2e/ like any other.
 */
export function readmeShot(name: string): string {
  const dir = process.env.FLOWDESK_README_SHOTS === '1' ? README_SHOTS_DIR : OUTPUT_DIR;
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

export interface Point {
  x: number;
  y: number;
}

/** Polls `read` until `ok` holds; the error names what was awaited and the last value seen. */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let delay = 25;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

/** Names of the nodes drawn on the canvas (the `node-<name>` hook on each node's root). */
export async function canvasNodeNames(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__node .fd-node[data-testid^="node-"]', (els) =>
    els.map((el) => (el.getAttribute('data-testid') ?? '').slice('node-'.length)),
  );
}

/** Opens a flow file of the workspace with the toolbar's Open; waits until its nodes are drawn. */
export async function openWorkspaceFlow(page: Page, rel: string, nodeCount: number): Promise<void> {
  await page.getByTestId('btn-open').click();
  const dialog = page.getByTestId('open-dialog');
  await dialog.waitFor();
  await dialog.locator(`[data-testid="open-item"][data-path="${rel}"]`).click();
  await waitUntil(
    `${rel} to be drawn`,
    () => canvasNodeNames(page),
    (n) => n.length === nodeCount,
  );
}

/** Edges drawn on the canvas, as `<fromName>:<port>-><toName>`. */
export async function canvasEdges(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameOf = new Map<string, string>();
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const id = el.getAttribute('data-id') ?? '';
      const name = (el.querySelector('.fd-node')?.getAttribute('data-testid') ?? '').slice('node-'.length);
      nameOf.set(id, name);
    }
    const out: string[] = [];
    for (const el of document.querySelectorAll('.react-flow__edge')) {
      // xyflow's edge elements carry `data-id` (our edge key `<fromId>:<port>-><toId>`).
      const key = el.getAttribute('data-id') ?? el.getAttribute('data-testid')?.replace(/^rf__edge-/, '') ?? '';
      const m = /^(.*):([^:]*)->(.*)$/.exec(key);
      if (m) out.push(`${nameOf.get(m[1]!) ?? m[1]}:${m[2]}->${nameOf.get(m[3]!) ?? m[3]}`);
    }
    return out.sort();
  });
}

export function canvas(page: Page): Locator {
  return page.locator('.fd-canvas');
}

/**
 * Drags a node type from the palette onto the canvas at `at` (pixels from the canvas's top
 * left) with real HTML5 drag and drop, and returns the name the new node got.
 */
export async function dragFromPalette(page: Page, type: string, at: Point): Promise<string> {
  const before = new Set(await canvasNodeNames(page));
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: at });
  const after = await waitUntil(
    `a ${type} node to appear on the canvas after dropping it`,
    () => canvasNodeNames(page),
    (names) => names.some((n) => !before.has(n)),
  );
  return after.find((n) => !before.has(n))!;
}

export function nodeLocator(page: Page, name: string): Locator {
  return page.getByTestId(`node-${name}`);
}

/** Clicks a node's title so the inspector shows it. */
export async function selectNode(page: Page, name: string): Promise<void> {
  await nodeLocator(page, name).locator('.fd-node-head').click();
  await waitUntil(
    `the inspector to show ${name}`,
    () =>
      page
        .getByTestId('node-name-input')
        .inputValue()
        .catch(() => ''),
    (v) => v === name,
  );
}

/** Renames the node shown in the inspector through its name field (committed with Enter). */
export async function renameSelected(page: Page, from: string, to: string): Promise<void> {
  const input = page.getByTestId('node-name-input');
  await waitUntil(
    `the inspector to show ${from}`,
    () => input.inputValue(),
    (v) => v === from,
  );
  await input.fill(to);
  await input.press('Enter');
  await nodeLocator(page, to).waitFor();
}

/** Types into a text field of the inspector and leaves it (closing any path list). */
export async function fillField(page: Page, selector: string, value: string): Promise<void> {
  const field = page.locator(selector);
  await field.scrollIntoViewIfNeeded();
  await field.fill(value);
  await field.blur();
}

/** Chooses an option of a <select> by its label (the words the admin sees) or value. */
export async function chooseOption(page: Page, selector: string, option: string): Promise<void> {
  const field = page.locator(selector);
  await field.scrollIntoViewIfNeeded();
  const labels = await field.locator('option').allTextContents();
  if (labels.some((l) => l.trim() === option)) await field.selectOption({ label: option });
  else await field.selectOption(option);
}

/** Presses an array's "+ Add" button (`root_<path>__add`) and waits for item `index`. */
export async function addArrayItem(page: Page, arrayId: string, index: number, firstFieldId: string): Promise<void> {
  const button = page.locator(`#${arrayId}__add`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.locator(`#${firstFieldId.replace('{i}', String(index))}`).waitFor();
}

/**
 * Replaces the text of the Monaco editor inside `container` the way a person pastes a
 * prepared text: click into the editor, select all, paste from the clipboard. (Typing it key
 * by key would fight Monaco's auto-closing brackets and auto-indent.)
 */
export async function typeInMonaco(page: Page, container: Locator, text: string): Promise<void> {
  await container.scrollIntoViewIfNeeded();
  const editor = container.locator('.monaco-editor');
  await editor.waitFor();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  // What the designer now holds, read back through the editor's plain-text view (which shows
  // the stored value), then back to Monaco.
  const toggle = container.getByTestId('plain-text-toggle').first();
  const area = container.locator('textarea.fd-code-text');
  let held = '';
  await waitUntil(
    'the pasted text to reach the designer',
    async () => {
      await toggle.click();
      held = await area.inputValue();
      await toggle.click();
      await editor.waitFor();
      return held;
    },
    (v) => v === text,
    10_000,
  ).catch(() => {
    throw new Error(`Monaco paste did not take: the designer holds ${JSON.stringify(held.slice(0, 200))}`);
  });
}

/**
 * Switches the editor inside `container` (a JSON or code field) to its plain-text mode and
 * fills it: what a person does to paste a large JSON document.
 */
export async function fillPlainText(page: Page, testId: string, text: string): Promise<void> {
  const container = page.getByTestId(testId);
  await container.scrollIntoViewIfNeeded();
  const area = page.getByTestId(`${testId}-text`);
  if (!(await area.isVisible().catch(() => false))) await container.getByTestId('plain-text-toggle').first().click();
  await area.waitFor();
  await area.fill(text);
  await area.blur();
}

function centre(box: { x: number; y: number; width: number; height: number }): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Wires `from`'s `port` to `to` by dragging from the output handle to the input handle with
 * the mouse, and waits for the edge to be drawn.
 */
export async function connect(page: Page, from: string, port: string, to: string): Promise<void> {
  const key = `${from}:${port}->${to}`;
  const source = page.getByTestId(`handle-${from}-${port}`);
  const target = page.getByTestId(`handle-${to}-in`);
  await source.scrollIntoViewIfNeeded();
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handle for ${key} is not visible on the canvas`);
  const p = centre(a);
  const q = centre(b);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + 20, p.y + 5, { steps: 4 });
  await page.mouse.move(q.x, q.y, { steps: 16 });
  await page.mouse.up();
  await waitUntil(
    `the edge ${key} to be drawn`,
    () => canvasEdges(page),
    (edges) => edges.includes(key),
    10_000,
  ).catch(async (err) => {
    const status = await page
      .getByTestId('status')
      .innerText()
      .catch(() => '');
    await page.screenshot({ path: failureShot(`connect-${from}-${port}`) }).catch(() => undefined);
    throw new Error(`${(err as Error).message}; status line: ${status}`);
  });
}

/** Clicks an empty spot of the canvas: nothing selected, the inspector shows the flow settings. */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('the canvas pane is not visible');
  // Top-right corner: clear of the minimap (bottom right) and the zoom controls (bottom left).
  await page.mouse.click(box.x + box.width - 12, box.y + 12);
  await page.getByTestId('flow-settings').waitFor();
}

export async function statusText(page: Page): Promise<string> {
  return page.getByTestId('status').innerText();
}

/** Problems listed in the problems panel, as `<node>: <message>`. */
export async function problems(page: Page): Promise<{ node: string; severity: string; text: string }[]> {
  return page.$$eval('[data-testid="problem"]', (els) =>
    els.map((el) => ({
      node: el.getAttribute('data-node') ?? '',
      severity: el.getAttribute('data-severity') ?? '',
      text: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** Opens the dock's problems tab. */
export async function showProblems(page: Page): Promise<void> {
  const tab = page.getByTestId('tab-problems');
  if (!(await tab.isVisible().catch(() => false))) await page.getByTestId('btn-tests').click();
  await page.getByTestId('tab-problems').click();
  await page.getByTestId('problems').waitFor();
}

/** Opens the dock's test bench tab. */
export async function showTestBench(page: Page): Promise<void> {
  const tab = page.getByTestId('tab-tests');
  if (!(await tab.isVisible().catch(() => false))) await page.getByTestId('btn-tests').click();
  await page.getByTestId('tab-tests').click();
  await page.getByTestId('test-bench').waitFor();
}

/** A form field's label as the inspector shows it: the words, and a `*` on required fields. */
export function labelled(words: string): RegExp {
  return new RegExp(`^${words}\\s*\\*?$`);
}

/** Clicks the inspector field labelled `label` (the `nth` so labelled) and types into it as a person does. */
export async function typeIntoField(page: Page, label: string, text: string, nth = 0): Promise<void> {
  const field = page.getByTestId('inspector').getByLabel(labelled(label)).nth(nth);
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await field.blur();
}

/** In the open test bench: adds a test case and names it by typing. */
export async function addTestCase(page: Page, name: string): Promise<void> {
  await page.getByTestId('tb-add-case').click();
  await page.getByTestId('tb-case-name').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.getByTestId(`test-case-${name}`).waitFor();
}

/** Presses "Run all" and answers each case's result once the summary is there, as "name: true". */
export async function runAllCases(page: Page): Promise<string[]> {
  await page.getByTestId('tb-run-all').click();
  await page.getByTestId('tb-summary').waitFor({ timeout: 90_000 });
  return page.$$eval('[data-testid="tb-case-result"]', (els) =>
    els.map((e) => `${e.getAttribute('data-case')}: ${e.getAttribute('data-passed')}`),
  );
}

/** Presses "Run with payload" and answers the step report of that run. */
export async function runWithPayload(page: Page): Promise<Locator> {
  await page.getByTestId('tb-run-payload').click();
  return page.getByTestId('tb-trace').last();
}

/** The step of node `name` in a step report (or a case's result). */
export function reportStep(report: Locator, name: string): Locator {
  return report.locator(`[data-testid="tb-step"][data-step-name="${name}"]`);
}

/**
 * Presses Export and waits for the status line to say how it went; returns the status text
 * and whether the host wrote a file.
 */
export async function pressExport(page: Page): Promise<{ ok: boolean; text: string; details: string[] }> {
  // Clear the previous message so the one awaited is this export's.
  const close = page.locator('.fd-status-close');
  if (await close.isVisible().catch(() => false)) await close.click();
  const status = page.getByTestId('status');
  await waitUntil(
    'the old status message to clear',
    async () => (await status.getAttribute('class')) ?? '',
    (c) => !/is-(success|error)/.test(c),
  );
  await page.getByTestId('btn-export').click();
  const kind = await waitUntil(
    'the status line to report the export',
    async () => (await status.getAttribute('class')) ?? '',
    (c) => /is-(success|error)/.test(c),
    60_000,
  );
  const text = await statusText(page);
  const details = await page.$$eval('.fd-status-details li', (els) => els.map((e) => (e as HTMLElement).innerText));
  return { ok: kind.includes('is-success'), text, details };
}

/**
 * The canvas viewport's transform (pan and zoom), read after the page has drawn a frame: an
 * animation moves the view only in frames, so while the page draws none (Chromium busy
 * rasterising a large flow) an animated fit would look still.
 */
async function viewportTransform(page: Page): Promise<string> {
  return page
    .locator('.react-flow__viewport')
    .evaluate(
      (el) =>
        new Promise<string>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve((el as HTMLElement).style.transform))),
        ),
    );
}

/** Waits until pan/zoom animations have finished (the transform holds still over frames). */
export async function waitForViewportStill(page: Page): Promise<void> {
  let previous = await viewportTransform(page);
  let still = 0;
  await waitUntil(
    'the canvas to stop moving',
    async () => {
      await page.waitForTimeout(60);
      const now = await viewportTransform(page);
      still = now === previous ? still + 1 : 0;
      previous = now;
      return still;
    },
    (n) => n >= 3,
  );
}

/** Presses the toolbar's Fit button and waits for the view to settle. */
export async function fitView(page: Page): Promise<void> {
  await page.getByTestId('btn-fit').click();
  await waitForViewportStill(page);
}

/**
 * Pans the canvas (dragging the empty background) so that node `name`'s top-left corner lands
 * at `at` (pixels from the canvas's top left). The canvas centres the very first node of an
 * empty flow; panning it back puts it where the person wanted it.
 */
export async function panNodeTo(page: Page, name: string, at: Point): Promise<void> {
  await waitForViewportStill(page);
  const node = await nodeLocator(page, name).boundingBox();
  const area = await canvas(page).boundingBox();
  if (!node || !area) throw new Error(`node ${name} or the canvas is not visible`);
  const dx = area.x + at.x - node.x;
  const dy = area.y + at.y - node.y;
  if (Math.abs(dx) < 2 && Math.abs(dy) < 2) return;
  // Start from an empty spot on the side away from the node, clear of the minimap (bottom
  // right, dragging it pans the other way round) and the zoom controls (bottom left).
  const start = {
    x: dx < 0 ? area.x + area.width - 260 : area.x + 90,
    y: dy < 0 ? area.y + area.height - 50 : area.y + 40,
  };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 12 });
  await page.mouse.up();
  await waitForViewportStill(page);
}

/** A node's position in flow coordinates (xyflow's transform on the node element). */
export async function nodeFlowPosition(page: Page, name: string): Promise<Point> {
  const transform = await page
    .locator('.react-flow__node', { has: page.getByTestId(`node-${name}`) })
    .evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`cannot read the position of ${name} from '${transform}'`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

/** Drags a node by its title bar by (dx, dy) screen pixels. */
export async function dragNodeBy(page: Page, name: string, dx: number, dy: number): Promise<void> {
  const head = await nodeLocator(page, name).locator('.fd-node-head').boundingBox();
  if (!head) throw new Error(`node ${name} is not visible`);
  const start = { x: head.x + head.width / 2, y: head.y + head.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 6 });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 6 });
  await page.mouse.up();
}

/** Starts a new, empty flow with the toolbar's New (discarding changes). */
export async function newFlow(page: Page): Promise<void> {
  await page.getByTestId('btn-new').click();
  await waitUntil(
    'an empty canvas after New',
    () => canvasNodeNames(page),
    (names) => names.length === 0,
  );
}

/** Drags from an output handle to an input handle without expecting an edge (a refusal). */
export async function dragHandleToHandle(page: Page, from: string, port: string, to: string): Promise<void> {
  const a = await page.getByTestId(`handle-${from}-${port}`).boundingBox();
  const b = await page.getByTestId(`handle-${to}-in`).boundingBox();
  if (!a || !b) throw new Error(`handles for ${from}:${port}->${to} are not visible`);
  const p = centre(a);
  const q = centre(b);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + 20, p.y + 5, { steps: 4 });
  await page.mouse.move(q.x, q.y, { steps: 16 });
  await page.mouse.up();
}
