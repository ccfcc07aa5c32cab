/**
 * Moving the view over a large flow, in Chromium against `flowdesk designer`: a pan moves the
 * flow as one composited layer (Chromium does not lay the page out into layers again on each
 * frame, which made panning the 500-node benchmark slow), and the overview map shows the flow
 * and moves the view when dragged or turned with the wheel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFlow } from '../../bench/designer.bench.js';
import { chromiumAvailable } from './support/chromium.js';
import { designerPerSuite } from './support/suite.js';
import { canvas, dragNodeBy, fitView, waitForViewportStill, waitUntil } from './support/ui.js';

const available = chromiumAvailable();
const NODES = 200;
const FLOW_FILE = 'large.flow.json';

interface View {
  x: number;
  y: number;
  zoom: number;
}

async function view(page: Page): Promise<View> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)\s*scale\(([\d.]+)\)/.exec(transform);
  if (!m) throw new Error(`cannot read the view from '${transform}'`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** An empty spot of the canvas background (never a node, the controls or the map). */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const area = await canvas(page).boundingBox();
  if (!area) throw new Error('the canvas is not visible');
  const spot = await page.evaluate((a) => {
    for (let y = a.y + 20; y < a.y + a.height * 0.6; y += 7) {
      for (let x = a.x + a.width * 0.3; x < a.x + a.width * 0.7; x += 7) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  }, area);
  if (!spot) throw new Error('no empty spot of the canvas to grab');
  return spot;
}

/** Chrome trace events named `name` on the page while `work` runs. */
async function countTraceEvents(page: Page, name: string, work: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  let count = 0;
  cdp.on('Tracing.dataCollected', (e) => {
    for (const event of e.value as unknown as { name: string; ph: string }[]) {
      if (event.name === name && (event.ph === 'X' || event.ph === 'B')) count++;
    }
  });
  await cdp.send('Tracing.start', { categories: 'blink', transferMode: 'ReportEvents' });
  await work();
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return count;
}

/** A hash of the overview map's pixels (FNV-1a), to compare two moments by. */
async function mapPixels(page: Page): Promise<string> {
  return page.getByRole('img', { name: 'Overview map' }).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    let hash = 0x811c9dc5;
    for (const byte of c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data) {
      hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  });
}

/**
 * How sharp a screenshot is: the mean difference between horizontally neighbouring pixels'
 * brightness. Text drawn at one scale and stretched to another loses most of it.
 */
async function sharpness(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const light = (i: number) => data[i]! * 0.3 + data[i + 1]! * 0.59 + data[i + 2]! * 0.11;
    let sum = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 1; x < width; x++) sum += Math.abs(light((y * width + x) * 4) - light((y * width + x - 1) * 4));
    }
    return sum / (width * height);
  }, png.toString('base64'));
}

describe.skipIf(!available)('moving the view over a large flow', () => {
  const designer = designerPerSuite({ width: 1600, height: 1000 });
  let page: Page;

  beforeAll(async () => {
    page = designer.page;
    writeFileSync(join(designer.session.workspace, FLOW_FILE), JSON.stringify(generateFlow(NODES), null, 2));
    await page.getByTestId('btn-open').click();
    await page.locator(`[data-testid="open-item"][data-path="${FLOW_FILE}"]`).click();
    await waitUntil(
      `all ${NODES} nodes drawn`,
      () => page.locator('.react-flow__node').count(),
      (n) => n === NODES,
    );
    await waitForViewportStill(page);
  });

  it('pans the flow as one layer, without laying the page out again on each frame', async () => {
    const before = await view(page);
    const start = await emptySpot(page);
    const moves = 40;
    const layerUpdates = await countTraceEvents(page, 'PaintArtifactCompositor::Update', async () => {
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      for (let i = 1; i <= moves; i++) {
        await page.mouse.move(start.x + i * 5, start.y + i * 2);
        // One move per frame, as a hand on a mouse gives them.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      }
      await page.mouse.up();
      await waitForViewportStill(page);
    });
    const after = await view(page);
    // The view followed the pointer the whole way...
    expect(after.x - before.x).toBeCloseTo(moves * 5, 0);
    expect(after.y - before.y).toBeCloseTo(moves * 2, 0);
    expect(after.zoom).toBe(before.zoom);
    // ...and Chromium laid the page out into compositor layers only when the pan began and
    // ended, not on each of its frames (it did on every one: 40 here).
    expect(layerUpdates).toBeLessThan(moves / 4);
  });

  it('shows the flow in the overview map, which pans and zooms the view', async () => {
    const map = page.getByRole('img', { name: 'Overview map' });
    await expect.poll(() => map.isVisible()).toBe(true);
    // The nodes are drawn in their category colours (Web Service blue, Condition amber).
    const colours = await map.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return [...seen];
    });
    expect(colours).toContain('47,111,221');
    expect(colours).toContain('208,138,18');

    // Dragging in the map moves the view the same way: the flow slides the other way on screen.
    const box = await map.boundingBox();
    if (!box) throw new Error('the overview map is not visible');
    const before = await view(page);
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 20, from.y + 10, { steps: 5 });
    await page.mouse.up();
    await waitForViewportStill(page);
    const dragged = await view(page);
    expect(dragged.x).toBeLessThan(before.x);
    expect(dragged.y).toBeLessThan(before.y);
    expect(dragged.zoom).toBe(before.zoom);

    // The wheel over the map zooms in (wheel turned away) and out.
    await page.mouse.move(from.x, from.y);
    await page.mouse.wheel(0, -200);
    await waitForViewportStill(page);
    const zoomedIn = await view(page);
    expect(zoomedIn.zoom).toBeGreaterThan(dragged.zoom);
    await page.mouse.wheel(0, 300);
    await waitForViewportStill(page);
    expect((await view(page)).zoom).toBeLessThan(zoomedIn.zoom);
  });

  it('redraws the overview map when a node moves while the view stays', async () => {
    await fitView(page);
    const before = await mapPixels(page);
    const view0 = await view(page);
    await dragNodeBy(page, 'step1', 0, 200);
    await waitUntil(
      'the map to show the moved node',
      () => mapPixels(page),
      (now) => now !== before,
    );
    expect(await view(page)).toEqual(view0);
  });

  it('skips the nodes away from the pointer when finding what a press hits, their handles still taking it', async () => {
    await fitView(page);
    // Every node contains its paint: Chromium's hit test of a press on the pane then skips a
    // node whose box (and margin) the point is outside of, instead of walking all its layers.
    const node = page.locator('.react-flow__node[data-id="n1"]');
    await page.mouse.move(1, 1);
    expect(await node.evaluate((el) => getComputedStyle(el).contain)).toContain('paint');
    // The handles stick out half of the node's box: a point in their outer half still finds them
    // (zoomed in on the node, so that half is several pixels wide).
    const centre = await node.boundingBox();
    if (!centre) throw new Error('the node is not visible');
    await page.mouse.move(centre.x + centre.width / 2, centre.y + centre.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -400);
    await waitForViewportStill(page);
    expect((await view(page)).zoom).toBeGreaterThan(0.8);
    const handle = node.locator('.react-flow__handle.source').first();
    const box = await handle.boundingBox();
    if (!box) throw new Error('the handle is not visible');
    const hit = await page.evaluate(
      ({ x, y }) => {
        const el = document.elementFromPoint(x, y);
        return el?.closest('.react-flow__handle')?.className ?? `no handle but ${el?.outerHTML.slice(0, 160)}`;
      },
      { x: box.x + box.width * 0.85, y: box.y + box.height / 2 },
    );
    expect(hit).toContain('source');
    // A hovered node lets out what it draws beyond that margin (its problems' tooltip).
    await node.hover();
    expect(await node.evaluate((el) => getComputedStyle(el).contain)).toBe('none');
  });

  it('keeps the flow a layer of its own, drawn sharp again after a zoom', async () => {
    await fitView(page);
    const viewport = page.locator('.react-flow__viewport');
    const layered = () => viewport.evaluate((el) => getComputedStyle(el).willChange);
    // A large flow is a layer before any pan: made one only when a pan began, the flow was
    // rasterised in that pan's first frame (80-300 ms on the 500-node benchmark). (After the
    // fit it may be let go of for a frame, to be drawn afresh at the fitted scale.)
    await waitUntil('the whole flow a layer', layered, (w) => w === 'transform');
    const fitted = (await view(page)).zoom;
    expect(fitted).toBeLessThan(0.25);
    // From 1/4 to 1/2 it is no layer while the view rests: Chromium would draw it at scale 1,
    // up to 16 screens of it (a 1 s stall); from 1/2 up it is one again.
    const restingIn: { zoom: number; willChange: string }[] = [];
    for (let i = 0; i < 20 && (await view(page)).zoom < 0.95; i++) {
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await waitForViewportStill(page);
      restingIn.push({ zoom: (await view(page)).zoom, willChange: await layered() });
    }
    const inBand = restingIn.filter((r) => r.zoom >= 0.25 && r.zoom < 0.5);
    expect(inBand.length).toBeGreaterThan(0);
    expect(inBand.every((r) => r.willChange === 'auto')).toBe(true);
    await waitUntil('a layer again at ~100 %', layered, (w) => w === 'transform');
    // The layer was drawn at the fitted scale; a zoom ~5x beyond it must not stretch that
    // drawing. Chromium's raster threads draw it again at the new scale once the zoom rests.
    await page.waitForTimeout(400);
    const area = await canvas(page).boundingBox();
    if (!area) throw new Error('the canvas is not visible');
    const clip = { x: area.x + area.width * 0.25, y: area.y + 80, width: area.width * 0.5, height: area.height * 0.5 };
    const asLayer = await sharpness(page, await page.screenshot({ clip }));
    // The reference: the same view drawn as a fresh layer (not one for two frames, then one
    // again), at the scale it is shown at.
    await viewport.evaluate((el) => {
      (el as HTMLElement).style.willChange = 'auto';
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await viewport.evaluate((el) => (el as HTMLElement).style.removeProperty('will-change'));
    await page.waitForTimeout(300);
    const fresh = await sharpness(page, await page.screenshot({ clip }));
    expect(fresh).toBeGreaterThan(2);
    expect(asLayer / fresh).toBeGreaterThan(0.9);
  });

  it('leaves a small flow out of its own layer, so its text keeps sub-pixel antialiasing', async () => {
    writeFileSync(join(designer.session.workspace, 'small.flow.json'), JSON.stringify(generateFlow(20), null, 2));
    await page.getByTestId('btn-open').click();
    // The large flow has a moved node: the discard question is accepted.
    await page.locator('[data-testid="open-item"][data-path="small.flow.json"]').click();
    await waitUntil(
      'the 20 nodes drawn',
      () => page.locator('.react-flow__node').count(),
      (n) => n === 20,
    );
    expect(await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).willChange)).toBe('auto');
  });
});
