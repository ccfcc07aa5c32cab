import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import { createPrepareTools } from '../../core/expressions/compile.js';
import { NodeError, type PrepareTools } from '../../core/node-type.js';
import { closeSharedTransport, makeExecContext, prepareNode, runNode } from '../../test/support/exec-context.js';
import { sendJson, startTestServer, type TestServer } from '../../test/support/http-server.js';
import { readPayload } from '../../test/support/payloads.js';
import { webServiceExecutor, type MappingDetail, type WebServiceOutput } from './executor.js';
import { webServiceManifest, type WebServiceConfig } from './manifest.js';

const CONVERSATION = readPayload('genesys-analytics-conversation-details-chat-1.json') as Record<string, unknown>;
const CONVERSATION_ID = '1bc96a39-6725-40c4-9345-db72aa67b8c6';
const AGENT_ID = '50fcd33c-f432-4726-abc9-979f3ca01555';
const ACCESS_TOKEN = 'genesys-access-token-0123456789abcdef';
const CLIENT_SECRET = 'genesys-client-secret-abcdef';
const QUALTRICS_TOKEN = 'qualtrics-api-token-ZYXWVU987654';

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

function node(config: Partial<WebServiceConfig>, credentials?: Record<string, string>): FlowNode {
  return {
    id: 'n-get-details',
    type: 'webService',
    version: 1,
    name: 'getDetails',
    config: { ...webServiceManifest.defaults, ...config },
    ...(credentials ? { credentials } : {}),
  };
}

const genesysCredential = (): ResolvedCredential => ({
  name: 'genesys-prod',
  kind: 'oauth2',
  fields: { tokenUrl: `${server.url}/oauth/token`, clientId: 'genesys-client', clientSecret: CLIENT_SECRET },
});

/** A Genesys-shaped API: client-credentials token endpoint + conversation details. */
function genesysApi(details: unknown = CONVERSATION) {
  return server.handle((req, res) => {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      const basic = Buffer.from(`genesys-client:${CLIENT_SECRET}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}` || !req.body.includes('grant_type=client_credentials')) {
        return sendJson(res, 401, { error: 'invalid_client' });
      }
      return sendJson(res, 200, { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 86399 });
    }
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return sendJson(res, 401, { message: 'no token' });
    if (req.method === 'GET' && req.path.startsWith(`/api/v2/analytics/conversations/${CONVERSATION_ID}/details`)) {
      return sendJson(res, 200, details);
    }
    return sendJson(res, 404, { message: 'Not found', code: 'not.found', status: 404 });
  });
}

const genesysMapping: WebServiceConfig['mapping'] = [
  { path: '$.conversationStart', field: 'conversationStart' },
  { path: '$.conversationEnd', field: 'conversationEnd', default: '' },
  { path: 'conversationId', field: 'conversationId' },
  { path: '$.participants', field: 'participants' },
  { path: "$.participants[?(@.purpose=='agent')].userId", field: 'agentIds' },
  { path: '$.wrapup.code', field: 'wrapupCode', default: 'none' },
];

describe('webService executor against a Genesys-shaped API', () => {
  it('authenticates with OAuth client credentials and maps conversation details (filter gives a list)', async () => {
    genesysApi();
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node(
        {
          url: `${server.url}/api/v2/analytics/conversations/{{ trigger.body.ConversationID }}/details`,
          auth: { type: 'oauth2' },
          mapping: genesysMapping,
        },
        { auth: 'genesys-prod' },
      ),
      scope: { trigger: { body: { ConversationID: CONVERSATION_ID }, headers: {}, query: {} } },
      credentials: { auth: genesysCredential() },
    });

    expect(result.port).toBe('success');
    const output = result.output as WebServiceOutput;
    expect(output.status).toBe(200);
    expect(output.body).toEqual(CONVERSATION);
    expect(output.fields).toEqual({
      conversationStart: '2021-04-01T12:27:53.386Z',
      conversationEnd: '2021-04-01T12:43:23.306Z',
      conversationId: CONVERSATION_ID,
      participants: CONVERSATION.participants,
      agentIds: [AGENT_ID],
      wrapupCode: 'none',
    });
    expect(result.vars).toEqual(output.fields);

    // Token request first, then the API call with the bearer token.
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /oauth/token',
      `GET /api/v2/analytics/conversations/${CONVERSATION_ID}/details`,
    ]);
    expect(result.input).toEqual({
      method: 'GET',
      url: `${server.url}/api/v2/analytics/conversations/${CONVERSATION_ID}/details`,
      headers: {},
    });
    const mapping = ctx.details.mapping as MappingDetail[];
    expect(mapping.find((row) => row.field === 'wrapupCode')).toMatchObject({
      matched: false,
      usedDefault: true,
      value: 'none',
    });
    expect(mapping.find((row) => row.field === 'agentIds')).toMatchObject({
      path: "$.participants[?(@.purpose=='agent')].userId",
      matched: true,
      value: [AGENT_ID],
    });
    // Secrets never reach the trace.
    const trace = JSON.stringify(ctx.requests);
    expect(trace).not.toContain(ACCESS_TOKEN);
    expect(trace).not.toContain(CLIENT_SECRET);
  });

  it('uses the default only when a path does not resolve: a missing conversationEnd takes it, a null one stays null', async () => {
    const { conversationEnd: _dropped, ...open } = CONVERSATION;
    genesysApi(open);
    const credentials = { auth: genesysCredential() };
    const scope = { trigger: { body: { ConversationID: CONVERSATION_ID }, headers: {}, query: {} } };
    const config = {
      url: `${server.url}/api/v2/analytics/conversations/{{ trigger.body.ConversationID }}/details`,
      auth: { type: 'oauth2' as const },
      mapping: genesysMapping,
    };
    const missing = await runNode(webServiceExecutor, {
      node: node(config, { auth: 'genesys-prod' }),
      scope,
      credentials,
    });
    expect((missing.result.output as WebServiceOutput).fields.conversationEnd).toBe('');

    genesysApi({ ...CONVERSATION, conversationEnd: null });
    const nulled = await runNode(webServiceExecutor, {
      node: node(config, { auth: 'genesys-prod' }),
      scope,
      credentials,
    });
    const fields = (nulled.result.output as WebServiceOutput).fields;
    expect(fields).toHaveProperty('conversationEnd', null);
  });

  it('gives an empty list (or the default) when a filter matches nothing, and leaves out an unresolved field without default', async () => {
    const noAgent = {
      ...CONVERSATION,
      participants: (CONVERSATION.participants as { purpose: string }[]).filter((p) => p.purpose !== 'agent'),
    };
    genesysApi(noAgent);
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node(
        {
          url: `${server.url}/api/v2/analytics/conversations/${CONVERSATION_ID}/details`,
          auth: { type: 'oauth2' },
          mapping: [
            { path: "$.participants[?(@.purpose=='agent')].userId", field: 'agentIds' },
            { path: "$.participants[?(@.purpose=='agent')].userId", field: 'agentOrNobody', default: ['nobody'] },
            { path: '$.notThere', field: 'notThere' },
          ],
        },
        { auth: 'genesys-prod' },
      ),
      credentials: { auth: genesysCredential() },
    });
    const fields = (result.output as WebServiceOutput).fields;
    expect(fields).toEqual({ agentIds: [], agentOrNobody: ['nobody'] });
    expect(ctx.logs.map((l) => l.message)).toEqual([
      'mapping "notThere": $.notThere found nothing in the response and has no default',
    ]);
  });

  it('maps with a JSONPath regex filter over a response in linear time (issue 12, item 2)', async () => {
    const evil = 'a'.repeat(28) + '!';
    server.handle((_req, res) => sendJson(res, 200, { items: [{ code: evil }, { code: 'aaa' }, { code: 'AA' }] }));
    const { result } = await runNode(webServiceExecutor, {
      node: node({
        url: `${server.url}/items`,
        mapping: [
          { path: '$.items[?(@.code.match(/(a+)+$/))].code', field: 'plain' },
          { path: '$.items[?(@.code.match(/(a+)+$/i))].code', field: 'insensitive' },
        ],
      }),
    });
    expect((result.output as WebServiceOutput).fields).toEqual({ plain: ['aaa'], insensitive: ['aaa', 'AA'] });
  });

  it('URL-encodes substituted URL parts and query values', async () => {
    server.handle((_req, res) => sendJson(res, 200, { ok: true }));
    const { result } = await runNode(webServiceExecutor, {
      node: node({
        url: `${server.url}/api/v2/users/{{ vars.userId }}`,
        query: [
          { name: 'expand', value: 'presence,routingStatus' },
          { name: 'q', value: 'a&b={{ vars.userId }}' },
        ],
      }),
      scope: { vars: { userId: 'a/b c' } },
    });
    expect(server.seen[0]!.path).toBe('/api/v2/users/a%2Fb%20c?expand=presence%2CroutingStatus&q=a%26b%3Da%2Fb%20c');
    expect((result.input as { url: string }).url).toBe(
      `${server.url}/api/v2/users/a%2Fb%20c?expand=presence%2CroutingStatus&q=a%26b%3Da%2Fb%20c`,
    );
  });
});

describe('webService executor: Qualtrics PUT with X-API-TOKEN', () => {
  it('sends the JSON body with templates filled in and the API token in X-API-TOKEN', async () => {
    server.handle((req, res) => {
      if (req.headers['x-api-token'] !== QUALTRICS_TOKEN)
        return sendJson(res, 401, { meta: { httpStatus: '401 - Unauthorized' } });
      return sendJson(res, 200, { result: {}, meta: { httpStatus: '200 - OK', requestId: 'req-1' } });
    });
    const template = readPayload('qualtrics-put-response-embeddeddata-body.json') as { surveyId: string };
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node(
        {
          method: 'PUT',
          url: `${server.url}/API/v3/responses/\${rm://Field/ResponseID}`,
          body: {
            type: 'json',
            json: {
              surveyId: template.surveyId,
              resetRecordedDate: true,
              embeddedData: {
                ConversationID: '${e://Field/ConversationID}',
                AgentName: '{{ steps.getUser.body.name }}',
                Duration: '{{ vars.durationSec }}',
              },
            },
          },
          auth: { type: 'apiKey', headerName: 'X-API-TOKEN' },
          mapping: [{ path: '$.meta.httpStatus', field: 'qualtricsStatus' }],
        },
        { auth: 'qualtrics' },
      ),
      scope: {
        trigger: { body: { ResponseID: 'R_1abcDEF', ConversationID: CONVERSATION_ID }, headers: {}, query: {} },
        steps: { getUser: { body: { name: 'Jane Agent' } } },
        vars: { durationSec: 930 },
      },
      credentials: { auth: { name: 'qualtrics', kind: 'apiKey', fields: { value: QUALTRICS_TOKEN } } },
    });

    expect(result.port).toBe('success');
    expect(result.vars).toEqual({ qualtricsStatus: '200 - OK' });
    const seen = server.seen[0]!;
    expect(seen.method).toBe('PUT');
    expect(seen.path).toBe('/API/v3/responses/R_1abcDEF');
    expect(seen.headers['content-type']).toContain('application/json');
    expect(seen.json).toEqual({
      surveyId: 'SV_0jlsamgr7VAmvum',
      resetRecordedDate: true,
      // A whole-value template keeps its JSON type (930 stays a number).
      embeddedData: { ConversationID: CONVERSATION_ID, AgentName: 'Jane Agent', Duration: 930 },
    });
    expect(ctx.requests[0]!.headers['X-API-TOKEN']).toBe('[redacted]');
    expect(JSON.stringify(ctx.requests)).not.toContain(QUALTRICS_TOKEN);
  });

  it('sends form and text bodies', async () => {
    server.handle((_req, res) => sendJson(res, 200, {}));
    await runNode(webServiceExecutor, {
      node: node({
        method: 'POST',
        url: `${server.url}/form`,
        body: {
          type: 'form',
          form: [
            { name: 'grant', value: '{{ vars.g }}' },
            { name: 'x', value: 'a b&c' },
          ],
        },
      }),
      scope: { vars: { g: 'client_credentials' } },
    });
    await runNode(webServiceExecutor, {
      node: node({ method: 'POST', url: `${server.url}/text`, body: { type: 'text', text: 'hello {{ vars.who }}' } }),
      scope: { vars: { who: 'world' } },
    });
    expect(server.seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.seen[0]!.body).toBe('grant=client_credentials&x=a+b%26c');
    expect(server.seen[1]!.headers['content-type']).toContain('text/plain');
    expect(server.seen[1]!.body).toBe('hello world');
  });
});

describe('webService executor: failures take the error port', () => {
  it('turns a 404 into NodeError http-404 carrying status, body and message', async () => {
    server.handle((_req, res) => sendJson(res, 404, { message: 'Conversation not found' }));
    const error = await runNode(webServiceExecutor, {
      node: node({
        url: `${server.url}/api/v2/conversations/missing`,
        retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 1 },
      }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeError);
    const nodeError = error as NodeError;
    expect(nodeError.code).toBe('http-404');
    expect(nodeError.details).toMatchObject({ status: 404, body: { message: 'Conversation not found' } });
    expect((nodeError.details as { message: string }).message).toContain('404');
    // A 404 is not retried.
    expect(server.seen).toHaveLength(1);
  });

  it('turns a timeout into NodeError timeout and records the resolved request', async () => {
    server.handle(() => {
      // never answers
    });
    const timeoutNode = node({
      url: `${server.url}/slow`,
      headers: [{ name: 'X-Trace', value: 'run-{{ vars.n }}' }],
      timeoutMs: 200,
      retry: { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 },
    });
    const ctx = makeExecContext({ node: timeoutNode, scope: { vars: { n: 7 } } });
    const error = (await prepareNode(webServiceExecutor, timeoutNode)
      .run(ctx)
      .catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('timeout');
    expect(error.details).toEqual({ code: 'timeout', message: expect.stringContaining('timed out after 200 ms') });
    expect(ctx.details.request).toEqual({ method: 'GET', url: `${server.url}/slow`, headers: { 'X-Trace': 'run-7' } });
  });

  it('retries a 503 on GET and succeeds', async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      if (calls === 1) return sendJson(res, 503, { message: 'busy' });
      return sendJson(res, 200, { id: 'x' });
    });
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node({ url: `${server.url}/flaky`, mapping: [{ path: 'id', field: 'id' }] }),
    });
    expect(result.vars).toEqual({ id: 'x' });
    expect(ctx.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('sends the idempotency key on every attempt of a POST, which makes it retryable', async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      return calls === 1 ? sendJson(res, 502, {}) : sendJson(res, 201, { created: true });
    });
    await runNode(webServiceExecutor, {
      node: node({
        method: 'POST',
        url: `${server.url}/create`,
        body: { type: 'json', json: { a: 1 } },
        idempotencyKey: 'survey-{{ trigger.body.ResponseID }}',
      }),
      scope: { trigger: { body: { ResponseID: 'R_9' }, headers: {}, query: {} } },
    });
    expect(server.seen.map((r) => r.headers['idempotency-key'])).toEqual(['survey-R_9', 'survey-R_9']);
  });

  it('names the template that could not be filled in', async () => {
    const error = (await runNode(webServiceExecutor, {
      node: node({ url: `${server.url}/x/{{ $error("no id") }}` }),
    }).catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('template-error');
    expect(error.message).toContain('URL');
  });

  it('does not turn a cancelled run into the error port', async () => {
    const controller = new AbortController();
    // Cancelled once the request has arrived (never answered): on a loaded machine a timer could
    // fire first, or the request arrive after this test, into the next one's record.
    server.handle(() => controller.abort(new Error('stop')));
    const cancelNode = node({ url: `${server.url}/hang`, timeoutMs: 10000 });
    const ctx = makeExecContext({ node: cancelNode, signal: controller.signal });
    const running = prepareNode(webServiceExecutor, cancelNode).run(ctx);
    const error = await running.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(NodeError);
    expect((error as { failure?: { kind: string } }).failure?.kind).toBe('cancelled');
  });
});

describe('webService executor: compiled once per flow load', () => {
  it('compiles every template in prepare and none while running', async () => {
    server.handle((_req, res) => sendJson(res, 200, { ok: true }));
    const real = createPrepareTools();
    let compiled = 0;
    const counting: PrepareTools = {
      template: (text, mode) => (compiled++, real.template(text, mode)),
      expression: (text) => (compiled++, real.expression(text)),
      value: (value) => (compiled++, real.value(value)),
    };
    const config = node({
      method: 'POST',
      url: `${server.url}/x/{{ vars.a }}`,
      query: [{ name: 'q', value: '{{ vars.a }}' }],
      headers: [{ name: 'X-A', value: '{{ vars.a }}' }],
      body: { type: 'json', json: { a: '{{ vars.a }}' } },
      idempotencyKey: 'k-{{ vars.a }}',
    });
    const prepared = webServiceExecutor.prepare(config as FlowNode & { config: WebServiceConfig }, counting);
    const afterPrepare = compiled;
    expect(afterPrepare).toBe(5);
    for (const a of ['1', '2']) await prepared.run(makeExecContext({ node: config, scope: { vars: { a } } }));
    expect(compiled).toBe(afterPrepare);
    expect(server.seen.map((r) => r.path)).toEqual(['/x/1?q=1', '/x/2?q=2']);
  });
});
