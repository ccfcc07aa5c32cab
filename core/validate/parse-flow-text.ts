/** Flow file text → JSON value, with syntax errors placed by line and column in words. */
import type { FlowIssue } from '../validation-types.js';
import { flowIssue as issueOf } from './context.js';
import { jsonTextDepth, MAX_JSON_DEPTH, tooDeepMessage } from '../json-depth.js';
import { lineColumn, scanJson } from './json-scan.js';

export interface ParsedFlowText {
  /** The JSON value, when the text is JSON. */
  value?: unknown;
  issues: FlowIssue[];
}

export function parseFlowText(text: string, fileName?: string): ParsedFlowText {
  const what = fileName ?? 'The flow file';
  const file = fileName !== undefined ? { file: fileName } : {};
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return { issues: [issueOf('json-syntax', { ...file, kind: 'empty' }, '')] };
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
    const params = where
      ? { ...file, kind: 'at' as const, line: where.line, column: where.column, error: scan.error!.message }
      : { ...file, kind: 'raw' as const, error: parseMessage };
    return { issues: [issueOf('json-syntax', params, '')] };
  }
  const issues: FlowIssue[] = scan.duplicateKeys.map((pointer) =>
    issueOf('duplicate-key', { ...file, key: decodeLast(pointer), pointer }, pointer, 'warning'),
  );
  return { value, issues };
}

function decodeLast(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return last.replace(/~1/g, '/').replace(/~0/g, '~');
}
