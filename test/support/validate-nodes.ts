/**
 * Runs the real flow validator over a minimal flow holding the given nodes (each wired from a
 * stand-in trigger), so a node type's tests can assert the words an admin will see.
 */
import type { CredentialKind } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import type { NodeTypeManifest, AnyNodeTypeManifest } from '../../core/node-type.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { loadFlowText } from '../../core/validate/load-flow.js';

const standInTrigger: NodeTypeManifest = {
  type: 'testTrigger',
  version: 1,
  category: 'trigger',
  title: 'Test trigger',
  triggerKind: 'webhook',
  configSchema: { type: 'object' },
  defaults: {},
  ports: ['out'],
  credentialSlots: [],
};

export function validateNodes(
  manifests: readonly AnyNodeTypeManifest[],
  nodes: Omit<FlowNode, 'version'>[],
  credentials: Record<string, CredentialKind> = {},
): FlowIssue[] {
  const flow = {
    $schema: 'https://flowdesk.dev/schema/flow-v1.json',
    schemaVersion: 1,
    id: 'validation-test',
    name: 'Validation test',
    credentials: Object.fromEntries(Object.entries(credentials).map(([name, kind]) => [name, { kind }])),
    nodes: [
      { id: 'trigger', type: 'testTrigger', version: 1, name: 'trigger', config: {} },
      ...nodes.map((node) => ({ version: 1, ...node })),
    ],
    edges: nodes.map((node) => ({ from: 'trigger', port: 'out', to: node.id })),
  };
  return loadFlowText(JSON.stringify(flow), [standInTrigger, ...manifests]).issues;
}

/**
 * Issues as `pointer | message`, easy to compare. Leaves out what the harness itself causes:
 * credentials declared for other cases, and the stand-in trigger's fan-out to several nodes
 * that create records.
 */
export function issueLines(issues: readonly FlowIssue[]): string[] {
  return issues
    .filter((issue) => issue.code !== 'unused-credential' && issue.code !== 'branches-both-create')
    .map((issue) => `${issue.pointer} | ${issue.message}`);
}
