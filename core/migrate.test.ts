import { describe, expect, it } from 'vitest';
import { migrateFlow } from './migrate.js';
import { FAKE_MANIFESTS, sampleFlow } from './validate/__fixtures__/fake-manifests.js';
import { validateFlow } from './validate/validate-flow.js';

describe('migrateFlow', () => {
  it('applies manifest migrations to older nodes and says so, without touching the input', () => {
    const flow: any = sampleFlow();
    flow.nodes[3].version = 1;
    flow.nodes[3].config = { method: 'PUT', uri: 'https://q.example.com/x' };
    const before = JSON.stringify(flow);
    const result = migrateFlow(flow, FAKE_MANIFESTS);
    expect(JSON.stringify(flow)).toBe(before);
    expect(result.notes).toEqual(["Web Service 'putResponse' upgraded from v1 to v2."]);
    expect((result.value as any).nodes[3]).toMatchObject({
      version: 2,
      config: { method: 'PUT', url: 'https://q.example.com/x' },
    });
    expect(validateFlow(result.value, FAKE_MANIFESTS)).toEqual([]);
  });

  it('reads a hand-written file without $schema or schemaVersion as version 1', () => {
    const { $schema: _s, schemaVersion: _v, ...bare } = sampleFlow();
    const result = migrateFlow(bare, FAKE_MANIFESTS);
    expect(result.notes).toEqual([
      'The file has no $schema or schemaVersion (written by hand?); it was read as flow format version 1.',
    ]);
    expect(result.value).toMatchObject({ $schema: 'https://flowdesk.dev/schema/flow-v1.json', schemaVersion: 1 });
    expect(validateFlow(result.value, FAKE_MANIFESTS)).toEqual([]);
  });

  it('reads a node without a version as version 1 and upgrades it', () => {
    const flow: any = sampleFlow();
    delete flow.nodes[3].version;
    flow.nodes[3].config = { method: 'GET', uri: 'https://x' };
    const result = migrateFlow(flow, FAKE_MANIFESTS);
    expect(result.notes).toEqual([
      "Web Service 'putResponse' had no version; it was read as version 1.",
      "Web Service 'putResponse' upgraded from v1 to v2.",
    ]);
  });

  it('refuses a flow format newer than this build', () => {
    const result = migrateFlow({ ...sampleFlow(), schemaVersion: 5 }, FAKE_MANIFESTS);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'newer-schema-version',
        params: { version: 5, known: 1 },
        message:
          'This flow was made by a newer Flowdesk (flow format version 5; this Flowdesk reads up to version 1). Update Flowdesk to open it.',
        pointer: '/schemaVersion',
      },
    ]);
  });

  it('leaves nodes alone when a migration step is missing or fails', () => {
    const flow: any = sampleFlow();
    flow.nodes[3].version = 1;
    const failing = FAKE_MANIFESTS.map((m) =>
      m.type === 'service'
        ? {
            ...m,
            migrations: {
              2: () => {
                throw new Error('bad input');
              },
            },
          }
        : m,
    );
    const result = migrateFlow(flow, failing);
    expect(result.issues[0]).toMatchObject({ code: 'migration-failed', pointer: '/nodes/3/config', nodeId: 'n4' });
    expect(result.issues[0]!.message).toBe(
      "Web Service 'putResponse' could not be upgraded from version 1 to 2: bad input",
    );
    const missing = FAKE_MANIFESTS.map((m) => (m.type === 'service' ? { ...m, migrations: {} } : m));
    const untouched = migrateFlow(flow, missing);
    expect((untouched.value as any).nodes[3].version).toBe(1);
    expect(validateFlow(untouched.value, missing).map((i) => i.code)).toContain('old-node-version');
  });
});
