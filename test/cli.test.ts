/**
 * The built `flowdesk` command, spawned as a user runs it: exit codes and messages for the
 * cases an admin or a CI job meets (missing file, bad JSON, invalid flow, payload refused by
 * the input schema, passing and failing tests, JUnit, schema).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowFile, FlowTest } from '../core/flow.js';
import { taskRouterExampleForm } from './support/taskrouter-example.js';
import { condition, testFlow, trigger, webService } from './support/test-flows.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'flowdesk.js');
const BUILT = join(ROOT, 'dist', 'runtime', 'hosts', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const sources = Math.max(...['core', 'runtime', 'nodes'].map((d) => newestSource(join(ROOT, d))));
  if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < sources) {
    // Emits even when another layer has a type error, so the CLI can still be exercised.
    spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
  }
  if (!existsSync(BUILT)) throw new Error('the CLI did not build (npx tsc -p tsconfig.build.json)');
}, 120_000);

function flowdesk(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? dir,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, NO_COLOR: '1', FLOWDESK_DEBUG: '', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;

const passing: FlowTest = {
  name: 'gold customer routed to vip',
  trigger: { body: { customerId: 'c-1', tier: 'gold' } },
  responses: { lookup: [{ status: 200, body: { queue: 'vip' } }] },
  expect: { path: ['trigger', 'isGold', 'lookup'], steps: { lookup: { fields: { queue: 'vip' } } } },
};

function flow(tests: FlowTest[]): FlowFile {
  return testFlow(
    [
      trigger({
        inputSchema: {
          type: 'object',
          required: ['customerId'],
          properties: { customerId: { type: 'string' }, tier: { type: 'string' } },
        },
      }),
      condition('isGold', [{ left: 'trigger.body.tier', operator: 'equals', right: 'gold' }]),
      webService('lookup', {
        url: 'https://api.example.com/queues/{{ trigger.body.customerId }}',
        mapping: [{ path: 'queue', field: 'queue' }],
      }),
    ],
    [
      ['trigger', 'out', 'isGold'],
      ['isGold', 'true', 'lookup'],
    ],
    { id: 'routing', name: 'Routing', tests },
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-cli-'));
  await mkdir(join(dir, 'flows'));
  await writeFile(join(dir, 'flows', 'ok.flow.json'), JSON.stringify(flow([passing]), null, 2));
  const failing: FlowTest = {
    ...passing,
    name: 'expects standard queue',
    expect: { steps: { lookup: { fields: { queue: 'standard' } } } },
  };
  await mkdir(join(dir, 'failing'));
  await writeFile(join(dir, 'failing', 'bad-expectation.flow.json'), JSON.stringify(flow([passing, failing]), null, 2));
  await writeFile(join(dir, 'broken.flow.json'), '{\n  "id": "x",\n  "nodes": [\n    { "id": "a" },\n  ]\n}\n');
  const invalid = flow([]);
  (invalid.nodes[2]!.config as { url: string }).url = '';
  await writeFile(join(dir, 'invalid.flow.json'), JSON.stringify(invalid, null, 2));
  await writeFile(join(dir, 'good-payload.json'), JSON.stringify({ customerId: 'c-9', tier: 'gold' }));
  await writeFile(join(dir, 'bad-payload.json'), JSON.stringify({ tier: 'gold' }));
  await mkdir(join(dir, 'notests'));
  await writeFile(join(dir, 'notests', 'none.flow.json'), JSON.stringify(flow([]), null, 2));
});

describe('flowdesk (spawned)', () => {
  it('exits 3 and names the file when it does not exist', () => {
    const r = flowdesk(['validate', 'nope.flow.json']);
    expect(r.code).toBe(3);
    expect(r.out + r.err).toContain('nope.flow.json: flow file not found');
    expect(flowdesk(['run', 'nope.flow.json']).code).toBe(3);
  });

  it('exits 2 on bad JSON with the line and column', () => {
    const r = flowdesk(['validate', 'broken.flow.json']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/broken\.flow\.json.*not valid JSON: line 5, column 3/);
    const run = flowdesk(['run', 'broken.flow.json', '--payload', 'good-payload.json']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/line 5, column 3/);
    expect(run.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 on an invalid flow, naming the node and the field', () => {
    const r = flowdesk(['validate', 'invalid.flow.json', 'flows/ok.flow.json']);
    expect(r.code).toBe(2);
    expect(r.out).toContain("invalid.flow.json: Web Service 'lookup' (/nodes/2/config/url)");
    expect(r.out).toContain('✓ flows/ok.flow.json');
    const json = JSON.parse(flowdesk(['validate', '--json', 'invalid.flow.json']).out) as {
      valid: boolean;
      issues: { nodeId?: string }[];
    }[];
    expect(json[0]!.valid).toBe(false);
    expect(json[0]!.issues.some((i) => i.nodeId === 'n-lookup')).toBe(true);
  });

  it('runs a flow with recorded responses and prints the trace tree', () => {
    const r = flowdesk(['run', 'flows/ok.flow.json', '--payload', 'good-payload.json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('isGold (condition) → true');
    expect(r.out).toContain('GET https://api.example.com/queues/c-9 → 200');
    expect(r.out).toContain('field queue = "vip"  ← $.queue');
    expect(r.out).toContain('✓ success');
    const json = JSON.parse(
      flowdesk(['run', 'flows/ok.flow.json', '--payload', '-', '--json'], {
        input: '{"customerId":"c-2","tier":"gold"}',
      }).out,
    );
    expect(json.status).toBe('success');
  });

  it('exits 2 when the payload fails the webhook input schema', () => {
    const r = flowdesk(['run', 'flows/ok.flow.json', '--payload', 'bad-payload.json']);
    expect(r.code).toBe(2);
    expect(r.out).toContain("payload does not match the webhook's input schema");
  });

  it('exits 0 when every test passes', () => {
    const r = flowdesk(['test', 'flows']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ gold customer routed to vip');
    expect(r.out).toContain('1 passed');
    // With no argument it tests ./flows.
    expect(flowdesk(['test']).code).toBe(0);
  });

  it('exits 1 on a failing test, with a readable difference', () => {
    const r = flowdesk(['test', 'failing']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ expects standard queue');
    expect(r.out).toContain('steps.lookup.fields.queue: expected "standard", got "vip"');
    expect(r.out).toContain('1 failed, 1 passed');
  });

  it('writes JUnit XML for CI', async () => {
    const r = flowdesk(['test', 'failing', 'flows', '--reporter', 'junit', '--output', 'out/junit.xml']);
    expect(r.code).toBe(1);
    const xml = await readFile(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="flowdesk" tests="3" failures="1" errors="0"/,
    );
    expect(xml).toContain('<testcase classname="failing/bad-expectation.flow.json" name="expects standard queue"');
    expect(xml).toContain(
      '<failure message="steps.lookup.fields.queue: expected &quot;standard&quot;, got &quot;vip&quot;"',
    );
  });

  it('names a flow that has no test cases', () => {
    const r = flowdesk(['test', 'notests']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('notests/none.flow.json — no test cases');
    expect(r.out).toContain('No test cases found.');
  });

  it('exits 2 for a flow file that cannot be loaded during test', () => {
    const r = flowdesk(['test', 'broken.flow.json']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('broken.flow.json');
  });

  it('prints the flow JSON Schema', () => {
    const r = flowdesk(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out) as Record<string, unknown>;
    expect(schema.$schema).toContain('2020-12');
  });

  it('exits 2 on a usage error', () => {
    expect(flowdesk(['run']).code).toBe(2);
    expect(flowdesk(['frobnicate']).code).toBe(2);
    expect(flowdesk(['run', 'flows/ok.flow.json', '--timeout', 'soon']).code).toBe(2);
  });

  it('stores credentials encrypted and never prints their values', async () => {
    const env = {
      FLOWDESK_CREDENTIALS_FILE: join(dir, 'creds', 'c.enc.json'),
      FLOWDESK_CREDENTIALS_KEY: 'correct horse battery staple',
    };
    const set = flowdesk(
      ['credentials', 'set', 'genesys', '--kind', 'bearer', '--allowed-origin', 'https://api.mypurecloud.com'],
      {
        env,
        input: 'tok-very-secret-42\n',
      },
    );
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    const file = await readFile(env.FLOWDESK_CREDENTIALS_FILE, 'utf8');
    expect(file).not.toContain('tok-very-secret-42');
    const list = flowdesk(['credentials', 'list', '--json'], { env });
    expect(JSON.parse(list.out)).toEqual([
      { name: 'genesys', kind: 'bearer', fieldsSet: ['token'], allowedOrigins: ['https://api.mypurecloud.com'] },
    ]);
    expect(list.out).not.toContain('tok-very-secret-42');
    expect(flowdesk(['credentials', 'delete', 'genesys'], { env }).code).toBe(0);
    expect(flowdesk(['credentials', 'delete', 'genesys'], { env }).code).toBe(1);
    expect(flowdesk(['credentials', 'list'], { env: { ...env, FLOWDESK_CREDENTIALS_KEY: '' } }).code).toBe(2);
  });

  it('never echoes a --field value given without a field name', () => {
    const env = {
      FLOWDESK_CREDENTIALS_FILE: join(dir, 'creds', 'nameless.enc.json'),
      FLOWDESK_CREDENTIALS_KEY: 'correct horse battery staple',
    };
    for (const field of ['fake-secret-typed-alone', '=fake-secret-after-equals']) {
      const r = flowdesk(['credentials', 'set', 'x', '--kind', 'bearer', '--field', field], { env });
      expect(r.code).toBe(2);
      expect(r.err).toContain('--field expects name=value');
      expect(r.err).not.toContain('fake-secret');
    }
  });

  it('runs a form post given with --payload --form as the server reads it (a real TaskRouter event)', async () => {
    await writeFile(
      join(dir, 'worker-event.form'),
      taskRouterExampleForm('twilio-taskrouter-event-worker.attributes.update-example.txt'),
    );
    const formFlow = testFlow(
      [
        trigger({
          jsonFields: ['WorkerAttributes'],
          fields: [{ name: 'email', path: '$.WorkerAttributes.email' }],
        }),
      ],
      [],
    );
    await writeFile(join(dir, 'form.flow.json'), JSON.stringify(formFlow));
    const r = flowdesk(['run', 'form.flow.json', '--payload', 'worker-event.form', '--form', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).vars).toEqual({ email: 'bugsbunny@twilio.com' });
    // Without --form the same file is read as JSON and refused.
    expect(flowdesk(['run', 'form.flow.json', '--payload', 'worker-event.form']).code).toBe(2);
  });

  it('answers from a --mock file instead of the test case', async () => {
    await writeFile(join(dir, 'mock.json'), JSON.stringify({ lookup: { status: 200, body: { queue: 'mocked' } } }));
    const r = flowdesk([
      'run',
      'flows/ok.flow.json',
      '--payload',
      'good-payload.json',
      '--mock',
      'mock.json',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).vars).toEqual({ queue: 'mocked' });
    expect(flowdesk(['run', 'flows/ok.flow.json', '--payload', 'good-payload.json', '--mock', 'nope.json']).code).toBe(
      3,
    );
  });

  it('runs --live against a real server with the credential from the environment, never printing it', async () => {
    const secret = 'live-secret-token-987';
    let sawAuth: string | undefined;
    const server = createServer((req, res) => {
      sawAuth = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ queue: 'live', echo: req.headers.authorization }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const live = flow([]);
    live.credentials = { api: { kind: 'bearer' } };
    live.nodes[2]!.credentials = { auth: 'api' };
    Object.assign(live.nodes[2]!.config, {
      url: `http://127.0.0.1:${port}/queues/{{ trigger.body.customerId }}`,
      auth: { type: 'bearer' },
      mapping: [
        { path: 'queue', field: 'queue' },
        { path: 'echo', field: 'echo' },
      ],
    });
    await writeFile(join(dir, 'live.flow.json'), JSON.stringify(live));
    // Async spawn: the server answers from this process's event loop.
    const child = spawn(process.execPath, [BIN, 'run', 'live.flow.json', '--payload', 'good-payload.json', '--live'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', FLOWDESK_CRED_API_TOKEN: secret },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    server.close();
    expect(code).toBe(0);
    expect(sawAuth).toBe(`Bearer ${secret}`);
    expect(out).toContain(`GET http://127.0.0.1:${port}/queues/c-9 → 200`);
    expect(out).toContain('field queue = "live"');
    expect(out).not.toContain(secret);
  });
});
