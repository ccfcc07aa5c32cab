// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { codeTypings } from './code-typings.js';

const flow: FlowFile = {
  $schema: 'x',
  schemaVersion: 1,
  id: 'f',
  name: 'f',
  nodes: [
    {
      id: 't',
      type: 'webhookTrigger',
      version: 1,
      name: 'survey',
      config: { fields: [{ name: 'ResponseID', path: '$.ResponseID' }] },
    },
    {
      id: 'w',
      type: 'webService',
      version: 1,
      name: 'getDetails',
      config: { mapping: [{ path: 'x', field: 'agentId' }] },
    },
    { id: 'c', type: 'code', version: 1, name: 'clean', config: {} },
    {
      id: 'late',
      type: 'webService',
      version: 1,
      name: 'later',
      config: { mapping: [{ path: 'y', field: 'notYet' }] },
    },
  ],
  edges: [
    { from: 't', port: 'out', to: 'w' },
    { from: 'w', port: 'success', to: 'c' },
    { from: 'c', port: 'success', to: 'late' },
  ],
};

describe('codeTypings', () => {
  it('declares trigger, the upstream steps with their output shapes, vars and console', () => {
    const dts = codeTypings(flow, 'c');
    expect(dts).toContain('declare const trigger: { body: any;');
    expect(dts).toContain(
      'getDetails: { status: number; headers: Record<string, string>; body: any; fields: { agentId: any;',
    );
    expect(dts).toContain('survey: any;');
    expect(dts).toMatch(/declare const vars: \{ ResponseID: unknown; agentId: unknown;/);
    expect(dts).toContain('declare const console:');
    expect(dts).not.toContain('later');
    expect(dts).not.toContain('notYet');
  });
});
