/**
 * Evaluates admin-written JSONPath against a response, with Genesys translation-map
 * semantics: a path that can match several values (filter, wildcard, recursive descent)
 * yields an array, a plain path yields the one value, and "did not resolve" is told apart
 * from "resolved to null" so that defaults apply only to the former.
 *
 * Uses jsonpath-plus with its `safe` evaluator: filter expressions are interpreted, never
 * handed to `eval`/`vm`.
 */
import { JSONPath } from 'jsonpath-plus';
import { parseJsonPath } from './json-path.js';

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
        eval: 'safe',
      }) as unknown[];
      if (multiple) return { found: results.length > 0, value: results };
      return results.length > 0 ? { found: true, value: results[0] } : { found: false, value: undefined };
    },
  };
}
