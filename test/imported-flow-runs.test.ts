/**
 * An imported node is not only valid but does what the data action or the command did: the
 * flows `flowdesk import` writes are run live against a loopback server, which checks the
 * request the vendor would get (path, auth, body with escaping) and answers so the translation
 * map, its defaults and the credential reference are all exercised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFlow } from '../core/canonical.js';
import { importCurl } from '../nodes/web-service/imports/curl.js';
import { importDataAction } from '../nodes/web-service/imports/genesys-data-action.js';
import { flowFromImport } from '../nodes/web-service/imports/flow-from-import.js';
import type { WebServiceImport } from '../nodes/web-service/imports/import-result.js';
import type { CredentialProvider } from '../runtime/credentials/provider.js';
import { runFlow } from '../runtime/hosts/host-service/run.js';
import { sendJson, startTestServer, type TestServer } from './support/http-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.method === 'POST' && req.path === '/crm/v3/objects/tickets') {
      if (req.headers.authorization !== 'Bearer pat-loopback-777') return sendJson(res, 401, { message: 'bad token' });
      return sendJson(res, 201, { id: '512', properties: { subject: (req.json as any)?.properties?.subject } });
    }
    if (req.method === 'GET' && req.path === '/api/v2/users/me.json') {
      const expected = `Basic ${Buffer.from('agent@example.com/token:zd-loopback-555').toString('base64')}`;
      if (req.headers.authorization !== expected) return sendJson(res, 401, { error: "Couldn't authenticate you" });
      return sendJson(res, 200, { user: { id: 7, role: 'agent' } });
    }
    sendJson(res, 404, { error: 'not found' });
  });
});
afterAll(async () => {
  await server.close();
});

function ok(outcome: ReturnType<typeof importCurl>): WebServiceImport {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

/** The import's credential as the vault would give it back, under its name. */
function vault(result: WebServiceImport, values: Record<string, string>): CredentialProvider {
  const c = result.credential!;
  return {
    get: async (name) =>
      name === c.name ? { kind: c.kind, fields: values, allowedOrigins: c.allowedOrigins } : undefined,
  };
}

describe('imported flows run', () => {
  it('a Web Services data action: escaped JSON body, Bearer credential, translation map with a default', async () => {
    const result = ok(
      importDataAction({
        name: 'Create ticket',
        integrationType: 'custom-rest-actions',
        actionType: 'custom',
        config: {
          request: {
            requestUrlTemplate: `${server.url}/crm/v3/objects/tickets`,
            requestType: 'POST',
            headers: { Authorization: 'Bearer ${credentials.token}', 'Content-Type': 'application/json' },
            requestTemplate: '{"properties": {"subject": "$esc.jsonString(${input.subject})", "hs_pipeline": "0"}}',
          },
          response: {
            translationMap: { ticketId: '$.id', owner: '$.properties.hubspot_owner_id' },
            translationMapDefaults: { owner: '"unassigned"' },
            successTemplate: '${rawResult}',
          },
        },
        contract: { input: { inputSchema: { type: 'object', properties: { subject: { type: 'string' } } } } },
      }),
    );
    const subject = 'Caller said "refund"\nand hung up';
    const trace = await runFlow(
      { flowText: writeFlow(flowFromImport(result)), payload: { subject } },
      { baseDirs: ['.'] },
      vault(result, { token: 'pat-loopback-777' }),
    );
    expect(trace.error).toBeUndefined();
    expect(trace.status).toBe('success');
    const sent = server.seen.find((r) => r.path === '/crm/v3/objects/tickets')!;
    expect(sent.json).toEqual({ properties: { subject, hs_pipeline: '0' } });
    expect(trace.vars).toMatchObject({ ticketId: '512', owner: 'unassigned' });
  });

  it('a cURL command: the -u Zendesk token comes from the credential, never from the flow', async () => {
    const result = ok(importCurl(`curl ${server.url}/api/v2/users/me.json -u agent@example.com/token:zd-loopback-555`));
    const flowText = writeFlow(flowFromImport(result));
    expect(flowText).not.toContain('zd-loopback-555');
    const trace = await runFlow(
      { flowText, payload: {} },
      { baseDirs: ['.'] },
      vault(result, result.credential!.values),
    );
    expect(trace.status).toBe('success');
    expect(JSON.stringify(trace)).not.toContain('zd-loopback-555');
    const step = trace.steps.find((s) => s.type === 'webService')!;
    expect(step.port).toBe('success');
  });
});
