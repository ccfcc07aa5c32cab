import { describe, expect, it, vi } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import type { NodeTypeManifest } from '../../core/node-type.js';
import { layoutFlow } from './auto-layout.js';

vi.mock('../../nodes/registry.js', () => ({ manifestFor: () => undefined, NODE_MANIFESTS: [] }));

const m = (ports: string[], trigger = false) => ({ ports, trigger }) as unknown as NodeTypeManifest;
const manifests: Record<string, NodeTypeManifest> = {
  t: m(['out'], true),
  c: m(['true', 'false']),
  w: m(['success', 'error']),
};

describe('auto-layout', () => {
  it('lays a flow out left to right, keeping the true branch above the false one', async () => {
    const node = (id: string, type: string) => ({ id, type, version: 1, name: id, config: {} });
    const flow = {
      nodes: [node('trig', 't'), node('cond', 'c'), node('yes', 'w'), node('no', 'w')],
      edges: [
        { from: 'trig', port: 'out', to: 'cond' },
        { from: 'cond', port: 'false', to: 'no' },
        { from: 'cond', port: 'true', to: 'yes' },
      ],
    } as unknown as FlowFile;
    const pos = await layoutFlow(flow, {}, (t) => manifests[t]);
    expect(pos.trig!.x).toBeLessThan(pos.cond!.x);
    expect(pos.cond!.x).toBeLessThan(pos.yes!.x);
    expect(pos.yes!.x).toBe(pos.no!.x);
    expect(pos.yes!.y).toBeLessThan(pos.no!.y);
  });
});
