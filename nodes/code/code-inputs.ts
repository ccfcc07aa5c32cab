/**
 * What of `{ trigger, steps, vars, params }` a Code node's source can read, found once per flow load,
 * so each run copies into the sandbox only that instead of the whole scope (encoding the scope
 * into QuickJS was a large share of a run's cost).
 *
 * The analysis is deliberately blunt and errs towards passing more: it scans the raw source
 * (strings and comments included, which can only add paths) for each use of `trigger`, `steps`
 * or `vars` that is not a property of something else, and follows its `.name`, `?.name` and
 * `['name']` accesses. A use it cannot follow (`steps[x]`, `const { body } = trigger`,
 * `f(vars)`) takes that root whole. A path ending in a call (`trigger.body.text.trim()`)
 * keeps the object the method is called on. Anything that could reach the scope another way
 * (the `input` parameter, `arguments`, `this`, `globalThis`, `eval`, `Function`, `with`,
 * unicode escapes in identifiers) makes the plan pass everything.
 */

/** A path into one root; `[]` means the whole root. */
export type AccessPath = readonly string[];

export type InputPlan =
  | { kind: 'all' }
  | {
      kind: 'paths';
      /** Per root that the source uses, the paths it reads; a root absent here is not read. */
      roots: Partial<Record<ScopeRoot, AccessPath[]>>;
    };

export type ScopeRoot = 'trigger' | 'steps' | 'vars' | 'params' | 'item';
const ROOTS: readonly ScopeRoot[] = ['trigger', 'steps', 'vars', 'params', 'item'];

/** Names through which user code can see the whole scope or evaluate hidden references. */
const ESCAPES = /(?<![\w$])(?:input|arguments|this|globalThis|eval|Function|with)(?![\w$])|\\u/;

const ROOT_USE = /(?<![\w$.])(trigger|steps|vars|params|item)(?![\w$])/g;
const IDENT = /^[A-Za-z_$][\w$]*/;
const QUOTED = /^\[\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)")\s*\]/;

export function planInputs(source: string): InputPlan {
  if (ESCAPES.test(source)) return { kind: 'all' };
  const roots: Partial<Record<ScopeRoot, AccessPath[]>> = {};
  for (const match of source.matchAll(ROOT_USE)) {
    const root = match[1] as ScopeRoot;
    const path: string[] = [];
    let at = match.index + root.length;
    for (;;) {
      const rest = source.slice(at);
      const ws = /^\s*/.exec(rest)![0].length;
      const after = rest.slice(ws);
      const dot = /^\??\.\s*/.exec(after);
      if (dot && !after.startsWith('?.[') && !after.startsWith('?.(')) {
        const name = IDENT.exec(after.slice(dot[0].length));
        if (!name) break;
        path.push(name[0]);
        at += ws + dot[0].length + name[0].length;
        continue;
      }
      const quoted = QUOTED.exec(after.startsWith('?.') ? after.slice(2) : after);
      if (quoted) {
        path.push(quoted[1] ?? quoted[2] ?? '');
        at += ws + (after.startsWith('?.') ? 2 : 0) + quoted[0].length;
        continue;
      }
      // `x.f(` or `x.f?.(`: f is a method of x, so x is what is read.
      if (/^(?:\?\.)?\(/.test(after) && path.length > 0) path.pop();
      break;
    }
    (roots[root] ??= []).push(path);
  }
  return { kind: 'paths', roots };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Copies into `into` the parts of `value` the paths reach. Plain objects are narrowed key by
 * key; any other value on a path (array, string, number) is taken whole, so its methods and
 * `length` behave as in the full scope.
 */
function pick(value: unknown, paths: readonly AccessPath[], depth = 0): unknown {
  if (!isPlainObject(value) || paths.some((p) => p.length === depth)) return value;
  const byKey = new Map<string, AccessPath[]>();
  for (const p of paths) {
    const key = p[depth]!;
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(p);
  }
  const out: Record<string, unknown> = {};
  for (const [key, list] of byKey) {
    // A JSON '__proto__' key is an own property there; assignment would set the prototype.
    Object.defineProperty(out, key, {
      value: pick(value[key], list, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * The input to hand the sandbox for this plan: the scope itself, or a narrowed copy. Inside an
 * Apply to each body the scope has `item` and `index` too; elsewhere they stay undefined.
 */
export function inputFor(
  plan: InputPlan,
  scope: { trigger: unknown; steps: unknown; vars: unknown; params?: unknown; item?: unknown; index?: number },
): Record<string, unknown> {
  const inBody = scope.index !== undefined;
  if (plan.kind === 'all') {
    const all: Record<string, unknown> = {
      trigger: scope.trigger,
      steps: scope.steps,
      vars: scope.vars,
      params: scope.params ?? {},
    };
    if (inBody) Object.assign(all, { item: scope.item, index: scope.index });
    return all;
  }
  const out: Record<string, unknown> = {};
  for (const root of ROOTS) {
    if (root === 'item') continue;
    const paths = plan.roots[root];
    // A root the code never names is still defined, as an empty object, so nothing else changes.
    out[root] = paths ? pick(scope[root] ?? {}, paths) : {};
  }
  if (inBody) {
    const paths = plan.roots.item;
    if (paths) out.item = pick(scope.item, paths);
    out.index = scope.index;
  }
  return out;
}
