import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newFlow, newNodeId, uniqueNodeName, writeFlow } from './canonical.js';
import { FAKE_MANIFESTS, hookManifest, sampleFlow } from './validate/__fixtures__/fake-manifests.js';
import { validateFlow } from './validate/validate-flow.js';

const flowsDir = join(import.meta.dirname, '..', 'flows');
const flowFiles = readdirSync(flowsDir).filter((f) => f.endsWith('.flow.json'));

describe('writeFlow', () => {
  it('orders keys canonically and keeps config key order', () => {
    const scrambled = {
      layout: { viewport: { zoom: 1, y: 2, x: 3 }, nodes: { b: { y: 1, x: 2 }, a: { x: 0, y: 0 } } },
      edges: [{ to: 'b', port: 'out', from: 'a' }],
      nodes: [
        { config: { z: 1, a: { y: 1, b: 2 } }, name: 'hook', version: 1, type: 'hook', id: 'a' },
        { config: {}, name: 'b', version: 1, type: 'script', id: 'b', credentials: { auth: 'x' } },
      ],
      tests: [
        { expect: { requests: [{ count: 1, node: 'b' }], path: ['hook'] }, trigger: { query: {}, body: 1 }, name: 't' },
      ],
      name: 'N',
      id: 'i',
      schemaVersion: 1,
      $schema: 's',
      credentials: { x: { description: 'd', kind: 'apiKey' } },
    };
    expect(writeFlow(scrambled as never)).toBe(
      `${JSON.stringify(
        {
          $schema: 's',
          schemaVersion: 1,
          id: 'i',
          name: 'N',
          credentials: { x: { kind: 'apiKey', description: 'd' } },
          nodes: [
            { id: 'a', type: 'hook', version: 1, name: 'hook', config: { z: 1, a: { y: 1, b: 2 } } },
            { id: 'b', type: 'script', version: 1, name: 'b', credentials: { auth: 'x' }, config: {} },
          ],
          edges: [{ from: 'a', port: 'out', to: 'b' }],
          tests: [
            {
              name: 't',
              trigger: { body: 1, query: {} },
              expect: { requests: [{ node: 'b', count: 1 }], path: ['hook'] },
            },
          ],
          layout: { nodes: { b: { x: 2, y: 1 }, a: { x: 0, y: 0 } }, viewport: { x: 3, y: 2, zoom: 1 } },
        },
        null,
        2,
      )}\n`,
    );
  });

  it('is idempotent', () => {
    const once = writeFlow(sampleFlow());
    expect(writeFlow(JSON.parse(once))).toBe(once);
    expect(once.endsWith('}\n')).toBe(true);
  });

  it.each(flowFiles)('round-trips %s byte for byte once canonical', (file) => {
    const text = readFileSync(join(flowsDir, file), 'utf8');
    const canonical = writeFlow(JSON.parse(text));
    expect(writeFlow(JSON.parse(canonical))).toBe(canonical);
    // The reference flows are committed canonical: reading and writing them changes nothing.
    expect(canonical).toBe(text);
  });
});

describe('newFlow', () => {
  it('returns a flow skeleton that validates once it has its trigger', () => {
    const flow = newFlow('Post-call survey', { trigger: hookManifest });
    expect(flow).toMatchObject({
      $schema: 'https://flowdesk.dev/schema/flow-v1.json',
      schemaVersion: 1,
      name: 'Post-call survey',
    });
    expect(flow.id).toMatch(/^post-call-survey-[a-z0-9]{6}$/);
    expect(flow.nodes).toEqual([
      { id: 'trigger', type: 'hook', version: 1, name: 'webhook', config: { auth: { type: 'none' } } },
    ]);
    expect(validateFlow(flow, FAKE_MANIFESTS)).toEqual([]);
    expect(validateFlow(newFlow('Empty'), FAKE_MANIFESTS).map((i) => i.code)).toEqual(['no-trigger']);
  });

  it('makes unique ids and names', () => {
    expect(uniqueNodeName('Web Service', ['webService', 'webService2'])).toBe('webService3');
    expect(uniqueNodeName('2nd step')).toBe('n2ndStep');
    expect(newNodeId(['n_x'])).toMatch(/^n_[a-z0-9]{8}$/);
  });
});
