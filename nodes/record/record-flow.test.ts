/**
 * The Record node inside a real flow run: the screen-pop shape of the softphone document
 * (find the contact by the caller's number, then one case per call) against loopback mock
 * vendors, run twice for the same call as a redelivered or re-run event would be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFlow } from '../../core/validate/validate-flow.js';
import { createFlowRuntime } from '../../runtime/engine/flow-runtime.js';
import { NODE_MANIFESTS } from '../registry.js';
import { formatTrace } from '../../runtime/hosts/cli/format-trace.js';
import { createStyler } from '../../runtime/hosts/cli/output.js';
import { startTestServer, type TestServer } from '../../test/support/http-server.js';
import { serviceNowMock } from '../../test/support/mock-vendors.js';
import { readPayload } from '../../test/support/payloads.js';
import { testFlow, testNode, trigger } from '../../test/support/test-flows.js';

const AUTH = `Basic ${Buffer.from('flowdesk:sn-password-1').toString('base64')}`;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function screenPopFlow(base: string) {
  const common = { baseUrl: base, retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 } };
  return testFlow(
    [
      trigger(),
      testNode(
        'record',
        'findContact',
        {
          ...common,
          provider: 'servicenow',
          operation: 'search',
          table: 'customer_contact',
          matchMode: 'any',
          match: [
            { field: 'phone', operator: 'phone', value: '{{ trigger.body.from }}' },
            { field: 'mobile_phone', operator: 'phone', value: '{{ trigger.body.from }}' },
          ],
          limit: 1,
        },
        { credentials: { auth: 'servicenow' } },
      ),
      testNode(
        'record',
        'openCase',
        {
          ...common,
          provider: 'servicenow',
          operation: 'create',
          table: 'sn_customerservice_case',
          correlation: { field: 'u_call_id', value: '{{ trigger.body.callId }}' },
          fields: [
            { name: 'short_description', value: 'Inbound call {{ trigger.body.from }}' },
            { name: 'contact', value: '{{ steps.findContact.id }}' },
            { name: 'u_recording_url', value: '{{ trigger.body.recordingUrl }}' },
          ],
        },
        { credentials: { auth: 'servicenow' } },
      ),
    ],
    [
      ['trigger', 'out', 'findContact'],
      ['findContact', 'success', 'openCase'],
    ],
    { credentials: { servicenow: { kind: 'basic', allowedOrigins: [base] } } },
  );
}

describe('Record in a flow', () => {
  it('finds the caller and opens one case per call, even when the same call event runs twice', async () => {
    const sn = serviceNowMock({
      auth: AUTH,
      tables: { customer_contact: [{ sys_id: 'contact-1', name: 'Jane Customer', phone: '+15551234567' }] },
      // The first create's answer is lost on the way back, as on a proxy timeout.
      loseCreateAnswers: 1,
    });
    server.handle(sn.handler);
    const runtime = createFlowRuntime({
      credentials: {
        get: async () => ({ kind: 'basic', fields: { username: 'flowdesk', password: 'sn-password-1' } }),
      },
    });
    const loaded = runtime.load(screenPopFlow(server.url));
    const call = readPayload('softphone-call-start.SAMPLE.json');

    const first = await loaded.run({ trigger: { body: call } });
    const again = await loaded.run({ trigger: { body: call } });

    expect(first.status).toBe('success');
    expect(again.status).toBe('success');
    expect(sn.tables.sn_customerservice_case).toHaveLength(1);
    expect(sn.tables.sn_customerservice_case![0]).toMatchObject({
      contact: 'contact-1',
      u_call_id: 'c-20261102-0001',
      short_description: 'Inbound call +15551234567',
    });
    const printed = formatTrace(again, createStyler(false));
    expect(printed).toContain('openCase (record) → success');
    expect(printed).toContain('field created = false');
    expect(printed).not.toContain('sn-password-1');
  });

  it('validates the screen-pop flow, and refuses a "not found" edge from an action that has none', () => {
    const flow = screenPopFlow('https://acme.service-now.com');
    expect(validateFlow(flow, NODE_MANIFESTS).filter((i) => i.severity === 'error')).toEqual([]);
    flow.edges.push({ from: 'n-openCase', port: 'notFound', to: 'n-findContact' });
    const issues = validateFlow(flow, NODE_MANIFESTS).filter((i) => i.code === 'unknown-port');
    expect(issues.map((i) => i.message)).toEqual([
      "Record 'openCase': connection 3 leaves from output 'notFound', but this node has only 'success', 'error'",
    ]);
  });

  it('reports a semantic problem with the node named, in the UI language', async () => {
    const flow = screenPopFlow('https://acme.service-now.com');
    flow.nodes[2]!.config = { ...flow.nodes[2]!.config, correlation: { field: 'u_call_id', value: ' ' } };
    const [issue] = validateFlow(flow, NODE_MANIFESTS).filter((i) => i.code === 'node-check');
    expect(issue?.message).toBe(
      'Record \'openCase\': "Create only once per" needs both the field and its value (e.g. the conversation id)',
    );
    const { formatMessage } = await import('../../core/messages/format.js');
    expect(formatMessage(issue!, 'ja')).toContain('「1 回だけ作成する単位」には項目と値');
  });
});
