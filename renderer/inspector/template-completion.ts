/**
 * Text arithmetic behind the template autocomplete: where the path being typed starts, and
 * what the text looks like once a path is picked. Pure, so it is tested without a browser.
 *
 * `template` fields complete only inside an open `{{ … }}`; `expression` fields (a
 * Condition rule's left side) are JSONata throughout, so they complete anywhere.
 */
export type CompletionMode = 'template' | 'expression' | 'jsonpath';

export interface CompletionContext {
  /** Index where the path being typed starts (it is replaced on insert). */
  start: number;
  /** The path typed so far, e.g. `trigger.bo`. */
  query: string;
}

/** Characters a JSONata path can hold while being typed (identifiers, dots, `[0]`, backticks). */
const PATH_CHAR = /[A-Za-z0-9_.$`[\]]/;

function pathTokenStart(text: string, caret: number, floor: number): number {
  let start = caret;
  while (start > floor && PATH_CHAR.test(text[start - 1] ?? '')) start -= 1;
  return start;
}

/** The `{{` that encloses `caret`, or -1 when the caret is outside a template. */
export function openTemplateStart(text: string, caret: number): number {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0) return -1;
  const close = before.lastIndexOf('}}');
  return close > open ? -1 : open;
}

/** The completion context at `caret`, or null when no list should show. */
export function completionContext(text: string, caret: number, mode: CompletionMode): CompletionContext | null {
  // A JSONPath field holds one path: the whole text before the caret is the query.
  if (mode === 'jsonpath') return { start: 0, query: text.slice(0, caret) };
  if (mode === 'expression') {
    const start = pathTokenStart(text, caret, 0);
    return { start, query: text.slice(start, caret) };
  }
  const open = openTemplateStart(text, caret);
  if (open < 0) return null;
  const start = pathTokenStart(text, caret, open + 2);
  return { start, query: text.slice(start, caret) };
}

/** True when a `}}` closes the template after `caret` before any new `{{` opens. */
function closedAfter(text: string, caret: number): boolean {
  const rest = text.slice(caret);
  const close = rest.indexOf('}}');
  if (close < 0) return false;
  const reopen = rest.indexOf('{{');
  return reopen < 0 || close < reopen;
}

/**
 * Replaces the typed path with `path`. In a template, a space follows `{{` and a ` }}` is
 * added when the template is not closed yet, so the admin gets a complete `{{ path }}`.
 */
export function applyCompletion(
  text: string,
  caret: number,
  context: CompletionContext,
  path: string,
  mode: CompletionMode,
): { text: string; caret: number } {
  const before = text.slice(0, context.start);
  let after = mode === 'jsonpath' ? '' : text.slice(caret);
  // Drop the rest of a path the caret was in the middle of.
  let tail = 0;
  while (tail < after.length && PATH_CHAR.test(after[tail] ?? '')) tail += 1;
  after = after.slice(tail);
  let lead = '';
  if (mode === 'template' && before.endsWith('{{')) lead = ' ';
  let close = '';
  if (mode === 'template' && !closedAfter(after, 0)) close = ' }}';
  const inserted = `${lead}${path}${close}`;
  return { text: `${before}${inserted}${after}`, caret: before.length + inserted.length };
}

/**
 * Text typed into a template field whose value may be of any JSON type (a ticket field's
 * value): JSON numbers, booleans, objects and lists stay JSON, anything else is text.
 */
export function templateValueOf(text: string): unknown {
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? text : parsed;
  } catch {
    return text;
  }
}
