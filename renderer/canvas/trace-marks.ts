/**
 * What the canvas shows of a run on each node: ran or failed, the port taken, the time. A
 * loop's body nodes show one iteration — the one opened in the test report, else the first the
 * trace kept — so the body's path reads like the run's own.
 */
import type { RunTrace, StepTrace } from '../../core/trace.js';
import { manifestFor } from '../../nodes/registry.js';
import type { NodeTraceMark } from './FlowNodeView.js';

/** What a loop's frame says about the run: the iteration shown and how many ran. */
export interface LoopTraceMark {
  shown?: number;
  count: number;
  failed: number;
}

export interface TraceMarks {
  nodes: Map<string, NodeTraceMark>;
  loops: Map<string, LoopTraceMark>;
}

function markOf(step: StepTrace, item?: number): NodeTraceMark {
  return {
    status: step.error ? 'failed' : 'ok',
    ...(step.port !== undefined ? { port: step.port } : {}),
    ...(step.ports !== undefined ? { ports: step.ports } : {}),
    ms: Math.round(step.durationMs),
    ...(step.error ? { error: step.error.message } : {}),
    ...(item !== undefined ? { item } : {}),
  };
}

export function traceMarks(trace: RunTrace | undefined, open?: { loopId: string; index: number }): TraceMarks {
  const nodes = new Map<string, NodeTraceMark>();
  const loops = new Map<string, LoopTraceMark>();
  for (const step of trace?.steps ?? []) {
    const mark = markOf(step);
    nodes.set(step.nodeId, mark);
    const iterations = step.iterations;
    if (!iterations) continue;
    // The body ran: its port counts as taken too, so the edges into the body are drawn as taken.
    const bodyPort = manifestFor(step.type)?.bodyPort;
    if (bodyPort !== undefined && iterations.count > 0) {
      mark.ports = [bodyPort, ...(mark.ports ?? (mark.port !== undefined ? [mark.port] : []))];
    }
    const wanted = open?.loopId === step.nodeId ? open.index : undefined;
    const shown = iterations.kept.find((it) => it.index === wanted) ?? iterations.kept[0];
    loops.set(step.nodeId, {
      count: iterations.count,
      failed: iterations.failed,
      ...(shown ? { shown: shown.index } : {}),
    });
    for (const inner of shown?.steps ?? []) nodes.set(inner.nodeId, markOf(inner, shown!.index));
  }
  return { nodes, loops };
}

/** The step of `nodeId` the canvas shows: its own, or inside a loop's body the one of the iteration shown. */
export function shownStep(
  trace: RunTrace | undefined,
  open: { loopId: string; index: number } | undefined,
  nodeId: string,
): StepTrace | undefined {
  const steps = trace?.steps ?? [];
  const own = steps.filter((s) => s.nodeId === nodeId).at(-1);
  if (own) return own;
  for (const step of steps) {
    const kept = step.iterations?.kept;
    if (!kept) continue;
    const wanted = open?.loopId === step.nodeId ? open.index : undefined;
    const shown = kept.find((it) => it.index === wanted) ?? kept[0];
    const inner = shown?.steps.filter((s) => s.nodeId === nodeId).at(-1);
    if (inner) return inner;
  }
  return undefined;
}
