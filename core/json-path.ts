/**
 * JSONPath as admins write it in mapping tables (Qualtrics "$.Email", Genesys translation maps
 * "$.participants[?(@.purpose=='agent')].userId"): normalisation, a syntax check with plain
 * error words, and whether a path names one value or may name many.
 *
 * Environment-neutral (pure JavaScript only) so manifests (loaded by the renderer too) can check
 * paths; evaluation lives in `json-path-eval.ts` because it pulls in jsonpath-plus.
 */
import { filterProblem } from './json-path-filter.js';
import { en } from './messages/en.js';
import type { Message } from './messages/message.js';

/**
 * Adds the `$` root admins often leave out: `conversationId` → `$.conversationId`,
 * `['Course Name']` → `$['Course Name']`. Surrounding whitespace is dropped.
 */
export function normalizeJsonPath(path: string): string {
  const trimmed = path.trim();
  if (trimmed.startsWith('$')) return trimmed;
  if (trimmed.startsWith('[')) return `$${trimmed}`;
  if (trimmed.startsWith('.')) return `$${trimmed}`;
  return `$.${trimmed}`;
}

/** The outcome of parsing a path. */
export interface JsonPathInfo {
  /** The path with its `$` root. */
  normalized: string;
  /**
   * True when the path can match several values (wildcard `*`, recursive descent `..`,
   * filter `[?()]`, slice `[a:b]` or union `[a,b]`): such a path yields an array, as Genesys
   * translation maps do.
   */
  multiple: boolean;
}

/** Thrown by {@link parseJsonPath}; `message` is in an admin's words. */
export class JsonPathSyntaxError extends Error {
  constructor(
    message: string,
    /** Index in the normalized path where the problem starts. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'JsonPathSyntaxError';
  }
}

const INDEX = /^-?\d+$/;
const SLICE = /^(-?\d+)?:(-?\d+)?(:(-?\d+)?)?$/;

/**
 * Parses a JSONPath (bare `x` means `$.x`) and says whether it may match several values.
 * Throws {@link JsonPathSyntaxError} naming the problem and where it is.
 */
export function parseJsonPath(path: string): JsonPathInfo {
  if (path.trim() === '') throw new JsonPathSyntaxError('the path is empty', 0);
  const p = normalizeJsonPath(path);
  let multiple = false;
  let i = 1;
  const n = p.length;
  const at = (k: number) => `at character ${k + 1} of "${p}"`;

  while (i < n) {
    const c = p[i];
    if (c === '.') {
      let afterDot = i + 1;
      if (p[afterDot] === '.') {
        multiple = true;
        afterDot += 1;
        // `$..[0]` and `$..['x']` are allowed: the bracket is parsed next round.
        if (p[afterDot] === '[') {
          i = afterDot;
          continue;
        }
      }
      if (p[afterDot] === '*') {
        multiple = true;
        i = afterDot + 1;
        continue;
      }
      let j = afterDot;
      while (j < n && p[j] !== '.' && p[j] !== '[') {
        if (`]()'"`.includes(p[j]!)) {
          throw new JsonPathSyntaxError(
            `unexpected "${p[j]}" in a field name ${at(j)}; write names with special characters as ['name']`,
            j,
          );
        }
        j += 1;
      }
      if (j === afterDot) throw new JsonPathSyntaxError(`a field name is missing after "." ${at(i)}`, i);
      i = j;
      continue;
    }
    if (c === '[') {
      const close = findBracketEnd(p, i, at);
      const inner = p.slice(i + 1, close).trim();
      if (inner === '') throw new JsonPathSyntaxError(`empty brackets "[]" ${at(i)}`, i);
      if (inner === '*') multiple = true;
      else if (inner.startsWith('?(') || inner.startsWith('(')) {
        if (!inner.endsWith(')')) throw new JsonPathSyntaxError(`a filter must end with ")" ${at(close)}`, close);
        if (inner.startsWith('?(') && inner.slice(2, -1).trim() === '') {
          throw new JsonPathSyntaxError(`the filter "[?()]" is empty ${at(i)}`, i);
        }
        const problem = filterProblem(inner.slice(inner.indexOf('(') + 1, -1));
        if (problem) throw new JsonPathSyntaxError(`${problem} (${at(i)})`, i);
        multiple = true;
      } else if (INDEX.test(inner)) {
        // a single array index
      } else if (SLICE.test(inner)) multiple = true;
      else {
        const parts = splitUnion(inner);
        if (!parts.every((part) => INDEX.test(part) || isQuoted(part))) {
          throw new JsonPathSyntaxError(`"[${inner}]" is not an index, a quoted name, "*" or a filter ${at(i)}`, i);
        }
        if (parts.length > 1) multiple = true;
      }
      i = close + 1;
      continue;
    }
    throw new JsonPathSyntaxError(`unexpected "${c}" ${at(i)}; expected "." or "["`, i);
  }
  return { normalized: p, multiple };
}

/** The problem with a path in plain words, or undefined when it parses. */
export function jsonPathProblem(path: string): string | undefined {
  return jsonPathIssue(path)?.message;
}

/**
 * The problem with a path as a message (code, params and English words) for a node's check,
 * or undefined when it parses.
 */
export function jsonPathIssue(path: string): (Message & { message: string }) | undefined {
  try {
    parseJsonPath(path);
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonPathSyntaxError)) throw error;
    const params = { path, error: error.message };
    return { code: 'check.json-path', params, message: en['check.json-path'](params) };
  }
}

/** Index of the `]` closing the bracket at `open`, skipping quoted text and parentheses. */
function findBracketEnd(p: string, open: number, at: (k: number) => string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let k = open + 1; k < p.length; k += 1) {
    const ch = p[k]!;
    if (quote) {
      if (ch === '\\') k += 1;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth < 0) throw new JsonPathSyntaxError(`")" without "(" ${at(k)}`, k);
    } else if (ch === ']' && depth === 0) return k;
  }
  if (quote) throw new JsonPathSyntaxError(`a quote (${quote}) is not closed ${at(open)}`, open);
  if (depth > 0) throw new JsonPathSyntaxError(`a "(" is not closed ${at(open)}`, open);
  throw new JsonPathSyntaxError(`"[" is not closed with "]" ${at(open)}`, open);
}

function isQuoted(part: string): boolean {
  return (
    part.length >= 2 && ((part.startsWith("'") && part.endsWith("'")) || (part.startsWith('"') && part.endsWith('"')))
  );
}

/** Splits `'a','b'` / `0,1` on commas outside quotes. */
function splitUnion(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let k = 0; k < inner.length; k += 1) {
    const ch = inner[k]!;
    if (quote) {
      if (ch === '\\') k += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') {
      parts.push(inner.slice(start, k).trim());
      start = k + 1;
    }
  }
  parts.push(inner.slice(start).trim());
  return parts;
}
