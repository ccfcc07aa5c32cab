/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser: they need the DOM's types.
/**
 * Designer benchmark (issue 3), in Debian's Chromium against an in-process `flowdesk designer`:
 *
 * - a generated 500-node flow is opened through the UI's Open dialog; measured from the click
 *   on the file (host readFlow + validateFlow, store load) until all 500 nodes are drawn
 *   (the view fits the flow after opening, so every node is on screen), and the host's
 *   validation of the same text on its own;
 * - frame times (requestAnimationFrame deltas) while a scripted mouse drag pans the canvas,
 *   once with the whole flow in view and once at 100 % zoom: median, p95, worst, frames/s;
 * - the frames longer than two vsyncs while the wheel zooms the whole flow in and out;
 * - the whole-flow pan again right after the first Open and after the wheel zoom, the two
 *   moments a large flow's layer was once left drawn at far more pixels than shown;
 * - the same pans again under a Chrome trace: the main thread's work per frame by kind
 *   (bench/frame-work.ts), steadier than frames/s on a shared machine.
 *
 * FLOWDESK_BENCH_RENDERER=<dir> measures another renderer build (main's, to compare two builds
 * in the same minute); FLOWDESK_BENCH_TRACE_DIR=<dir> keeps the traces for DevTools.
 *
 * Prints figures; asserts nothing. `runDesignerBench()` returns rows for bench/run.ts;
 * `node --import tsx bench/designer.bench.ts` runs it alone. Needs the built renderer
 * (`npx vite build`) and /usr/bin/chromium (or FLOWDESK_CHROMIUM).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION, type FlowEdge, type FlowFile, type FlowNode } from '../core/flow.js';
import { manifestFor } from '../nodes/registry.js';
import { startDesignerServer } from '../runtime/hosts/designer/server.js';
import { chromiumAvailable, INSTALL_HINT, launchChromium } from '../test/e2e/support/chromium.js';
import { REPO_ROOT } from '../test/e2e/support/paths.js';
import { FrameTrace, type FrameWork } from './frame-work.js';

export interface Row {
  what: string;
  value: number;
  unit: string;
  target?: number;
  direction?: 'max' | 'min';
  note?: string;
}

const NODE_COUNT = 500;
const COLUMNS = 25;
const OPEN_ROUNDS = 3;

/** Node configs that validate: the manifests' defaults plus what each type needs. */
function configFor(type: string, i: number): Record<string, unknown> {
  const base = structuredClone(manifestFor(type)!.defaults) as Record<string, unknown>;
  switch (type) {
    case 'webService':
      return { ...base, url: `https://api.example.com/items/{{ trigger.body.id }}/${i}` };
    case 'condition':
      return { ...base, rules: [{ left: 'trigger.body.id', operator: 'exists' }] };
    case 'code':
      return { ...base, source: `return { n: ${i} };` };
    default:
      return base;
  }
}

/**
 * A trigger and 499 nodes (Web Service, Condition, Code in turn) in a binary tree: node i
 * hangs off node ⌊(i-1)/2⌋, through its first port for odd i and its second for even i.
 * Laid out on a 25-column grid, 300 × 180 px apart.
 */
export function generateFlow(count = NODE_COUNT): FlowFile {
  const types = ['webService', 'condition', 'code'];
  const nodes: FlowNode[] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < count; i++) {
    const type = i === 0 ? 'webhookTrigger' : types[i % types.length]!;
    const id = `n${i}`;
    nodes.push({
      id,
      type,
      version: manifestFor(type)!.version,
      name: i === 0 ? 'start' : `step${i}`,
      config: configFor(type, i),
    });
    positions[id] = { x: (i % COLUMNS) * 300, y: Math.floor(i / COLUMNS) * 180 };
  }
  const edges: FlowEdge[] = [];
  for (let i = 1; i < count; i++) {
    const parent = nodes[Math.floor((i - 1) / 2)]!;
    const ports = manifestFor(parent.type)!.ports;
    const port = ports[(i - 1) % 2 < ports.length ? (i - 1) % 2 : 0]!;
    edges.push({ from: parent.id, port, to: nodes[i]!.id });
  }
  return {
    $schema: FLOW_SCHEMA_ID,
    schemaVersion: FLOW_SCHEMA_VERSION,
    id: 'designer-bench-500',
    name: `Designer benchmark, ${count} nodes`,
    nodes,
    edges,
    tests: [],
    layout: { nodes: positions },
  } as FlowFile;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[at]!;
}

/** Waits until the canvas transform holds still for a few frames (fit animations done). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const viewport = document.querySelector('.react-flow__viewport') as HTMLElement | null;
        let last = viewport?.style.transform ?? '';
        let still = 0;
        const tick = () => {
          const now = viewport?.style.transform ?? '';
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 10) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** Opens `path` through the Open dialog; ms from the click on the file to all nodes drawn. */
async function openAndRender(page: Page, path: string, count: number): Promise<number> {
  await page.getByTestId('btn-new').click();
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
  await page.getByTestId('btn-open').click();
  await page.locator(`[data-testid="open-item"][data-path="${path}"]`).waitFor();
  const ms = await page.evaluate(
    ({ path, count }) =>
      new Promise<number>((done, fail) => {
        const item = document.querySelector(`[data-testid="open-item"][data-path="${path}"]`) as HTMLElement | null;
        if (!item) return fail(new Error(`no ${path} in the Open dialog`));
        const t0 = performance.now();
        item.click();
        const deadline = t0 + 120_000;
        const tick = () => {
          const drawn = document.querySelectorAll('.react-flow__node').length;
          if (drawn >= count) {
            // The frame those nodes are painted in.
            requestAnimationFrame(() => done(performance.now() - t0));
          } else if (performance.now() > deadline) fail(new Error(`only ${drawn} of ${count} nodes drawn after 120 s`));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { path, count },
  );
  await settle(page);
  return ms;
}

interface FrameStats {
  median: number;
  p95: number;
  worst: number;
  fps: number;
  frames: number;
  /** Frames longer than two vsyncs (33.4 ms): a pan's visible hitches. */
  long: number;
}

/**
 * Starts recording the page's frame times (requestAnimationFrame deltas). Each recording has its
 * own number: a previous one's loop, which may still have a frame requested, stops at its next.
 */
async function startRecordingFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: number };
    const frames: number[] = [];
    const recording = (w.__recording = (w.__recording || 0) + 1);
    w.__frames = frames;
    let last = performance.now();
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      if (w.__recording === recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}

/** Ends the recording `startRecordingFrames` began; its frame times in ms. */
async function stopRecordingFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: number };
    w.__recording++;
    return w.__frames;
  });
}

/** Drags the empty canvas left/right/up/down for ~3 s at ~60 Hz input; rAF deltas meanwhile. */
async function panFrames(page: Page): Promise<FrameStats> {
  await settle(page);
  const area = await page.locator('.fd-canvas').boundingBox();
  if (!area) throw new Error('the canvas is not visible');
  // Grab the background, never a node (that would move it), the minimap or the controls.
  const start = await page.evaluate((a) => {
    for (let y = a.y + 20; y < a.y + a.height * 0.6; y += 7) {
      for (let x = a.x + a.width * 0.3; x < a.x + a.width * 0.7; x += 7) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  }, area);
  if (!start) throw new Error('no empty spot of the canvas to grab');
  // Record from here: each elementFromPoint above is a hit test of the whole flow (hundreds of
  // ms at ~100 % zoom), the benchmark's own work, not the pan's.
  await startRecordingFrames(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const path: [number, number][] = [];
  for (let i = 0; i < 180; i++) {
    const phase = (i / 180) * Math.PI * 2;
    path.push([start.x + Math.sin(phase) * 400, start.y + (1 - Math.cos(phase)) * 200]);
  }
  for (const [x, y] of path) {
    await page.mouse.move(x, y);
    // Pace the input like a hand on a 60 Hz mouse: this is the benchmark's clock, not a wait.
    await new Promise((r) => setTimeout(r, 16));
  }
  await page.mouse.up();
  const frames = (await stopRecordingFrames(page)).slice(1);
  const sorted = [...frames].sort((a, b) => a - b);
  const total = frames.reduce((a, b) => a + b, 0);
  return {
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    worst: sorted[sorted.length - 1] ?? NaN,
    fps: frames.length ? (frames.length / total) * 1000 : NaN,
    frames: frames.length,
    long: frames.filter((f) => f > 33.4).length,
  };
}

/**
 * Frames while the wheel zooms the view in three notches and back out, the pointer over the
 * canvas's centre: each notch recorded for 1.2 s (the zoom and what the compositor draws after).
 */
async function wheelZoomFrames(page: Page): Promise<{ worst: number; long: number; frames: number }> {
  await settle(page);
  const area = await page.locator('.fd-canvas').boundingBox();
  if (!area) throw new Error('the canvas is not visible');
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  const all: number[] = [];
  for (const dy of [-300, -300, -300, 300, 300, 300]) {
    await startRecordingFrames(page);
    await page.mouse.wheel(0, dy);
    // The benchmark's clock: how long each notch is watched, not a wait for something.
    await new Promise((r) => setTimeout(r, 1200));
    all.push(...(await stopRecordingFrames(page)));
  }
  return { worst: Math.max(...all), long: all.filter((f) => f > 33.4).length, frames: all.length };
}

export async function runDesignerBench(options: { count?: number; log?: (line: string) => void } = {}): Promise<Row[]> {
  const count = options.count ?? NODE_COUNT;
  const log = options.log ?? ((line: string) => console.log(line));
  // FLOWDESK_BENCH_RENDERER: another build (main's, say) to compare with in the same minute.
  const rendererDir = process.env.FLOWDESK_BENCH_RENDERER ?? join(REPO_ROOT, 'dist-renderer');
  if (!chromiumAvailable()) {
    log(`designer bench skipped: ${INSTALL_HINT}`);
    return [];
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    log('designer bench skipped: the renderer is not built (run `npx vite build`).');
    return [];
  }
  const workspace = mkdtempSync(join(tmpdir(), 'flowdesk-bench-ws-'));
  const flowPath = 'bench-500.flow.json';
  const text = JSON.stringify(generateFlow(count), null, 2) + '\n';
  writeFileSync(join(workspace, flowPath), text);
  mkdirSync(join(workspace, '.flowdesk'), { recursive: true });
  const server = await startDesignerServer({
    port: 0,
    workspace,
    rendererDir,
    keyFile: join(workspace, '.flowdesk', 'designer.key'),
  });
  const browser = await launchChromium({ width: 1600, height: 1000 });
  const rows: Row[] = [];
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(120_000);
    page.on('dialog', (d) => void d.accept().catch(() => undefined));
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.getByTestId('palette-webService').waitFor();

    // The host's share: parse, migrate, validate the text (what Open does before drawing).
    const validateMs: number[] = [];
    for (let i = 0; i < OPEN_ROUNDS; i++) {
      validateMs.push(
        await page.evaluate(async (t) => {
          const t0 = performance.now();
          const result = await window.host.validateFlow(t);
          if (!result.flow) throw new Error('the generated flow did not load');
          return performance.now() - t0;
        }, text),
      );
    }
    const openMs: number[] = [];
    // The first pan right after the first Open: the flow appeared at 100 % before the fit, the
    // scale a layer keeps if nothing draws it afresh (renderer/canvas/layer-scale.ts).
    let firstPan: FrameStats | undefined;
    for (let i = 0; i < OPEN_ROUNDS; i++) {
      openMs.push(await openAndRender(page, flowPath, count));
      firstPan ??= await panFrames(page);
    }
    const errors = await page.$$eval('[data-testid="problem"][data-severity="error"]', (els) => els.length);
    const median = (xs: number[]) =>
      quantile(
        [...xs].sort((a, b) => a - b),
        0.5,
      );
    rows.push({
      what: `designer: open + render ${count}-node flow`,
      value: median(openMs),
      unit: 'ms',
      note: `click in Open → host read + validate → all ${count} nodes drawn; median of ${OPEN_ROUNDS} (${openMs.map((m) => Math.round(m)).join(', ')} ms); ${errors} validation errors shown`,
    });
    rows.push({
      what: `designer: host validateFlow of ${count}-node flow`,
      value: median(validateMs),
      unit: 'ms',
      note: 'HTTP round trip from the page included',
    });

    const whole = await panFrames(page);
    const wholeWork = await tracedPan(page, 'whole');
    const zoom = await page
      .locator('.react-flow__viewport')
      .evaluate((el) => /scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? '?');
    const drawnWhole = await page.$$eval('.react-flow__node', (els) => els.length);
    pushFrameRows(
      rows,
      `panning, whole flow in view (zoom ${Number(zoom).toFixed(2)}, ${drawnWhole} nodes drawn)`,
      whole,
    );

    const zooming = await wheelZoomFrames(page);
    const afterZoom = await panFrames(page);
    rows.push({
      what: 'designer: wheel zoom, whole flow, frames > 33.4 ms',
      value: zooming.long,
      unit: 'frames',
      note: `3 notches in and 3 out, 1.2 s each; worst ${zooming.worst.toFixed(1)} ms of ${zooming.frames} frames`,
    });

    pushFrameRows(rows, 'panning, whole flow, first pan after the first Open', firstPan!);
    pushFrameRows(rows, 'panning, whole flow, after the wheel zoom in and out', afterZoom);

    // 100 % zoom: Ctrl+0 is Fit here, so zoom in with the controls until the scale is 1.
    for (let i = 0; i < 40; i++) {
      const scale = await page
        .locator('.react-flow__viewport')
        .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? 1));
      if (scale >= 0.95) break;
      await page.locator('.react-flow__controls-zoomin').click();
      await settle(page);
    }
    const drawnNear = await page.$$eval('.react-flow__node', (els) => els.length);
    const near = await panFrames(page);
    const nearWork = await tracedPan(page, 'near');
    pushFrameRows(rows, `panning at ~100% zoom (${drawnNear} nodes drawn)`, near);
    pushWorkRows(rows, 'panning, whole flow in view', wholeWork);
    pushWorkRows(rows, 'panning at ~100% zoom', nearWork);
  } finally {
    await browser.close();
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The same pan again under a Chrome trace (tracing slows the page, so its frame times are not
 * the ones reported): the main thread's work per frame. FLOWDESK_BENCH_TRACE_DIR keeps the
 * traces (pan-whole.json, pan-near.json) for DevTools' Performance panel.
 */
async function tracedPan(page: Page, name: string): Promise<FrameWork> {
  const dir = process.env.FLOWDESK_BENCH_TRACE_DIR;
  const trace = await FrameTrace.start(page);
  await panFrames(page);
  return trace.stop(dir ? join(dir, `pan-${name}.json`) : undefined);
}

function pushWorkRows(rows: Row[], label: string, w: FrameWork): void {
  const ms = (x: number) => x.toFixed(1);
  rows.push({
    what: `designer: main-thread work per frame ${label}`,
    value: w.scriptingMs + w.styleLayoutMs + w.paintMs + w.hitTestMs,
    unit: 'ms',
    note: `scripting ${ms(w.scriptingMs)}, style+layout ${ms(w.styleLayoutMs)}, paint+layerise ${ms(w.paintMs)}, hit tests ${ms(w.hitTestMs)}; raster threads ${ms(w.rasterMs)} ms/frame; layer updates ${w.layerUpdatesPerFrame.toFixed(2)}/frame; ${w.frames} frames; ${w.longTasks} tasks > 50 ms (longest ${w.longestTaskMs.toFixed(0)} ms)`,
  });
}

function pushFrameRows(rows: Row[], label: string, s: FrameStats): void {
  rows.push({ what: `designer: frame time ${label}, median`, value: s.median, unit: 'ms', note: `${s.frames} frames` });
  rows.push({
    what: `designer: frame time ${label}, p95`,
    value: s.p95,
    unit: 'ms',
    note: `worst ${s.worst.toFixed(1)} ms; ${s.long} frames > 33.4 ms`,
  });
  rows.push({ what: `designer: frames/s ${label}`, value: s.fps, unit: 'fps' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const t0 = performance.now();
  const rows = await runDesignerBench();
  const width = Math.max(0, ...rows.map((r) => r.what.length));
  console.log('');
  for (const r of rows) {
    const value = Number.isFinite(r.value)
      ? r.value >= 100
        ? Math.round(r.value).toString()
        : r.value.toFixed(1)
      : 'n/a';
    console.log(`${r.what.padEnd(width)}  ${value.padStart(7)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
  }
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
