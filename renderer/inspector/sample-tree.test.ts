// @vitest-environment node
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import type { FlowFile, FlowNode } from '../../core/flow.js';
import { compileJsonPath } from '../../core/json-path-eval.js';
import { insertPicked, keyStep, sampleRoots, sampleTree, type SampleTreeItem } from './sample-tree.js';

const payload = {
  ResponseID: 'R_1',
  'Course Name': 'Intro',
  "it's": true,
  'a\\b': 'back',
  agent: { id: 'a-7', tags: ['vip', 'jp'] },
  matrix: [
    [1, 2],
    [3, [4, 5]],
  ],
  empty: {},
  none: null,
};

/** Every row below `item` that has no children, with its path and the sample value. */
function leaves(item: SampleTreeItem): SampleTreeItem[] {
  if (!item.children) return item.path !== undefined ? [item] : [];
  return item.children.flatMap(leaves);
}

function find(item: SampleTreeItem, path: string): SampleTreeItem | undefined {
  if (item.path === path) return item;
  for (const child of item.children ?? []) {
    const hit = find(child, path);
    if (hit) return hit;
  }
  return undefined;
}

/** The value at `path` in the sample, walked by the labels the tree shows (not by the path text). */
function valueAt(value: unknown, labels: string[]): unknown {
  return labels.reduce<unknown>((v, label) => {
    const index = /^\[(\d+)\]$/.exec(label);
    return index ? (v as unknown[])[Number(index[1])] : (v as Record<string, unknown>)[label];
  }, value);
}

describe('keyStep', () => {
  it('quotes keys that are not identifiers, in each syntax', () => {
    expect(keyStep('$', 'ResponseID', 'jsonpath')).toBe('$.ResponseID');
    expect(keyStep('$', 'Course Name', 'jsonpath')).toBe("$['Course Name']");
    expect(keyStep('$', 'a\\b', 'jsonpath')).toBe("$['a\\b']");
    expect(keyStep('$', '日本', 'jsonpath')).toBe("$['日本']");
    expect(keyStep('$', '1st', 'jsonpath')).toBe("$['1st']");
    expect(keyStep('trigger.body', 'Course Name', 'jsonata')).toBe('trigger.body.`Course Name`');
    expect(keyStep('trigger.body', 'agent', 'jsonata')).toBe('trigger.body.agent');
  });

  it('offers no path for a key the runtime cannot address in that syntax', () => {
    expect(keyStep('$', "it's", 'jsonpath')).toBeUndefined();
    expect(keyStep('$', 'a]b', 'jsonpath')).toBeUndefined();
    expect(keyStep('trigger.body', 'a`b', 'jsonata')).toBeUndefined();
    expect(keyStep('trigger.body', "it's", 'jsonata')).toBe("trigger.body.`it's`");
  });
});

describe('sampleTree', () => {
  const jsonTree = sampleTree({ label: '$', base: '$', syntax: 'jsonpath', value: payload });
  const templateTree = sampleTree({ label: 'trigger.body', base: 'trigger.body', syntax: 'jsonata', value: payload });

  it('shows each key with its sample value, arrays element by element, nested arrays too', () => {
    expect(jsonTree.children?.map((c) => c.label)).toEqual([
      'ResponseID',
      'Course Name',
      "it's",
      'a\\b',
      'agent',
      'matrix',
      'empty',
      'none',
    ]);
    expect(find(jsonTree, '$.ResponseID')?.sample).toBe('"R_1"');
    expect(find(jsonTree, '$.agent.tags[1]')?.sample).toBe('"jp"');
    expect(find(jsonTree, '$.matrix[1][1][0]')?.sample).toBe('4');
    expect(find(jsonTree, '$.matrix[1][1]')?.children?.map((c) => c.label)).toEqual(['[0]', '[1]']);
    expect(find(jsonTree, '$.none')?.sample).toBe('null');
    // An empty object is a value to pick, not a branch to open.
    expect(find(jsonTree, '$.empty')?.children).toBeUndefined();
  });

  it('every JSONPath it offers is valid and finds the value the row shows', () => {
    const rows = leaves(jsonTree);
    // "it's" has no JSONPath; 3 scalars, agent.id, 2 tags, 5 numbers in matrix, empty, none.
    expect(rows.length).toBe(13);
    expect(jsonTree.children?.find((c) => c.label === "it's")).toEqual({ id: '$#2', label: "it's", sample: 'true' });
    for (const row of rows) {
      const expected = valueAt(payload, pathLabels(jsonTree, row.path!));
      const match = compileJsonPath(row.path!).evaluate(payload);
      expect({ path: row.path, found: match.found, value: match.value }).toEqual({
        path: row.path,
        found: true,
        value: expected,
      });
    }
  });

  it('every template path it offers evaluates (JSONata) to the value the row shows', async () => {
    for (const row of leaves(templateTree)) {
      const expected = valueAt(payload, pathLabels(templateTree, row.path!));
      const value: unknown = await jsonata(row.path!).evaluate({ trigger: { body: payload } });
      expect({ path: row.path, value }).toEqual({ path: row.path, value: expected });
    }
    expect(find(templateTree, 'trigger.body.`Course Name`')?.sample).toBe('"Intro"');
  });

  it('caps a large payload with an "N more" row per level', () => {
    const big = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`k${i}`, i]));
    const list = Array.from({ length: 1000 }, (_, i) => ({ id: i }));
    const tree = sampleTree(
      { label: '$', base: '$', syntax: 'jsonpath', value: { big, list } },
      { perLevel: 50, depth: 8 },
    );
    const bigRows = find(tree, '$.big')!.children!;
    expect(bigRows).toHaveLength(51);
    expect(bigRows[50]).toEqual({ id: '$.big#more', label: '', more: 80 });
    const listRow = find(tree, '$.list')!;
    // A row holding an array says so: a field that wants a list can pick it whole.
    expect(listRow.list).toBe(true);
    expect(find(tree, '$.list[0]')!.list).toBeUndefined();
    const listRows = listRow.children!;
    expect(listRows.at(-1)?.more).toBe(950);
    expect(listRows[49]?.path).toBe('$.list[49]');
    expect(find(tree, '$.list[49].id')?.sample).toBe('49');
  });

  it('stops at the depth limit and shows deeper values as a leaf', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    const tree = sampleTree({ label: '$', base: '$', syntax: 'jsonpath', value: deep }, { perLevel: 50, depth: 2 });
    expect(find(tree, '$.a.b')?.children).toBeUndefined();
    expect(find(tree, '$.a.b')?.sample).toBe('{…}');
  });
});

/** The labels from the root to the row with `path`. */
function pathLabels(root: SampleTreeItem, path: string): string[] {
  const walk = (item: SampleTreeItem, trail: string[]): string[] | undefined => {
    if (item.path === path) return trail;
    for (const child of item.children ?? []) {
      const hit = walk(child, [...trail, child.label]);
      if (hit) return hit;
    }
    return undefined;
  };
  return walk(root, []) ?? [];
}

function node(id: string, type: string, name: string, config: Record<string, unknown> = {}): FlowNode {
  return { id, type, version: 1, name, config };
}

describe('sampleRoots', () => {
  const flow: FlowFile = {
    $schema: 'x',
    schemaVersion: 1,
    id: 'f',
    name: 'f',
    nodes: [
      node('t', 'webhookTrigger', 'survey'),
      node('w', 'webService', 'getAgent'),
      node('l', 'webService', 'late'),
      node('c', 'condition', 'check'),
    ],
    edges: [
      { id: 'e1', from: 't', fromPort: 'out', to: 'w' },
      { id: 'e2', from: 'w', fromPort: 'success', to: 'c' },
      { id: 'e3', from: 'c', fromPort: 'true', to: 'l' },
    ],
    tests: [
      {
        name: 'one',
        trigger: { body: {} },
        responses: { getAgent: [{ status: 200, body: { name: 'Aiko' } }], late: [{ status: 200, body: { x: 1 } }] },
        expect: {},
      },
    ],
  } as unknown as FlowFile;
  const byId = (id: string) => flow.nodes.find((n) => n.id === id)!;

  it('offers template fields the trigger sample and the recorded responses of upstream nodes only', () => {
    expect(sampleRoots(flow, byId('c'), 'jsonata', { a: 1 }).map((r) => r.base)).toEqual([
      'trigger.body',
      'steps.getAgent.body',
    ]);
    expect(sampleRoots(flow, byId('c'), 'jsonata', undefined).map((r) => r.base)).toEqual(['steps.getAgent.body']);
  });

  it('offers a JSONPath field the body the node itself receives', () => {
    expect(sampleRoots(flow, byId('t'), 'jsonpath', { a: 1 })).toEqual([
      { label: '$', base: '$', syntax: 'jsonpath', value: { a: 1 } },
    ]);
    expect(sampleRoots(flow, byId('w'), 'jsonpath', { a: 1 })[0]?.value).toEqual({ name: 'Aiko' });
    expect(sampleRoots(flow, byId('t'), 'jsonpath', undefined)).toEqual([]);
  });
});

describe('insertPicked', () => {
  it('replaces a JSONPath field, and inserts at the caret in templates and expressions', () => {
    expect(insertPicked('$.old', 2, '$.a.b', 'jsonpath')).toEqual({ text: '$.a.b', caret: 5 });
    expect(insertPicked('Hi !', 3, 'trigger.body.name', 'template')).toEqual({
      text: 'Hi {{ trigger.body.name }}!',
      caret: 26,
    });
    expect(insertPicked('', 0, 'trigger.body.CSAT', 'expression')).toEqual({ text: 'trigger.body.CSAT', caret: 17 });
  });
});
