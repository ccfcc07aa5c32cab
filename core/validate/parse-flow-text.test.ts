import { describe, expect, it } from 'vitest';
import { FAKE_MANIFESTS, sampleFlow } from './__fixtures__/fake-manifests.js';
import { loadFlowText } from './load-flow.js';
import { parseFlowText } from './parse-flow-text.js';
import { writeFlow } from '../canonical.js';

describe('parseFlowText', () => {
  it('parses JSON and strips a byte-order mark', () => {
    expect(parseFlowText('\uFEFF{"a": [1, "x"]}')).toEqual({ value: { a: [1, 'x'] }, issues: [] });
  });

  it('places syntax errors by line and column, in words', () => {
    const cases: [string, string][] = [
      ['{\n  "a": 1\n  "b": 2\n}', `line 3, column 3: expected ',' or '}' after the value of "a" but found '"'`],
      [
        '{\n  "a": [1, 2,]\n}',
        "line 2, column 14: a comma before ']' has no item after it (remove the trailing comma)",
      ],
      [
        "{ 'a': 1 }",
        'line 1, column 3: expected a property name in double quotes but found a single quote (JSON needs double quotes)',
      ],
      ['{ "a": "x\ny" }', 'line 1, column 10: a line break or control character inside a string (write it as \\n)'],
      ['{ "a": tru }', "line 1, column 8: expected a value but found 't'"],
      ['{ "a": 1 } x', "line 1, column 12: unexpected 'x' after the end of the JSON"],
      ['{ "a": "x', 'line 1, column 8: a string is never closed with a double quote'],
      ['{ "a": 1,', 'line 1, column 10: expected a property name in double quotes but found the end of the text'],
    ];
    for (const [text, where] of cases) {
      const { value, issues } = parseFlowText(text, 'flows/x.flow.json');
      expect(value).toBeUndefined();
      expect(issues).toMatchObject([
        {
          severity: 'error',
          code: 'json-syntax',
          params: { file: 'flows/x.flow.json', kind: 'at' },
          message: `flows/x.flow.json is not valid JSON: ${where}.`,
          pointer: '',
        },
      ]);
    }
  });

  it('says so when the file is empty', () => {
    expect(parseFlowText('  \n').issues[0]!.message).toBe('The flow file is empty.');
  });

  it('warns about duplicate keys, which JSON.parse silently drops', () => {
    const { value, issues } = parseFlowText('{"nodes": [{"name": "a", "name": "b"}]}');
    expect(value).toEqual({ nodes: [{ name: 'b' }] });
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'duplicate-key', pointer: '/nodes/0/name' }),
    ]);
  });
});

describe('loadFlowText', () => {
  it('parses, migrates, validates and returns the canonical text', () => {
    const flow: any = sampleFlow();
    flow.nodes[1].version = 1;
    flow.nodes[1].config = { uri: flow.nodes[1].config.url, ...flow.nodes[1].config };
    delete flow.nodes[1].config.url;
    const result = loadFlowText(JSON.stringify(flow), FAKE_MANIFESTS);
    expect(result.issues).toEqual([]);
    expect(result.migrated).toEqual(["Web Service 'getDetails' upgraded from v1 to v2."]);
    expect(result.flow!.nodes[1]!.config.url).toBe('https://api.example.com/users/{{ trigger.body.userId }}');
    expect(result.canonical).toBe(writeFlow(result.flow!));
  });

  it('stops at bad JSON and at flows from a newer Flowdesk', () => {
    expect(loadFlowText('{', FAKE_MANIFESTS)).toMatchObject({ migrated: [], issues: [{ code: 'json-syntax' }] });
    const newer = loadFlowText(JSON.stringify({ ...sampleFlow(), schemaVersion: 2 }), FAKE_MANIFESTS);
    expect(newer.flow).toBeUndefined();
    expect(newer.issues).toEqual([
      expect.objectContaining({ code: 'newer-schema-version', pointer: '/schemaVersion' }),
    ]);
  });
});
