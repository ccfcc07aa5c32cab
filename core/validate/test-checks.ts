/** Test cases stored in the flow must name nodes that exist. */
import type { FlowCheck } from './context.js';
import type { TestExpectation } from '../messages/en.js';
import { addIssue, flowIssue, stringOr } from './context.js';
import { isRecord, joinPointer } from './pointer.js';

export function checkTests(check: FlowCheck): void {
  const tests = Array.isArray(check.flow.tests) ? check.flow.tests : [];
  const names = new Set<string>();
  tests.forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const base = `/tests/${i}`;
    const testName = stringOr(raw.name);
    const test = testName ? { index: i, name: testName } : { index: i };
    if (testName !== undefined) {
      if (names.has(testName)) {
        addIssue(check, flowIssue('duplicate-test-name', { test }, `${base}/name`));
      }
      names.add(testName);
    }
    const unknown = (name: unknown, pointer: string, expects: TestExpectation) => {
      if (typeof name !== 'string' || check.byName.has(name)) return;
      addIssue(check, flowIssue('test-unknown-node', { test, expects, name }, pointer));
    };
    if (isRecord(raw.responses)) {
      for (const key of Object.keys(raw.responses)) unknown(key, joinPointer(base, 'responses', key), 'responses');
    }
    const expect = isRecord(raw.expect) ? raw.expect : {};
    for (const list of ['path', 'notVisited'] as const) {
      const items = expect[list];
      if (Array.isArray(items)) items.forEach((n, j) => unknown(n, joinPointer(base, 'expect', list, j), list));
    }
    if (isRecord(expect.steps)) {
      for (const key of Object.keys(expect.steps)) unknown(key, joinPointer(base, 'expect', 'steps', key), 'steps');
    }
    if (isRecord(expect.iterations)) {
      for (const [loop, expected] of Object.entries(expect.iterations)) {
        const at = joinPointer(base, 'expect', 'iterations', loop);
        unknown(loop, at, 'iterations');
        const items = isRecord(expected) && isRecord(expected.items) ? expected.items : {};
        for (const [index, item] of Object.entries(items)) {
          if (!isRecord(item)) continue;
          if (Array.isArray(item.path))
            item.path.forEach((n, j) => unknown(n, joinPointer(at, 'items', index, 'path', j), 'path'));
          if (isRecord(item.steps))
            for (const key of Object.keys(item.steps))
              unknown(key, joinPointer(at, 'items', index, 'steps', key), 'steps');
        }
      }
    }
    if (Array.isArray(expect.requests)) {
      expect.requests.forEach((r, j) => {
        if (isRecord(r)) unknown(r.node, joinPointer(base, 'expect', 'requests', j, 'node'), 'requests');
      });
    }
  });
}
