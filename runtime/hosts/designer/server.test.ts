import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, testFlow, trigger } from '../../../test/support/test-flows.js';
import { startDesignerServer, type DesignerServer } from './server.js';

const REFERENCE = join(import.meta.dirname, '../../../flows/qualtrics-genesys-post-interaction.flow.json');

let dir: string;
let workspace: string;
let server: DesignerServer;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-designer-'));
  workspace = join(dir, 'ws');
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await mkdir(workspace, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Flowdesk</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.flow.json'), '{"outside": true}');
  server = await startDesignerServer({
    workspace,
    rendererDir,
    keyFile: join(dir, 'home', '.flowdesk', 'designer.key'),
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can send any Host/Origin header (fetch would not). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function rpc(
  method: string,
  args: unknown[],
  opts: { token?: string | null; headers?: Record<string, string> } = {},
) {
  const token = opts.token === undefined ? server.token : opts.token;
  const answer = await raw(
    'POST',
    `/api/rpc/${method}`,
    {
      'content-type': 'application/json',
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      ...opts.headers,
    },
    JSON.stringify({ args }),
  );
  return { status: answer.status, json: JSON.parse(answer.body) as { result?: any; error?: { message: string } } };
}

describe('designer server: access', () => {
  it('listens on 127.0.0.1 and prints nothing itself', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses RPC without a token or with a wrong one (401)', async () => {
    const none = await rpc('info', [], { token: null });
    expect(none.status).toBe(401);
    expect(none.json.error?.message).toMatch(/token/);
    const wrong = await rpc('info', [], {
      token: server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A'),
    });
    expect(wrong.status).toBe(401);
    const ok = await rpc('info', []);
    expect(ok.status).toBe(200);
    expect(ok.json.result).toMatchObject({ kind: 'browser' });
    const ja = await rpc('info', [], { headers: { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' } });
    expect(ja.json.result.locale).toBe('ja-JP');
  });

  it('uses a different token on every start', async () => {
    const other = await startDesignerServer({
      workspace,
      rendererDir: join(dir, 'renderer'),
      keyFile: join(dir, 'k2'),
    });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });

  it('says plainly when the port is taken', async () => {
    await expect(
      startDesignerServer({ port, workspace, rendererDir: join(dir, 'renderer'), keyFile: join(dir, 'k3') }),
    ).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebound = await raw('GET', '/', { host: `evil.example:${port}` });
    expect(rebound.status).toBe(403);
    const rpcRebound = await rpc('info', [], { headers: { host: `attacker.test:${port}` } });
    expect(rpcRebound.status).toBe(403);
    const wrongPort = await raw('GET', '/', { host: `127.0.0.1:${port + 1}` });
    expect(wrongPort.status).toBe(403);
    const localhost = await raw('GET', '/', { host: `localhost:${port}` });
    expect(localhost.status).toBe(200);
    const origin = await rpc('info', [], { headers: { origin: 'https://evil.example' } });
    expect(origin.status).toBe(403);
    const sameOrigin = await rpc('info', [], { headers: { origin: `http://127.0.0.1:${port}` } });
    expect(sameOrigin.status).toBe(200);
  });

  it('serves the renderer with CSP and nosniff, and no file outside it', async () => {
    const index = await raw('GET', '/', { host: `127.0.0.1:${port}` });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('Flowdesk');
    const js = await raw('GET', '/assets/app.js', { host: `127.0.0.1:${port}` });
    expect(js.headers['content-type']).toMatch(/javascript/);
    const escape = await raw('GET', '/%2e%2e/secret.flow.json', { host: `127.0.0.1:${port}` });
    expect([400, 404]).toContain(escape.status);
    expect(escape.body).not.toContain('outside');
  });

  it('refuses unknown methods and bad arguments with clear messages', async () => {
    expect((await rpc('deleteEverything', [])).status).toBe(404);
    const bad = await rpc('saveFlow', [42]);
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toBe('saveFlow: text must be string');
    const tooMany = await rpc('readFlow', ['a.flow.json', 'b']);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error?.message).toMatch(/readFlow takes \(path\)/);
    const badCred = await rpc('saveCredential', [{ name: 'x', kind: 'nope', fields: {} }]);
    expect(badCred.status).toBe(400);
    expect(badCred.json.error?.message).toMatch(/credential\.kind must be equal to one of the allowed values/);
  });
});

describe('designer server: files stay in the workspace', () => {
  it('refuses .. traversal, absolute paths outside and symlinks leading out', async () => {
    const up = await rpc('readFlow', ['../secret.flow.json']);
    expect(up.status).toBe(400);
    expect(up.json.error?.message).toMatch(/'\.\.'.*inside the workspace/);
    const abs = await rpc('readFlow', [join(dir, 'secret.flow.json')]);
    expect(abs.status).toBe(400);
    expect(abs.json.error?.message).toMatch(/outside the workspace/);
    const save = await rpc('saveFlow', ['{}', 'sub/../../evil.flow.json']);
    expect(save.status).toBe(400);
    await symlink(dir, join(workspace, 'link'));
    const viaLink = await rpc('readFlow', ['link/secret.flow.json']);
    expect(viaLink.status).toBe(400);
    expect(viaLink.json.error?.message).toMatch(/symbolic link/);
    const notFlow = await rpc('readFlow', ['notes.txt']);
    expect(notFlow.status).toBe(400);
    const missing = await rpc('readFlow', ['nothing.flow.json']);
    expect(missing.status).toBe(404);
    expect(missing.json.error?.message).toMatch(/does not exist/);
  });

  it('validates, saves, lists, reopens and exports a flow', async () => {
    const text = await readFile(REFERENCE, 'utf8');
    const validation = await rpc('validateFlow', [text]);
    expect(validation.status).toBe(200);
    expect(validation.json.result.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    const canonical: string = validation.json.result.canonical;

    const saved = await rpc('saveFlow', [canonical, 'flows/reference.flow.json']);
    expect(saved.json.result).toEqual({ path: 'flows/reference.flow.json' });
    expect(await readFile(join(workspace, 'flows/reference.flow.json'), 'utf8')).toBe(canonical);
    expect((await rpc('listFlows', [])).json.result).toContain('flows/reference.flow.json');

    const opened = await rpc('readFlow', ['flows/reference.flow.json']);
    expect(opened.json.result).toEqual({ path: 'flows/reference.flow.json', text: canonical });
    expect((await rpc('recentFlows', [])).json.result[0]).toBe('flows/reference.flow.json');

    const exported = await rpc('exportFlow', [canonical, 'Qualtrics → Genesys']);
    expect(exported.status).toBe(200);
    expect(exported.json.result.path).toMatch(/^export\/Qualtrics-Genesys\.flow\.json$/);
    expect((await rpc('recentFlows', [])).json.result[0]).toBe(exported.json.result.path);
    const reopened = await rpc('readFlow', [exported.json.result.path]);
    expect(reopened.status).toBe(200);
    const written = JSON.parse(await readFile(join(workspace, exported.json.result.path), 'utf8'));
    expect(written.id).toBe(JSON.parse(canonical).id);

    // Save without a path: a new file named after the flow, never overwriting.
    const first = await rpc('saveFlow', [canonical]);
    const second = await rpc('saveFlow', [canonical, null]);
    expect(first.json.result.path).toMatch(/\.flow\.json$/);
    expect(second.json.result.path).not.toBe(first.json.result.path);
  });

  it('refuses to export a flow with a literal secret, returning the issues', async () => {
    const flow = JSON.parse(await readFile(REFERENCE, 'utf8'));
    const ws = flow.nodes.find((n: { type: string }) => n.type === 'webService');
    ws.config.headers = [
      ...(ws.config.headers ?? []),
      { name: 'Authorization', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret' },
    ];
    const answer = await rpc('exportFlow', [JSON.stringify(flow), 'leaky']);
    expect(answer.status).toBe(200);
    expect(answer.json.result.path).toBeUndefined();
    const issues: { code: string; message: string; nodeId?: string }[] = answer.json.result.issues;
    expect(issues.some((i) => i.code === 'literal-secret' && i.nodeId === ws.id)).toBe(true);
    const broken = await rpc('exportFlow', ['{ not json', 'broken']);
    expect(broken.json.result.issues.length).toBeGreaterThan(0);
  });
});

describe('designer server: credentials', () => {
  it('stores values encrypted and never returns them', async () => {
    const secret = 'qualtrics-token-7f3a9c1e55';
    const saved = await rpc('saveCredential', [
      {
        name: 'qualtrics-api',
        kind: 'apiKey',
        fields: { value: secret },
        allowedOrigins: ['https://iad1.qualtrics.com'],
      },
    ]);
    expect(saved.status).toBe(200);
    expect(saved.json.result).toEqual({
      name: 'qualtrics-api',
      kind: 'apiKey',
      allowedOrigins: ['https://iad1.qualtrics.com'],
      fieldsSet: ['value'],
    });
    const list = await rpc('listCredentials', []);
    expect(list.json.result).toEqual([saved.json.result]);
    expect(JSON.stringify(list.json)).not.toContain(secret);
    const onDisk = await readFile(join(workspace, '.flowdesk', 'credentials.enc.json'), 'utf8');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).not.toContain('qualtrics-api');

    // Updating without resending the secret keeps it; a missing required field is refused.
    const again = await rpc('saveCredential', [{ name: 'qualtrics-api', kind: 'apiKey', fields: { value: '' } }]);
    expect(again.json.result.fieldsSet).toEqual(['value']);
    const incomplete = await rpc('saveCredential', [{ name: 'genesys', kind: 'oauth2', fields: { clientId: 'abc' } }]);
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.error?.message).toMatch(/needs: Token endpoint, Client secret/);

    await rpc('deleteCredential', ['qualtrics-api']);
    expect((await rpc('listCredentials', [])).json.result).toEqual([]);
  });

  it('generates its key file once, readable by the owner only', async () => {
    const { stat } = await import('node:fs/promises');
    const info = await stat(join(dir, 'home', '.flowdesk', 'designer.key'));
    expect(info.mode & 0o777).toBe(0o600);
  });
});

describe('designer server: samples', () => {
  it('lists the shipped payloads plus the workspace ones', async () => {
    await mkdir(join(workspace, 'payloads'), { recursive: true });
    await writeFile(join(workspace, 'payloads', 'my-event.json'), '{"mine": true}');
    const samples = (await rpc('listSamples', [])).json.result as { name: string; text: string }[];
    const names = samples.map((s) => s.name);
    expect(names).toContain('my-event.json');
    expect(names).toContain('genesys-get-user-by-id.json');
  });
});

describe('designer server: runs know which file the page has open', () => {
  // The page sends the path it opened or saved: the report names that file, its folder holds
  // the test payloads, and a valid saved flow is never reported as an "unsaved flow".
  const flowFile = 'team/greet.flow.json';
  const flow = testFlow([trigger(), code('work', 'return trigger.body.greeting;')], [['trigger', 'out', 'work']], {
    id: 'greet',
    name: 'Greet',
    tests: [{ name: 'hello', trigger: { payloadFile: 'payloads/hello.json' }, expect: { path: ['trigger', 'work'] } }],
  });

  beforeAll(async () => {
    await mkdir(join(workspace, 'team', 'payloads'), { recursive: true });
    await writeFile(join(workspace, 'team', 'payloads', 'hello.json'), '{"greeting":"hi"}');
    await writeFile(join(workspace, flowFile), JSON.stringify(flow));
  });

  it('runs the test cases of the named file, with its payloads, under its name', async () => {
    const answer = await rpc('runTests', [JSON.stringify(flow), null, flowFile]);
    expect(answer.status).toBe(200);
    expect(answer.json.result.errors).toEqual([]);
    expect(answer.json.result.cases.map((c: any) => [c.flowFile, c.testName, c.passed])).toEqual([
      [flowFile, 'hello', true],
    ]);
  });

  it('names the file, not "unsaved flow", when the flow does not load', async () => {
    const broken = { ...flow, edges: [{ from: 'n-trigger', port: 'out', to: 'n-nowhere' }] };
    const answer = await rpc('runTests', [JSON.stringify(broken), 'hello', flowFile]);
    expect(answer.json.result.errors).toHaveLength(1);
    expect(answer.json.result.errors[0].file).toBe(flowFile);
    expect(answer.json.result.errors[0].message).not.toMatch(/unsaved flow/);
    const run = await rpc('runFlow', [{ flowText: JSON.stringify(broken), payload: {}, flowPath: flowFile }]);
    expect(run.json.error?.message).toMatch(/^team\/greet\.flow\.json is not a valid flow/);
  });

  it('refuses a path outside the workspace', async () => {
    const answer = await rpc('runTests', [JSON.stringify(flow), null, '../secret.flow.json']);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.json.error?.message).toMatch(/secret\.flow\.json/);
  });
});
