/**
 * `flowdesk serve` on loopback: real Fastify server, real worker processes, real SQLite file,
 * a mock upstream started here.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../core/flow.js';
import { sendJson, startTestServer, type TestServer } from '../../../test/support/http-server.js';
import { code, testFlow, trigger, webService } from '../../../test/support/test-flows.js';
import { startServer, type FlowServer } from './server.js';

const silent = pino({ level: 'silent' });
const TOKEN = 'deploy-token-0123456789';
const READ_TOKEN = 'read-token-0123456789ab';

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function lookupFlow(upstream: string): FlowFile {
  return testFlow(
    [
      trigger({
        auth: { type: 'apiToken', headerName: 'X-API-TOKEN' },
        inputSchema: {
          type: 'object',
          required: ['conversationId'],
          properties: { conversationId: { type: 'string' } },
        },
        personalFields: ['$.email'],
      }),
      webService('lookup', {
        method: 'GET',
        url: `${upstream}/conversations/{{ trigger.body.conversationId }}?email={{ trigger.body.email }}`,
      }),
    ],
    [['trigger', 'out', 'lookup']],
    {
      id: 'lookup',
      name: 'Lookup',
      credentials: { 'hook-token': { kind: 'apiKey' } },
    },
  ) as FlowFile & { nodes: FlowFile['nodes'] };
}

function withTriggerCredential(flow: FlowFile, name: string): FlowFile {
  flow.nodes[0]!.credentials = { auth: name };
  return flow;
}

describe('flowdesk serve', () => {
  let dir: string;
  let upstream: TestServer;
  let server: FlowServer;
  /** Whether the upstream's /flaky endpoint answers (503 until a test turns it on). */
  let flakyUp = false;
  const api = (path: string, init: RequestInit = {}, token = TOKEN) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-api-token': 'caller-secret-1', ...headers },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-serve-'));
    upstream = await startTestServer((req, res) => {
      if (req.path === '/alert') return sendJson(res, 204, undefined);
      if (req.path.startsWith('/flaky/')) {
        return flakyUp ? sendJson(res, 200, { fixed: true }) : sendJson(res, 503, { error: 'maintenance' });
      }
      if (req.path.startsWith('/conversations/boom')) return sendJson(res, 500, { error: 'upstream down' });
      sendJson(res, 200, { id: req.path.split('/')[2]!.split('?')[0], state: 'ended' });
    });
    const flows = join(dir, 'flows');
    mkdirSync(flows);
    writeFileSync(
      join(flows, 'lookup.flow.json'),
      JSON.stringify(withTriggerCredential(lookupFlow(upstream.url), 'hook-token')),
    );
    writeFileSync(join(flows, 'broken.flow.json'), JSON.stringify({ id: 'broken', name: 'Broken', nodes: [] }));
    server = await startServer({
      paths: [flows],
      port: 0,
      workers: 1,
      db: join(dir, 'history.db'),
      adminTokens: `ci=deploy:${TOKEN},grafana=read:${READ_TOKEN}`,
      env: { ...process.env, FLOWDESK_CRED_HOOK_TOKEN_VALUE: 'caller-secret-1' },
      bodyLimit: 64 * 1024,
      alert: { url: `${upstream.url}/alert` },
      log: silent,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the valid flow and reports the invalid one with the validator’s messages', async () => {
    const res = await api('/api/flows');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      flows: { id: string; version: number; webhookUrls: string[] }[];
      problems: { message: string }[];
    };
    expect(body.flows.map((f) => f.id)).toEqual(['lookup']);
    expect(body.flows[0]!.webhookUrls).toEqual([`${server.url}/hooks/lookup`]);
    expect(body.problems).toHaveLength(1);
    expect(body.problems[0]!.message).toMatch(/broken\.flow\.json is not a valid flow/);
    expect((await post('/hooks/broken', '{}')).status).toBe(404);
  });

  it('accepts a delivery durably, runs it in a worker and stores the redacted, masked trace', async () => {
    const res = await post('/hooks/lookup', JSON.stringify({ conversationId: 'c-1', email: 'ann@example.com' }));
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    // Durable before the answer: the row exists as soon as the 202 arrived.
    expect(server.history.get(executionId)).toBeDefined();
    const done = await waitFor(async () => {
      const r = await api(`/api/executions/${executionId}`, {}, READ_TOKEN);
      const e = (await r.json()) as { status: string; trace: unknown; flowVersion: number };
      return e.status === 'success' ? e : undefined;
    }, 'the execution to finish');
    expect(done.flowVersion).toBe(1);
    const text = JSON.stringify(done.trace);
    expect(text).toContain('/conversations/c-1');
    expect(text).not.toContain('ann@example.com');
    expect(text).toContain('[personal]');
    expect(upstream.seen.some((r) => r.path.includes('email=ann%40example.com'))).toBe(true);
    expect(server.runner.pids()).toHaveLength(1);
    expect(server.runner.pids()[0]).not.toBe(process.pid);
  });

  it('refuses bad requests with 401/400/413/415 and records nothing', async () => {
    const before = server.history.list({ flow: 'lookup', limit: 1000 }).length;
    const noToken = await fetch(`${server.url}/hooks/lookup`, {
      method: 'POST',
      body: '{"conversationId":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: string }).error).toMatch(/missing X-API-TOKEN header/);
    expect((await post('/hooks/lookup', '{"conversationId":"x"}', { 'x-api-token': 'wrong' })).status).toBe(401);
    const badJson = await post('/hooks/lookup', '{"conversationId":');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const schema = await post('/hooks/lookup', '{"conversationId": 42}');
    expect(schema.status).toBe(400);
    const explained = (await schema.json()) as { error: string; problems: { pointer: string }[] };
    expect(explained.error).toBe("payload does not match the webhook's input schema: /conversationId must be string");
    expect(explained.problems[0]!.pointer).toBe('/conversationId');
    const big = await post('/hooks/lookup', JSON.stringify({ conversationId: 'x', pad: 'y'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    const text = await post('/hooks/lookup', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(server.history.list({ flow: 'lookup', limit: 1000 })).toHaveLength(before);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/flowdesk_webhook_requests_total\{flow="lookup",outcome="unauthorized"\} 2/);
    expect(metrics).toMatch(/flowdesk_webhook_requests_total\{flow="lookup",outcome="too-large"\} 1/);
  });

  it('records a failed execution with its trace, naming the node, in the dead-letter view', async () => {
    const res = await post('/hooks/lookup', JSON.stringify({ conversationId: 'boom' }));
    const { executionId } = (await res.json()) as { executionId: string };
    const failed = await waitFor(async () => {
      const r = await api(`/api/executions?status=failed&flow=lookup`, {}, READ_TOKEN);
      const list = (await r.json()) as { executions: { id: string; error?: { nodeName?: string; message: string } }[] };
      return list.executions.find((e) => e.id === executionId);
    }, 'the failed execution');
    expect(failed.error?.nodeName).toBe('lookup');
    expect(failed.error?.message).toMatch(/Web Service 'lookup' failed/);
    const full = (await (await api(`/api/executions/${executionId}`)).json()) as {
      trace: { steps: { name: string; requests: { status?: number }[] }[] };
    };
    expect(full.trace.steps.map((s) => s.name)).toEqual(['trigger', 'lookup']);
    expect(full.trace.steps[1]!.requests[0]!.status).toBe(500);
    const dead = (await (await api('/api/dead-letters', {}, READ_TOKEN)).json()) as { executions: { id: string }[] };
    expect(dead.executions.map((e) => e.id)).toContain(executionId);
    // The alert webhook hears about it: execution id, failed node and message.
    const alert = await waitFor(
      () =>
        upstream.seen.find(
          (r) => r.path === '/alert' && (r.json as { executionId?: string }).executionId === executionId,
        ),
      'the alert',
    );
    expect(alert.json).toMatchObject({ flowId: 'lookup', status: 'failed', failedNode: 'lookup' });
    expect((alert.json as { message: string }).message).toMatch(/Web Service 'lookup' failed/);
  });

  it('accepts form posts (Twilio style)', async () => {
    const flow = testFlow(
      [trigger(), code('echo', 'return { got: trigger.body.CallSid };')],
      [['trigger', 'out', 'echo']],
      {
        id: 'form-hook',
        name: 'Form hook',
      },
    );
    expect((await api('/api/flows/form-hook', { method: 'PUT', body: JSON.stringify(flow) })).status).toBe(200);
    const res = await fetch(`${server.url}/hooks/form-hook`, {
      method: 'POST',
      body: 'CallSid=CA123&From=%2B15551234',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    const record = await waitFor(() => {
      const r = server.history.get(executionId);
      return r?.status === 'success' ? r : undefined;
    }, 'the form execution');
    expect(record.trace!.steps[1]!.output).toEqual({ got: 'CA123' });
  });

  it('refuses an invalid deploy with the validator’s issues, deploys, rolls back and keeps an audit trail', async () => {
    const read = await api('/api/flows/echo', { method: 'PUT', body: '{}' }, READ_TOKEN);
    expect(read.status).toBe(403);
    const anonymous = await fetch(`${server.url}/api/flows`);
    expect(anonymous.status).toBe(401);

    const invalid = testFlow([trigger(), webService('get', { method: 'GET', url: '' })], [['trigger', 'out', 'get']], {
      id: 'echo',
      name: 'Echo',
    });
    const refused = await api('/api/flows/echo', { method: 'PUT', body: JSON.stringify(invalid) });
    expect(refused.status).toBe(422);
    const issues = (await refused.json()) as {
      error: string;
      issues: { message: string; pointer: string; nodeId: string }[];
    };
    expect(issues.error).toBe('invalid flow');
    expect(issues.issues[0]!.pointer).toBe('/nodes/1/config/url');
    expect(issues.issues[0]!.nodeId).toBe('n-get');

    const v1 = testFlow([trigger(), code('answer', 'return { v: 1 };')], [['trigger', 'out', 'answer']], {
      id: 'echo',
      name: 'Echo',
    });
    const v2 = testFlow([trigger(), code('answer', 'return { v: 2 };')], [['trigger', 'out', 'answer']], {
      id: 'echo',
      name: 'Echo',
    });
    const d1 = (await (await api('/api/flows/echo', { method: 'PUT', body: JSON.stringify(v1) })).json()) as {
      version: number;
      webhookUrls: string[];
    };
    const d2 = (await (await api('/api/flows/echo', { method: 'PUT', body: JSON.stringify(v2) })).json()) as {
      version: number;
    };
    expect([d1.version, d2.version]).toEqual([1, 2]);
    expect(d1.webhookUrls).toEqual([`${server.url}/hooks/echo`]);

    const run = async () => {
      const { executionId } = (await (await post('/hooks/echo', '{}')).json()) as { executionId: string };
      const r = await waitFor(() => {
        const e = server.history.get(executionId);
        return e?.status === 'success' ? e : undefined;
      }, 'echo run');
      return { output: r.trace!.steps[1]!.output, version: r.flowVersion };
    };
    expect(await run()).toEqual({ output: { v: 2 }, version: 2 });
    const back = await api('/api/flows/echo/rollback', { method: 'POST', body: JSON.stringify({ version: 1 }) });
    expect(back.status).toBe(200);
    expect(await run()).toEqual({ output: { v: 1 }, version: 1 });

    const versions = (await (await api('/api/flows/echo/versions', {}, READ_TOKEN)).json()) as {
      versions: { version: number; deployedBy: string }[];
      audit: { action: string; actor: string; version: number }[];
    };
    expect(versions.versions.map((v) => [v.version, v.deployedBy])).toEqual([
      [1, 'ci'],
      [2, 'ci'],
    ]);
    expect(versions.audit.map((a) => `${a.action}:${a.actor}:${a.version}`)).toEqual([
      'deploy:ci:1',
      'deploy:ci:2',
      'rollback:ci:1',
    ]);

    expect((await api('/api/flows/echo', { method: 'DELETE' })).status).toBe(204);
    expect((await post('/hooks/echo', '{}')).status).toBe(404);
  });

  it('re-runs an execution from the start and erases history by flow', async () => {
    const list = (await (await api('/api/executions?flow=lookup&status=success')).json()) as {
      executions: { id: string }[];
    };
    const original = list.executions[0]!.id;
    const res = await api(`/api/executions/${original}/rerun`, {
      method: 'POST',
      body: JSON.stringify({ from: 'start' }),
    });
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    const rerun = await waitFor(() => {
      const e = server.history.get(executionId);
      return e?.status === 'success' ? e : undefined;
    }, 'the re-run');
    expect(rerun.rerunOf).toBe(original);
    // The caller's token was never stored, in the delivery or the trace.
    expect(JSON.stringify(rerun)).not.toContain('caller-secret-1');

    const erased = (await (await api('/api/executions?flow=lookup', { method: 'DELETE' })).json()) as {
      deleted: number;
    };
    expect(erased.deleted).toBeGreaterThan(1);
    expect(server.history.list({ flow: 'lookup' })).toEqual([]);
  });

  it('re-runs a failed execution from its failed step over the admin API: earlier steps do not run again', async () => {
    const flow = testFlow(
      [
        trigger(),
        webService('first', { method: 'GET', url: `${upstream.url}/conversations/first-{{ trigger.body.n }}` }),
        webService('flaky', { method: 'GET', url: `${upstream.url}/flaky/{{ trigger.body.n }}` }),
        code('after', 'return { first: steps.first.body.id, flaky: steps.flaky.body.fixed };'),
      ],
      [
        ['trigger', 'out', 'first'],
        ['first', 'success', 'flaky'],
        ['flaky', 'success', 'after'],
      ],
      { id: 'resumable', name: 'Resumable' },
    );
    expect((await api('/api/flows/resumable', { method: 'PUT', body: JSON.stringify(flow) })).status).toBe(200);
    const accepted = await fetch(`${server.url}/hooks/resumable`, {
      method: 'POST',
      body: JSON.stringify({ n: 'f1' }),
      headers: { 'content-type': 'application/json' },
    });
    const original = ((await accepted.json()) as { executionId: string }).executionId;
    const failed = await waitFor(() => {
      const e = server.history.get(original);
      return e?.status === 'failed' ? e : undefined;
    }, 'the failed execution');
    expect(failed.error?.nodeName).toBe('flaky');

    flakyUp = true;
    const res = await api(`/api/executions/${original}/rerun`, {
      method: 'POST',
      body: JSON.stringify({ from: 'failed' }),
    });
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    const rerun = await waitFor(() => {
      const e = server.history.get(executionId);
      return e?.status === 'success' ? e : undefined;
    }, 'the re-run from the failed step');
    expect(rerun.rerunOf).toBe(original);
    expect(rerun.trace!.runId).toBe(executionId);
    expect(rerun.trace!.steps.map((s) => s.name)).toEqual(['trigger', 'first', 'flaky', 'after']);
    expect(rerun.trace!.steps[3]!.output).toEqual({ first: 'first-f1', flaky: true });
    // The first node ran once in all (its output came from the saved state), the failed one twice.
    expect(upstream.seen.filter((r) => r.path === '/conversations/first-f1')).toHaveLength(1);
    expect(upstream.seen.filter((r) => r.path === '/flaky/f1')).toHaveLength(2);

    // Only a failed execution with a saved state re-runs from its failed step.
    const refused = await api(`/api/executions/${executionId}/rerun`, {
      method: 'POST',
      body: JSON.stringify({ from: 'failed' }),
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/is success, not failed/);
  });

  it('answers health, readiness and the OpenAPI description', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/flows/{id}/rollback');
  });

  it('verifies HMAC signatures over the raw body', async () => {
    const flow = testFlow([trigger({ auth: { type: 'hmac' } })], [], {
      id: 'signed',
      name: 'Signed',
      credentials: { 'sign-key': { kind: 'hmac' } },
    });
    flow.nodes[0]!.credentials = { auth: 'sign-key' };
    // The server's credentials come from its env; this one was not set, so every caller is refused.
    expect((await api('/api/flows/signed', { method: 'PUT', body: JSON.stringify(flow) })).status).toBe(200);
    const raw = '{ "a":1 }';
    const sig = createHmac('sha256', 'whatever').update(raw).digest('hex');
    const res = await fetch(`${server.url}/hooks/signed`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', 'x-signature': sig },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/no credential/);
  });
});

describe('flowdesk serve --public-url: signatures that cover the URL', () => {
  it('checks a Twilio signature against the public URL, not the address the request reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-serve-twilio-'));
    const flows = join(dir, 'flows');
    mkdirSync(flows);
    const flow = testFlow([trigger({ auth: { type: 'twilio' } })], [], {
      id: 'sms',
      name: 'SMS',
      credentials: { 'twilio-token': { kind: 'hmac' } },
    });
    flow.nodes[0]!.credentials = { auth: 'twilio-token' };
    writeFileSync(join(flows, 'sms.flow.json'), JSON.stringify(flow));
    const server = await startServer({
      paths: [flows],
      port: 0,
      workers: 0,
      db: join(dir, 'h.db'),
      publicUrl: 'https://flows.example.com/',
      env: { ...process.env, FLOWDESK_CRED_TWILIO_TOKEN_SECRET: 'twilio-auth-token-1' },
      log: silent,
    });
    try {
      // What Twilio posts for an incoming SMS, signed the way Twilio signs it.
      const form = 'To=%2B18005551212&From=%2B14158675309&Body=STOP&MessageSid=SM123&AccountSid=AC123';
      const sign = (url: string) => {
        const params = [...new URLSearchParams(form)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return createHmac('sha1', 'twilio-auth-token-1')
          .update(url + params.map(([k, v]) => k + v).join(''))
          .digest('base64');
      };
      const send = (signature: string) =>
        fetch(`${server.url}/hooks/sms?source=twilio`, {
          method: 'POST',
          body: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        });

      const refused = await send(sign(`${server.url}/hooks/sms?source=twilio`));
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toBe(
        'not authorized: X-Twilio-Signature signature does not match the URL and parameters',
      );
      expect(server.history.list({ flow: 'sms' })).toEqual([]);

      const accepted = await send(sign('https://flows.example.com/hooks/sms?source=twilio'));
      expect(accepted.status).toBe(202);
      const { executionId } = (await accepted.json()) as { executionId: string };
      const record = await waitFor(() => {
        const e = server.history.get(executionId);
        return e?.status === 'success' ? e : undefined;
      }, 'the Twilio execution');
      expect(record.trigger.body).toMatchObject({ Body: 'STOP', From: '+14158675309' });
      // The signature is the caller's credential: it is not stored.
      expect(JSON.stringify(record)).not.toContain(sign('https://flows.example.com/hooks/sms?source=twilio'));
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('flowdesk serve: flow parameters from the environment', () => {
  it('runs with FLOWDESK_PARAM_* values and refuses to serve a flow whose parameter has none, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-serve-params-'));
    const upstream = await startTestServer((req, res) => sendJson(res, 200, { path: req.path }));
    const withParams = (params: FlowFile['params']) => {
      const flow = testFlow(
        [trigger(), webService('lookup', { method: 'GET', url: `${upstream.url}/regions/{{ params.region }}` })],
        [['trigger', 'out', 'lookup']],
        { id: 'regional', name: 'Regional' },
      ) as FlowFile;
      flow.params = params;
      return flow;
    };
    const server = await startServer({
      paths: [],
      port: 0,
      workers: 1,
      db: join(dir, 'h.db'),
      adminTokens: `ci=deploy:${TOKEN}`,
      env: { ...process.env, FLOWDESK_PARAM_region: 'mypurecloud.jp' },
      log: silent,
    });
    const deploy = (flow: FlowFile) =>
      fetch(`${server.url}/api/flows/regional`, {
        method: 'PUT',
        body: JSON.stringify(flow),
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      });
    try {
      // A parameter the environment does not give, and no default: every delivery would fail.
      const refused = await deploy(withParams({ region: { type: 'string' }, tenant: { type: 'string' } }));
      expect(refused.status).toBe(422);
      const { issues } = (await refused.json()) as { issues: { message: string; pointer: string }[] };
      expect(issues[0]!.pointer).toBe('/params');
      expect(issues[0]!.message).toContain("'tenant' has no value");
      expect(issues[0]!.message).toContain('FLOWDESK_PARAM_tenant');
      expect(issues[0]!.message).not.toContain('FLOWDESK_PARAM_region');

      // The environment's value wins over the flow's default.
      const served = await deploy(withParams({ region: { type: 'string', default: 'mypurecloud.com' } }));
      expect(served.status).toBe(200);
      const res = await fetch(`${server.url}/hooks/regional`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(202);
      await waitFor(() => (upstream.seen.length > 0 ? true : undefined), 'the upstream call');
      expect(upstream.seen.map((r) => r.path)).toEqual(['/regions/mypurecloud.jp']);
    } finally {
      await server.close();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
