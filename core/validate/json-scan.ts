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
const LITERALS = ['true', 'false', 'null'] as const;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === "'") return 'a single quote (JSON needs double quotes)';
  return `'${ch}'`;
}

export function scanJson(text: string): JsonScanResult {
  const duplicateKeys: string[] = [];
  const path: (string | number)[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new ScanFailure(at, message);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      // space, tab, line feed, carriage return
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  /** Scans a string; decodes it only when asked (keys), which keeps values cheap. */
  const string = (decode: boolean): string => {
    const start = i;
    let escaped = false;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        if (!decode) return '';
        return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
      }
      if (c === 92) {
        escaped = true;
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits');
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else fail(`'\\${esc ?? ''}' is not a valid escape in a string`);
        continue;
      }
      if (c < 32) fail('a line break or control character inside a string (write it as \\n)');
      i++;
    }
    return fail('a string is never closed with a double quote', start);
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('the JSON is nested too deeply');
    ws();
    const ch = text[i];
    if (ch === '{') return object(depth);
    if (ch === '[') return array(depth);
    if (ch === '"') {
      string(false);
      return;
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail('this is not a valid number');
      i += m[0].length;
      return;
    }
    for (const word of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`expected a value but found ${describe(ch)}`);
  };
  const object = (depth: number): void => {
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
      const key = string(true);
      // The pointer is only built for a duplicate: building one per value is most of the cost.
      if (keys.has(key)) duplicateKeys.push(joinPointer('', ...path, key));
      keys.add(key);
      ws();
      if (text[i] !== ':') fail(`expected ':' after the property name "${key}" but found ${describe(text[i])}`);
      i++;
      path.push(key);
      value(depth + 1);
      path.pop();
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
  const array = (depth: number): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      ws();
      if (text[i] === ']') fail("a comma before ']' has no item after it (remove the trailing comma)");
      path.push(index);
      value(depth + 1);
      path.pop();
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
    value(0);
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
