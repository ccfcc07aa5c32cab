/**
 * Size guards for JSONata. V8 ends the whole process (a fatal "invalid size" error nothing can
 * catch) when JSONata's string functions turn a string of hundreds of millions of characters
 * into an array, so every built-in that can grow a string or an array, and the `&` operator,
 * is checked here BEFORE the value is built: a clear error instead of a dead process.
 *
 * - a string built by an expression: at most `maxStringLength` characters;
 * - an array built by a built-in: at most `maxSequence` items (jsonata checks its own
 *   sequences and ranges against the same number);
 * - large strings built in one evaluation: at most `maxBuiltCharacters` characters in total,
 *   so a loop that builds many large strings cannot exhaust memory before the time limit.
 */
import type jsonata from 'jsonata';

type JsonataExpression = ReturnType<typeof jsonata>;

export interface SizeLimits {
  maxStringLength: number;
  maxSequence: number;
  maxBuiltCharacters: number;
}

/** Strings shorter than this are not charged to the per-evaluation total (they cannot add up to much in the time limit). */
const CHARGED_FROM = 65_536;

/** The error jsonata-compile turns into "could not evaluate …: <message>". */
export class ExpressionSizeError extends Error {
  readonly code = 'FD-SIZE';
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionSizeError';
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** `this` as jsonata hands it to a built-in: the evaluation's environment among others. */
type Focus = jsonata.Focus;

/** The evaluation's own frame (jsonata keeps it as `base`, undeclared in its types). */
function evaluationFrame(focus: Focus): Record<string, unknown> {
  return (focus.environment as unknown as { base: Record<string, unknown> }).base;
}

interface Builtin {
  implementation: (this: Focus, ...args: unknown[]) => unknown;
}

// The built-ins are reached through a jsonata expression once; their implementations are
// then called by the wrappers with the same `this` jsonata gives them.
let builtins: Promise<Record<string, Builtin>> | undefined;
function loadBuiltins(jsonataFn: typeof jsonata): Promise<Record<string, Builtin>> {
  builtins ??= (async () => {
    const names = Object.keys(GUARDED);
    const list = (await jsonataFn(`[${names.map((n) => `$${n}`).join(', ')}]`).evaluate({})) as Builtin[];
    return Object.fromEntries(names.map((name, i) => [name, list[i]!]));
  })();
  return builtins;
}

function checkString(value: unknown, what: string, limits: SizeLimits): void {
  if (typeof value === 'string' && value.length > limits.maxStringLength) {
    throw new ExpressionSizeError(
      `${what} would build a text of ${fmt(value.length)} characters; an expression may build at most ${fmt(limits.maxStringLength)}`,
    );
  }
}

function charge(focus: Focus, length: number, what: string, limits: SizeLimits): void {
  if (length < CHARGED_FROM) return;
  const base = evaluationFrame(focus);
  const used = ((base.fdBuiltCharacters as number | undefined) ?? 0) + length;
  base.fdBuiltCharacters = used;
  if (used > limits.maxBuiltCharacters) {
    throw new ExpressionSizeError(
      `${what}: this evaluation has built ${fmt(used)} characters of large text; the limit is ${fmt(limits.maxBuiltCharacters)}`,
    );
  }
}

function checkResult(focus: Focus, value: unknown, what: string, limits: SizeLimits): unknown {
  if (typeof value === 'string') {
    checkString(value, what, limits);
    charge(focus, value.length, what, limits);
  } else if (Array.isArray(value) && value.length > limits.maxSequence) {
    throw new ExpressionSizeError(
      `${what} would build a list of ${fmt(value.length)} items; an expression may build at most ${fmt(limits.maxSequence)}`,
    );
  }
  return value;
}

/** What a built-in would build, judged from its arguments before it runs (undefined: unknown until it runs). */
type Forecast = (args: unknown[]) => number | undefined;

const padForecast: Forecast = ([str, width]) =>
  typeof width === 'number' && Number.isFinite(width)
    ? Math.max(Math.abs(Math.trunc(width)), typeof str === 'string' ? str.length : 0)
    : typeof width === 'number'
      ? Infinity
      : undefined;

const joinForecast: Forecast = ([list, separator]) => {
  if (!Array.isArray(list)) return typeof list === 'string' ? list.length : undefined;
  const sep = typeof separator === 'string' ? separator.length : 0;
  let total = 0;
  for (const item of list) total += (typeof item === 'string' ? item.length : 0) + sep;
  return total;
};

/** The built-ins that can grow a string or an array: signature (as jsonata declares it) and forecast. */
const GUARDED: Readonly<Record<string, { signature: string; forecast?: Forecast }>> = {
  pad: { signature: '<s-ns?:s>', forecast: padForecast },
  join: { signature: '<a<s>s?:s>', forecast: joinForecast },
  string: { signature: '<x-b?:s>' },
  replace: { signature: '<s-(sf)(sf)n?:s>' },
  split: { signature: '<s-(sf)n?:a<s>>' },
  formatNumber: { signature: '<n-so?:s>' },
  formatInteger: { signature: '<n-s:s>' },
  fromMillis: { signature: '<n-s?s?:s>' },
  uppercase: { signature: '<s-:s>' },
  lowercase: { signature: '<s-:s>' },
  base64encode: { signature: '<s-:s>' },
  base64decode: { signature: '<s-:s>' },
  encodeUrl: { signature: '<s-:s>' },
  encodeUrlComponent: { signature: '<s-:s>' },
  spread: { signature: '<x-:a<o>>' },
  keys: { signature: '<x-:a<s>>' },
  zip: { signature: '<a+>' },
};

export const EVAL_REFUSED =
  '$eval is not available in Flowdesk expressions: it would evaluate text (possibly from a payload) outside the limits';

/** Name under which `a & b` is evaluated once the syntax tree is rewritten. */
const CONCAT = '__flowdeskConcat';

interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
  [key: string]: unknown;
}

/**
 * Turns every `lhs & rhs` in the tree into a call of the guarded concatenation, in place, so
 * annotations jsonata added to the node (predicates, grouping, stages) stay where they are.
 */
export function rewriteConcatenation(ast: unknown): void {
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as AstNode;
    for (const key of Object.keys(n)) visit(n[key]);
    if (n.type === 'binary' && n.value === '&') {
      const args = [n.lhs, n.rhs];
      delete n.lhs;
      delete n.rhs;
      n.type = 'function';
      n.value = '(';
      n.arguments = args;
      n.procedure = { type: 'variable', value: CONCAT, position: n.position };
    }
  };
  visit(ast);
}

/** Binds the guarded built-ins and the concatenation into one compiled expression. */
export function installSizeGuards(expression: JsonataExpression, jsonataFn: typeof jsonata, limits: SizeLimits): void {
  for (const [name, { signature, forecast }] of Object.entries(GUARDED)) {
    const what = `$${name}`;
    expression.registerFunction(
      name,
      async function (this: Focus, ...args: unknown[]) {
        for (const arg of args) checkString(arg, `an argument of ${what}`, limits);
        const expected = forecast?.(args);
        if (expected !== undefined && expected > limits.maxStringLength) {
          throw new ExpressionSizeError(
            `${what} would build a text of ${Number.isFinite(expected) ? fmt(expected) : 'unbounded'} characters; an expression may build at most ${fmt(limits.maxStringLength)}`,
          );
        }
        const original = (await loadBuiltins(jsonataFn))[name]!;
        let result: unknown;
        try {
          result = await original.implementation.apply(this, args);
        } catch (error) {
          if (error instanceof RangeError) {
            throw new ExpressionSizeError(`${what} would build a value larger than JavaScript allows`);
          }
          throw error;
        }
        return checkResult(this, result, what, limits);
      },
      signature,
    );
  }
  expression.registerFunction(
    CONCAT,
    async function (this: Focus, lhs: unknown, rhs: unknown) {
      const { string } = await loadBuiltins(jsonataFn);
      const left = lhs === undefined ? '' : (string!.implementation.call(this, lhs) as string);
      const right = rhs === undefined ? '' : (string!.implementation.call(this, rhs) as string);
      const length = left.length + right.length;
      if (length > limits.maxStringLength) {
        throw new ExpressionSizeError(
          `the & operator would build a text of ${fmt(length)} characters; an expression may build at most ${fmt(limits.maxStringLength)}`,
        );
      }
      charge(this, length, 'the & operator', limits);
      return left + right;
    },
    // No signature: both sides are taken as they are (any value or nothing), as the operator does.
  );
  // $eval parses text at run time, outside these guards (and its text may come from a payload).
  expression.registerFunction('eval', () => {
    throw new ExpressionSizeError(EVAL_REFUSED);
  });
}
