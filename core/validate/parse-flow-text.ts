/** Flow file text → JSON value, with syntax errors placed by line and column in words. */
import type { FlowIssue } from '../validation-types.js';
import { jsonTextDepth, MAX_JSON_DEPTH, tooDeepMessage } from '../json-depth.js';
import { lineColumn, scanJson } from './json-scan.js';

export interface ParsedFlowText {
  /** The JSON value, when the text is JSON. */
  value?: unknown;
  issues: FlowIssue[];
}

export function parseFlowText(text: string, fileName?: string): ParsedFlowText {
  const what = fileName ?? 'The flow file';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return { issues: [{ severity: 'error', code: 'json-syntax', message: `${what} is empty.`, pointer: '' }] };
  }
  // Before anything recursive (the scanner, the validator) walks it.
  const nesting = jsonTextDepth(body);
  if (nesting.depth > MAX_JSON_DEPTH) {
    const where = lineColumn(body, nesting.offset ?? 0);
    const message = `${tooDeepMessage(what)} (line ${where.line}, column ${where.column}).`;
    return { issues: [{ severity: 'error', code: 'too-deep', message, pointer: '' }] };
  }
  let value: unknown;
  let parseMessage: string | undefined;
  try {
    value = JSON.parse(body);
  } catch (err) {
    parseMessage = err instanceof Error ? err.message : String(err);
  }
  const scan = scanJson(body);
  if (parseMessage !== undefined) {
    const where = scan.error ? lineColumn(body, scan.error.offset) : undefined;
    const message = where
      ? `${what} is not valid JSON: line ${where.line}, column ${where.column}: ${scan.error!.message}.`
      : `${what} is not valid JSON: ${parseMessage}`;
    return { issues: [{ severity: 'error', code: 'json-syntax', message, pointer: '' }] };
  }
  const issues: FlowIssue[] = scan.duplicateKeys.map((pointer) => ({
    severity: 'warning',
    code: 'duplicate-key',
    message: `${what} has the key '${decodeLast(pointer)}' twice in the same object (at ${pointer}); only the last one counts.`,
    pointer,
  }));
  return { value, issues };
}

function decodeLast(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return last.replace(/~1/g, '/').replace(/~0/g, '~');
}
