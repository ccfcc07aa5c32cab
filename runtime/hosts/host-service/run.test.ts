import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testFlow, trigger, webService } from '../../../test/support/test-flows.js';
import { validateFlowText } from './flow-text.js';
import { runFlow, runTests } from './run.js';

const FLOWS = join(import.meta.dirname, '../../../flows');
const NOWHERE = join(import.meta.dirname, 'no-such-dir');
let reference: string;

beforeAll(async () => {
  reference = await readFile(join(FLOWS, 'qualtrics-genesys-post-interaction.flow.json'), 'utf8');
});

describe('runTests (test bench)', () => {
  it("runs the flow's own cases from its text, finding payload files in the flows folder", async () => {
    const report = await runTests(reference, undefined, { baseDirs: [NOWHERE, FLOWS] });
    expect(report.errors).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(JSON.parse(reference).tests.length);
    expect(report.cases[0]!.flowFile).toBe('unsaved flow');
  });

  it('runs one case by name and explains an unknown name', async () => {
    const name = JSON.parse(reference).tests[1].name as string;
    const one = await runTests(reference, name, { baseDirs: [FLOWS], fileName: 'flows/ref.flow.json' });
    expect(one.cases.map((c) => c.testName)).toEqual([name]);
    expect(one.cases[0]!.flowFile).toBe('flows/ref.flow.json');
    const unknown = await runTests(reference, 'nope', { baseDirs: [FLOWS] });
    expect(unknown.errors[0]!.message).toMatch(/no test case named 'nope'/);
    expect(unknown.errors[0]!.message).not.toContain('__designer__');
  });

  it('reports an invalid flow as an error, not a crash', async () => {
    const report = await runTests('{"nodes": []}', undefined, { baseDirs: [FLOWS] });
    expect(report.cases).toEqual([]);
    expect(report.errors).toHaveLength(1);
  });
});

describe('runFlow', () => {
  it('runs recorded from a test case, with no network and placeholder credentials', async () => {
    const flow = JSON.parse(reference);
    const test = flow.tests[0];
    const payload = JSON.parse(await readFile(join(FLOWS, test.trigger.payloadFile), 'utf8'));
    const trace = await runFlow(
      { flowText: reference, payload, recordedFrom: test.name },
      { baseDirs: [FLOWS] },
      { get: async () => undefined },
    );
    expect(trace.status).toBe('success');
    expect(trace.steps.map((s) => s.name)).toEqual(test.expect.path);
  });

  it('refuses an unknown test case by name', async () => {
    await expect(
      runFlow(
        { flowText: reference, payload: {}, recordedFrom: 'nope' },
        { baseDirs: [FLOWS] },
        { get: async () => undefined },
      ),
    ).rejects.toThrow(/no test case named 'nope'/);
  });

  describe('live', () => {
    let server: Server;
    let origin: string;
    const seen: { url?: string; auth?: string }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ url: req.url, auth: req.headers.authorization });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: 'u-1', name: 'Aiko Tanaka' }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('sends real requests with the credentials it is given', async () => {
      const flow = testFlow(
        [
          trigger(),
          webService(
            'getUser',
            {
              url: `${origin}/users/{{ trigger.body.userId }}`,
              auth: { type: 'bearer' },
              mapping: [{ path: 'name', field: 'agentName' }],
            },
            { auth: 'api' },
          ),
        ],
        [['trigger', 'out', 'getUser']],
        { id: 'live-check', credentials: { api: { kind: 'bearer', allowedOrigins: [origin] } } },
      );
      const text = JSON.stringify(flow);
      expect(validateFlowText(text).issues.filter((i) => i.severity === 'error')).toEqual([]);
      const trace = await runFlow(
        { flowText: text, payload: { userId: 'u 1' } },
        { baseDirs: [FLOWS] },
        {
          get: async (name) =>
            name === 'api' ? { kind: 'bearer', fields: { token: 'live-bearer-token-42' } } : undefined,
        },
      );
      expect(trace.status).toBe('success');
      expect(trace.vars).toMatchObject({ agentName: 'Aiko Tanaka' });
      expect(seen.at(-1)).toEqual({ url: '/users/u%201', auth: 'Bearer live-bearer-token-42' });
      expect(JSON.stringify(trace)).not.toContain('live-bearer-token-42');
    });

    it('hands the trigger headers it is given to the run', async () => {
      const flow = testFlow(
        [
          trigger(),
          webService('getUser', {
            url: `${origin}/tenants/{{ trigger.headers.tenant }}/users/{{ trigger.body.userId }}`,
          }),
        ],
        [['trigger', 'out', 'getUser']],
        { id: 'live-headers' },
      );
      const trace = await runFlow(
        { flowText: JSON.stringify(flow), payload: { userId: 'u-2' }, headers: { tenant: 'acme' } },
        { baseDirs: [FLOWS] },
        { get: async () => undefined },
      );
      expect(trace.status).toBe('success');
      expect(seen.at(-1)?.url).toBe('/tenants/acme/users/u-2');
    });
  });
});
