/** Test cases stored in the flow must name nodes that exist. */
import type { FlowCheck } from './context.js';
import { addIssue, stringOr } from './context.js';
import { isRecord, joinPointer } from './pointer.js';

export function checkTests(check: FlowCheck): void {
  const tests = Array.isArray(check.flow.tests) ? check.flow.tests : [];
  const names = new Set<string>();
  tests.forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const base = `/tests/${i}`;
    const testName = stringOr(raw.name);
    const label = testName ? `Test '${testName}'` : `Test ${i + 1}`;
    if (testName !== undefined) {
      if (names.has(testName)) {
        addIssue(check, {
          severity: 'error',
          code: 'duplicate-test-name',
          message: `${label}: another test has the same name; test names must be unique`,
          pointer: `${base}/name`,
        });
      }
      names.add(testName);
    }
    const unknown = (name: unknown, pointer: string, what: string) => {
      if (typeof name !== 'string' || check.byName.has(name)) return;
      addIssue(check, {
        severity: 'error',
        code: 'test-unknown-node',
        message: `${label}: ${what} '${name}', but no node is named '${name}'`,
        pointer,
      });
    };
    if (isRecord(raw.responses)) {
      for (const key of Object.keys(raw.responses))
        unknown(key, joinPointer(base, 'responses', key), 'has recorded responses for');
    }
    const expect = isRecord(raw.expect) ? raw.expect : {};
    for (const list of ['path', 'notVisited'] as const) {
      const items = expect[list];
      if (Array.isArray(items))
        items.forEach((n, j) =>
          unknown(
            n,
            joinPointer(base, 'expect', list, j),
            list === 'path' ? 'expects a path through' : 'expects not to visit',
          ),
        );
    }
    if (isRecord(expect.steps)) {
      for (const key of Object.keys(expect.steps))
        unknown(key, joinPointer(base, 'expect', 'steps', key), 'expects the output of');
    }
    if (Array.isArray(expect.requests)) {
      expect.requests.forEach((r, j) => {
        if (isRecord(r)) unknown(r.node, joinPointer(base, 'expect', 'requests', j, 'node'), 'expects a request from');
      });
    }
  });
}
