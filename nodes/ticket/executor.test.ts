import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import { formatMessage } from '../../core/messages/format.js';
import { NodeError } from '../../core/node-type.js';
import { createTokenCache } from '../../runtime/http/token-cache.js';
import { closeSharedTransport, makeExecContext, prepareNode, runNode } from '../../test/support/exec-context.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { readPayload } from '../../test/support/payloads.js';
import { ticketExecutor, type TicketOutput } from './executor.js';
import { ticketManifest, type TicketConfig } from './manifest.js';

const ZENDESK_TOKEN = 'zd-api-token-0123456789abcdef';
const ZENDESK_EMAIL = 'flows@acme.example';
const SN_PASSWORD = 'sn-integration-password-42';
const SF_SECRET = 'sf-consumer-secret-9876543210';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await closeSharedTransport();
});
beforeEach(() => {
  server.seen.length = 0;
});

function ticketNode(config: Partial<TicketConfig>, credential: string | null = 'ticketing'): FlowNode {
  return {
    id: 'n-open-ticket',
    type: 'ticket',
    version: 1,
    name: 'openTicket',
    config: { ...ticketManifest.defaults, baseUrl: server.url, ...config },
    ...(credential ? { credentials: { auth: credential } } : {}),
  };
}

const zendeskToken = (): ResolvedCredential => ({
  name: 'ticketing',
  kind: 'zendeskApiToken',
  fields: { email: ZENDESK_EMAIL, token: ZENDESK_TOKEN },
});
const zendeskBasic = `Basic ${Buffer.from(`${ZENDESK_EMAIL}/token:${ZENDESK_TOKEN}`).toString('base64')}`;

const noRetry = { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 };

describe('ticket on Zendesk', () => {
  const created = readPayload('zendesk-ticket-created.SAMPLE.json') as { ticket: { id: number } };

  function zendesk() {
    server.handle((req, res) => {
      if (req.headers.authorization !== zendeskBasic && req.headers.authorization !== 'Bearer zd-oauth-access-token') {
        return sendJson(res, 401, { error: "Couldn't authenticate you" });
      }
      if (req.method === 'POST' && req.path === '/api/v2/tickets.json') return sendJson(res, 201, created);
      if (req.method === 'PUT' && req.path === '/api/v2/tickets/35436.json') {
        return sendJson(res, 200, { ticket: { id: 35436 }, audit: {} });
      }
      if (req.method === 'PUT' && req.path === '/api/v2/tickets/35436/tags.json') {
        return sendJson(res, 200, { tags: ['genesys', ...((req.json as { tags: string[] }).tags ?? [])] });
      }
      return sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
    });
  }

  it('creates a ticket with the documented body, API-token Basic auth and an idempotency key', async () => {
    zendesk();
    const { result, ctx } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'zendesk',
        operation: 'create',
        subject: 'Dissatisfied customer',
        comment: {
          body: 'CSAT {{ trigger.body.csat }}/5 on conversation {{ trigger.body.ConversationID }}',
          public: false,
        },
        priority: 'high',
        requester: { name: '{{ trigger.body.name }}', email: '{{ trigger.body.email }}' },
        tags: ['csat_low', '{{ trigger.body.channel }}', ''],
        fields: [
          { name: '360000000001', value: '{{ trigger.body.ConversationID }}' },
          { name: '360000000002', value: '{{ trigger.body.csat }}' },
          { name: 'type', value: 'problem' },
        ],
      }),
      scope: {
        trigger: {
          body: { csat: 1, ConversationID: 'conv-uuid', name: 'Jane', email: 'jane@x.com', channel: 'chat' },
          headers: {},
          query: {},
        },
      },
      credentials: { auth: zendeskToken() },
      runId: 'run-42',
    });

    const seen = server.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/api/v2/tickets.json');
    expect(seen.headers.authorization).toBe(zendeskBasic);
    expect(seen.headers['idempotency-key']).toBe('flowdesk-run-42-n-open-ticket');
    expect(seen.headers['content-type']).toContain('application/json');
    expect(seen.json).toEqual({
      ticket: {
        subject: 'Dissatisfied customer',
        comment: { body: 'CSAT 1/5 on conversation conv-uuid', public: false },
        priority: 'high',
        requester: { name: 'Jane', email: 'jane@x.com' },
        tags: ['csat_low', 'chat'],
        // A whole-value template keeps its type: the CSAT score stays a number.
        custom_fields: [
          { id: 360000000001, value: 'conv-uuid' },
          { id: 360000000002, value: 1 },
        ],
        type: 'problem',
      },
    });
    expect(result.port).toBe('success');
    expect(result.output).toEqual({
      provider: 'zendesk',
      id: 35436,
      url: `${server.url}/agent/tickets/35436`,
      status: 201,
      body: created,
    } satisfies TicketOutput);
    expect(result.input).toMatchObject({
      method: 'POST',
      url: `${server.url}/api/v2/tickets.json`,
      idempotencyKey: 'flowdesk-run-42-n-open-ticket',
    });
    expect(JSON.stringify(ctx.requests)).not.toContain(ZENDESK_TOKEN);
    expect(ctx.requests[0]!.headers.Authorization).toBe('[redacted]');
  });

  it('sends the same idempotency key on every retry of one run, and a different one in another run', async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      // The first attempt "fails" (e.g. the answer was lost); the retry must not open a second ticket.
      if (calls === 1) return sendJson(res, 503, { error: 'unavailable' }, { 'retry-after': '0' });
      return sendJson(res, 201, { ticket: { id: 7 } });
    });
    const config = {
      provider: 'zendesk' as const,
      comment: { body: 'hello', public: true },
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    };
    const prepared = prepareNode(ticketExecutor, ticketNode(config));
    const first = makeExecContext({ node: ticketNode(config), credentials: { auth: zendeskToken() }, runId: 'run-A' });
    const result = await prepared.run(first);
    expect((result.output as TicketOutput).id).toBe(7);
    const second = makeExecContext({ node: ticketNode(config), credentials: { auth: zendeskToken() }, runId: 'run-B' });
    await prepared.run(second);

    const keys = server.seen.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([
      'flowdesk-run-A-n-open-ticket',
      'flowdesk-run-A-n-open-ticket',
      'flowdesk-run-B-n-open-ticket',
    ]);
    expect(first.requests.map((r) => r.status)).toEqual([503, 201]);
  });

  it('adds an internal note and other fields by id; tags on update are additional_tags (never a replacement)', async () => {
    zendesk();
    const { result } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'zendesk',
        operation: 'update',
        recordId: '{{ trigger.body.zd_ticket_id }}',
        comment: { body: 'Flex task {{ trigger.body.event }} by {{ trigger.body.worker }}', public: false },
        tags: ['flex_{{ trigger.body.event }}'],
        fields: [{ name: 'status', value: 'open' }],
      }),
      scope: { trigger: { body: { zd_ticket_id: '35436', event: 'start', worker: 'Kim' }, headers: {}, query: {} } },
      credentials: { auth: zendeskToken() },
    });
    const seen = server.seen[0]!;
    expect(`${seen.method} ${seen.path}`).toBe('PUT /api/v2/tickets/35436.json');
    expect(seen.json).toEqual({
      ticket: {
        comment: { body: 'Flex task start by Kim', public: false },
        additional_tags: ['flex_start'],
        status: 'open',
      },
    });
    expect(seen.headers['idempotency-key']).toBeUndefined();
    expect(result.output).toMatchObject({
      provider: 'zendesk',
      id: 35436,
      url: `${server.url}/agent/tickets/35436`,
      status: 200,
    });
  });

  it('adds tags through PUT /tickets/{id}/tags.json with an OAuth bearer token', async () => {
    zendesk();
    const { result } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'zendesk',
        operation: 'addTags',
        recordId: '{{ vars.ticketId }}',
        tags: ['engaged', '{{ vars.extraTags }}'],
      }),
      scope: { vars: { ticketId: 35436, extraTags: ['vip', 'engaged'] } },
      credentials: { auth: { name: 'ticketing', kind: 'bearer', fields: { token: 'zd-oauth-access-token' } } },
    });
    const seen = server.seen[0]!;
    expect(`${seen.method} ${seen.path}`).toBe('PUT /api/v2/tickets/35436/tags.json');
    expect(seen.headers.authorization).toBe('Bearer zd-oauth-access-token');
    expect(seen.json).toEqual({ tags: ['engaged', 'vip'] });
    expect(result.output).toMatchObject({ id: '35436', status: 200, body: { tags: ['genesys', 'engaged', 'vip'] } });
  });

  it("puts Zendesk's own error words in the error port's message (422 RecordInvalid)", async () => {
    server.handle((_req, res) =>
      sendJson(res, 422, {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { requester: [{ description: 'Requester: Email is not properly formatted' }] },
      }),
    );
    const error = (await runNode(ticketExecutor, {
      node: ticketNode({ provider: 'zendesk', comment: { body: 'x', public: false }, retry: noRetry }),
      credentials: { auth: zendeskToken() },
    }).catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('http-422');
    expect(error.message).toBe(
      'Zendesk refused the request (HTTP 422): RecordInvalid — Record validation errors — requester: Requester: Email is not properly formatted',
    );
    expect(error.details).toMatchObject({ status: 422, body: { error: 'RecordInvalid' }, message: error.message });
  });

  it('refuses a credential of the wrong kind, naming what would fit', async () => {
    const error = (await runNode(ticketExecutor, {
      node: ticketNode({ provider: 'zendesk', comment: { body: 'x', public: false } }),
      credentials: { auth: { name: 'ticketing', kind: 'basic', fields: { username: 'a', password: 'secret-pw' } } },
    }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'credential "ticketing": Zendesk does not accept Basic authentication; use Zendesk API token or Bearer token',
    );
    expect(error).toMatchObject({ code: 'ticket.credential-kind' });
    expect(formatMessage({ code: 'ticket.credential-kind', params: (error as NodeError).params! }, 'ja')).toBe(
      '認証情報「ticketing」: Zendesk は Basic 認証 を使えません。Zendesk API トークン、またはBearer トークン を使ってください',
    );
    expect(server.seen).toHaveLength(0);
  });
});

describe('ticket on ServiceNow (Table API)', () => {
  const created = readPayload('servicenow-case-created.SAMPLE.json') as { result: { sys_id: string; number: string } };
  const snToken = (readPayload('servicenow-oauth-token-response.json') as { access_token: string }).access_token;

  it('creates a case in sn_customerservice_case with a recording-URL column, Basic auth', async () => {
    server.handle((req, res) => {
      const basic = `Basic ${Buffer.from(`flowdesk.integration:${SN_PASSWORD}`).toString('base64')}`;
      if (req.headers.authorization !== basic)
        return sendJson(res, 401, { error: { message: 'User Not Authenticated' } });
      return sendJson(res, 201, created);
    });
    const { result } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'servicenow',
        operation: 'create',
        table: 'sn_customerservice_case',
        subject: 'Inbound call {{ trigger.body.ani }}',
        description: 'Call {{ trigger.body.callId }}',
        comment: { body: 'Created by Flowdesk', public: false },
        fields: [
          { name: 'contact', value: '{{ steps.findContact.body.result[0].sys_id }}' },
          { name: 'contact_type', value: 'phone' },
          { name: 'u_recording_url', value: 'https://recordings.example.com/playback/{{ trigger.body.callId }}' },
        ],
        returnFields: ['short_description'],
      }),
      scope: {
        trigger: { body: { ani: '+15551234567', callId: 'c-20261102-0001' }, headers: {}, query: {} },
        steps: { findContact: { body: { result: [{ sys_id: 'contact-sys-id-1' }] } } },
      },
      credentials: {
        auth: { name: 'ticketing', kind: 'basic', fields: { username: 'flowdesk.integration', password: SN_PASSWORD } },
      },
      runId: 'run-sn',
    });
    const seen = server.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/api/now/table/sn_customerservice_case?sysparm_fields=sys_id%2Cnumber%2Cshort_description');
    expect(seen.headers.accept).toBe('application/json');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['idempotency-key']).toBe('flowdesk-run-sn-n-open-ticket');
    expect(seen.json).toEqual({
      short_description: 'Inbound call +15551234567',
      description: 'Call c-20261102-0001',
      work_notes: 'Created by Flowdesk',
      contact: 'contact-sys-id-1',
      contact_type: 'phone',
      u_recording_url: 'https://recordings.example.com/playback/c-20261102-0001',
    });
    expect(result.output).toEqual({
      provider: 'servicenow',
      id: 'f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6',
      number: 'CS0001234',
      url: `${server.url}/nav_to.do?uri=sn_customerservice_case.do%3Fsys_id%3Df1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6`,
      status: 201,
      body: created,
    });
  });

  it('authenticates with OAuth (password grant via oauth_token.do) and updates with PATCH, reading display-value pairs', async () => {
    server.handle((req, res) => {
      if (req.method === 'POST' && req.path === '/oauth_token.do') {
        const form = new URLSearchParams(req.body);
        const ok =
          form.get('grant_type') === 'password' &&
          form.get('client_id') === 'sn-client' &&
          form.get('client_secret') === 'sn-client-secret' &&
          form.get('username') === 'flowdesk.integration' &&
          form.get('password') === SN_PASSWORD;
        return ok
          ? sendJson(res, 200, readPayload('servicenow-oauth-token-response.json'))
          : sendJson(res, 401, { error: 'access_denied' });
      }
      if (req.headers.authorization !== `Bearer ${snToken}`)
        return sendJson(res, 401, { error: { message: 'bad token' } });
      return sendJson(res, 200, {
        result: {
          sys_id: { display_value: 'f1a2', value: 'f1a2' },
          number: { display_value: 'CS0001234', value: 'CS0001234' },
        },
      });
    });
    const { result, ctx } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'servicenow',
        operation: 'update',
        table: 'incident',
        recordId: '{{ vars.sysId }}',
        comment: { body: 'Customer called again', public: true },
        priority: '2',
        displayValue: 'all',
      }),
      scope: { vars: { sysId: 'f1a2' } },
      credentials: {
        auth: {
          name: 'ticketing',
          kind: 'oauth2',
          fields: {
            tokenUrl: `${server.url}/oauth_token.do`,
            clientId: 'sn-client',
            clientSecret: 'sn-client-secret',
            grantType: 'password',
            username: 'flowdesk.integration',
            password: SN_PASSWORD,
            clientAuthentication: 'body',
          },
        },
      },
      tokens: createTokenCache(),
    });
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /oauth_token.do',
      'PATCH /api/now/table/incident/f1a2?sysparm_display_value=all',
    ]);
    expect(server.seen[1]!.json).toEqual({ priority: '2', comments: 'Customer called again' });
    expect(server.seen[1]!.headers['idempotency-key']).toBeUndefined();
    expect(result.output).toMatchObject({ provider: 'servicenow', id: 'f1a2', number: 'CS0001234', status: 200 });
    const trace = JSON.stringify(ctx.requests);
    expect(trace).not.toContain(snToken);
    expect(trace).not.toContain(SN_PASSWORD);
  });

  it("takes the error port on 404 with ServiceNow's error words", async () => {
    server.handle((_req, res) =>
      sendJson(res, 404, {
        error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
        status: 'failure',
      }),
    );
    const error = (await runNode(ticketExecutor, {
      node: ticketNode({ provider: 'servicenow', operation: 'update', recordId: 'nope', subject: 'x', retry: noRetry }),
      credentials: { auth: { name: 'ticketing', kind: 'basic', fields: { username: 'u', password: SN_PASSWORD } } },
    }).catch((e: unknown) => e)) as NodeError;
    expect(error.code).toBe('http-404');
    expect(error.message).toBe(
      "ServiceNow refused the request (HTTP 404): No Record found: Record doesn't exist or ACL restricts the record retrieval",
    );
    expect(error.details).toMatchObject({ status: 404 });
  });
});

describe('ticket on Salesforce (Case)', () => {
  const created = readPayload('salesforce-create-record-response.json') as { id: string };

  function salesforce() {
    server.handle((req, res) => {
      if (req.method === 'POST' && req.path === '/services/oauth2/token') {
        const form = new URLSearchParams(req.body);
        const basic = `Basic ${Buffer.from(`sf-consumer-key:${SF_SECRET}`).toString('base64')}`;
        if (form.get('grant_type') !== 'client_credentials' || req.headers.authorization !== basic) {
          return sendJson(res, 400, { error: 'invalid_client' });
        }
        // Salesforce answers without expires_in, with instance_url.
        return sendJson(res, 200, {
          access_token: 'sf-access-token-00D',
          instance_url: server.url,
          token_type: 'Bearer',
        });
      }
      if (req.headers.authorization !== 'Bearer sf-access-token-00D') {
        return sendJson(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      }
      if (req.method === 'POST' && req.path === '/services/data/v60.0/sobjects/Case/')
        return sendJson(res, 201, created);
      if (req.method === 'POST' && req.path === '/services/data/v60.0/sobjects/CaseComment/') {
        return sendJson(res, 201, { id: '00a000000000001', success: true, errors: [] });
      }
      if (req.method === 'PATCH' && req.path === '/services/data/v60.0/sobjects/Case/500XX0000001') {
        res.writeHead(204);
        return res.end();
      }
      return sendJson(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    });
  }
  const sfCredential = (): ResolvedCredential => ({
    name: 'ticketing',
    kind: 'oauth2',
    fields: { tokenUrl: `${server.url}/services/oauth2/token`, clientId: 'sf-consumer-key', clientSecret: SF_SECRET },
  });

  it('creates a Case with standard and custom fields and adds the comment as a CaseComment', async () => {
    salesforce();
    const { result } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'salesforce',
        operation: 'create',
        apiVersion: 'v60.0',
        subject: 'Call from {{ trigger.body.ani }}',
        description: 'Recorded call',
        priority: 'High',
        comment: { body: 'Opened by Flowdesk', public: false },
        fields: [
          { name: 'Origin', value: 'Phone' },
          { name: 'Status', value: 'New' },
          { name: 'ContactId', value: '003XX000004TmiQ' },
          { name: 'Recording_URL__c', value: 'https://recordings.example.com/{{ trigger.body.callId }}' },
        ],
      }),
      scope: { trigger: { body: { ani: '+15551234567', callId: 'c-1' }, headers: {}, query: {} } },
      credentials: { auth: sfCredential() },
      runId: 'run-sf',
    });
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /services/oauth2/token',
      'POST /services/data/v60.0/sobjects/Case/',
      'POST /services/data/v60.0/sobjects/CaseComment/',
    ]);
    expect(server.seen[1]!.json).toEqual({
      Subject: 'Call from +15551234567',
      Description: 'Recorded call',
      Priority: 'High',
      Origin: 'Phone',
      Status: 'New',
      ContactId: '003XX000004TmiQ',
      Recording_URL__c: 'https://recordings.example.com/c-1',
    });
    expect(server.seen[1]!.headers['idempotency-key']).toBe('flowdesk-run-sf-n-open-ticket');
    expect(server.seen[2]!.json).toEqual({
      ParentId: created.id,
      CommentBody: 'Opened by Flowdesk',
      IsPublished: false,
    });
    expect(server.seen[2]!.headers['idempotency-key']).toBe('flowdesk-run-sf-n-open-ticket-comment');
    expect(result.output).toEqual({
      provider: 'salesforce',
      id: '001D000000IqhSLIAZ',
      url: `${server.url}/lightning/r/Case/001D000000IqhSLIAZ/view`,
      status: 201,
      body: created,
    });
  });

  it('updates a Case with PATCH (204, no body) and keeps the id it was given', async () => {
    salesforce();
    const { result } = await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'salesforce',
        operation: 'update',
        recordId: '500XX0000001',
        fields: [{ name: 'Status', value: 'Closed' }],
      }),
      credentials: { auth: { name: 'ticketing', kind: 'bearer', fields: { token: 'sf-access-token-00D' } } },
    });
    expect(server.seen[0]!.method).toBe('PATCH');
    expect(server.seen[0]!.path).toBe('/services/data/v60.0/sobjects/Case/500XX0000001');
    expect(server.seen[0]!.json).toEqual({ Status: 'Closed' });
    expect(result.output).toMatchObject({ provider: 'salesforce', id: '500XX0000001', status: 204 });
  });

  it('hands the new case id to the error port when only the comment fails', async () => {
    salesforce();
    const error = (await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'salesforce',
        apiVersion: 'v61.0',
        subject: 'x',
        comment: { body: 'note', public: true },
        retry: noRetry,
      }),
      credentials: { auth: { name: 'ticketing', kind: 'bearer', fields: { token: 'sf-access-token-00D' } } },
    }).catch((e: unknown) => e)) as NodeError;
    // v61.0 is not served by this fake org: the create is refused with 404 before any comment.
    expect(error.code).toBe('http-404');
    expect(server.seen.map((r) => r.path)).toEqual(['/services/data/v61.0/sobjects/Case/']);

    server.handle((req, res) => {
      if (req.path.endsWith('/sobjects/Case/')) return sendJson(res, 201, created);
      return sendJson(res, 400, [{ message: 'Comment body is too long', errorCode: 'STRING_TOO_LONG' }]);
    });
    const commentError = (await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'salesforce',
        subject: 'x',
        comment: { body: 'note', public: true },
        retry: noRetry,
      }),
      credentials: { auth: { name: 'ticketing', kind: 'bearer', fields: { token: 'sf-access-token-00D' } } },
    }).catch((e: unknown) => e)) as NodeError;
    expect(commentError.code).toBe('http-400');
    expect(commentError.message).toBe(
      'the case 001D000000IqhSLIAZ was saved, but adding its comment failed: Salesforce refused the request (HTTP 400): STRING_TOO_LONG: Comment body is too long',
    );
    expect(commentError.details).toMatchObject({ status: 400, id: '001D000000IqhSLIAZ' });
  });

  it("puts Salesforce's error codes in the message", async () => {
    salesforce();
    const error = (await runNode(ticketExecutor, {
      node: ticketNode({
        provider: 'salesforce',
        operation: 'update',
        recordId: 'missing',
        subject: 'x',
        retry: noRetry,
      }),
      credentials: { auth: { name: 'ticketing', kind: 'bearer', fields: { token: 'sf-access-token-00D' } } },
    }).catch((e: unknown) => e)) as NodeError;
    expect(error.code).toBe('http-404');
    expect(error.message).toBe(
      'Salesforce refused the request (HTTP 404): NOT_FOUND: The requested resource does not exist',
    );
  });
});

describe('ticket on a generic REST service', () => {
  it('sends the JSON body template and reads the id and number by JSONPath, without a credential', async () => {
    server.handle((_req, res) => sendJson(res, 201, { data: { ticketId: 981, key: 'HELP-981' } }));
    const { result } = await runNode(ticketExecutor, {
      node: ticketNode(
        {
          provider: 'rest',
          operation: 'create',
          rest: {
            method: 'POST',
            url: '/api/tickets/{{ vars.queue }}',
            headers: [{ name: 'X-Source', value: 'flowdesk' }],
            body: { title: '{{ vars.subject }}', score: '{{ vars.score }}' },
            idPath: 'data.ticketId',
            numberPath: '$.data.key',
          },
        },
        null,
      ),
      scope: { vars: { queue: 'support desk', subject: 'Help', score: 2 } },
      runId: 'run-rest',
    });
    const seen = server.seen[0]!;
    expect(`${seen.method} ${seen.path}`).toBe('POST /api/tickets/support%20desk');
    expect(seen.headers['x-source']).toBe('flowdesk');
    expect(seen.headers['idempotency-key']).toBe('flowdesk-run-rest-n-open-ticket');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.json).toEqual({ title: 'Help', score: 2 });
    expect(result.output).toEqual({
      provider: 'rest',
      id: 981,
      number: 'HELP-981',
      status: 201,
      body: { data: { ticketId: 981, key: 'HELP-981' } },
    });
  });

  it('takes the error port when the answer has no id at idPath', async () => {
    server.handle((_req, res) => sendJson(res, 200, { ok: true }));
    const error = (await runNode(ticketExecutor, {
      node: ticketNode({ provider: 'rest', rest: { method: 'POST', url: `${server.url}/t`, idPath: '$.id' } }, null),
    }).catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('ticket-id-missing');
    expect(error.message).toBe('REST service answered 200 but the response holds no ticket id');
  });

  it('times out into the error port', async () => {
    server.handle(() => {
      // never answers
    });
    const error = (await runNode(ticketExecutor, {
      node: ticketNode(
        { provider: 'rest', timeoutMs: 200, retry: noRetry, rest: { method: 'PUT', url: '/t/1', idPath: '$.id' } },
        null,
      ),
    }).catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('timeout');
  });
});
