/**
 * Every regular expression a flow or a payload supplies (Condition `matches`, JSONata regex
 * literals, JSONPath filters, input-schema `pattern`) runs here, on re2js: an RE2-class engine
 * whose matching time grows linearly with the input, so `(a+)+$` against "aaaa…!" cannot stall
 * the event loop as V8's backtracking engine does. RE2 has no backreferences and no
 * lookarounds; patterns that use them are refused with a message saying so.
 */
import { RE2JS } from 're2js';

/** A pattern the linear-time engine cannot run, or that is not a regular expression at all. */
export class UnsafeRegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeRegexError';
  }
}

const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // The search state flags and the Unicode/indices flags change nothing in RE2's matching.
  g: 0,
  y: 0,
  u: 0,
  v: 0,
  d: 0,
};

function shorten(pattern: string): string {
  return pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern;
}

/** Plain words for the features RE2 leaves out, found by looking at the pattern itself. */
function unsupportedFeature(pattern: string): string | undefined {
  // Escaped characters and character classes cannot start these constructs; drop them first.
  const bare = pattern.replace(/\\[^1-9k]/g, '').replace(/\[(?:\\.|[^\]\\])*\]/g, '');
  if (/\(\?<[=!]/.test(bare)) return 'a lookbehind ((?<= or (?<!)';
  if (/\(\?[=!]/.test(bare)) return 'a lookahead ((?= or (?!)';
  if (/\\[1-9]|\\k</.test(bare)) return 'a backreference (\\1 or \\k<name>)';
  return undefined;
}

/** Why `pattern` (with JS `flags`) cannot run on the linear-time engine; undefined when it can. */
export function safeRegexProblem(pattern: string, flags = ''): string | undefined {
  try {
    compileRe2(pattern, flags);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function compileRe2(pattern: string, flags: string): RE2JS {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAG_BITS[flag];
    if (bit === undefined) throw new UnsafeRegexError(`the regular expression flag "${flag}" is not supported`);
    bits |= bit;
  }
  const feature = unsupportedFeature(pattern);
  if (feature) {
    throw new UnsafeRegexError(
      `the regular expression "${shorten(pattern)}" uses ${feature}, which Flowdesk's linear-time regex engine (RE2) does not run; rewrite it without`,
    );
  }
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern), bits);
  } catch (error) {
    const detail = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new UnsafeRegexError(`the regular expression "${shorten(pattern)}" is not valid: ${detail}`);
  }
}

/** The match array RegExp#exec gives, built from an re2js matcher. */
type ExecResult = RegExpExecArray;

/**
 * A RegExp look-alike backed by re2js: `exec` and `test` with `lastIndex` semantics for the
 * `g`/`y` flags, and the Symbol.match/search hooks so `"text".match(safe)` uses it too.
 * Everything that takes a regex from a flow is handed one of these instead of a RegExp.
 */
export class SafeRegExp {
  readonly source: string;
  readonly flags: string;
  readonly global: boolean;
  readonly sticky: boolean;
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  lastIndex = 0;
  private readonly re: RE2JS;

  constructor(pattern: string | RegExp | SafeRegExp, flags?: string) {
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    const flagText = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.re = compileRe2(source, flagText);
    this.source = source;
    this.flags = flagText;
    this.global = flagText.includes('g');
    this.sticky = flagText.includes('y');
    this.ignoreCase = flagText.includes('i');
    this.multiline = flagText.includes('m');
  }

  exec(input: string): ExecResult | null {
    const text = String(input);
    const stateful = this.global || this.sticky;
    const from = stateful ? this.lastIndex : 0;
    if (from > text.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.re.matcher(text);
    if (!matcher.find(from) || (this.sticky && matcher.start() !== from)) {
      if (stateful) this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    const result = groups as unknown as ExecResult;
    result.index = matcher.start();
    result.input = text;
    const named = this.re.namedGroups();
    const names = Object.keys(named);
    result.groups = names.length
      ? Object.fromEntries(names.map((name) => [name, groups[named[name]!] as string]))
      : undefined;
    if (stateful) {
      // As RegExp#exec: an empty match leaves lastIndex where it is; callers that loop move on.
      this.lastIndex = matcher.end();
    }
    return result;
  }

  test(input: string): boolean {
    if (!this.global && !this.sticky) return this.re.test(String(input));
    return this.exec(input) !== null;
  }

  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  [Symbol.match](input: string): RegExpMatchArray | null {
    if (!this.global) {
      const saved = this.lastIndex;
      const result = this.exec(input);
      this.lastIndex = saved;
      return result;
    }
    this.lastIndex = 0;
    const all: string[] = [];
    for (let m = this.exec(input); m; m = this.exec(input)) {
      all.push(m[0]);
      if (m[0] === '') this.lastIndex++;
    }
    this.lastIndex = 0;
    return all.length ? (all as RegExpMatchArray) : null;
  }

  [Symbol.search](input: string): number {
    const matcher = this.re.matcher(String(input));
    return matcher.find(0) ? matcher.start() : -1;
  }
}

/**
 * ajv's `code.regExp` option: schema `pattern` and `patternProperties` run on the linear-time
 * engine. A pattern it cannot run fails the schema's compilation with the engine's message.
 */
export const ajvSafeRegExp = Object.assign((pattern: string, flags: string) => new SafeRegExp(pattern, flags), {
  // Only used when ajv writes standalone code, which Flowdesk never does.
  code: 'flowdeskSafeRegExp',
});

/** Every `pattern` and `patternProperties` key in a JSON Schema, with its JSON pointer. */
export function schemaPatterns(schema: unknown, pointer = ''): { pointer: string; pattern: string }[] {
  const found: { pointer: string; pattern: string }[] = [];
  const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${at}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        const here = `${at}/${escape(key)}`;
        if (key === 'pattern' && typeof value === 'string') found.push({ pointer: here, pattern: value });
        if (key === 'patternProperties' && value && typeof value === 'object' && !Array.isArray(value)) {
          for (const name of Object.keys(value)) found.push({ pointer: `${here}/${escape(name)}`, pattern: name });
        }
        visit(value, here);
      }
    }
  };
  visit(schema, pointer);
  return found;
}
