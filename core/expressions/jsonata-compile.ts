/**
 * The one place jsonata is called with Flowdesk's guard rails, so every expression (template
 * part, condition rule, mapping) gets the same limits and the same error shape.
 */
import jsonata from 'jsonata';
import { plainSyntaxError } from './plain-syntax-errors.js';

export interface ExpressionLimits {
  /** Wall-clock limit of one evaluation, in ms. Stops `$f := function(){ $f() }` style loops. */
  timeoutMs: number;
  /** Maximum evaluation depth. Stops runaway (non-tail) recursion before the JS stack does. */
  maxDepth: number;
  /** Maximum length of a sequence an expression may build (e.g. `[1..100000000]`). */
  maxSequence: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = {
  timeoutMs: 2000,
  maxDepth: 400,
  maxSequence: 1_000_000,
};

/** jsonata throws plain objects, not Errors; this is the part of them we read. */
export interface JsonataFailure {
  message: string;
  position?: number;
  code?: string;
  /** The token JSONata stopped at, and the one it expected (syntax errors). */
  token?: unknown;
  value?: unknown;
}

export function asJsonataFailure(err: unknown): JsonataFailure {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; position?: unknown; code?: unknown; token?: unknown; value?: unknown };
    return {
      message: typeof e.message === 'string' ? e.message : String(err),
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
  return jsonata(source, { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence });
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
      result = { ast: jsonata(source).ast() };
    } catch (err) {
      // Syntax errors are read by admins: in plain words, not the parser's.
      const failure = asJsonataFailure(err);
      result = { failure: { ...failure, message: plainSyntaxError(source, failure) } };
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
    if (plain !== undefined) out[key] = plain;
  }
  return out;
}
