/**
 * The browser designer's host under hostile flows (issue 12): runs go to a child process, so a
 * busy run does not stall the host's other requests and a run that kills its process gets an
 * error answer while the host keeps answering (item 4); a test case cannot read the designer's
 * key file or credentials file (item 6); deep nesting gets a clear answer, not a 500 (item 3).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../core/flow.js';
import { startDesignerServer, type DesignerServer } from '../runtime/hosts/designer/server.js';
import { code, testFlow, trigger, webService } from './support/test-flows.js';

let dir: string;
let workspace: string;
let keyFile: string;
let mark: string;
let server: DesignerServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-designer-hardening-'));
  workspace = join(dir, 'ws');
  await mkdir(join(workspace, 'payloads'), { recursive: true });
  await writeFile(join(workspace, 'payloads', 'ok.json'), '{"a":1}');
  keyFile = join(dir, 'home', '.flowdesk', 'designer.key');
  mark = join(dir, 'started');
  process.env.FLOWDESK_TEST_MARK = mark;
  server = await startDesignerServer({
    workspace,
    rendererDir: join(dir, 'renderer'),
    keyFile,
    credentialsKey: undefined,
    // Reused children keep this suite fast; the default is a fresh process per run.
    runProcess: { modulePath: join(import.meta.dirname, 'support', 'crashing-run-child.ts'), maxCallsPerChild: 50 },
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  delete process.env.FLOWDESK_TEST_MARK;
  await rm(dir, { recursive: true, force: true });
});

async function rpc(method: string, args: unknown[]): Promise<{ status: number; body: string; json: any }> {
  const res = await fetch(`${server.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ args }),
  });
  const body = await res.text();
  return { status: res.status, body, json: JSON.parse(body) };
}

function flowText(name: string, extra: Partial<FlowFile> = {}, source = 'return 1;'): string {
  const flow = testFlow([trigger(), code('work', source)], [['trigger', 'out', 'work']], {
    id: 'f',
    name,
    tests: [{ name: 'runs', trigger: { body: { a: 1 } }, expect: { path: ['trigger', 'work'] } }],
    ...extra,
  });
  return JSON.stringify(flow);
}

describe('designer runs in a child process (item 4)', () => {
  it('answers other requests while a run is busy', async () => {
    // About a second or more of pure computation inside the Code sandbox.
    const busy = flowText(
      'busy __mark_started__',
      {},
      'let x = 0; for (let i = 0; i < 30000000; i++) { x = (x + i) % 1000003; } return x;',
    );
    const text = JSON.parse(busy) as FlowFile;
    (text.nodes[1]!.config as { timeoutMs: number }).timeoutMs = 10_000;
    let runDone = false;
    const run = rpc('runTests', [JSON.stringify(text)]).then((r) => {
      runDone = true;
      return r;
    });
    while (!existsSync(mark)) await new Promise((r) => setTimeout(r, 20));
    const info = await rpc('info', []);
    const validation = await rpc('validateFlow', [flowText('other')]);
    expect(info.status).toBe(200);
    expect(validation.status).toBe(200);
    expect(runDone).toBe(false);
    const report = await run;
    expect(report.status).toBe(200);
    expect(report.json.result.cases).toHaveLength(1);
  }, 60_000);

  it('a run that kills its process gets an error answer, and the host keeps answering', async () => {
    const crashed = await rpc('runTests', [flowText('crash __abort_run_process__')]);
    expect(crashed.status).toBe(500);
    expect(crashed.json.error.message).toMatch(/stopped unexpectedly \(signal SIGABRT\)/);
    const run = await rpc('runFlow', [{ flowText: flowText('crash again __abort_run_process__'), payload: {} }]);
    expect(run.status).toBe(500);
    expect((await rpc('info', [])).status).toBe(200);
    const after = await rpc('runTests', [flowText('fine')]);
    expect(after.status).toBe(200);
    expect(after.json.result).toMatchObject({ passed: 1, failed: 0 });
  }, 60_000);
});

describe("designer test bench stays in the flow's folder (item 6)", () => {
  it("cannot read the designer's key file or credentials file through payloadFile or bodyFile", async () => {
    const saved = await rpc('saveCredential', [{ name: 'crm', kind: 'bearer', fields: { token: 'tok-123456789' } }]);
    expect(saved.status).toBe(200);
    const key = (await readFile(keyFile, 'utf8')).trim();
    const credentials = await readFile(join(workspace, '.flowdesk', 'credentials.enc.json'), 'utf8');
    const targets = [
      keyFile,
      '../home/.flowdesk/designer.key',
      '.flowdesk/credentials.enc.json',
      join(workspace, '.flowdesk', 'credentials.enc.json'),
    ];
    for (const target of targets) {
      const flow = testFlow(
        [trigger(), webService('lookup', { url: 'https://api.example.com/x' })],
        [['trigger', 'out', 'lookup']],
        {
          id: 'leak',
          name: 'Leak',
          tests: [
            { name: 'payload', trigger: { payloadFile: target } },
            {
              name: 'body',
              trigger: { body: {} },
              responses: { lookup: [{ status: 200, bodyFile: target }] },
            },
          ],
        },
      );
      await writeFile(join(workspace, 'leak.flow.json'), JSON.stringify(flow));
      // Opening it makes the workspace the flow's folder, as in real use.
      expect((await rpc('readFlow', ['leak.flow.json'])).status).toBe(200);
      for (const method of ['runTests'] as const) {
        const answer = await rpc(method, [JSON.stringify(flow)]);
        expect(answer.status, target).toBe(200);
        expect(answer.body, target).not.toContain(key);
        expect(answer.body, target).not.toContain(JSON.parse(credentials).data);
        expect(answer.body, target).toMatch(/absolute path|leaves the flow's folder|hidden file/);
        expect(answer.json.result.passed, target).toBe(0);
      }
      const recorded = await rpc('runFlow', [{ flowText: JSON.stringify(flow), payload: {}, recordedFrom: 'body' }]);
      expect(recorded.body).not.toContain(key);
      expect(recorded.body).toMatch(/absolute path|leaves the flow's folder|hidden file/);
    }
  }, 60_000);
});

describe('deep nesting in the designer (item 3)', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  // A real flow carrying the deep value in a test case: a bare array would be refused as "not a
  // flow" before anything recursive ran, and so would not show the guard at work.
  const deepFlow = () =>
    flowText('deep', {
      tests: [{ name: 'deep', trigger: { body: '<deep>' }, expect: { path: ['trigger', 'work'] } }],
    }).replace('"<deep>"', deep);

  it('validateFlow names the limit instead of failing with 500', async () => {
    const answer = await rpc('validateFlow', [deepFlow()]);
    expect(answer.status).toBe(200);
    expect(answer.json.result.issues[0]).toMatchObject({ severity: 'error', code: 'too-deep' });
    expect(answer.json.result.issues[0].message).toMatch(/nested more than 128 levels deep/);
  });

  it('runTests and runFlow refuse a deep flow or payload with 400 and a clear message', async () => {
    const tests = await rpc('runTests', [deepFlow()]);
    expect(tests.status).toBe(200);
    expect(tests.json.result.errors[0].message).toMatch(/nested more than 128 levels deep/);
    const payload = await fetch(`${server.url}/api/rpc/runFlow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: `{"args":[{"flowText":${JSON.stringify(flowText('ok'))},"payload":{"a":${deep}}}]}`,
    });
    expect(payload.status).toBe(400);
    expect(((await payload.json()) as { error: { message: string } }).error.message).toBe(
      'runFlow: request is nested more than 128 levels deep (objects and arrays inside each other); Flowdesk refuses deeper JSON',
    );
  });
});
