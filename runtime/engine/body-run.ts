/**
 * Running a node's body once per item (Apply to each): the part of the flow behind the node's
 * `bodyPort`, walked like the flow itself (joins included) but in a frame of its own — the
 * iteration's scope (`item`, `index`, and a copy of `steps` and `vars` that body nodes add to)
 * and its own list of steps. The executor of the looping node decides which items run, how
 * many at once and what a failure means; this module runs one item and keeps the trace.
 *
 * The trace keeps the steps of the first `KEEP_FIRST` iterations and of the first
 * `KEEP_FAILED` failed ones after them; the others are counted. Memory stays bounded by the
 * item limit times one item's result, not by the body's steps times the items.
 */
import { performance } from 'node:perf_hooks';
import type { BodyFailure, BodyOutcome, BodyRunner, RunScope } from '../../core/node-type.js';
import type { IterationTrace, IterationsTrace, StepTrace } from '../../core/trace.js';
import { isMessage, type NodeRef } from '../../core/messages/message.js';
import { NodeFailure } from './errors.js';
import { walk, type WalkNode } from './join-walk.js';

/** Where a node runs: the run's top level, or one iteration of a body. */
export interface Frame {
  readonly scope: RunScope;
  /** The run's id at the top level; `<runId>-<index>` in an iteration (idempotency keys). */
  readonly runId: string;
  /** The steps recorded in this frame, in the order they ran. */
  readonly steps: StepTrace[];
  /** True in an iteration: a body does not hold another (loops do not nest). */
  readonly inBody: boolean;
}

/** Iterations kept in the trace with their steps: the first ones by index… */
export const KEEP_FIRST = 20;
/** …and this many failed ones after those (a failure is what an admin opens first). */
export const KEEP_FAILED = 10;

export interface BodyDeps<E extends WalkNode> {
  /** The nodes the body port leads to, in file order. */
  readonly start: readonly E[];
  /** Nodes in the flow (the walk marks visited nodes by file index). */
  readonly nodeCount: number;
  /** Nodes in the body. */
  readonly size: number;
  /** The frame the looping node runs in. */
  readonly outer: Frame;
  readonly signal: AbortSignal;
  /** `performance.now()` at the run's start, for the iterations' `startedAtMs`. */
  readonly t0: number;
  /**
   * Runs one node in a frame and pushes the targets of the port it took; throws `NodeFailure`
   * when the run cannot go on past it, and the abort's reason when the run was cut short.
   */
  visit(entry: E, frame: Frame, stack: E[]): Promise<unknown>;
}

/** A body runner plus the trace of what it ran. */
export interface TracedBodyRunner extends BodyRunner {
  /** The iterations so far, as the looping node's step records them. */
  trace(): IterationsTrace;
}

export function createBodyRunner<E extends WalkNode>(deps: BodyDeps<E>): TracedBodyRunner {
  const keeper = new IterationKeeper();
  const { outer, signal } = deps;
  return {
    size: deps.size,
    async run(item: unknown, index: number): Promise<BodyOutcome> {
      if (signal.aborted) throw signal.reason;
      const o = outer.scope;
      const scope: RunScope = {
        trigger: o.trigger,
        steps: { ...o.steps },
        vars: { ...o.vars },
        params: o.params,
        item,
        index,
      };
      const frame: Frame = { scope, runId: `${outer.runId}-${index}`, steps: [], inBody: true };
      const stack: E[] = [];
      for (let i = deps.start.length - 1; i >= 0; i--) stack.push(deps.start[i]!);
      const started = performance.now();
      try {
        // `visit` stops at a cancelled run before starting a node.
        await walk(stack, new Uint8Array(deps.nodeCount), (entry) => deps.visit(entry, frame, stack));
      } catch (err) {
        if (signal.aborted || !(err instanceof NodeFailure)) throw signal.aborted ? signal.reason : err;
        const p = err.params ?? {};
        const error: BodyFailure = {
          message: err.message,
          nodeName: err.nodeName,
          node: isRef(p.node) ? p.node : { index: -1, name: err.nodeName },
          detail: isMessage(p.detail)
            ? p.detail
            : { code: 'text', params: { text: err.message }, message: err.message },
        };
        if (err.code !== undefined) error.code = err.code;
        if (err.params !== undefined) error.params = err.params;
        keeper.add(iteration(index, item, 'failed', started, deps.t0, frame.steps, error));
        return { ok: false, error };
      }
      keeper.add(iteration(index, item, 'success', started, deps.t0, frame.steps));
      const last = frame.steps[frame.steps.length - 1];
      return { ok: true, output: last?.output, scope };
    },
    trace: () => keeper.trace(),
  };
}

function isRef(value: unknown): value is NodeRef {
  return typeof value === 'object' && value !== null && typeof (value as { index?: unknown }).index === 'number';
}

function iteration(
  index: number,
  item: unknown,
  status: IterationTrace['status'],
  started: number,
  t0: number,
  steps: StepTrace[],
  error?: BodyFailure,
): IterationTrace {
  const it: IterationTrace = {
    index,
    item,
    status,
    startedAtMs: started - t0,
    durationMs: performance.now() - started,
    steps,
  };
  if (error) it.error = error;
  return it;
}

/** Decides which iterations the trace keeps with their steps, and counts the rest. */
class IterationKeeper {
  private readonly kept: IterationTrace[] = [];
  private count = 0;
  private failed = 0;
  private keptFailedAfter = 0;

  add(it: IterationTrace): void {
    this.count++;
    if (it.status === 'failed') this.failed++;
    if (it.index < KEEP_FIRST) {
      this.kept.push(it);
    } else if (it.status === 'failed' && this.keptFailedAfter < KEEP_FAILED) {
      this.keptFailedAfter++;
      this.kept.push(it);
    }
  }

  /** A snapshot: iterations still running when a run is cut short must not change a trace already returned. */
  trace(): IterationsTrace {
    return {
      count: this.count,
      failed: this.failed,
      // Several at a time finish out of order; the trace reads by index.
      kept: this.kept.slice().sort((a, b) => a.index - b.index),
      omitted: this.count - this.kept.length,
      keepFirst: KEEP_FIRST,
      keepFailed: KEEP_FAILED,
    };
  }
}
