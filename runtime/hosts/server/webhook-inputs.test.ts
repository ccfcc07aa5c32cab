/**
 * What `flowdesk serve` makes of vendors' webhook calls, over real HTTP: a signed Twilio
 * TaskRouter form post with a JSON text field, fields taken from headers and query, the Genesys
 * EventBridge preset, and a generic HMAC with another hash. Real payloads from flows/payloads.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../core/flow.js';
import { readPayload } from '../../../test/support/payloads.js';
import { taskRouterExampleParams } from '../../../test/support/taskrouter-example.js';
import { code, testFlow, trigger } from '../../../test/support/test-flows.js';
import { startServer, type FlowServer } from './server.js';

const PUBLIC = 'https://flows.example.com';
const TWILIO_TOKEN = 'twilio-auth-token-for-tests';
const HMAC_SECRET = 'generic-hmac-secret-for-tests';

function withCredential(flow: FlowFile, name: string, kind: 'hmac'): FlowFile {
  flow.credentials = { [name]: { kind } };
  flow.nodes[0]!.credentials = { auth: name };
  return flow;
}

/** Twilio's algorithm: base64 HMAC-SHA1 over the URL, then each parameter name and value, sorted. */
function twilioSignature(url: string, params: [string, string][]): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return createHmac('sha1', TWILIO_TOKEN)
    .update(url + sorted.map(([k, v]) => k + v).join(''))
    .digest('base64');
}

describe('flowdesk serve: vendor webhook inputs', () => {
  let dir: string;
  let server: FlowServer;

  const waitForRun = async (executionId: string) => {
    const until = Date.now() + 15_000;
    for (;;) {
      const record = server.history.get(executionId);
      if (record && record.status !== 'running' && record.status !== 'queued' && record.trace) return record;
      if (Date.now() > until) throw new Error(`execution ${executionId} did not finish`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-inputs-'));
    const flows = join(dir, 'flows');
    mkdirSync(flows);
    const taskRouter = testFlow(
      [
        trigger({
          auth: { type: 'twilio' },
          jsonFields: ['WorkerAttributes'],
          inputSchema: {
            type: 'object',
            required: ['WorkerAttributes'],
            properties: { WorkerAttributes: { type: 'object', required: ['email'] } },
          },
          fields: [
            { name: 'eventType', path: '$.EventType' },
            { name: 'email', path: '$.WorkerAttributes.email' },
            { name: 'delivery', from: 'headers', path: 'I-Twilio-Idempotency-Token' },
            { name: 'source', from: 'query', path: 'source' },
          ],
        }),
        code(
          'greet',
          'return { name: trigger.body.WorkerAttributes.full_name, roles: trigger.body.WorkerAttributes.roles };',
        ),
      ],
      [['trigger', 'out', 'greet']],
      { id: 'taskrouter', name: 'TaskRouter events' },
    );
    writeFileSync(join(flows, 'taskrouter.flow.json'), JSON.stringify(withCredential(taskRouter, 'twilio', 'hmac')));

    const strict = testFlow([trigger({ jsonFields: ['TaskQueueTargetExpression'] })], [], {
      id: 'queue-events',
      name: 'Queue events',
    });
    writeFileSync(join(flows, 'queue-events.flow.json'), JSON.stringify(strict));

    const eventBridge = testFlow(
      [
        trigger({ preset: 'genesysEventBridge' }),
        code('seen', 'return { conversation: vars.conversationId, type: vars.eventType };'),
      ],
      [['trigger', 'out', 'seen']],
      { id: 'genesys-events', name: 'Genesys events' },
    );
    writeFileSync(join(flows, 'genesys-events.flow.json'), JSON.stringify(eventBridge));

    const signed = testFlow(
      [
        trigger({
          auth: { type: 'hmac', algorithm: 'sha512', signaturePrefix: 'sha512=', signatureHeader: 'X-Hook-Signature' },
        }),
      ],
      [],
      { id: 'signed', name: 'Signed' },
    );
    writeFileSync(join(flows, 'signed.flow.json'), JSON.stringify(withCredential(signed, 'partner', 'hmac')));

    server = await startServer({
      paths: [flows],
      port: 0,
      workers: 0,
      db: join(dir, 'history.db'),
      publicUrl: `${PUBLIC}/`,
      env: {
        ...process.env,
        FLOWDESK_CRED_TWILIO_SECRET: TWILIO_TOKEN,
        FLOWDESK_CRED_PARTNER_SECRET: HMAC_SECRET,
      },
      log: pino({ level: 'silent' }),
    });
    expect(server.catalog.problemList()).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a signed TaskRouter form post, reads WorkerAttributes as JSON and maps header and query fields', async () => {
    const params = taskRouterExampleParams('twilio-taskrouter-event-worker.attributes.update-example.txt');
    const path = '/hooks/taskrouter?source=taskrouter';
    const post = (signature: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams(params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'x-twilio-signature': signature,
          'i-twilio-idempotency-token': 'EV-delivery-1',
        },
      });

    const forged = await post(twilioSignature(`${PUBLIC}${path}`, [...params, ['WorkerVersion', '24']]));
    expect(forged.status).toBe(401);

    const res = await post(twilioSignature(`${PUBLIC}${path}`, params));
    expect(res.status).toBe(202);
    const record = await waitForRun(((await res.json()) as { executionId: string }).executionId);
    expect(record.status).toBe('success');
    expect(record.trace!.vars).toEqual({
      eventType: 'worker.attributes.update',
      email: 'bugsbunny@twilio.com',
      delivery: 'EV-delivery-1',
      source: 'taskrouter',
    });
    expect(record.trace!.steps[1]!.output).toEqual({ name: 'Bugs Bunny', roles: ['admin'] });
    expect((record.trigger.body as { WorkerAttributes: unknown }).WorkerAttributes).toMatchObject({
      contact_uri: 'client:bugsbunny',
    });
  });

  it('refuses a form whose JSON text field is not JSON with 400 naming the field, and runs nothing', async () => {
    const params = taskRouterExampleParams('twilio-taskrouter-event-task-queue.expression.updated-example.txt');
    const res = await fetch(`${server.url}/hooks/queue-events`, {
      method: 'POST',
      body: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; code: string };
    expect(answer.code).toBe('webhook.json-field-not-json');
    expect(answer.error).toMatch(/^body field 'TaskQueueTargetExpression' should hold JSON written as text/);
    expect(server.history.list({ flow: 'queue-events' })).toEqual([]);
  });

  it('recognises the Genesys EventBridge envelope and refuses a bare event body', async () => {
    const res = await fetch(`${server.url}/hooks/genesys-events`, {
      method: 'POST',
      body: JSON.stringify(readPayload('genesys-eventbridge-customer-end.json')),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(202);
    const record = await waitForRun(((await res.json()) as { executionId: string }).executionId);
    expect(record.trace!.steps[1]!.output).toEqual({
      conversation: '2f7bf00a-0fc2-4d6a-9b56-92238191433e',
      type: 'v2.detail.events.conversation.{id}.customer.end',
    });

    const bare = await fetch(`${server.url}/hooks/genesys-events`, {
      method: 'POST',
      body: JSON.stringify(readPayload('genesys-event-customer-end-test-body.json')),
      headers: { 'content-type': 'application/json' },
    });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { error: string }).error).toMatch(
      /^the body is not a Genesys Cloud EventBridge event: detail is missing/,
    );
  });

  it('checks a generic HMAC-SHA512 with its prefix', async () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'ticket.updated' });
    const sign = (secret: string) => `sha512=${createHmac('sha512', secret).update(body).digest('hex')}`;
    const post = (signature: string) =>
      fetch(`${server.url}/hooks/signed`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hook-signature': signature },
      });
    expect((await post(sign(HMAC_SECRET))).status).toBe(202);
    const wrong = await post(sign('another-secret'));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: 'not authorized: X-Hook-Signature signature does not match the body',
      code: 'webhook.auth-signature-mismatch',
    });
    const sha256 = await post(`sha512=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`);
    expect(((await sha256.json()) as { error: string }).error).toBe(
      'not authorized: X-Hook-Signature header is not a hex HMAC-SHA512 signature',
    );
  });
});
