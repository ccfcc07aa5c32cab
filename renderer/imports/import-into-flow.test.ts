import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../core/flow.js';
import { importCurl } from '../../nodes/web-service/imports/curl.js';
import type { WebServiceImport } from '../../nodes/web-service/imports/import-result.js';
import { placeImport } from './import-into-flow.js';

function curl(command: string): WebServiceImport {
  const outcome = importCurl(command);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

const flow: FlowFile = {
  $schema: 'https://flowdesk.dev/schema/flow-v1.json',
  schemaVersion: 1,
  id: 'f',
  name: 'F',
  credentials: { 'acme-zendesk-com': { kind: 'zendeskApiToken', description: 'kept as the admin wrote it' } },
  nodes: [
    { id: 'trigger', type: 'webhookTrigger', version: 1, name: 'trigger', config: {} },
    { id: 'n1', type: 'webService', version: 1, name: 'getUsersMe', config: {} },
  ],
  edges: [],
  layout: { nodes: { trigger: { x: 0, y: 40 }, n1: { x: 320, y: 80 } } },
};

describe('placeImport', () => {
  it('puts the node right of the rightmost node, with a name and id of its own', () => {
    const placed = placeImport(
      flow,
      curl('curl https://acme.zendesk.com/api/v2/users/me.json -u a@b.c/token:t-123456'),
    );
    expect(placed.position).toEqual({ x: 640, y: 80 });
    expect(placed.node.name).toBe('getUsersMe2');
    expect(['trigger', 'n1']).not.toContain(placed.node.id);
    expect(placed.node.credentials).toEqual({ auth: 'acme-zendesk-com' });
  });

  it('keeps a credential the flow already declares and adds a new one by name, kind and origin only', () => {
    const kept = placeImport(flow, curl('curl https://acme.zendesk.com/x -u a@b.c/token:t-123456'));
    expect(kept.credentials?.['acme-zendesk-com']).toEqual(flow.credentials!['acme-zendesk-com']);
    const added = placeImport(
      flow,
      curl("curl https://api.hubapi.com/crm/v3/objects/tickets -H 'Authorization: Bearer pat-123456'"),
    );
    expect(added.credentials?.['api-hubapi-com']).toEqual({
      kind: 'bearer',
      allowedOrigins: ['https://api.hubapi.com'],
    });
    expect(JSON.stringify(added)).not.toContain('pat-123456');
  });

  it('starts an empty flow at the origin', () => {
    const empty = { ...flow, nodes: [], layout: { nodes: {} } };
    expect(placeImport(empty, curl('curl https://x.example.com/a')).position).toEqual({ x: 0, y: 0 });
  });
});
