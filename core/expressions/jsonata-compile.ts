/**
 * The one place jsonata is called with Flowdesk's guard rails, so every expression (template
 * part, condition rule, mapping) gets the same limits and the same error shape.
 */
import jsonata from 'jsonata';
import { setOwn } from '../own-property.js';
import { SafeRegExp, safeRegexProblem } from '../safe-regex.js';
import { EVAL_REFUSED, installSizeGuards, rewriteConcatenation } from './jsonata-guards.js';
import type { Message } from '../messages/message.js';
import { plainSyntaxMessage } from './plain-syntax-errors.js';

export interface ExpressionLimits {
  /** Wall-clock limit of one evaluation, in ms. Stops `$f := function(){ $f() }` style loops. */
  timeoutMs: number;
  /** Maximum evaluation depth. Stops runaway (non-tail) recursion before the JS stack does. */
  maxDepth: number;
  /** Maximum length of a sequence an expression may build (e.g. `[1..100000000]`). */
  maxSequence: number;
  /** Maximum length, in characters, of one string an expression may build ($pad, $join, `&`…). */
  maxStringLength: number;
  /** Maximum total of large strings (64 Ki characters and more) one evaluation may build. */
  maxBuiltCharacters: number;
}

/** The limits documented in docs/flow-file.md ("Limits"). */
export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = {
  timeoutMs: 2000,
  maxDepth: 400,
  maxSequence: 1_000_000,
  maxStringLength: 10_000_000,
  maxBuiltCharacters: 100_000_000,
};

/** jsonata throws plain objects, not Errors; this is the part of them we read. */
export interface JsonataFailure {
  message: string;
  position?: number;
  code?: string;
  /** The plain-words syntax error as a message, for other languages. */
  detail?: Message;
  /** The token JSONata stopped at, and the one it expected (syntax errors). */
  token?: unknown;
  value?: unknown;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * jsonata's own words for its limits name its built-in cap (1e7) rather than the one Flowdesk
 * sets, and "Stack overflow" for the depth limit: say the real limits.
 */
function limitMessage(code: string | undefined, value: unknown, limits: ExpressionLimits): string | undefined {
  const size = typeof value === 'number' ? ` (it tried ${fmt(value)})` : '';
  switch (code) {
    case 'D2014':
    case 'D2015':
      return `the expression built a sequence longer than the limit of ${fmt(limits.maxSequence)} items${code === 'D2014' || value !== limits.maxSequence ? size : ''}`;
    case 'D1011':
      return `the expression nested deeper than the limit of ${fmt(limits.maxDepth)} levels (runaway recursion?)`;
    case 'D1012':
      return `the expression ran longer than the limit of ${fmt(limits.timeoutMs)} ms (an endless loop?)`;
    default:
      return undefined;
  }
}

export function asJsonataFailure(err: unknown, limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS): JsonataFailure {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; position?: unknown; code?: unknown; token?: unknown; value?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    return {
      message: limitMessage(code, e.value, limits) ?? (typeof e.message === 'string' ? e.message : String(err)),
      position: typeof e.position === 'number' ? e.position : undefined,
      code: typeof e.code === 'string' ? e.code : undefined,
      token: e.token,
      value: e.value,
    };
  }
  return { message: String(err) };
}

export type JsonataExpression = ReturnType<typeof jsonata>;

/** Compiles `source`; throws a `JsonataFailure` on a syntax error. */
export function compileJsonata(
  source: string,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): JsonataExpression {
  const expression = jsonata(source, {
    timeout: limits.timeoutMs,
    stack: limits.maxDepth,
    sequence: limits.maxSequence,
    // Regex literals (/…/i in $match, $contains, $replace, $split) run on the linear-time engine.
    RegexEngine: SafeRegExp as unknown as RegExpConstructor,
  });
  const refused = refusedFeature(expression.ast());
  if (refused) throw refused;
  rewriteConcatenation(expression.ast());
  installSizeGuards(expression, jsonata, limits);
  return expression;
}

/** The `code` of a failure that is not a syntax error but a feature Flowdesk refuses. */
export const REFUSED = 'FD-REFUSED';

/** What a parsed tree uses that Flowdesk refuses: a regex RE2 cannot run, or `$eval`. */
function refusedFeature(ast: unknown): JsonataFailure | undefined {
  const seen = new Set<unknown>();
  let found: JsonataFailure | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as { type?: unknown; value?: unknown; position?: unknown };
    const position = typeof n.position === 'number' ? n.position : undefined;
    if (n.type === 'regex' && n.value instanceof RegExp) {
      const problem = safeRegexProblem(n.value.source, n.value.flags);
      if (problem) found = { message: problem, position, code: REFUSED };
      return;
    }
    if (n.type === 'variable' && n.value === 'eval') {
      found = { message: EVAL_REFUSED, position, code: REFUSED };
      return;
    }
    for (const value of Object.values(node)) if (!(value instanceof RegExp)) visit(value);
  };
  visit(ast);
  return found;
}

/** What parsing one source found: its syntax tree, or what is wrong and where. */
export interface JsonataParse {
  ast?: unknown;
  failure?: JsonataFailure;
}

// The validator re-checks the same template strings on every edit; parsing is pure, so
// results are remembered (bounded, oldest dropped first).
const PARSE_CACHE_LIMIT = 20000;
const parseCache = new Map<string, JsonataParse>();

/** Parses `source` once (cached): the syntax tree, or the syntax error. */
export function parseJsonata(source: string): JsonataParse {
  const cached = parseCache.get(source);
  if (cached) return cached;
  let result: JsonataParse;
  if (source.trim() === '') result = { failure: { message: 'the expression is empty', position: 0 } };
  else {
    try {
      const ast = jsonata(source).ast();
      const refused = refusedFeature(ast);
      result = refused ? { failure: refused } : { ast };
    } catch (err) {
      // Syntax errors are read by admins: in plain words, not the parser's.
      const failure = asJsonataFailure(err);
      const plain = plainSyntaxMessage(source, failure);
      result = { failure: plain ? { ...failure, message: plain.message, detail: plain } : failure };
    }
  }
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
  parseCache.set(source, result);
  return result;
}

/** Syntax check only: undefined when `source` compiles, else what is wrong and where. */
export function jsonataSyntaxError(source: string): JsonataFailure | undefined {
  return parseJsonata(source).failure;
}

/**
 * jsonata hands back sequences (arrays tagged with extra properties) and may return functions;
 * callers want plain JSON values, so results are copied into plain arrays and objects.
 */
export function toPlainJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return undefined;
    if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => toPlainJson(item) ?? null);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const plain = toPlainJson(item);
    if (plain !== undefined) setOwn(out, key, plain);
  }
  return out;
}
