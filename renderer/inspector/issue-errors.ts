/**
 * Turns the host's `FlowIssue`s for one node into @rjsf's `extraErrors` tree, and config
 * pointers into the DOM ids @rjsf gives fields (`/headers/0/value` → `root_headers_0_value`),
 * so a problem clicked in the problems panel can focus its field.
 */
import type { FlowIssue } from '../../core/validation-types.js';

export interface ErrorNode {
  __errors?: string[];
  [key: string]: ErrorNode | string[] | undefined;
}

/** Splits a JSON pointer into unescaped segments (`/a~1b/0` → `['a/b', '0']`). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The DOM id @rjsf gives the field at `pointer` (default prefix `root`, separator `_`). */
export function pointerToFieldId(pointer: string): string {
  return ['root', ...pointerSegments(pointer)].join('_');
}

/**
 * Drops the "Web Service 'getDetails': " (or "Web サービス「getDetails」: ") prefix the
 * catalogues put in front of messages: next to the field, the node is obvious and the prefix
 * is noise.
 */
export function fieldMessage(text: string, nodeName: string): string {
  for (const marker of [`'${nodeName}': `, `「${nodeName}」: `]) {
    const at = text.indexOf(marker);
    if (at >= 0 && at < 60) return text.slice(at + marker.length);
  }
  return text;
}

/** The `extraErrors` tree for one node's config form; `text` words an issue in the UI's language. */
export function issuesToErrorSchema(
  issues: readonly FlowIssue[],
  nodeId: string,
  nodeName: string,
  text: (issue: FlowIssue) => string = (issue) => issue.message,
): ErrorNode {
  const root: ErrorNode = {};
  for (const issue of issues) {
    if (issue.nodeId !== nodeId || issue.field === undefined) continue;
    let node = root;
    for (const segment of pointerSegments(issue.field)) {
      const child = node[segment];
      if (child === undefined || Array.isArray(child)) node[segment] = {};
      node = node[segment] as ErrorNode;
    }
    const prefix = issue.severity === 'warning' ? '⚠ ' : '';
    (node.__errors ??= []).push(prefix + fieldMessage(text(issue), nodeName));
  }
  return root;
}

/** Issues of a node that do not belong to a config field (shown above the form). */
export function nodeLevelIssues(issues: readonly FlowIssue[], nodeId: string): FlowIssue[] {
  return issues.filter((issue) => issue.nodeId === nodeId && issue.field === undefined);
}
