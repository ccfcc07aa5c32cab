/**
 * The nesting limit for flows and payloads, checked WITHOUT recursion before anything walks the
 * data recursively (the validator, the canonical writer, redaction, the sandbox encoder, the
 * expectation matcher). A flow or payload nested 100,000 levels deep would otherwise end in
 * "Maximum call stack size exceeded" far from the file that caused it.
 *
 * 128 levels is far beyond any real flow or event (Genesys payloads nest fewer than 10) and far
 * below where those walks run out of stack.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * The nesting depth of JSON text (objects and arrays), counted in one pass without recursion;
 * stops counting as soon as `limit` is passed. Strings are skipped, so brackets inside them
 * do not count. Invalid JSON is scanned all the same: the parser reports its syntax.
 */
export function jsonTextDepth(text: string, limit = MAX_JSON_DEPTH): { depth: number; offset?: number } {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return { depth: max, offset: i };
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return { depth: max };
}

/** True when `text` nests deeper than `limit`. */
export function jsonTextTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  return jsonTextDepth(text, limit).depth > limit;
}

/**
 * The nesting depth of a value already in memory (a payload that arrived parsed), counted
 * iteratively with an explicit stack; stops at `limit + 1`. Shared objects are counted once per
 * path, which a JSON value cannot have anyway; cycles stop at the limit.
 */
export function valueDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return max;
}

/** The message for a value or text over the limit; `what` names it ("the payload file x.json"). */
export function tooDeepMessage(what: string, limit = MAX_JSON_DEPTH): string {
  return `${what} is nested more than ${limit} levels deep (objects and arrays inside each other); Flowdesk refuses deeper JSON`;
}
