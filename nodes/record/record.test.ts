import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import { formatMessage } from '../../core/messages/format.js';
import { NodeError } from '../../core/node-type.js';
import { closeSharedTransport, makeExecContext, prepareNode, runNode } from '../../test/support/exec-context.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { dynamicsMock, salesforceMock, serviceNowMock, zendeskMock } from '../../test/support/mock-vendors.js';
import { readPayload } from '../../test/support/payloads.js';
import { connectedAppKeys, jwtTokenEndpoint } from '../../test/support/salesforce-jwt.js';
import { recordExecutor, type RecordOutput } from './executor.js';
import { recordManifest, type RecordConfig } from './manifest.js';

const SN_USER = 'flowdesk.integration';
const SN_PASSWORD = 'sn-integration-password-42';
const SN_AUTH = `Basic ${Buffer.from(`${SN_USER}:${SN_PASSWORD}`).toString('base64')}`;
const SF_TOKEN = 'sf-access-token-00D000000000001';
const ZD_EMAIL = 'flows@acme.example';
const ZD_TOKEN = 'zd-api-token-0123456789abcdef';
const ZD_AUTH = `Basic ${Buffer.from(`${ZD_EMAIL}/token:${ZD_TOKEN}`).toString('base64')}`;

const credentials: Record<Exclude<RecordConfig['provider'], 'dynamics'>, ResolvedCredential> = {
  servicenow: { name: 'crm', kind: 'basic', fields: { username: SN_USER, password: SN_PASSWORD } },
  salesforce: { name: 'crm', kind: 'bearer', fields: { token: SF_TOKEN } },
  zendesk: { name: 'crm', kind: 'zendeskApiToken', fields: { email: ZD_EMAIL, token: ZD_TOKEN } },
};

const DYN_SECRET = 'entra-client-secret-abcdef123456';
const DYN_SCOPE = 'https://acme.crm.dynamics.com/.default';
/** OAuth 2.0 client credentials against Entra ID, the secret sent in the form as Entra expects. */
const dynamicsCredential = (): ResolvedCredential => ({
  name: 'crm',
  kind: 'oauth2',
  fields: {
    tokenUrl: `${server.url}/tenant-1/oauth2/v2.0/token`,
    clientId: 'app-1',
    clientSecret: DYN_SECRET,
    scope: DYN_SCOPE,
    clientAuthentication: 'body',
  },
});

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

const noRetry = { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 };

function recordNode(config: Partial<RecordConfig>): FlowNode {
  return {
    id: 'n-record',
    type: 'record',
    version: 1,
    name: 'record',
    config: { ...recordManifest.defaults, baseUrl: server.url, ...config },
    credentials: { auth: 'crm' },
  };
}

async function run(
  config: Partial<RecordConfig> & Pick<RecordConfig, 'provider'>,
  body: unknown = {},
  runId = 'run-1',
) {
  const { result, ctx } = await runNode(recordExecutor, {
    node: recordNode(config),
    scope: { trigger: { body, headers: {}, query: {} } },
    credentials: { auth: config.provider === 'dynamics' ? dynamicsCredential() : credentials[config.provider] },
    runId,
  });
  return { result, output: result.output as RecordOutput, ctx };
}

async function runError(config: Partial<RecordConfig> & Pick<RecordConfig, 'provider'>, body: unknown = {}) {
  try {
    await run(config, body);
  } catch (error) {
    if (error instanceof NodeError) return error;
    throw error;
  }
  throw new Error('the node did not fail');
}

const seenLine = () => server.seen.map((r) => `${r.method} ${decodeURIComponent(r.path)}`);

describe('Record on ServiceNow', () => {
  const contact = (
    readPayload('servicenow-customer-contact-found.SAMPLE.json') as { result: Record<string, unknown>[] }
  ).result[0]!;

  it('finds the contact by phone, normalising the caller number to E.164 on phone OR mobile_phone', async () => {
    const sn = serviceNowMock({ auth: SN_AUTH, tables: { customer_contact: [{ ...contact }] } });
    server.handle(sn.handler);
    const config = {
      provider: 'servicenow' as const,
      operation: 'search' as const,
      table: 'customer_contact',
      matchMode: 'any' as const,
      match: [
        { field: 'phone', operator: 'phone' as const, value: '{{ trigger.body.ani }}' },
        { field: 'mobile_phone', operator: 'phone' as const, value: '{{ trigger.body.ani }}' },
      ],
      returnFields: ['name', 'phone', 'account'],
      limit: 1,
    };
    const { result, output, ctx } = await run(config, { ani: 'tel:+1 (555) 123-4567' });

    const seen = server.seen[0]!;
    expect(seen.method).toBe('GET');
    expect(seen.path).toBe(
      '/api/now/table/customer_contact?sysparm_query=phone%3D%2B15551234567%5EORmobile_phone%3D%2B15551234567&sysparm_limit=1&sysparm_fields=sys_id%2Cnumber%2Cname%2Cphone%2Caccount',
    );
    expect(seen.headers.authorization).toBe(SN_AUTH);
    expect(seen.headers.accept).toBe('application/json');
    expect(result.port).toBe('success');
    expect(output).toMatchObject({
      provider: 'servicenow',
      object: 'customer_contact',
      operation: 'search',
      id: contact.sys_id,
      count: 1,
      record: { name: 'Jane Customer' },
      url: `${server.url}/nav_to.do?uri=${encodeURIComponent(`customer_contact.do?sys_id=${String(contact.sys_id)}`)}`,
    });
    expect(JSON.stringify(ctx.requests)).not.toContain(SN_PASSWORD);

    const unknown = await run(config, { ani: '+1 555 000 0000' });
    expect(unknown.result.port).toBe('notFound');
    expect(unknown.output).toMatchObject({ count: 0, records: [] });
  });

  it('escapes a caret in a value, so the value cannot add a condition of its own', async () => {
    const sn = serviceNowMock({
      auth: SN_AUTH,
      tables: { sn_customerservice_case: [{ sys_id: 'a', short_description: 'x', active: 'false' }] },
    });
    server.handle(sn.handler);
    const { result } = await run(
      {
        provider: 'servicenow',
        operation: 'search',
        match: [{ field: 'short_description', operator: 'equals', value: '{{ trigger.body.text }}' }],
      },
      { text: 'y^ORactive=false' },
    );
    expect(decodeURIComponent(server.seen[0]!.path)).toContain('sysparm_query=short_description=y^^ORactive=false&');
    // Unescaped, "^ORactive=false" would have matched the inactive case.
    expect(result.port).toBe('notFound');
  });

  it('creates one case per call: a re-run of the same call finds the first case instead of opening a second', async () => {
    const sn = serviceNowMock({ auth: SN_AUTH });
    server.handle(sn.handler);
    const config = {
      provider: 'servicenow' as const,
      operation: 'create' as const,
      correlation: { field: 'u_call_id', value: '{{ trigger.body.callId }}' },
      fields: [
        { name: 'short_description', value: 'Inbound call {{ trigger.body.from }}' },
        { name: 'u_recording_url', value: '{{ trigger.body.recordingUrl }}' },
        { name: 'contact_type', value: 'phone' },
      ],
    };
    const call = readPayload('softphone-call-start.SAMPLE.json') as { callId: string; recordingUrl: string };
    const first = await run(config, call, 'run-1');
    expect(seenLine()).toEqual([
      `GET /api/now/table/sn_customerservice_case?sysparm_query=u_call_id=${call.callId}&sysparm_limit=1`,
      'POST /api/now/table/sn_customerservice_case',
    ]);
    expect(server.seen[1]!.json).toEqual({
      short_description: 'Inbound call +15551234567',
      u_recording_url: call.recordingUrl,
      contact_type: 'phone',
      u_call_id: call.callId,
    });
    // No Idempotency-Key: ServiceNow ignores it, and with one the client would retry the POST blindly.
    expect(server.seen[1]!.headers['idempotency-key']).toBeUndefined();
    expect(first.output).toMatchObject({ created: true, id: 'sn000000000000000000000000000001' });
    expect(first.output.record).toMatchObject({ number: 'CS0000001' });

    server.seen.length = 0;
    const again = await run(config, call, 'run-2');
    expect(seenLine()).toEqual([
      `GET /api/now/table/sn_customerservice_case?sysparm_query=u_call_id=${call.callId}&sysparm_limit=1`,
    ]);
    expect(again.output).toMatchObject({ created: false, id: first.output.id });
    expect(sn.tables.sn_customerservice_case).toHaveLength(1);
  });

  it('after a lost answer (503 although the case was saved) looks again and does not create a second case', async () => {
    const sn = serviceNowMock({ auth: SN_AUTH, loseCreateAnswers: 1 });
    server.handle(sn.handler);
    const { output, ctx } = await run(
      {
        provider: 'servicenow',
        operation: 'create',
        correlation: { field: 'u_call_id', value: 'c-1' },
        fields: [{ name: 'short_description', value: 'Call' }],
        retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
      },
      {},
    );
    expect(seenLine()).toEqual([
      'GET /api/now/table/sn_customerservice_case?sysparm_query=u_call_id=c-1&sysparm_limit=1',
      'POST /api/now/table/sn_customerservice_case',
      'GET /api/now/table/sn_customerservice_case?sysparm_query=u_call_id=c-1&sysparm_limit=1',
    ]);
    expect(output).toMatchObject({ created: false, id: 'sn000000000000000000000000000001' });
    expect(sn.tables.sn_customerservice_case).toHaveLength(1);
    expect(ctx.logs.map((l) => l.message).join()).toContain('not creating a second');
  });

  it('without a correlation field a failed create is not retried blindly: it takes the error port', async () => {
    const sn = serviceNowMock({ auth: SN_AUTH, loseCreateAnswers: 1 });
    server.handle(sn.handler);
    const error = await runError({
      provider: 'servicenow',
      operation: 'create',
      fields: [{ name: 'short_description', value: 'Call' }],
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    });
    expect(error.code).toBe('http-503');
    expect(error.message).toContain('ServiceNow refused the request (HTTP 503): Service Unavailable');
    expect(seenLine()).toEqual(['POST /api/now/table/sn_customerservice_case']);
  });

  it('adds a work note or a customer-visible comment with PATCH', async () => {
    const sn = serviceNowMock({ auth: SN_AUTH, tables: { incident: [{ sys_id: 'inc1', number: 'INC0010001' }] } });
    server.handle(sn.handler);
    const { output } = await run(
      {
        provider: 'servicenow',
        operation: 'addNote',
        table: 'incident',
        recordId: 'inc1',
        note: { body: 'Caller said {{ trigger.body.said }}', public: false },
      },
      { said: 'hello' },
    );
    expect(seenLine()).toEqual(['PATCH /api/now/table/incident/inc1']);
    expect(server.seen[0]!.json).toEqual({ work_notes: 'Caller said hello' });
    expect(output).toMatchObject({ id: 'inc1', record: { number: 'INC0010001' } });
    await run({
      provider: 'servicenow',
      operation: 'addNote',
      table: 'incident',
      recordId: 'inc1',
      note: { body: 'Thanks', public: true },
    });
    expect(server.seen[1]!.json).toEqual({ comments: 'Thanks' });
  });

  it('upserts by a column: updates the row it finds, creates one when none has the key', async () => {
    const sn = serviceNowMock({
      auth: SN_AUTH,
      tables: { customer_contact: [{ sys_id: 'c1', u_external_id: 'ext-1', name: 'Old' }] },
    });
    server.handle(sn.handler);
    const config = {
      provider: 'servicenow' as const,
      operation: 'upsert' as const,
      table: 'customer_contact',
      key: { field: 'u_external_id', value: '{{ trigger.body.id }}' },
      fields: [{ name: 'name', value: '{{ trigger.body.name }}' }],
    };
    const updated = await run(config, { id: 'ext-1', name: 'New' });
    expect(seenLine()).toEqual([
      'GET /api/now/table/customer_contact?sysparm_query=u_external_id=ext-1&sysparm_limit=1',
      'PATCH /api/now/table/customer_contact/c1',
    ]);
    expect(updated.output).toMatchObject({ id: 'c1', created: false });
    server.seen.length = 0;
    const created = await run(config, { id: 'ext-2', name: 'Second' });
    expect(seenLine()).toEqual([
      'GET /api/now/table/customer_contact?sysparm_query=u_external_id=ext-2&sysparm_limit=1',
      'POST /api/now/table/customer_contact',
    ]);
    expect(server.seen[1]!.json).toEqual({ name: 'Second', u_external_id: 'ext-2' });
    expect(created.output).toMatchObject({ created: true });
    expect(sn.tables.customer_contact!.map((r) => r.name)).toEqual(['New', 'Second']);
  });

  it('gets by sys_id, and takes "not found" on a 404', async () => {
    const sn = serviceNowMock({
      auth: SN_AUTH,
      tables: { sn_customerservice_case: [{ sys_id: 'k1', number: 'CS1' }] },
    });
    server.handle(sn.handler);
    const found = await run({ provider: 'servicenow', operation: 'get', recordId: 'k1' });
    expect(found.result.port).toBe('success');
    expect(found.output).toMatchObject({ id: 'k1', record: { number: 'CS1' } });
    const missing = await run({ provider: 'servicenow', operation: 'get', recordId: 'nope' });
    expect(missing.result.port).toBe('notFound');
    expect(seenLine()).toEqual([
      'GET /api/now/table/sn_customerservice_case/k1',
      'GET /api/now/table/sn_customerservice_case/nope',
    ]);
  });
});

describe('Record on Salesforce', () => {
  it('with a JWT bearer credential and no instance address: the token names the instance the calls go to', async () => {
    const keys = connectedAppKeys();
    const sf = salesforceMock({
      token: 'sf-jwt-access-1',
      objects: { Contact: [{ Id: '003J', LastName: 'Tanaka', Phone: '+81312345678' }] },
    });
    const token = jwtTokenEndpoint({
      publicKey: keys.publicKey,
      clientId: 'consumer-1',
      username: 'integration@acme.example',
      audience: server.url,
      instanceUrl: server.url,
      accessToken: 'sf-jwt-access-1',
    });
    server.handle((req, res) => token(req, res) || sf.handler(req, res));
    const jwt: ResolvedCredential = {
      name: 'crm',
      kind: 'salesforceJwt',
      fields: {
        clientId: 'consumer-1',
        username: 'integration@acme.example',
        privateKey: keys.privateKeyPem,
        loginUrl: server.url,
      },
    };
    const node = recordNode({
      provider: 'salesforce',
      operation: 'search',
      baseUrl: '',
      sobject: 'Contact',
      countryCode: '81',
      match: [{ field: 'Phone', operator: 'phone', value: '{{ trigger.body.ani }}' }],
    });
    const { result } = await runNode(recordExecutor, {
      node,
      scope: { trigger: { body: { ani: '03-1234-5678' }, headers: {}, query: {} } },
      credentials: { auth: jwt },
    });
    expect(result.port).toBe('success');
    expect(result.output).toMatchObject({ id: '003J', url: `${server.url}/lightning/r/Contact/003J/view` });
    expect(seenLine()).toEqual([
      'POST /services/oauth2/token',
      "GET /services/data/v60.0/query?q=SELECT Id FROM Contact WHERE Phone = '+81312345678' LIMIT 10",
    ]);

    // Any other credential gives no instance: the empty address is refused, saying when it may be empty.
    const error = await runError({ provider: 'salesforce', operation: 'get', baseUrl: '', recordId: '003J' });
    expect(error.code).toBe('record.instance-unknown');
    expect(error.message).toContain('only with a Salesforce JWT bearer credential');
  });

  it('queries any object with SOQL, escaping quotes in the value', async () => {
    const sf = salesforceMock({
      token: SF_TOKEN,
      objects: { Contact: [{ Id: '003A', LastName: "O'Brien", Phone: '+15551234567', Email: 'ob@example.com' }] },
    });
    server.handle(sf.handler);
    const { result, output } = await run(
      {
        provider: 'salesforce',
        operation: 'search',
        sobject: 'Contact',
        match: [{ field: 'LastName', operator: 'equals', value: '{{ trigger.body.name }}' }],
        returnFields: ['LastName', 'Phone'],
        limit: 5,
      },
      { name: "O'Brien" },
    );
    const seen = server.seen[0]!;
    expect(seen.method).toBe('GET');
    expect(seen.headers.authorization).toBe(`Bearer ${SF_TOKEN}`);
    expect(new URL(seen.path, server.url).searchParams.get('q')).toBe(
      "SELECT Id, LastName, Phone FROM Contact WHERE LastName = 'O\\'Brien' LIMIT 5",
    );
    expect(result.port).toBe('success');
    expect(output).toMatchObject({ id: '003A', count: 1, url: `${server.url}/lightning/r/Contact/003A/view` });
    expect(output.record).toMatchObject({ LastName: "O'Brien", Phone: '+15551234567' });
  });

  it('finds or creates a contact by phone; the new contact carries the phone it was searched by', async () => {
    const sf = salesforceMock({ token: SF_TOKEN, objects: { Contact: [] } });
    server.handle(sf.handler);
    const config = {
      provider: 'salesforce' as const,
      operation: 'findOrCreate' as const,
      sobject: 'Contact',
      countryCode: '1',
      match: [{ field: 'Phone', operator: 'phone' as const, value: '{{ trigger.body.ani }}' }],
      fields: [{ name: 'LastName', value: 'Caller {{ trigger.body.ani }}' }],
    };
    const first = await run(config, { ani: '(555) 123-4567' });
    expect(seenLine()).toEqual([
      "GET /services/data/v60.0/query?q=SELECT Id FROM Contact WHERE Phone = '+15551234567' LIMIT 1",
      'POST /services/data/v60.0/sobjects/Contact/',
    ]);
    expect(server.seen[1]!.json).toEqual({ LastName: 'Caller (555) 123-4567', Phone: '+15551234567' });
    expect(first.output).toMatchObject({ created: true, id: '003000000000000001' });
    server.seen.length = 0;
    const second = await run(config, { ani: '+1 555 123 4567' });
    expect(seenLine()).toHaveLength(1);
    expect(second.output).toMatchObject({ created: false, id: '003000000000000001' });
  });

  it('logs a Task on the timeline, and a lost create answer does not log a second one', async () => {
    const sf = salesforceMock({ token: SF_TOKEN, loseCreateAnswers: 1 });
    server.handle(sf.handler);
    const { output } = await run(
      {
        provider: 'salesforce',
        operation: 'create',
        sobject: 'Task',
        correlation: { field: 'CallObject', value: '{{ trigger.body.conversationId }}' },
        fields: [
          { name: 'Subject', value: 'Call {{ trigger.body.wrapupCode }}' },
          { name: 'WhoId', value: '003A' },
          { name: 'Status', value: 'Completed' },
          { name: 'TaskSubtype', value: 'Call' },
        ],
        retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
      },
      { conversationId: 'conv-9', wrapupCode: 'Resolved' },
    );
    expect(seenLine()).toEqual([
      "GET /services/data/v60.0/query?q=SELECT Id FROM Task WHERE CallObject = 'conv-9' LIMIT 1",
      'POST /services/data/v60.0/sobjects/Task/',
      "GET /services/data/v60.0/query?q=SELECT Id FROM Task WHERE CallObject = 'conv-9' LIMIT 1",
    ]);
    expect(server.seen[1]!.json).toEqual({
      Subject: 'Call Resolved',
      WhoId: '003A',
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallObject: 'conv-9',
    });
    expect(sf.objects.Task).toHaveLength(1);
    expect(output).toMatchObject({ created: false, id: sf.objects.Task![0]!.Id });
  });

  it('upserts by external id with PATCH on the key; the body leaves the key out', async () => {
    const sf = salesforceMock({ token: SF_TOKEN });
    server.handle(sf.handler);
    const config = {
      provider: 'salesforce' as const,
      operation: 'upsert' as const,
      sobject: 'Contact',
      key: { field: 'External_Id__c', value: '{{ trigger.body.id }}' },
      fields: [{ name: 'LastName', value: '{{ trigger.body.name }}' }],
    };
    const created = await run(config, { id: 'ext/1', name: 'Kim' });
    expect(server.seen[0]!.method).toBe('PATCH');
    expect(server.seen[0]!.path).toBe('/services/data/v60.0/sobjects/Contact/External_Id__c/ext%2F1');
    expect(server.seen[0]!.json).toEqual({ LastName: 'Kim' });
    expect(created.output).toMatchObject({ created: true });
    const updated = await run(config, { id: 'ext/1', name: 'Kim Lee' });
    expect(updated.output).toMatchObject({ created: false, id: created.output.id });
    expect(sf.objects.Contact).toEqual([{ External_Id__c: 'ext/1', LastName: 'Kim Lee', Id: created.output.id }]);
  });

  it('updates with PATCH (204) and adds a case comment', async () => {
    const sf = salesforceMock({ token: SF_TOKEN, objects: { Case: [{ Id: '500A', Subject: 'Old', Status: 'New' }] } });
    server.handle(sf.handler);
    const updated = await run({
      provider: 'salesforce',
      operation: 'update',
      sobject: 'Case',
      recordId: '500A',
      fields: [{ name: 'Status', value: 'Working' }],
    });
    expect(seenLine()).toEqual(['PATCH /services/data/v60.0/sobjects/Case/500A']);
    expect(updated.output).toMatchObject({ id: '500A', url: `${server.url}/lightning/r/Case/500A/view` });
    expect(sf.objects.Case![0]).toMatchObject({ Status: 'Working' });
    await run({
      provider: 'salesforce',
      operation: 'addNote',
      sobject: 'Case',
      recordId: '500A',
      note: { body: 'After-call work done', public: false },
    });
    expect(server.seen[1]!.path).toBe('/services/data/v60.0/sobjects/CaseComment/');
    expect(server.seen[1]!.json).toEqual({ ParentId: '500A', CommentBody: 'After-call work done', IsPublished: false });
  });

  it("says what Salesforce refused in Salesforce's own words", async () => {
    const sf = salesforceMock({ token: SF_TOKEN });
    server.handle(sf.handler);
    const error = await runError({
      provider: 'salesforce',
      operation: 'create',
      sobject: 'Case',
      fields: [{ name: 'Origin', value: 'Phone' }],
      retry: noRetry,
    });
    expect(error.code).toBe('http-400');
    expect(error.message).toBe(
      'Salesforce refused the request (HTTP 400): REQUIRED_FIELD_MISSING: Required fields are missing: [Subject]',
    );
    expect(error.details).toMatchObject({ status: 400 });
  });
});

describe('Record on Zendesk', () => {
  it('searches users by phone with a quoted term and keeps only whole-value matches for "equals"', async () => {
    const zd = zendeskMock({
      auth: ZD_AUTH,
      records: {
        user: [
          { id: 1, name: 'Jane', phone: '+15551234567' },
          { id: 2, name: 'Jane Doe', phone: '+15551234567 ext 2' },
        ],
      },
    });
    server.handle(zd.handler);
    const { result, output } = await run(
      {
        provider: 'zendesk',
        operation: 'search',
        zendeskObject: 'user',
        match: [{ field: 'phone', operator: 'phone', value: '{{ trigger.body.from }}' }],
      },
      { from: 'tel:+15551234567' },
    );
    expect(server.seen[0]!.path).toBe(
      `/api/v2/search.json?query=${encodeURIComponent('type:user phone:"+15551234567"')}&per_page=10`,
    );
    expect(server.seen[0]!.headers.authorization).toBe(ZD_AUTH);
    expect(result.port).toBe('success');
    expect(output).toMatchObject({ count: 1, id: 1, url: `${server.url}/agent/users/1` });
  });

  it('creates or updates a user by phone-known email with users/create_or_update', async () => {
    const zd = zendeskMock({ auth: ZD_AUTH, records: { user: [{ id: 7, email: 'kim@example.com', name: 'Kim' }] } });
    server.handle(zd.handler);
    const config = {
      provider: 'zendesk' as const,
      operation: 'upsert' as const,
      zendeskObject: 'user' as const,
      key: { field: 'email', value: '{{ trigger.body.email }}' },
      fields: [
        { name: 'phone', value: '{{ trigger.body.phone }}' },
        { name: 'user_fields.plan', value: 'gold' },
      ],
    };
    const updated = await run(config, { email: 'kim@example.com', phone: '+815012345678' });
    expect(seenLine()).toEqual(['POST /api/v2/users/create_or_update.json']);
    expect(server.seen[0]!.json).toEqual({
      user: { phone: '+815012345678', user_fields: { plan: 'gold' }, email: 'kim@example.com' },
    });
    expect(updated.output).toMatchObject({ id: 7, created: false });
    const created = await run(config, { email: 'new@example.com', phone: '+815000000000' });
    expect(created.output).toMatchObject({ created: true, id: 1000 });
  });

  it('finds or creates a ticket by external id; the create carries an idempotency key', async () => {
    const zd = zendeskMock({ auth: ZD_AUTH });
    server.handle(zd.handler);
    const config = {
      provider: 'zendesk' as const,
      operation: 'findOrCreate' as const,
      zendeskObject: 'ticket' as const,
      match: [{ field: 'external_id', operator: 'equals' as const, value: '{{ trigger.body.taskSid }}' }],
      fields: [
        { name: 'subject', value: 'Call {{ trigger.body.taskSid }}' },
        { name: 'comment.body', value: 'Opened from Flex' },
        { name: 'comment.public', value: false },
        { name: '360000000001', value: '{{ trigger.body.taskSid }}' },
      ],
    };
    const first = await run(config, { taskSid: 'WT123' }, 'run-7');
    expect(seenLine()).toEqual([
      'GET /api/v2/search.json?query=type:ticket external_id:"WT123"&per_page=1',
      'POST /api/v2/tickets.json',
    ]);
    expect(server.seen[1]!.headers['idempotency-key']).toBe('flowdesk-run-7-n-record');
    expect(server.seen[1]!.json).toEqual({
      ticket: {
        subject: 'Call WT123',
        comment: { body: 'Opened from Flex', public: false },
        custom_fields: [{ id: 360000000001, value: 'WT123' }],
        external_id: 'WT123',
      },
    });
    expect(first.output).toMatchObject({ created: true, id: 1000, url: `${server.url}/agent/tickets/1000` });
    const second = await run(config, { taskSid: 'WT123' }, 'run-8');
    expect(second.output).toMatchObject({ created: false, id: 1000 });
    expect(zd.records.ticket).toHaveLength(1);
  });

  it('adds tags to a user and an internal note to a ticket', async () => {
    const zd = zendeskMock({ auth: ZD_AUTH, records: { user: [{ id: 5, tags: ['vip'] }], ticket: [{ id: 9 }] } });
    server.handle(zd.handler);
    const tagged = await run(
      {
        provider: 'zendesk',
        operation: 'addTags',
        zendeskObject: 'user',
        recordId: '5',
        tags: ['ivr', '{{ trigger.body.lang }}'],
      },
      { lang: 'ja' },
    );
    expect(seenLine()).toEqual(['PUT /api/v2/users/5/tags.json']);
    expect(server.seen[0]!.json).toEqual({ tags: ['ivr', 'ja'] });
    expect(tagged.output).toMatchObject({ id: '5', record: { tags: ['vip', 'ivr', 'ja'] } });
    await run({
      provider: 'zendesk',
      operation: 'addNote',
      recordId: '9',
      note: { body: 'Task started', public: false },
    });
    expect(server.seen[1]!.method).toBe('PUT');
    expect(server.seen[1]!.path).toBe('/api/v2/tickets/9.json');
    expect(server.seen[1]!.json).toEqual({ ticket: { comment: { body: 'Task started', public: false } } });
  });

  it('gets an organization by id', async () => {
    const zd = zendeskMock({ auth: ZD_AUTH, records: { organization: [{ id: 44, name: 'Acme' }] } });
    server.handle(zd.handler);
    const { output } = await run({
      provider: 'zendesk',
      operation: 'get',
      zendeskObject: 'organization',
      recordId: '44',
    });
    expect(seenLine()).toEqual(['GET /api/v2/organizations/44.json']);
    expect(output).toMatchObject({ id: '44', record: { name: 'Acme' }, url: `${server.url}/agent/organizations/44` });
  });
});

describe('Record on Dynamics 365', () => {
  const mock = (over: Partial<Parameters<typeof dynamicsMock>[0]> = {}) => {
    const dyn = dynamicsMock({ clientId: 'app-1', clientSecret: DYN_SECRET, scope: DYN_SCOPE, ...over });
    server.handle(dyn.handler);
    return dyn;
  };
  const apiCalls = () => seenLine().filter((l) => !l.includes('/oauth2/'));

  it('gets a token from Entra ID and finds a contact by phone with an OData $filter, quotes doubled', async () => {
    mock({
      sets: {
        contacts: [
          { contactid: 'c-1', fullname: "Pat O'Neil", telephone1: '+815012345678', mobilephone: '' },
          { contactid: 'c-2', fullname: 'Other', telephone1: '+10000000000' },
        ],
      },
    });
    const { result, output, ctx } = await run(
      {
        provider: 'dynamics',
        operation: 'search',
        entitySet: 'contacts',
        idField: 'contactid',
        matchMode: 'any',
        countryCode: '81',
        match: [
          { field: 'telephone1', operator: 'phone', value: '{{ trigger.body.ani }}' },
          { field: 'fullname', operator: 'equals', value: "Pat O'Neil" },
        ],
        returnFields: ['fullname'],
        limit: 1,
      },
      { ani: '050-1234-5678' },
    );
    const [token, search] = server.seen;
    expect(`${token!.method} ${token!.path}`).toBe('POST /tenant-1/oauth2/v2.0/token');
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      grant_type: 'client_credentials',
      scope: DYN_SCOPE,
      client_id: 'app-1',
      client_secret: DYN_SECRET,
    });
    expect(search!.method).toBe('GET');
    const url = new URL(search!.path, server.url);
    expect(url.pathname).toBe('/api/data/v9.2/contacts');
    expect(url.searchParams.get('$filter')).toBe("telephone1 eq '+815012345678' or fullname eq 'Pat O''Neil'");
    expect(url.searchParams.get('$top')).toBe('1');
    expect(url.searchParams.get('$select')).toBe('contactid,fullname');
    expect(search!.headers['odata-version']).toBe('4.0');
    expect(search!.headers.authorization).toBe('Bearer entra-access-token-1');
    expect(result.port).toBe('success');
    expect(output).toMatchObject({
      id: 'c-1',
      url: `${server.url}/main.aspx?pagetype=entityrecord&etn=contact&id=c-1`,
    });
    expect(JSON.stringify(ctx.requests)).not.toContain(DYN_SECRET);
  });

  it('opens one incident per conversation, even when the first answer is lost', async () => {
    const dyn = mock({ loseCreateAnswers: 1 });
    const config = {
      provider: 'dynamics' as const,
      operation: 'create' as const,
      entitySet: 'incidents',
      idField: 'incidentid',
      correlation: { field: 'new_conversationid', value: '{{ trigger.body.conversationId }}' },
      fields: [
        { name: 'title', value: 'Call {{ trigger.body.conversationId }}' },
        { name: 'customerid_contact@odata.bind', value: '/contacts(c-1)' },
      ],
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 1 },
    };
    const first = await run(config, { conversationId: 'conv-1' });
    expect(apiCalls()).toEqual([
      "GET /api/data/v9.2/incidents?$filter=new_conversationid eq 'conv-1'&$top=1",
      'POST /api/data/v9.2/incidents',
      "GET /api/data/v9.2/incidents?$filter=new_conversationid eq 'conv-1'&$top=1",
    ]);
    const post = server.seen.find((r) => r.method === 'POST' && r.path.startsWith('/api/'))!;
    expect(post.headers.prefer).toBe('return=representation');
    expect(post.json).toEqual({
      title: 'Call conv-1',
      'customerid_contact@odata.bind': '/contacts(c-1)',
      new_conversationid: 'conv-1',
    });
    expect(first.output).toMatchObject({ created: false, id: dyn.sets.incidents![0]!.incidentid });
    const again = await run(config, { conversationId: 'conv-1' });
    expect(again.output).toMatchObject({ created: false });
    expect(dyn.sets.incidents).toHaveLength(1);
  });

  it('upserts by an alternate key, updates with If-Match so a wrong id is not created, and adds a note', async () => {
    const dyn = mock();
    const upsert = {
      provider: 'dynamics' as const,
      operation: 'upsert' as const,
      key: { field: 'emailaddress1', value: '{{ trigger.body.email }}' },
      fields: [{ name: 'lastname', value: '{{ trigger.body.name }}' }],
    };
    const created = await run(upsert, { email: "o'neil@example.com", name: 'ONeil' });
    expect(apiCalls()).toEqual(["PATCH /api/data/v9.2/contacts(emailaddress1='o''neil@example.com')"]);
    expect(created.output).toMatchObject({ created: true });
    const updated = await run(upsert, { email: "o'neil@example.com", name: "O'Neil" });
    expect(updated.output).toMatchObject({ created: false, id: created.output.id });
    expect(dyn.sets.contacts).toHaveLength(1);

    server.seen.length = 0;
    const missing = await runError({
      provider: 'dynamics',
      operation: 'update',
      recordId: 'no-such-id',
      fields: [{ name: 'lastname', value: 'x' }],
    });
    expect(server.seen.find((r) => r.method === 'PATCH')!.headers['if-match']).toBe('*');
    expect(missing.code).toBe('http-404');
    expect(missing.message).toContain('Dynamics 365 refused the request (HTTP 404): 0x80040217');
    expect(dyn.sets.contacts).toHaveLength(1);

    server.seen.length = 0;
    await run({
      provider: 'dynamics',
      operation: 'addNote',
      entitySet: 'phonecalls',
      idField: 'activityid',
      recordId: 'pc-1',
      note: { body: 'Wrap-up: resolved', public: false },
    });
    const note = server.seen.find((r) => r.path === '/api/data/v9.2/annotations')!;
    expect(note.method).toBe('POST');
    expect(note.json).toEqual({
      subject: 'Wrap-up: resolved',
      notetext: 'Wrap-up: resolved',
      'objectid_phonecall@odata.bind': '/phonecalls(pc-1)',
    });
  });
});

describe('Record refuses what would go wrong', () => {
  it('sends no search for an empty value (it could match the wrong record), in words en and ja', async () => {
    server.handle(serviceNowMock({ auth: SN_AUTH }).handler);
    const error = await runError({
      provider: 'servicenow',
      operation: 'findOrCreate',
      match: [{ field: 'u_call_id', operator: 'equals', value: '{{ trigger.body.missing }}' }],
    });
    expect(error.code).toBe('record.empty-value');
    expect(server.seen).toHaveLength(0);
    const asMessage = { code: error.code, params: error.params!, message: error.message };
    expect(formatMessage(asMessage, 'en')).toContain('the value to find "u_call_id" by is empty');
    expect(formatMessage(asMessage, 'ja')).toContain('「u_call_id」を検索する値が空です');
  });

  it('refuses a caller number that cannot be E.164 instead of searching for it', async () => {
    const error = await runError({
      provider: 'salesforce',
      operation: 'search',
      match: [{ field: 'Phone', operator: 'phone', value: 'anonymous' }],
    });
    expect(error.code).toBe('record.bad-phone');
    expect(server.seen).toHaveLength(0);
  });

  it('says so when the system answers a create without the new record id', async () => {
    server.handle((_req, res) => sendJson(res, 201, { success: true, errors: [] }));
    const error = await runError({ provider: 'salesforce', operation: 'create', sobject: 'Task', retry: noRetry });
    expect(error.code).toBe('record.no-id');
    expect(error.message).toBe('Salesforce answered 201 but the response holds no record id');
  });

  it('refuses a credential of a kind the system does not take', async () => {
    const node = recordNode({ provider: 'servicenow', operation: 'get', recordId: 'x' });
    const prepared = prepareNode(recordExecutor, node);
    const ctx = makeExecContext({ node, credentials: { auth: credentials.zendesk } });
    await expect(prepared.run(ctx)).rejects.toMatchObject({ code: 'record.credential-kind' });
  });
});
