/**
 * Splits template text into literal text and `{{ jsonata }}` parts. Piped text
 * (`${e://Field/X}`) becomes an expression part in place, so offsets still point into the
 * text the admin wrote.
 */
import type { Message } from '../messages/message.js';
import { jsonataSyntaxError } from './jsonata-compile.js';
import { triggerFieldPath } from './piped-text.js';

export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `offset` is where the expression source starts in the template text. */
  | { kind: 'expr'; source: string; offset: number };

export interface TemplateError {
  /** Character offset in the template text (0-based). */
  offset: number;
  message: string;
  /** The message as a code (core/messages), when it has one, for other languages. */
  detail?: Message;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  errors: TemplateError[];
}

const PIPED_AT = /\$\{(?:e|rm):\/\/Field\/([^}]+)\}/y;

/**
 * Finds the `}}` closing an expression that starts at `from`. Braces of JSONata object
 * constructors nest, and quoted strings, backtick names and comments may hold `}}`.
 * Returns -1 when the expression is never closed.
 */
export function findTemplateEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipQuoted(text, i, ch);
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth > 0) depth--;
      else if (text[i + 1] === '}') return i;
    }
    i++;
  }
  return -1;
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    // Backtick names have no escapes; string literals escape with a backslash.
    if (ch === '\\' && quote !== '`') i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return i;
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

// Validation re-parses the same strings on every edit; parsing is pure, so results are
// remembered (bounded, oldest dropped first). Callers must treat results as read-only.
const CACHE_LIMIT = 20000;
const cache = new Map<string, ParsedTemplate>();

/**
 * Parses a `{{ }}` template; each expression is compiled here to report syntax errors.
 * The result is shared between callers: do not modify it.
 */
export function parseTemplate(text: string): ParsedTemplate {
  const cached = cache.get(text);
  if (cached) return cached;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let literal = '';
  let i = 0;
  const flushLiteral = () => {
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const start = i + 2;
      const end = findTemplateEnd(text, start);
      if (end === -1) {
        errors.push({ offset: i, message: 'a "{{" is never closed with "}}"' });
        literal += text.slice(i);
        break;
      }
      const raw = text.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      const source = raw.trim();
      const offset = start + lead;
      flushLiteral();
      parts.push({ kind: 'expr', source, offset });
      const failure = source === '' ? { message: 'the "{{ }}" is empty', position: 0 } : jsonataSyntaxError(source);
      if (failure) {
        // jsonata positions point just past the offending token; clamp into the expression.
        const pos = Math.max(0, Math.min(source.length, (failure.position ?? 1) - 1));
        errors.push({
          offset: offset + pos,
          message: oneLine(failure.message),
          ...('detail' in failure && failure.detail ? { detail: failure.detail } : {}),
        });
      }
      i = end + 2;
      continue;
    }
    if (text[i] === '$' && text[i + 1] === '{') {
      PIPED_AT.lastIndex = i;
      const piped = PIPED_AT.exec(text);
      if (piped) {
        flushLiteral();
        parts.push({ kind: 'expr', source: triggerFieldPath(piped[1] ?? ''), offset: i });
        i += piped[0].length;
        continue;
      }
    }
    literal += text[i];
    i++;
  }
  flushLiteral();
  return { parts, errors };
}

/** True when `text` holds at least one `{{ }}` or piped-text reference. */
export function hasTemplate(text: string): boolean {
  return text.includes('{{') || /\$\{(?:e|rm):\/\/Field\//.test(text);
}
