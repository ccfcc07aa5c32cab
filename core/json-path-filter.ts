/**
 * What a JSONPath filter (`[?(@.name.match(/^a/i))]`) may do. Filters are admin-written, the
 * data they test comes from responses and payloads, so a filter may only call methods that
 * run in linear time and build nothing large; its regex literals (and string patterns given
 * to `match`/`search`) run on the linear-time engine. Dependency-free apart from the engine,
 * so the validator and the evaluator share the same rules.
 */
import { safeRegexProblem } from './safe-regex.js';

/** Methods a filter may call: on text, on lists, on numbers, on a regex literal. */
export const FILTER_METHODS: ReadonlySet<string> = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'charAt',
  'at',
  'match',
  'search',
  'test',
  'toFixed',
  'toString',
]);

/** The sentence for a call to a method outside FILTER_METHODS. */
export function filterMethodMessage(name: string): string {
  return `a JSONPath filter cannot call .${name}(); it may call ${[...FILTER_METHODS].map((m) => `.${m}()`).join(', ')}`;
}

/**
 * Why a filter's text cannot be used (a method it may not call, a regex the linear-time
 * engine cannot run); undefined when it can. A scan of the text, not a full parse: the
 * evaluator checks the parsed filter again at run time.
 */
export function filterProblem(filter: string): string | undefined {
  let previous = ''; // the last significant character outside strings and regexes
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i]!;
    if (ch === "'" || ch === '"') {
      for (i++; i < filter.length && filter[i] !== ch; i++) if (filter[i] === '\\') i++;
      previous = ch;
      continue;
    }
    // A slash where an operand is expected starts a regex literal; elsewhere it divides.
    if (ch === '/' && !/[\w$)\]'"]/.test(previous)) {
      let inClass = false;
      let j = i + 1;
      for (; j < filter.length; j++) {
        const c = filter[j]!;
        if (c === '\\') j++;
        else if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
      }
      const pattern = filter.slice(i + 1, j);
      let k = j + 1;
      while (k < filter.length && /[a-z]/i.test(filter[k]!)) k++;
      const problem = safeRegexProblem(pattern, filter.slice(j + 1, k));
      if (problem) return problem;
      i = k - 1;
      previous = ')';
      continue;
    }
    if (ch === '.') {
      const call = /^\.\s*([A-Za-z_$][\w$]*)\s*\(/.exec(filter.slice(i));
      if (call && !FILTER_METHODS.has(call[1]!)) return filterMethodMessage(call[1]!);
    }
    if (!/\s/.test(ch)) previous = ch;
  }
  return undefined;
}
