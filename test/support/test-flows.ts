/**
 * Small flow builders for engine, test-runner and CLI tests: real node types with their
 * manifest defaults, so tests stay short and keep working when defaults gain fields.
 */
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION, type FlowEdge, type FlowFile, type FlowNode } from '../../core/flow.js';
import { manifestFor } from '../../nodes/registry.js';

export function testNode(
  type: string,
  name: string,
  config: Record<string, unknown> = {},
  extra: Partial<Pick<FlowNode, 'credentials' | 'id'>> = {},
): FlowNode {
  const manifest = manifestFor(type);
  if (!manifest) throw new Error(`unknown node type ${type}`);
  return {
    id: extra.id ?? `n-${name}`,
    type,
    version: manifest.version,
    name,
    config: { ...structuredClone(manifest.defaults), ...config },
    ...(extra.credentials ? { credentials: extra.credentials } : {}),
  };
}

/** `[from, port, to]` by node name (ids are `n-<name>`). */
export type EdgeSpec = [string, string, string];

export function testFlow(nodes: FlowNode[], edges: EdgeSpec[], extra: Partial<FlowFile> = {}): FlowFile {
  const flowEdges: FlowEdge[] = edges.map(([from, port, to]) => ({ from: `n-${from}`, port, to: `n-${to}` }));
  return {
    $schema: FLOW_SCHEMA_ID,
    schemaVersion: FLOW_SCHEMA_VERSION,
    id: extra.id ?? 'test-flow',
    name: extra.name ?? 'Test flow',
    ...extra,
    nodes,
    edges: flowEdges,
  };
}

export const trigger = (config: Record<string, unknown> = {}) =>
  testNode('webhookTrigger', 'trigger', { auth: { type: 'none' }, fields: [], ...config });

export const condition = (name: string, rules: Record<string, unknown>[], config: Record<string, unknown> = {}) =>
  testNode('condition', name, { mode: 'rules', combinator: 'all', caseInsensitive: false, rules, ...config });

export const webService = (name: string, config: Record<string, unknown>, credentials?: Record<string, string>) =>
  testNode(
    'webService',
    name,
    { retry: { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1 }, ...config },
    credentials ? { credentials } : {},
  );

export const code = (name: string, source: string) => testNode('code', name, { source });
