/**
 * Which parts of the run scope an expression reads, found by walking the JSONata syntax tree.
 * The validator uses it to check that `steps.X` names a node that runs before.
 */
import { parseJsonata } from './jsonata-compile.js';
import { parseTemplate } from './parse-template.js';

export interface ExpressionReferences {
  /** Node names read as `steps.<name>`, in first-use order. */
  steps: string[];
  /** True when `trigger` is read. */
  trigger: boolean;
  /** Names read as `vars.<name>`. */
  vars: string[];
  /** Flow parameters read as `params.<name>`. */
  params: string[];
  /** True when `item` or `index` is read: set only inside an Apply to each body. */
  item: boolean;
  /** True when `steps` or `vars` is read as a whole (e.g. `$keys(steps)`), so names are unknown. */
  wholeSteps: boolean;
  wholeVars: boolean;
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  [key: string]: unknown;
}

function emptyReferences(): ExpressionReferences {
  return { steps: [], trigger: false, vars: [], params: [], item: false, wholeSteps: false, wholeVars: false };
}

function recordPath(steps: AstNode[], refs: ExpressionReferences): void {
  let first = 0;
  // `$$.steps.x` and `$.steps.x` read from the root too.
  if (steps[0]?.type === 'variable' && (steps[0].value === '$' || steps[0].value === '')) first = 1;
  const root = steps[first];
  if (root?.type !== 'name') return;
  const next = steps[first + 1];
  const child = next?.type === 'name' && typeof next.value === 'string' ? next.value : undefined;
  if (root.value === 'trigger') refs.trigger = true;
  else if (root.value === 'item' || root.value === 'index') refs.item = true;
  else if (root.value === 'steps') {
    if (child === undefined) refs.wholeSteps = true;
    else if (!refs.steps.includes(child)) refs.steps.push(child);
  } else if (root.value === 'vars') {
    if (child === undefined) refs.wholeVars = true;
    else if (!refs.vars.includes(child)) refs.vars.push(child);
  } else if (root.value === 'params' && child !== undefined && !refs.params.includes(child)) {
    refs.params.push(child);
  }
}

function walk(node: unknown, refs: ExpressionReferences): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, refs);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const ast = node as AstNode;
  if (ast.type === 'path' && Array.isArray(ast.steps)) recordPath(ast.steps, refs);
  for (const [key, child] of Object.entries(ast)) {
    if (key !== 'value' || typeof child === 'object') walk(child, refs);
  }
}

const cache = new Map<string, ExpressionReferences>();

/** Root references of a bare JSONata expression; empty when it does not compile. */
export function expressionReferences(source: string): ExpressionReferences {
  const cached = cache.get(source);
  if (cached) return copy(cached);
  const refs = emptyReferences();
  // Syntax errors are reported by the parser; an unparsable expression references nothing.
  walk(parseJsonata(source).ast, refs);
  if (cache.size >= 20000) cache.delete(cache.keys().next().value as string);
  cache.set(source, refs);
  return copy(refs);
}

function copy(refs: ExpressionReferences): ExpressionReferences {
  return { ...refs, steps: [...refs.steps], vars: [...refs.vars], params: [...refs.params] };
}

/** Root references of every expression in a `{{ }}` template. */
export function templateReferences(text: string): ExpressionReferences {
  const merged = emptyReferences();
  for (const part of parseTemplate(text).parts) {
    if (part.kind === 'expr') mergeReferences(merged, expressionReferences(part.source));
  }
  return merged;
}

export function mergeReferences(into: ExpressionReferences, from: ExpressionReferences): void {
  for (const name of from.steps) if (!into.steps.includes(name)) into.steps.push(name);
  for (const name of from.vars) if (!into.vars.includes(name)) into.vars.push(name);
  for (const name of from.params) if (!into.params.includes(name)) into.params.push(name);
  into.trigger ||= from.trigger;
  into.item ||= from.item;
  into.wholeSteps ||= from.wholeSteps;
  into.wholeVars ||= from.wholeVars;
}
