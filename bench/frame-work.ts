/**
 * Work per frame from a Chrome performance trace (CDP Tracing), for the designer benchmark.
 * Frame rates swing with the load of a shared machine; the main thread's work per frame
 * (scripting, style and layout, paint) and its long tasks are steadier figures to compare
 * two builds by.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export interface FrameWork {
  /** Frames the compositor drew while recording. */
  frames: number;
  /** Main-thread milliseconds per drawn frame, by kind of work. */
  scriptingMs: number;
  styleLayoutMs: number;
  /** Paint, pre-paint and layerisation (PaintArtifactCompositor) together. */
  paintMs: number;
  /** Hit tests (Chromium finding the element under the pointer on each move). */
  hitTestMs: number;
  /** Tasks on the main thread longer than 50 ms (Chrome's "long task"), and the longest. */
  longTasks: number;
  longestTaskMs: number;
  /** Raster milliseconds per frame on the raster threads (software: no GPU here). */
  rasterMs: number;
  /**
   * How many times Chromium laid the page out into compositor layers again
   * (`PaintArtifactCompositor::Update`), per frame: near 0 when a pan only moves a layer.
   */
  layerUpdatesPerFrame: number;
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink',
  'cc',
  'v8.execute',
].join(',');

export class FrameTrace {
  private readonly events: TraceEvent[] = [];
  private constructor(private readonly cdp: CDPSession) {}

  static async start(page: Page): Promise<FrameTrace> {
    const cdp = await page.context().newCDPSession(page);
    const trace = new FrameTrace(cdp);
    cdp.on('Tracing.dataCollected', (e) => {
      // CDP types trace events as string maps; they are Chrome's trace event objects.
      trace.events.push(...(e.value as unknown as TraceEvent[]));
    });
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    return trace;
  }

  /** Ends the trace; `saveTo` keeps it as a file DevTools' Performance panel opens. */
  async stop(saveTo?: string): Promise<FrameWork> {
    const done = new Promise<void>((resolve) => this.cdp.once('Tracing.tracingComplete', () => resolve()));
    await this.cdp.send('Tracing.end');
    await done;
    await this.cdp.detach();
    if (saveTo) writeFileSync(saveTo, JSON.stringify({ traceEvents: this.events }));
    return summarise(this.events);
  }
}

function summarise(events: TraceEvent[]): FrameWork {
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const threadOf = (e: TraceEvent) => threadNames.get(`${e.pid}:${e.tid}`) ?? '';
  // The page's main thread is the renderer main thread with the most work.
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X' && threadOf(e) === 'CrRendererMain') {
      const key = `${e.pid}:${e.tid}`;
      busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
    }
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mainPid = main ? Number(main.split(':')[0]) : -1;
  const onMain = (e: TraceEvent) => `${e.pid}:${e.tid}` === main;

  let styleLayout = 0;
  let paint = 0;
  let raster = 0;
  let longTasks = 0;
  let longest = 0;
  let hitTest = 0;
  let frames = 0;
  let layerUpdates = 0;
  for (const e of events) {
    if (e.name === 'DrawFrame' && e.pid === mainPid) frames++;
    if (e.name === 'PaintArtifactCompositor::Update' && (e.ph === 'X' || e.ph === 'B') && onMain(e)) layerUpdates++;
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const ms = e.dur / 1000;
    if (e.name === 'RasterTask' && e.pid === mainPid) raster += ms;
    if (!onMain(e)) continue;
    switch (e.name) {
      case 'RunTask':
        if (ms > 50) {
          longTasks++;
          longest = Math.max(longest, ms);
        }
        break;
      case 'HitTest':
        hitTest += ms;
        break;
      case 'UpdateLayoutTree':
      case 'Layout':
      case 'RecalculateStyles':
        styleLayout += ms;
        break;
      case 'Paint':
      case 'PaintImage':
      case 'Layerize':
      case 'UpdateLayer':
      case 'PrePaint':
        paint += ms;
        break;
    }
  }
  // Scripting: the main thread's top-level script time (nested entries are not added twice).
  const scripting = topLevelScriptMs(events.filter(onMain));
  const per = (x: number) => (frames ? x / frames : NaN);
  return {
    frames,
    scriptingMs: per(scripting),
    styleLayoutMs: per(styleLayout),
    paintMs: per(paint),
    hitTestMs: per(hitTest),
    longTasks,
    longestTaskMs: longest,
    rasterMs: per(raster),
    layerUpdatesPerFrame: per(layerUpdates),
  };
}

/** Sums script events on one thread that are not inside another script event. */
function topLevelScriptMs(events: TraceEvent[]): number {
  const names = new Set([
    'FunctionCall',
    'EvaluateScript',
    'TimerFire',
    'FireAnimationFrame',
    'EventDispatch',
    'RunMicrotasks',
    'V8.Execute',
  ]);
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && names.has(e.name))
    .map((e) => [e.ts, e.ts + e.dur!] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, f] of spans) {
    if (s >= end) {
      total += f - s;
      end = f;
    } else if (f > end) {
      total += f - end;
      end = f;
    }
  }
  return total / 1000;
}
