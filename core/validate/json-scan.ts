/**
 * A small JSON scanner used next to `JSON.parse`: engines word (and place) syntax errors
 * differently, and hand-edited flows need "line 12, column 5: expected ',' or '}'" everywhere,
 * plus a warning for duplicate keys, which JSON.parse silently drops.
 */
import { joinPointer } from './pointer.js';

export interface JsonScanResult {
  error?: { offset: number; message: string };
  /** Pointers of keys that appear more than once in the same object (the later ones). */
  duplicateKeys: string[];
}

class ScanFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === "'") return "a single quote (JSON needs double quotes)";
  return `'${ch}'`;
}

export function scanJson(text: string): JsonScanResult {
  const duplicateKeys: string[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new ScanFailure(at, message);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits');
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else fail(`'\\${esc ?? ''}' is not a valid escape in a string`);
        continue;
      }
      if (ch < ' ') fail('a line break or control character inside a string (write it as \\n)');
      i++;
    }
    return fail('a string is never closed with a double quote', start);
  };
  const value = (pointer: string, depth: number): void => {
    if (depth > MAX_DEPTH) fail('the JSON is nested too deeply');
    ws();
    const ch = text[i];
    if (ch === '{') return object(pointer, depth);
    if (ch === '[') return array(pointer, depth);
    if (ch === '"') {
      string();
      return;
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail('this is not a valid number');
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`expected a value but found ${describe(ch)}`);
  };
  const object = (pointer: string, depth: number): void => {
    i++;
    const keys = new Set<string>();
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === '}') fail("a comma before '}' has no property after it (remove the trailing comma)");
      if (text[i] !== '"') fail(`expected a property name in double quotes but found ${describe(text[i])}`);
      const key = string();
      const at = joinPointer(pointer, key);
      if (keys.has(key)) duplicateKeys.push(at);
      keys.add(key);
      ws();
      if (text[i] !== ':') fail(`expected ':' after the property name "${key}" but found ${describe(text[i])}`);
      i++;
      value(at, depth + 1);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after the value of "${key}" but found ${describe(text[i])}`);
    }
  };
  const array = (pointer: string, depth: number): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      ws();
      if (text[i] === ']') fail("a comma before ']' has no item after it (remove the trailing comma)");
      value(joinPointer(pointer, index), depth + 1);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after a list item but found ${describe(text[i])}`);
    }
  };
  try {
    value('', 0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON`);
    return { duplicateKeys };
  } catch (err) {
    if (err instanceof ScanFailure) return { error: { offset: err.offset, message: err.message }, duplicateKeys };
    throw err;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
