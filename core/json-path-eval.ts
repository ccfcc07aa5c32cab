/**
 * Evaluates admin-written JSONPath against a response, with Genesys translation-map
 * semantics: a path that can match several values (filter, wildcard, recursive descent)
 * yields an array, a plain path yields the one value, and "did not resolve" is told apart
 * from "resolved to null" so that defaults apply only to the former.
 *
 * Uses jsonpath-plus with its syntax but Flowdesk's own filter evaluator (`FilterScript`):
 * filter expressions are interpreted, never handed to `eval`/`vm`, may only call the methods
 * json-path-filter.ts allows, and their regexes run on the linear-time engine.
 */
import { JSONPath } from 'jsonpath-plus';
import { FILTER_METHODS, filterMethodMessage, filterProblem } from './json-path-filter.js';
import { parseJsonPath } from './json-path.js';
import { SafeRegExp } from './safe-regex.js';

/** A node of the jsep syntax tree jsonpath-plus parses filters into. */
interface JsepNode {
  type: string;
  operator?: string;
  name?: string;
  value?: unknown;
  computed?: boolean;
  object?: JsepNode;
  property?: JsepNode;
  left?: JsepNode;
  right?: JsepNode;
  argument?: JsepNode;
  arguments?: JsepNode[];
  elements?: JsepNode[];
  body?: JsepNode[];
  test?: JsepNode;
  consequent?: JsepNode;
  alternate?: JsepNode;
  callee?: JsepNode;
}

// jsonpath-plus's own parser for filters (jsep with its plugins), reached through its safe VM.
const SafeScript = (
  JSONPath as unknown as { prototype: { safeVm: { Script: new (code: string) => { ast: JsepNode } } } }
).prototype.safeVm.Script;

const BLOCKED = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const BINARY: Readonly<Record<string, (a: unknown, b: () => unknown) => unknown>> = {
  '||': (a, b) => a || b(),
  '&&': (a, b) => a && b(),
  '??': (a, b) => a ?? b(),
  // JSONPath filters compare loosely, as JavaScript (and jsonpath-plus) does.
  '==': (a, b) => a == b(),
  '!=': (a, b) => a != b(),
  '===': (a, b) => a === b(),
  '!==': (a, b) => a !== b(),
  '<': (a, b) => (a as number) < (b() as number),
  '>': (a, b) => (a as number) > (b() as number),
  '<=': (a, b) => (a as number) <= (b() as number),
  '>=': (a, b) => (a as number) >= (b() as number),
  '+': (a, b) => (a as number) + (b() as number),
  '-': (a, b) => (a as number) - (b() as number),
  '*': (a, b) => (a as number) * (b() as number),
  '/': (a, b) => (a as number) / (b() as number),
  '%': (a, b) => (a as number) % (b() as number),
};

const UNARY: Readonly<Record<string, (a: unknown) => unknown>> = {
  '!': (a) => !a,
  '-': (a) => -(a as number),
  '+': (a) => +(a as number),
  typeof: (a) => typeof a,
};

/**
 * The filter evaluator handed to jsonpath-plus (`eval: FilterScript`): the same expression
 * language as its `safe` evaluator, without assignment, with method calls limited to
 * FILTER_METHODS and regexes on the linear-time engine.
 */
class FilterScript {
  private readonly ast: JsepNode;

  constructor(code: string) {
    this.ast = new SafeScript(code).ast;
    this.prepare(this.ast);
  }

  /** Swaps regex literals for linear-time ones and refuses what may not run, before any data is seen. */
  private prepare(node: JsepNode | undefined): void {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Literal' && node.value instanceof RegExp) {
      node.value = new SafeRegExp(node.value.source, node.value.flags);
      return;
    }
    if (node.type === 'AssignmentExpression') throw new Error('a JSONPath filter cannot assign');
    if (node.type === 'CallExpression') {
      const callee = node.callee;
      if (callee?.type !== 'MemberExpression' || callee.computed || !callee.property?.name) {
        throw new Error('a JSONPath filter can only call methods such as @.name.startsWith("x")');
      }
      if (!FILTER_METHODS.has(callee.property.name)) throw new Error(filterMethodMessage(callee.property.name));
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((item) => this.prepare(item as JsepNode));
      else if (value && typeof value === 'object' && 'type' in value) this.prepare(value as JsepNode);
    }
  }

  runInNewContext(context: Record<string, unknown>): unknown {
    const subs = Object.assign(Object.create(null) as Record<string, unknown>, context);
    return evaluateFilter(this.ast, subs);
  }
}

function member(object: unknown, name: string): unknown {
  if (object === undefined || object === null)
    throw new TypeError(`Cannot read properties of ${String(object)} (reading '${name}')`);
  if (BLOCKED.has(name) && !Object.prototype.hasOwnProperty.call(object, name)) {
    throw new TypeError(`Cannot read properties of ${typeof object} (reading '${name}')`);
  }
  return (object as Record<string, unknown>)[name];
}

function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  if (target instanceof SafeRegExp && (name === 'test' || name === 'toString')) {
    return name === 'test' ? target.test(String(args[0])) : target.toString();
  }
  if ((name === 'match' || name === 'search') && typeof target === 'string') {
    // A text pattern would become a backtracking RegExp inside String#match: compile it here.
    const pattern = args[0] instanceof SafeRegExp ? args[0] : new SafeRegExp(String(args[0] ?? '(?:)'));
    return name === 'match' ? pattern[Symbol.match](target) : pattern[Symbol.search](target);
  }
  const method = target === undefined || target === null ? undefined : (target as Record<string, unknown>)[name];
  if (typeof method !== 'function') throw new TypeError(`.${name}() is not a function here`);
  return (method as (...a: unknown[]) => unknown).apply(target, args);
}

function evaluateFilter(node: JsepNode, subs: Record<string, unknown>): unknown {
  switch (node.type) {
    case 'BinaryExpression':
    case 'LogicalExpression': {
      const op = BINARY[node.operator!];
      if (!op) throw new SyntaxError(`the operator ${node.operator} is not available in a JSONPath filter`);
      return op(evaluateFilter(node.left!, subs), () => evaluateFilter(node.right!, subs));
    }
    case 'Compound': {
      let last: unknown;
      for (const item of node.body ?? []) last = evaluateFilter(item, subs);
      return last;
    }
    case 'ConditionalExpression':
      return evaluateFilter(node.test!, subs)
        ? evaluateFilter(node.consequent!, subs)
        : evaluateFilter(node.alternate!, subs);
    case 'Identifier':
      if (Object.prototype.hasOwnProperty.call(subs, node.name!)) return subs[node.name!];
      throw new ReferenceError(`${node.name} is not defined`);
    case 'Literal':
      return node.value;
    case 'MemberExpression': {
      const name = node.computed ? String(evaluateFilter(node.property!, subs)) : node.property!.name!;
      const value = member(evaluateFilter(node.object!, subs), name);
      return typeof value === 'function' ? undefined : value;
    }
    case 'UnaryExpression': {
      const op = UNARY[node.operator!];
      if (!op) throw new SyntaxError(`the operator ${node.operator} is not available in a JSONPath filter`);
      return op(evaluateFilter(node.argument!, subs));
    }
    case 'ArrayExpression':
      return (node.elements ?? []).map((el) => evaluateFilter(el, subs));
    case 'CallExpression': {
      const callee = node.callee!;
      const target = evaluateFilter(callee.object!, subs);
      const args = (node.arguments ?? []).map((arg) => evaluateFilter(arg, subs));
      return callMethod(target, callee.property!.name!, args);
    }
    default:
      throw new SyntaxError(`unexpected ${node.type} in a JSONPath filter`);
  }
}

/** The filters (`[?(…)]`) and script expressions (`[(…)]`) in a normalized path. */
function filterTexts(path: string): string[] {
  const found: string[] = [];
  const re = /\[\s*\??\(/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    let depth = 1;
    let quote: string | undefined;
    let k = m.index + m[0].length;
    for (; k < path.length && depth > 0; k++) {
      const ch = path[k]!;
      if (quote) {
        if (ch === '\\') k++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
    found.push(path.slice(m.index + m[0].length, k - 1));
    re.lastIndex = k;
  }
  return found;
}

export interface JsonPathMatch {
  /** False when nothing matched (a missing field, an out-of-range index, an empty filter). */
  found: boolean;
  /** The single value, or the array of values for a multiple-valued path. */
  value: unknown;
}

export interface CompiledJsonPath {
  /** The path with its `$` root. */
  readonly path: string;
  readonly multiple: boolean;
  evaluate(document: unknown): JsonPathMatch;
}

/** Parses once (throws `JsonPathSyntaxError` with plain words) and returns an evaluator. */
export function compileJsonPath(path: string): CompiledJsonPath {
  const { normalized, multiple } = parseJsonPath(path);
  for (const filter of filterTexts(normalized)) {
    const problem = filterProblem(filter);
    if (problem) throw new Error(problem);
  }
  return {
    path: normalized,
    multiple,
    evaluate(document: unknown): JsonPathMatch {
      // jsonpath-plus refuses `undefined` (e.g. a 204 response): nothing can match in it.
      if (document === undefined) return { found: false, value: multiple ? [] : undefined };
      const results = JSONPath({
        path: normalized,
        json: document as null | boolean | number | string | object,
        wrap: true,
        eval: FilterScript as unknown as 'safe',
      }) as unknown[];
      if (multiple) return { found: results.length > 0, value: results };
      return results.length > 0 ? { found: true, value: results[0] } : { found: false, value: undefined };
    },
  };
}
