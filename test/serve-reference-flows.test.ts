/**
 * The reference flows served end to end by `flowdesk serve`: real server, real worker
 * processes, and mock Genesys Cloud, Qualtrics, Zendesk and ServiceNow APIs on loopback
 * (the flows' vendor origins are pointed at the mock; nothing else in the flows changes).
 * Each delivery carries the caller credential its trigger demands, and the stored trace must
 * take the path and produce the outputs the flow's own first test case expects.
 */
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../core/flow.js';
import { startServer, type FlowServer } from '../runtime/hosts/server/server.js';
import { partialMatch } from '../runtime/testing/match.js';
import { sendJson, startTestServer, type TestServer } from './support/http-server.js';

const FLOWS = new URL('../flows/', import.meta.url);
const payload = (name: string): unknown => JSON.parse(readFileSync(new URL(`payloads/${name}`, FLOWS), 'utf8'));
const VENDOR_ORIGINS = [
  'https://api.mypurecloud.com',
  'https://login.mypurecloud.com',
  'https://iad1.qualtrics.com',
  'https://example.zendesk.com',
  'https://example.service-now.com',
];
const INBOUND_TOKEN = 'inbound-token-for-tests';
const FLEX_SECRET = 'flex-signing-secret';
const TWILIO_TOKEN = 'twilio-auth-token-for-tests';
/** What the mock Zendesk was asked to do with tickets, in order. */
const ticketCalls: string[] = [];

/** Twilio's algorithm: base64 HMAC-SHA1 over the URL, then each parameter name and value, sorted. */
function twilioSignature(url: string, form: string): string {
  const params = [...new URLSearchParams(form)].sort(([a, av], [b, bv]) =>
    a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0,
  );
  return createHmac('sha1', TWILIO_TOKEN)
    .update(url + params.map(([k, v]) => k + v).join(''))
    .digest('base64');
}

/** Genesys, Qualtrics, Zendesk and ServiceNow as the flows call them, answered from the sample payloads. */
function vendorApis(): Promise<TestServer> {
  return startTestServer((req, res) => {
    const path = req.path.split('?')[0]!;
    if (req.method === 'POST' && (path === '/oauth/token' || path === '/oauth_token.do')) {
      return sendJson(res, 200, { access_token: 'mock-access-token', token_type: 'bearer', expires_in: 3600 });
    }
    if (!/^Bearer mock-access-token$|^Basic |^[A-Za-z0-9-]+$/.test(String(req.headers.authorization ?? 'x'))) {
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    if (/^\/api\/v2\/analytics\/conversations\/[^/]+\/details$/.test(path))
      return sendJson(res, 200, payload('genesys-analytics-conversation-details-chat-1.json'));
    if (/^\/api\/v2\/users\/[^/]+$/.test(path)) return sendJson(res, 200, payload('genesys-get-user-by-id.json'));
    if (req.method === 'PUT' && path.startsWith('/API/v3/responses/'))
      return sendJson(res, 200, { result: {}, meta: { httpStatus: '200 - OK', requestId: 'r-1' } });
    if (req.method === 'POST' && path === '/api/v2/tickets.json') {
      ticketCalls.push(`POST ${path}`);
      return sendJson(res, 201, payload('zendesk-ticket-created.SAMPLE.json'));
    }
    if (req.method === 'PUT' && /^\/api\/v2\/tickets\/\d+\.json$/.test(path)) {
      ticketCalls.push(
        `PUT ${path} ${JSON.stringify((JSON.parse(req.body) as { ticket?: { comment?: unknown } }).ticket?.comment)}`,
      );
      return sendJson(res, 200, payload('zendesk-ticket-created.SAMPLE.json'));
    }
    if (req.method === 'GET' && path === '/api/now/table/customer_contact')
      return sendJson(res, 200, payload('servicenow-customer-contact-found.SAMPLE.json'));
    if (req.method === 'POST' && path.startsWith('/api/now/table/'))
      return sendJson(res, 201, payload('servicenow-case-created.SAMPLE.json'));
    sendJson(res, 404, { error: `the mock has no ${req.method} ${path}` });
  });
}

describe('reference flows on flowdesk serve', () => {
  let dir: string;
  let vendor: TestServer;
  let server: FlowServer;
  const flows = new Map<string, FlowFile>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-serve-ref-'));
    vendor = await vendorApis();
    const served = join(dir, 'flows');
    mkdirSync(served);
    cpSync(new URL('payloads', FLOWS), join(served, 'payloads'), { recursive: true });
    for (const name of readdirSync(FLOWS).filter((n) => n.endsWith('.flow.json'))) {
      let text = readFileSync(new URL(name, FLOWS), 'utf8');
      // Whole origins only: https://api.mypurecloud.com must not turn …com.au into a bad origin.
      for (const origin of VENDOR_ORIGINS) {
        text = text.replace(new RegExp(`${origin.replaceAll('.', '\\.')}(?=["/])`, 'g'), vendor.url);
      }
      // The Qualtrics flow builds its Genesys host from the region parameter.
      text = text.replaceAll('https://api.{{ params.genesysRegion }}', vendor.url);
      writeFileSync(join(served, name), text);
      const flow = JSON.parse(text) as FlowFile;
      flows.set(flow.id, flow);
    }
    const cred = (name: string, fields: Record<string, string>) =>
      Object.fromEntries(Object.entries(fields).map(([f, v]) => [`FLOWDESK_CRED_${name}_${f}`, v]));
    const env = {
      ...process.env,
      ...cred('QUALTRICS_INBOUND', { VALUE: INBOUND_TOKEN }),
      ...cred('SOFTPHONE_WEBHOOK', { VALUE: INBOUND_TOKEN }),
      ...cred('DATA_ACTION_INBOUND', { VALUE: INBOUND_TOKEN }),
      ...cred('FLEX_WEBHOOK', { SECRET: FLEX_SECRET }),
      ...cred('TWILIO_AUTH_TOKEN', { SECRET: TWILIO_TOKEN }),
      ...cred('GENESYS_CLOUD', {
        TOKEN_URL: `${vendor.url}/oauth/token`,
        CLIENT_ID: 'id',
        CLIENT_SECRET: 'genesys-secret',
      }),
      ...cred('QUALTRICS_API', { VALUE: 'qualtrics-api-token' }),
      ...cred('ZENDESK', { EMAIL: 'agent@example.com', TOKEN: 'zendesk-api-token' }),
      ...cred('SERVICENOW', {
        TOKEN_URL: `${vendor.url}/oauth_token.do`,
        CLIENT_ID: 'sn-id',
        CLIENT_SECRET: 'sn-secret',
        CLIENT_AUTHENTICATION: 'body',
      }),
    };
    server = await startServer({
      paths: [served],
      port: 0,
      workers: 1,
      db: join(dir, 'h.db'),
      env,
      log: pino({ level: 'silent' }),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await vendor?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every reference flow', () => {
    expect(server.catalog.problemList()).toEqual([]);
    expect(server.catalog.list().map((f) => f.id)).toEqual([...flows.keys()].sort());
  });

  it(
    'answers a data action from genesys-conversation-agents, its Apply to each run in a worker',
    { timeout: 60_000 },
    async () => {
      const id = 'genesys-conversation-agents';
      const conversationId = '1bc96a39-6725-40c4-9345-db72aa67b8c6';
      const res = await fetch(`${server.url}/hooks/${id}`, {
        method: 'POST',
        body: JSON.stringify({ conversationId }),
        headers: { 'content-type': 'application/json', 'x-api-token': INBOUND_TOKEN },
      });
      // The data action waits for the answer (sync): every agent looked up, in order.
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        conversationId,
        agents: [{ userId: '50fcd33c-f432-4726-abc9-979f3ca01555', name: 'John Doe', email: 'john.doe@genesys.com' }],
        unresolved: 0,
      });
      const executionId = res.headers.get('x-flowdesk-execution-id')!;
      expect(executionId).toBeTruthy();
      let record = server.history.get(executionId);
      for (let i = 0; i < 2000 && (record?.status === 'queued' || record?.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 25));
        record = server.history.get(executionId);
      }
      expect(record?.status).toBe('success');
      // The stored trace keeps the loop's iteration with its request, secrets redacted.
      const loop = record!.trace!.steps.find((s) => s.name === 'eachAgent')!;
      expect(loop.iterations).toMatchObject({ count: 1, failed: 0 });
      expect(loop.iterations!.kept[0]!.steps[0]!.requests.find((r) => r.purpose === 'main')).toMatchObject({
        method: 'GET',
        status: 200,
      });
      const stored = JSON.stringify(record);
      for (const secret of ['genesys-secret', 'mock-access-token', INBOUND_TOKEN]) expect(stored).not.toContain(secret);
    },
  );

  for (const id of ['qualtrics-genesys-post-interaction', 'servicenow-case-on-call', 'zendesk-ticket-per-engagement']) {
    it(`runs ${id} from a real webhook delivery as its first test case expects`, { timeout: 60_000 }, async () => {
      const flow = flows.get(id)!;
      const test = flow.tests![0]!;
      const body = JSON.stringify(payload(test.trigger.payloadFile!.replace(/^payloads\//, '')));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const auth = (flow.nodes[0]!.config as { auth: { type: string } }).auth.type;
      if (auth === 'apiToken') headers['x-api-token'] = INBOUND_TOKEN;
      if (auth === 'hmac')
        headers['x-signature'] = `sha256=${createHmac('sha256', FLEX_SECRET).update(body).digest('hex')}`;

      const refused = await fetch(`${server.url}/hooks/${id}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(refused.status).toBe(401);

      const res = await fetch(`${server.url}/hooks/${id}`, { method: 'POST', body, headers });
      expect(res.status).toBe(202);
      const { executionId } = (await res.json()) as { executionId: string };
      let record = server.history.get(executionId);
      for (let i = 0; i < 2000 && (record?.status === 'queued' || record?.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 25));
        record = server.history.get(executionId);
      }
      const trace = record!.trace!;
      expect(trace.error).toBeUndefined();
      expect(record!.status).toBe('success');
      expect(trace.steps.map((s) => s.name)).toEqual(test.expect!.path);
      for (const [name, expected] of Object.entries(test.expect!.steps ?? {})) {
        const step = trace.steps.find((s) => s.name === name)!;
        expect(partialMatch(expected, step.output, `steps.${name}`)).toEqual([]);
      }
      // Secrets sent upstream never reach the stored trace.
      const stored = JSON.stringify(record);
      for (const secret of [
        'genesys-secret',
        'zendesk-api-token',
        'qualtrics-api-token',
        'mock-access-token',
        INBOUND_TOKEN,
      ]) {
        expect(stored).not.toContain(secret);
      }
    });
  }

  it(
    'runs flex-zendesk-task-lifecycle across a task’s signed TaskRouter events, remembering the ticket between runs',
    {
      timeout: 60_000,
    },
    async () => {
      const id = 'flex-zendesk-task-lifecycle';
      const form = (name: string) => readFileSync(new URL(`payloads/${name}`, FLOWS), 'utf8');
      const deliver = async (body: string) => {
        const url = `${server.url}/hooks/${id}`;
        const res = await fetch(url, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilioSignature(url, body),
          },
        });
        expect(res.status).toBe(202);
        const { executionId } = (await res.json()) as { executionId: string };
        let record = server.history.get(executionId);
        for (let i = 0; i < 2000 && (record?.status === 'queued' || record?.status === 'running'); i++) {
          await new Promise((r) => setTimeout(r, 25));
          record = server.history.get(executionId);
        }
        expect(record!.trace!.error).toBeUndefined();
        return record!.trace!.steps.map((s) => `${s.name}→${s.port}`);
      };
      const created = form('twilio-taskrouter-task-created.SAMPLE.form');
      ticketCalls.length = 0;
      expect(await deliver(created)).toEqual([
        'taskEvent→out',
        'byEventType→created',
        'claimTask→done',
        'createTicket→success',
        'rememberTicket→done',
      ]);
      // The same event again, in another run: the task is claimed, no second ticket.
      expect(await deliver(created)).toEqual(['taskEvent→out', 'byEventType→created', 'claimTask→already']);
      // Completed: the ticket the first run remembered gets the wrap-up.
      expect(await deliver(form('twilio-taskrouter-task-completed.SAMPLE.form'))).toEqual([
        'taskEvent→out',
        'byEventType→completed',
        'findTicket→found',
        'addWrapupNote→success',
        'forgetTask→done',
      ]);
      expect(ticketCalls).toEqual([
        'POST /api/v2/tickets.json',
        expect.stringMatching(
          /^PUT \/api\/v2\/tickets\/35436\.json \{"body":"Wrap-up of Flex task WT5f3c2a9b8d7e6f5a4b3c2d1e0f9a8b7c .*Resolved/,
        ),
      ]);
    },
  );
});
