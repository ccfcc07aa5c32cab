/**
 * Run states cross from a worker to its host as differences from the one sent before: a state
 * holds the trigger and every earlier node's output and trace step, so sending it whole after
 * every node cost the size of the run once per node (three quarters of the server's CPU per
 * request in the benchmark). Finished outputs, trace steps and the `done` list only grow, and
 * the trigger never changes during a run, so only what is new crosses; `pending`, `vars`, the
 * timing and the response are small and cross whole.
 */
import type { RunState } from '../../../core/run-state.js';

export interface RunStateDelta {
  /** Outputs of the nodes that finished since the last state, by node name. */
  outputs: Record<string, unknown>;
  /** Ids appended to `done`. */
  done: string[];
  /** Trace steps appended. */
  steps: RunState['steps'];
  pending: string[];
  vars: Record<string, unknown>;
  elapsedMs: number;
  response?: RunState['response'];
}

/** Worker side: what changed between `before` (the last state sent, or the run's start) and `now`. */
export function stateDelta(before: RunState | undefined, now: RunState): RunStateDelta {
  const outputs: Record<string, unknown> = {};
  const had = before?.scope.steps ?? {};
  for (const [name, output] of Object.entries(now.scope.steps)) {
    if (!Object.hasOwn(had, name)) outputs[name] = output;
  }
  return {
    outputs,
    done: now.done.slice(before?.done.length ?? 0),
    steps: now.steps.slice(before?.steps.length ?? 0),
    pending: now.pending,
    vars: now.scope.vars,
    elapsedMs: now.elapsedMs,
    ...(now.response ? { response: now.response } : {}),
  };
}

/** Host side: the state after `delta`, from the one before it (or the run's start). */
export function applyStateDelta(before: RunState, delta: RunStateDelta): RunState {
  return {
    ...before,
    elapsedMs: delta.elapsedMs,
    scope: { trigger: before.scope.trigger, steps: { ...before.scope.steps, ...delta.outputs }, vars: delta.vars },
    done: [...before.done, ...delta.done],
    pending: delta.pending,
    steps: [...before.steps, ...delta.steps],
    ...(delta.response ? { response: delta.response } : {}),
  };
}
