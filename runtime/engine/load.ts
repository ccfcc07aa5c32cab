/**
 * Turns flow text or a parsed flow into a flow the engine may run: parsed, migrated and
 * validated by the core (the same path as `flowdesk validate` and the designer). Anything with
 * an error-severity issue is refused with a `FlowLoadError` listing every issue.
 */
import type { FlowFile } from '../../core/flow.js';
import type { NodeTypeManifest } from '../../core/node-type.js';
import { MAX_JSON_DEPTH, tooDeepMessage, valueDepth } from '../../core/json-depth.js';
import { migrateFlow } from '../../core/migrate.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { hasErrors, validateFlow } from '../../core/validate/validate-flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { NODE_MANIFESTS } from '../../nodes/registry.js';
import { FlowLoadError } from './errors.js';

export interface LoadedFlowData {
  flow: FlowFile;
  warnings: FlowIssue[];
  migrated: string[];
}

export function loadFlowForRun(
  input: FlowFile | string,
  fileName?: string,
  manifests: readonly NodeTypeManifest[] = NODE_MANIFESTS,
): LoadedFlowData {
  let issues: FlowIssue[];
  let flow: FlowFile | undefined;
  let migrated: string[];
  if (typeof input === 'string') {
    const result = loadFlowText(input, manifests, fileName);
    issues = result.issues;
    flow = result.flow;
    migrated = result.migrated;
  } else if (valueDepth(input) > MAX_JSON_DEPTH) {
    issues = [
      { severity: 'error', code: 'too-deep', message: `${tooDeepMessage(fileName ?? 'The flow')}.`, pointer: '' },
    ];
    migrated = [];
  } else {
    const migration = migrateFlow(input, manifests);
    flow = migration.value as FlowFile;
    migrated = migration.notes;
    issues = hasErrors(migration.issues)
      ? migration.issues
      : [...migration.issues, ...validateFlow(migration.value, manifests)];
  }
  if (!flow || hasErrors(issues)) {
    const json = issues.some((i) => i.code === 'json-syntax' || i.code === 'too-deep');
    throw new FlowLoadError(issues, fileName, json ? 'json' : 'invalid');
  }
  return { flow, warnings: issues, migrated };
}
