/**
 * Copies of a run's scope for its saved states (`RunState.scope`), each as JSON would give it
 * back. A checkpoint's state must not change when the run goes on (a host may keep it, or
 * compare it with the next one), so it cannot share objects with the live scope; but copying
 * the whole scope at every checkpoint copies the trigger's payload and every finished output
 * again each time. Those never change once set (a node's output is written once; nodes read
 * the trigger, they do not write it), so each is copied once and the copy reused; only `vars`,
 * which mappings write to as the run goes, is copied every time.
 */
import type { RunState } from '../../core/run-state.js';
import type { RunScope } from '../../core/node-type.js';

type ScopeSnapshotter = (scope: RunScope) => RunState['scope'];

/** The copy JSON.stringify and JSON.parse would make (undefined where JSON drops the value). */
function jsonCopy(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** One per run: remembers the copies it made of outputs that do not change. */
export function createScopeSnapshotter(): ScopeSnapshotter {
  const copies = new WeakMap<object, unknown>();
  const once = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return jsonCopy(value);
    if (copies.has(value)) return copies.get(value);
    const copy = jsonCopy(value);
    copies.set(value, copy);
    return copy;
  };
  return (scope) => {
    const steps: Record<string, unknown> = {};
    for (const [name, output] of Object.entries(scope.steps)) {
      const copy = once(output);
      if (copy !== undefined) steps[name] = copy;
    }
    return {
      trigger: once(scope.trigger) as RunState['scope']['trigger'],
      steps,
      vars: jsonCopy(scope.vars) as Record<string, unknown>,
      ...(scope.params !== undefined ? { params: once(scope.params) as Record<string, unknown> } : {}),
    };
  };
}
