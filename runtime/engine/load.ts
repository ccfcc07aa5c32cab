/**
 * Turns flow text or a parsed flow into a flow the engine may run: parsed, migrated and
 * validated with the core validator. Anything with an error-severity issue is refused with a
 * `FlowLoadError` listing every issue.
 */
import type { FlowFile } from '../../core/flow.js';
import { validateFlow } from '../../core/validate/validate-flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { NODE_MANIFESTS } from '../../nodes/registry.js';
import { FlowLoadError } from './errors.js';

export interface LoadedFlowData {
  flow: FlowFile;
  warnings: FlowIssue[];
  migrated: string[];
}

export function loadFlowForRun(input: FlowFile | string, fileName?: string): LoadedFlowData {
  let flow: FlowFile;
  if (typeof input === 'string') {
    try {
      flow = JSON.parse(input) as FlowFile;
    } catch (err) {
      throw new FlowLoadError(
        [{ severity: 'error', code: 'json', message: `not valid JSON: ${jsonErrorWhere(input, err as Error)}`, pointer: '' }],
        fileName,
        'json',
      );
    }
  } else {
    flow = input;
  }
  const issues = validateFlow(flow, NODE_MANIFESTS);
  if (issues.some((i) => i.severity === 'error')) throw new FlowLoadError(issues, fileName);
  return { flow, warnings: issues, migrated: [] };
}

/** V8's "… at position 42" with the line and column an editor shows. */
export function jsonErrorWhere(text: string, err: Error): string {
  const message = err.message.replace(/\s*\(line \d+ column \d+\)$/, '');
  const m = /at position (\d+)/.exec(message);
  if (!m) {
    if (text.trim() === '') return 'the file is empty';
    return /Unexpected end/.test(message) ? `the JSON ends too early (${where(text, text.length)})` : message;
  }
  return `${message.replace(/ in JSON at position \d+| at position \d+/, '')} (${where(text, Number(m[1]))})`;
}

function where(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
