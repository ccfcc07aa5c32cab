/**
 * Test cases stored in the flow must name nodes that exist; a case of a scheduled flow pins its
 * firing time (or its result would depend on when it runs).
 */
import { parseInstant } from '../schedule/schedule.js';
import type { FlowCheck } from './context.js';
import type { TestExpectation } from '../messages/en.js';
import { addIssue, flowIssue, stringOr } from './context.js';
import { isRecord, joinPointer } from './pointer.js';

export function checkTests(check: FlowCheck): void {
  const tests = Array.isArray(check.flow.tests) ? check.flow.tests : [];
  const names = new Set<string>();
  const triggerKind = check.nodes.find((n) => n.compiled?.manifest.triggerKind)?.compiled?.manifest.triggerKind;
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
    if (triggerKind !== undefined && isRecord(raw.trigger)) checkFiredAt(check, raw.trigger, test, base, triggerKind);
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

function checkFiredAt(
  check: FlowCheck,
  trigger: Record<string, unknown>,
  test: { index: number; name?: string },
  base: string,
  triggerKind: 'webhook' | 'schedule',
): void {
  const pointer = `${base}/trigger/firedAt`;
  const firedAt = trigger.firedAt;
  if (triggerKind === 'webhook') {
    if (firedAt !== undefined) addIssue(check, flowIssue('test-fired-at-webhook', { test }, pointer, 'warning'));
    return;
  }
  if (typeof firedAt === 'string') {
    if (parseInstant(firedAt) === undefined)
      addIssue(check, flowIssue('test-fired-at', { test, value: firedAt }, pointer));
    return;
  }
  // A body carrying its own firing time pins it too.
  if (isRecord(trigger.body) && parseInstant(trigger.body.firedAt) !== undefined) return;
  addIssue(check, flowIssue('test-fired-at-missing', { test }, `${base}/trigger`, 'warning'));
}
