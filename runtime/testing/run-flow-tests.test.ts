import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile, FlowTest } from '../../core/flow.js';
import { condition, testFlow, trigger, webService } from '../../test/support/test-flows.js';
import { FlowLoadError } from '../engine/errors.js';
import { recordedRunCredentials, runFlowTests, runTestFiles, runTrigger } from './run-flow-tests.js';

let dir: string;

function flowWith(tests: FlowTest[]): FlowFile {
  return testFlow(
    [
      trigger({ fields: [{ name: 'userId', path: '$.userId' }] }),
      webService(
        'getUser',
        {
          url: 'https://api.example.com/users/{{ vars.userId }}',
          auth: { type: 'bearer' },
          retry: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10_000 },
          mapping: [{ path: '$.tier', field: 'tier' }],
        },
        { auth: 'api' },
      ),
      condition('isGold', [{ left: 'vars.tier', operator: 'equals', right: 'gold' }]),
      webService('notify', {
        method: 'POST',
        url: 'https://hooks.example.com/gold',
        body: { type: 'json', json: { user: '{{ vars.userId }}', tier: '{{ vars.tier }}' } },
      }),
    ],
    [
      ['trigger', 'out', 'getUser'],
      ['getUser', 'success', 'isGold'],
      ['isGold', 'true', 'notify'],
    ],
    { credentials: { api: { kind: 'bearer', allowedOrigins: ['https://api.example.com'] } }, tests },
  );
}

const goldUser: FlowTest = {
  name: 'gold user is notified',
  trigger: { payloadFile: 'payloads/gold.json' },
  responses: { getUser: [{ status: 200, bodyFile: 'payloads/user-gold.json' }], notify: [{ status: 204 }] },
  expect: {
    path: ['trigger', 'getUser', 'isGold', 'notify'],
    steps: { getUser: { status: 200, fields: { tier: 'gold' } } },
    vars: { tier: 'gold' },
    requests: [
      {
        node: 'getUser',
        method: 'GET',
        url: 'https://api.example.com/users/*',
        headers: { authorization: '[redacted]' },
      },
      { node: 'notify', method: 'POST', body: { user: 'u-7', tier: 'gold' }, count: 1 },
    ],
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-tests-'));
  await mkdir(join(dir, 'payloads'));
  await writeFile(join(dir, 'payloads', 'gold.json'), JSON.stringify({ userId: 'u-7' }));
  await writeFile(join(dir, 'payloads', 'user-gold.json'), JSON.stringify({ id: 'u-7', tier: 'gold' }));
});

async function writeFlow(name: string, flow: FlowFile | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof flow === 'string' ? flow : JSON.stringify(flow, null, 2));
  return path;
}

describe('runFlowTests', () => {
  it('passes a case whose expectations hold, with payload and body files relative to the flow', async () => {
    const path = await writeFlow('pass.flow.json', flowWith([goldUser]));
    const [result] = await runFlowTests(path, { env: {} });
    expect(result!.failures).toEqual([]);
    expect(result!.passed).toBe(true);
    expect(result!.testName).toBe('gold user is notified');
    // Placeholder credentials: the request was built as live, the value never shows.
    const headers = result!.trace.steps[1]!.requests.find((r) => r.purpose === 'main')!.headers;
    expect(Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1]).toBe('[redacted]');
  });

  it('fails with what was checked, expected and actual', async () => {
    const wrong: FlowTest = {
      ...goldUser,
      name: 'expects silver',
      expect: { path: ['trigger', 'getUser', 'isGold'], steps: { getUser: { fields: { tier: 'silver' } } } },
    };
    const path = await writeFlow('fail.flow.json', flowWith([wrong]));
    const [result] = await runFlowTests(path, { env: {} });
    expect(result!.passed).toBe(false);
    expect(result!.failures.map((f) => f.what)).toEqual(['path', 'steps.getUser.fields.tier']);
    expect(result!.failures[0]!.message).toContain(
      'expected the path trigger → getUser → isGold, got trigger → getUser → isGold → notify',
    );
    expect(result!.failures[1]).toMatchObject({
      expected: 'silver',
      actual: 'gold',
      message: 'expected "silver", got "gold"',
    });
  });

  it('honours a recorded 429 with Retry-After without waiting for it', async () => {
    const throttled: FlowTest = {
      name: 'throttled then ok',
      trigger: { body: { userId: 'u-7' } },
      responses: {
        getUser: [
          { status: 429, headers: { 'Retry-After': '9' } },
          { status: 200, body: { tier: 'bronze' } },
        ],
      },
      expect: {
        path: ['trigger', 'getUser', 'isGold'],
        requests: [{ node: 'getUser', count: 2 }],
        vars: { tier: 'bronze' },
      },
    };
    const path = await writeFlow('throttle.flow.json', flowWith([throttled]));
    const [result] = await runFlowTests(path, { env: {} });
    expect(result!.failures).toEqual([]);
    const requests = result!.trace.steps[1]!.requests.filter((r) => r.purpose === 'main');
    expect(requests.map((r) => r.status)).toEqual([429, 200]);
    expect(requests[0]!.retryInMs).toBe(9000);
    expect(result!.durationMs).toBeLessThan(9000);
  });

  it('simulates a timeout that fails the run naming the node', async () => {
    const timeout: FlowTest = {
      name: 'upstream times out',
      trigger: { body: { userId: 'u-7' } },
      responses: { getUser: [{ simulate: 'timeout' }] },
      expect: { outcome: 'failed', error: "Web Service 'getUser' failed", notVisited: ['isGold'] },
    };
    const path = await writeFlow('timeout.flow.json', flowWith([timeout]));
    const [result] = await runFlowTests(path, { env: {} });
    expect(result!.failures).toEqual([]);
    expect(result!.trace.steps[1]!.requests).toHaveLength(3); // first attempt + 2 retries
  });

  it('reports a node without recorded responses in words', async () => {
    const missing: FlowTest = {
      name: 'forgot notify',
      trigger: { body: { userId: 'u-7' } },
      responses: { getUser: [{ body: { tier: 'gold' } }] },
    };
    const path = await writeFlow('missing.flow.json', flowWith([missing]));
    const [result] = await runFlowTests(path, { env: {} });
    expect(result!.passed).toBe(false);
    expect(result!.failures[0]!.message).toContain(
      "no recorded response for node 'notify' — add one to the test case or run with --live",
    );
  });

  it('runs one case by name and says which exist when the name is wrong', async () => {
    const path = await writeFlow('two.flow.json', flowWith([goldUser, { ...goldUser, name: 'second' }]));
    expect((await runFlowTests(path, { env: {}, testName: 'second' })).map((r) => r.testName)).toEqual(['second']);
    await expect(runFlowTests(path, { env: {}, testName: 'third' })).rejects.toThrow(
      "no test case named 'third' (it has 'gold user is notified', 'second')",
    );
  });

  it('takes flow text with a path, as the designer does', async () => {
    const results = await runFlowTests(
      { text: JSON.stringify(flowWith([goldUser])), path: join(dir, 'unsaved.flow.json') },
      { env: {} },
    );
    expect(results[0]!.passed).toBe(true);
  });

  it('throws FlowLoadError for an invalid flow', async () => {
    const bad = flowWith([goldUser]);
    (bad.nodes[1]!.config as { url: string }).url = '';
    const path = await writeFlow('invalid.flow.json', bad);
    await expect(runFlowTests(path)).rejects.toBeInstanceOf(FlowLoadError);
  });
});

describe('form posts in test cases', () => {
  it("reads a case's form payload file as the server reads a form post: an object, JSON text fields parsed", async () => {
    await writeFile(
      join(dir, 'payloads', 'task-created.form'),
      'EventType=task.created&TaskSid=WT0001&TaskAttributes=%7B%22zd_ticket_id%22%3A%2212345%22%7D\n',
    );
    const flow = testFlow(
      [
        trigger({
          jsonFields: ['TaskAttributes'],
          fields: [{ name: 'ticketId', path: '$.TaskAttributes.zd_ticket_id' }],
        }),
        webService('addNote', {
          method: 'PUT',
          url: 'https://example.zendesk.com/api/v2/tickets/{{ vars.ticketId }}.json',
          body: { type: 'json', json: { task: '{{ trigger.body.TaskSid }}' } },
        }),
      ],
      [['trigger', 'out', 'addNote']],
      {
        tests: [
          {
            name: 'existing ticket',
            trigger: {
              payloadFile: 'payloads/task-created.form',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            },
            responses: { addNote: [{ status: 200 }] },
            expect: {
              vars: { ticketId: '12345' },
              requests: [
                {
                  node: 'addNote',
                  url: 'https://example.zendesk.com/api/v2/tickets/12345.json',
                  body: { task: 'WT0001' },
                },
              ],
            },
          },
        ],
      },
    );
    const [result] = await runFlowTests(await writeFlow('form.flow.json', flow), { env: {} });
    expect(result!.failures).toEqual([]);
    expect(result!.trace.steps[0]!.output).toEqual({
      EventType: 'task.created',
      TaskSid: 'WT0001',
      TaskAttributes: { zd_ticket_id: '12345' },
    });
  });
});

describe('runTestFiles', () => {
  it('runs every *.flow.json under a directory and turns load problems into report errors', async () => {
    const sub = join(dir, 'suite');
    await mkdir(join(sub, 'nested'), { recursive: true });
    await mkdir(join(sub, 'payloads'), { recursive: true });
    await writeFile(join(sub, 'payloads', 'gold.json'), JSON.stringify({ userId: 'u-7' }));
    await writeFile(join(sub, 'payloads', 'user-gold.json'), JSON.stringify({ tier: 'gold' }));
    await writeFile(join(sub, 'a.flow.json'), JSON.stringify(flowWith([goldUser])));
    await writeFile(join(sub, 'nested', 'b.flow.json'), '{ "id": "b", nope }');
    await writeFile(join(sub, 'not-a-flow.json'), '{}');
    const report = await runTestFiles([sub, join(dir, 'does-not-exist')], { env: {} });
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(0);
    expect(report.errors.map((e) => e.file)).toEqual([join(dir, 'does-not-exist'), join(sub, 'nested', 'b.flow.json')]);
    expect(report.errors[1]!.message).toMatch(/not valid JSON: line 1, column \d+/);
  });
});

describe('runTrigger: one rule for every host (issue 6)', () => {
  const signed: FlowTest = {
    name: 'signed',
    trigger: { body: { id: 1 }, headers: { 'x-signature': 'sig-for-case-body' }, query: { region: 'eu' } },
  };

  it("takes the case's body, headers and query when nothing replaces them", async () => {
    expect(await runTrigger(signed, undefined, '.')).toEqual({
      body: { id: 1 },
      headers: { 'x-signature': 'sig-for-case-body' },
      query: { region: 'eu' },
    });
  });

  it("gives a replaced body only its own headers and query, never the case's", async () => {
    expect(await runTrigger(signed, { body: { id: 2 } }, '.')).toEqual({ body: { id: 2 }, headers: {}, query: {} });
    expect(await runTrigger(signed, { body: { id: 2 }, headers: { 'x-signature': 'other' } }, '.')).toEqual({
      body: { id: 2 },
      headers: { 'x-signature': 'other' },
      query: {},
    });
  });

  it("refuses a case's payload file outside the flow's folder", async () => {
    const outside: FlowTest = { name: 'out', trigger: { payloadFile: '../outside.json' } };
    await expect(runTrigger(outside, undefined, dir)).rejects.toThrow(/leaves the flow's folder/);
  });
});

describe('recordedRunCredentials: the sources of a live run, then placeholders (issue 6)', () => {
  const flow = { credentials: { crm: { kind: 'bearer' } } } as unknown as FlowFile;

  it('prefers a configured credential and falls back to a placeholder', async () => {
    const configured = await recordedRunCredentials(flow, { FLOWDESK_CRED_CRM_TOKEN: 'real-token' }).get('crm');
    expect(configured?.fields).toEqual({ token: 'real-token' });
    const placeholder = await recordedRunCredentials(flow, {}).get('crm');
    expect(placeholder?.kind).toBe('bearer');
    expect(placeholder?.fields.token).not.toBe('real-token');
  });
});
