/**
 * An import as flows: a new flow (webhook trigger → the Web Service node, the CLI's
 * `flowdesk import`), or the node added to an open flow (the designer). The credential is
 * declared by name, kind and allowed origin only: its values never enter a flow.
 */
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION, type FlowFile, type FlowNode } from '../../../core/flow.js';
import { newNodeId, uniqueNodeName } from '../../../core/canonical.js';
import { webhookTriggerManifest } from '../../webhook-trigger/manifest.js';
import { webServiceManifest } from '../manifest.js';
import type { WebServiceImport } from './import-result.js';

/** The imported node, named and with a fresh id not in `takenIds`. */
export function importedNode(
  result: WebServiceImport,
  takenNames: Iterable<string>,
  takenIds: Iterable<string>,
): FlowNode {
  return {
    id: newNodeId(takenIds),
    type: webServiceManifest.type,
    version: webServiceManifest.version,
    name: uniqueNodeName(result.nodeName ?? result.title, takenNames),
    label: result.title,
    config: JSON.parse(JSON.stringify(result.config)) as Record<string, unknown>,
    ...(result.credential ? { credentials: { auth: result.credential.name } } : {}),
  };
}

/** `flow.credentials` with the import's credential declared (an existing declaration is kept). */
export function withImportedCredential(flow: FlowFile, result: WebServiceImport): FlowFile['credentials'] {
  const credentials = { ...(flow.credentials ?? {}) };
  const c = result.credential;
  if (c && !credentials[c.name]) credentials[c.name] = { kind: c.kind, allowedOrigins: [...c.allowedOrigins] };
  return Object.keys(credentials).length > 0 ? credentials : undefined;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'imported'
  );
}

/** A runnable flow: a webhook trigger (the action's input contract as its schema) → the node. */
export function flowFromImport(result: WebServiceImport): FlowFile {
  const trigger: FlowNode = {
    id: 'trigger',
    type: webhookTriggerManifest.type,
    version: webhookTriggerManifest.version,
    name: 'trigger',
    config: {
      ...(JSON.parse(JSON.stringify(webhookTriggerManifest.defaults)) as Record<string, unknown>),
      ...(result.inputSchema ? { inputSchema: result.inputSchema } : {}),
    },
  };
  const node = importedNode(result, [trigger.name], [trigger.id]);
  const flow: FlowFile = {
    $schema: FLOW_SCHEMA_ID,
    schemaVersion: FLOW_SCHEMA_VERSION,
    id: slug(result.title),
    name: result.title,
    description:
      result.source === 'curl' ? 'Imported from a cURL command.' : 'Imported from a Genesys Cloud data-action export.',
    nodes: [trigger, node],
    edges: [{ from: trigger.id, port: 'out', to: node.id }],
    tests: [],
    layout: { nodes: { [trigger.id]: { x: 0, y: 0 }, [node.id]: { x: 320, y: 0 } } },
  };
  const credentials = withImportedCredential(flow, result);
  return credentials ? { ...flow, credentials } : flow;
}
