/**
 * Compiles templates, expressions and templated JSON values once, into objects whose
 * `evaluate(scope)` only runs already-compiled JSONata. Contracts: core/node-type.ts.
 */
import type { CompiledExpression, CompiledTemplate, CompiledValue, PrepareTools, RunScope } from '../node-type.js';
import {
  DEFAULT_EXPRESSION_LIMITS,
  REFUSED,
  asJsonataFailure,
  compileJsonata,
  toPlainJson,
  type ExpressionLimits,
  type JsonataExpression,
} from './jsonata-compile.js';
import { setOwn } from '../own-property.js';
import { parseTemplate } from './parse-template.js';

export type TemplateMode = 'value' | 'text' | 'url';

function shorten(source: string): string {
  const flat = source.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** How a substituted value reads inside text: objects as JSON, nothing as ''. */
export function templateText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Evaluator = (scope: RunScope) => Promise<unknown>;

/**
 * The size of `value` written as JSON, in characters, counted until it passes `cap` (so a
 * huge value costs no more than the cap to measure). Approximate for escapes and numbers.
 */
export function jsonSizeUpTo(value: unknown, cap: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= cap) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (let i = item.length - 1; i >= 0 && stack.length <= cap; i--) stack.push(item[i]);
    } else if (item !== null && typeof item === 'object') {
      size += 2;
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        size += key.length + 4;
        stack.push(child);
        if (size > cap) break;
      }
    } else size += item === undefined ? 0 : String(item).length;
  }
  return size;
}

/** Refuses a filled-in value larger than an expression may build (it would be sent, logged, traced). */
function checkFilledSize(value: unknown, label: string, limits: ExpressionLimits): unknown {
  const size = typeof value === 'string' ? value.length : jsonSizeUpTo(value, limits.maxStringLength);
  if (size > limits.maxStringLength) {
    throw new Error(
      `${label} produced a value of ${typeof value === 'string' ? size.toLocaleString('en-US') : 'more than ' + limits.maxStringLength.toLocaleString('en-US')} characters; a filled-in value may be at most ${limits.maxStringLength.toLocaleString('en-US')}`,
    );
  }
  return value;
}

/**
 * The names of a plain dotted path (`trigger.body.ConversationID`, `steps.get.body.id`), the
 * most common template by far; undefined for anything with predicates, functions, operators.
 */
export function plainPath(ast: unknown): string[] | undefined {
  const node = ast as { type?: string; steps?: unknown[]; [k: string]: unknown } | undefined;
  if (!node || node.type !== 'path' || !Array.isArray(node.steps)) return undefined;
  if (Object.keys(node).some((k) => k !== 'type' && k !== 'steps' && k !== 'position' && k !== 'value'))
    return undefined;
  const names: string[] = [];
  for (const step of node.steps as Record<string, unknown>[]) {
    if (step.type !== 'name' || typeof step.value !== 'string') return undefined;
    if (Object.keys(step).some((k) => k !== 'type' && k !== 'value' && k !== 'position')) return undefined;
    names.push(step.value);
  }
  return names;
}

const FALLBACK = Symbol('fallback');

/**
 * Reads a plain path by property access. Arrays map and flatten in JSONata, so any array on
 * the way (or at the end) hands over to jsonata to keep its exact semantics.
 */
function readPlainPath(scope: unknown, names: readonly string[]): unknown {
  let at: unknown = scope;
  for (const name of names) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return at === undefined ? undefined : FALLBACK;
    if (!Object.prototype.hasOwnProperty.call(at, name)) return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  if (Array.isArray(at) || typeof at === 'function') return FALLBACK;
  return at;
}

function evaluator(source: string, label: string, limits: ExpressionLimits, capResult = true): Evaluator {
  let compiled: JsonataExpression;
  try {
    compiled = compileJsonata(source, limits);
  } catch (err) {
    const failure = asJsonataFailure(err);
    const where = failure.position !== undefined ? ` at character ${failure.position}` : '';
    const what = failure.code === REFUSED ? 'cannot be used' : 'has a syntax error';
    throw new Error(`${label} ${what}${where}: ${failure.message}`);
  }
  const run: Evaluator = async (scope) => {
    let result: unknown;
    try {
      result = toPlainJson(await compiled.evaluate(scope));
    } catch (err) {
      throw new Error(`could not evaluate ${label}: ${asJsonataFailure(err, limits).message}`);
    }
    return capResult ? checkFilledSize(result, label, limits) : result;
  };
  const names = plainPath(compiled.ast());
  if (!names) return run;
  return (scope) => {
    const value = readPlainPath(scope, names);
    if (value === FALLBACK) return run(scope);
    return Promise.resolve(value !== null && typeof value === 'object' ? toPlainJson(value) : value);
  };
}

/** Compiles `{{ }}` template text (piped text included). Throws on a syntax error. */
export function compileTemplate(
  text: string,
  mode: TemplateMode,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
  /** False for a value the node only reads: no cap on the filled-in size (see `PrepareTools.value`). */
  capResult = true,
): CompiledTemplate {
  const parsed = parseTemplate(text);
  const firstError = parsed.errors[0];
  if (firstError) {
    throw new Error(
      `template "${shorten(text)}" has an error at character ${firstError.offset + 1}: ${firstError.message}`,
    );
  }
  const exprParts = parsed.parts.filter((p) => p.kind === 'expr');
  if (exprParts.length === 0) {
    // Static text never touches jsonata.
    const value = text;
    return { source: text, isStatic: true, evaluate: () => Promise.resolve(value) };
  }
  const only = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
  if (only?.kind === 'expr') {
    const run = evaluator(only.source, `{{ ${shorten(only.source)} }}`, limits, capResult || mode !== 'value');
    const evaluate: Evaluator =
      mode === 'value'
        ? run
        : mode === 'text'
          ? async (scope) => templateText(await run(scope))
          : async (scope) => encodeURIComponent(templateText(await run(scope)));
    return { source: text, isStatic: false, evaluate };
  }
  const pieces: (string | Evaluator)[] = parsed.parts.map((part) =>
    part.kind === 'text' ? part.text : evaluator(part.source, `{{ ${shorten(part.source)} }}`, limits),
  );
  const encode = mode === 'url' ? encodeURIComponent : (s: string) => s;
  return {
    source: text,
    isStatic: false,
    async evaluate(scope) {
      const values = await Promise.all(
        pieces.map((piece) => (typeof piece === 'string' ? piece : piece(scope).then((v) => encode(templateText(v))))),
      );
      const length = values.reduce((sum, v) => sum + v.length, 0);
      if (length > limits.maxStringLength) {
        throw new Error(
          `template "${shorten(text)}" produced ${length.toLocaleString('en-US')} characters; a filled-in value may be at most ${limits.maxStringLength.toLocaleString('en-US')}`,
        );
      }
      return values.join('');
    },
  };
}

/** Compiles a bare JSONata expression (no `{{ }}`). Throws on a syntax error. */
export function compileExpression(
  text: string,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): CompiledExpression {
  const source = text.trim();
  if (source === '') throw new Error('the expression is empty');
  return { source: text, evaluate: evaluator(source, `expression "${shorten(source)}"`, limits) };
}

/**
 * Deep-compiles a JSON value: strings are 'value'-mode templates (a whole-value template keeps
 * its JSON type), object keys are never templated, static subtrees are returned as they are.
 */
export function compileValue(
  value: unknown,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
  options: { readOnly?: boolean } = {},
): CompiledValue {
  if (options.readOnly === true && typeof value === 'string') {
    const template = compileTemplate(value, 'value', limits, false);
    return template.isStatic
      ? { isStatic: true, evaluate: () => Promise.resolve(value) }
      : { isStatic: false, evaluate: (scope) => template.evaluate(scope) };
  }
  const evaluate = compileNode(value, limits);
  if (!evaluate) return { isStatic: true, evaluate: () => Promise.resolve(value) };
  if (typeof value === 'string') return { isStatic: false, evaluate };
  // Each template in it is capped; the whole value (a request body) is capped as well.
  return {
    isStatic: false,
    evaluate: async (scope) => checkFilledSize(await evaluate(scope), 'the filled-in value', limits),
  };
}

function compileNode(value: unknown, limits: ExpressionLimits): Evaluator | undefined {
  if (typeof value === 'string') {
    const template = compileTemplate(value, 'value', limits);
    return template.isStatic ? undefined : (scope) => template.evaluate(scope);
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => compileNode(item, limits));
    if (items.every((item) => item === undefined)) return undefined;
    return async (scope) =>
      Promise.all(items.map((item, i) => (item ? item(scope).then((v) => v ?? null) : Promise.resolve(value[i]))));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => [key, item, compileNode(item, limits)] as const,
    );
    if (entries.every(([, , item]) => item === undefined)) return undefined;
    return async (scope) => {
      const values = await Promise.all(
        entries.map(([, item, compiled]) => (compiled ? compiled(scope) : Promise.resolve(item))),
      );
      const out: Record<string, unknown> = {};
      // An expression that resolves to nothing drops its key, as JSON.stringify would.
      entries.forEach(([key], i) => {
        if (values[i] !== undefined) setOwn(out, key, values[i]);
      });
      return out;
    };
  }
  return undefined;
}

/** The compilers handed to executors at flow load. */
export function createPrepareTools(limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS): PrepareTools {
  return {
    template: (text, mode) => compileTemplate(text, mode, limits),
    expression: (text) => compileExpression(text, limits),
    value: (value, options) => compileValue(value, limits, options),
  };
}
