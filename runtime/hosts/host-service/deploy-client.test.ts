import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRecentFiles } from './recent-files.js';
import { createWorkspaceHost } from '../designer/workspace-host.js';
import { createDeployClient, DEPLOY_CREDENTIAL, normalizeServerUrl, withoutDeployCredential } from './deploy-client.js';
import { createFileCredentialStore } from './file-credential-store.js';

const TOKEN = 'deploy-token-0123456789abcdef';
const KEY = Buffer.alloc(32, 7).toString('base64');

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body?: unknown;
}

/** A stand-in for `flowdesk serve`'s admin API, answering the pinned shapes. */
let server: Server;
let base: string;
let seen: Seen[] = [];
const versions: { version: number; deployedAt: string; deployedBy: string }[] = [];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: 'unauthorized' });
      const url = new URL(req.url!, 'http://x');
      if (req.method === 'PUT' && url.pathname === '/api/flows/f1') {
        const flow = body as { nodes?: unknown[] };
        if (!flow.nodes?.length) {
          return send(422, {
            error: 'invalid flow',
            issues: [{ severity: 'error', code: 'no-trigger', message: 'The flow has no trigger', pointer: '/nodes' }],
          });
        }
        versions.push({ version: versions.length + 1, deployedAt: new Date(0).toISOString(), deployedBy: 'ci' });
        return send(200, { id: 'f1', version: versions.length, webhookUrls: [`${base}/hooks/f1`] });
      }
      if (req.method === 'GET' && url.pathname === '/api/flows/f1/versions') return send(200, { versions });
      if (req.method === 'POST' && url.pathname === '/api/flows/f1/rollback') {
        return send(200, { id: 'f1', version: (body as { version: number }).version, webhookUrls: [] });
      }
      if (req.method === 'GET' && url.pathname === '/api/executions') {
        return send(200, {
          executions: [
            { id: 'e1', flowId: url.searchParams.get('flow'), flowVersion: 1, status: 'failed', startedAt: 'x' },
          ],
        });
      }
      if (req.method === 'GET' && url.pathname === '/api/executions/e1') {
        return send(200, {
          id: 'e1',
          flowId: 'f1',
          flowVersion: 1,
          status: 'failed',
          startedAt: 'x',
          trace: { steps: [] },
        });
      }
      return send(404, { error: 'not found' });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let dir: string;
beforeEach(async () => {
  seen = [];
  versions.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-deploy-'));
  return () => rm(dir, { recursive: true, force: true });
});

const store = () => createFileCredentialStore(join(dir, 'creds.enc.json'), async () => KEY);

describe('normalizeServerUrl', () => {
  it('keeps the origin and refuses paths, queries and other schemes', () => {
    expect(normalizeServerUrl(' https://flows.example.com/ ')).toBe('https://flows.example.com');
    expect(() => normalizeServerUrl('https://flows.example.com/api')).toThrow(/without a path/);
    expect(() => normalizeServerUrl('ftp://x')).toThrow(/must start with https/);
    expect(() => normalizeServerUrl('flows')).toThrow(/is not a URL/);
  });
});

describe('deploy client against a loopback admin API', () => {
  it('stores the token in the encrypted store and only tells that it is set', async () => {
    const client = createDeployClient(store());
    expect(await client.target()).toBeNull();
    await expect(client.setTarget({ url: base })).rejects.toThrow(/Enter an admin token/);
    expect(await client.setTarget({ url: `${base}/`, token: TOKEN })).toEqual({ url: base, tokenSet: true });
    expect(await client.target()).toEqual({ url: base, tokenSet: true });
    // Encrypted at rest.
    expect(await readFile(join(dir, 'creds.enc.json'), 'utf8')).not.toContain(TOKEN);
    // A new address without a token does not inherit the old server's token.
    await expect(client.setTarget({ url: 'http://127.0.0.1:1' })).rejects.toThrow(/Enter an admin token/);
    // The same address keeps it.
    expect(await client.setTarget({ url: base })).toEqual({ url: base, tokenSet: true });
  });

  it('deploys, lists versions, rolls back and reads executions with the bearer token', async () => {
    const client = createDeployClient(store());
    await client.setTarget({ url: base, token: TOKEN });
    const flow = { id: 'f1', name: 'F', nodes: [{ id: 'n' }], edges: [] };
    expect(await client.deploy(JSON.stringify(flow))).toEqual({
      ok: true,
      id: 'f1',
      version: 1,
      webhookUrls: [`${base}/hooks/f1`],
    });
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      url: '/api/flows/f1',
      authorization: `Bearer ${TOKEN}`,
      body: flow,
    });
    await client.deploy(JSON.stringify(flow));
    expect((await client.versions('f1')).map((v) => v.version)).toEqual([1, 2]);
    expect(await client.rollback('f1', 1)).toEqual({ version: 1 });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/flows/f1/rollback', body: { version: 1 } });
    const list = await client.executions('f1', 5);
    expect(list).toEqual([{ id: 'e1', flowId: 'f1', flowVersion: 1, status: 'failed', startedAt: 'x' }]);
    expect(seen.at(-1)!.url).toBe('/api/executions?flow=f1&limit=5');
    expect((await client.execution('e1')).trace).toEqual({ steps: [] });
  });

  it("returns the server's validation issues as FlowIssues", async () => {
    const client = createDeployClient(store());
    await client.setTarget({ url: base, token: TOKEN });
    expect(await client.deploy(JSON.stringify({ id: 'f1', nodes: [] }))).toEqual({
      ok: false,
      issues: [{ severity: 'error', code: 'no-trigger', message: 'The flow has no trigger', pointer: '/nodes' }],
    });
  });

  it('says plainly when the token is refused, the server is down or the id is unsafe', async () => {
    const client = createDeployClient(store());
    await client.setTarget({ url: base, token: 'wrong-token' });
    await expect(client.deploy(JSON.stringify({ id: 'f1', nodes: [{}] }))).rejects.toThrow(
      /refused the admin token \(401\)/,
    );
    await expect(client.deploy(JSON.stringify({ id: '../admin', nodes: [{}] }))).rejects.toThrow(
      /Flow id '..\/admin' is not valid/,
    );
    await client.setTarget({ url: 'http://127.0.0.1:1', token: TOKEN });
    await expect(client.versions('f1')).rejects.toThrow(/Cannot reach the deploy server http:\/\/127.0.0.1:1/);
  });
});

describe('the deploy record in the credential store', () => {
  it('is hidden from the credentials list, cannot be overwritten from it, and is never given to a run', async () => {
    const raw = store();
    await createDeployClient(raw).setTarget({ url: base, token: TOKEN });
    const visible = withoutDeployCredential(raw);
    expect(await visible.list()).toEqual([]);
    expect(await visible.provider().get(DEPLOY_CREDENTIAL)).toBeUndefined();
    await expect(
      visible.save({ name: DEPLOY_CREDENTIAL, kind: 'bearer', fields: {}, allowedOrigins: ['https://evil.example'] }),
    ).rejects.toThrow(/reserved for the deploy server/);
    await visible.delete(DEPLOY_CREDENTIAL);
    expect((await raw.provider().get(DEPLOY_CREDENTIAL))?.allowedOrigins).toEqual([base]);
  });

  it('the browser host serves the deploy methods without ever answering the token', async () => {
    const host = createWorkspaceHost({
      workspace: dir,
      credentials: store(),
      recent: createRecentFiles(join(dir, 'recent.json')),
    });
    const answers = [
      await host.setDeployTarget({ url: base, token: TOKEN }),
      await host.deployTarget(),
      await host.listCredentials(),
      await host.deployFlow(JSON.stringify({ id: 'f1', nodes: [{}] })),
      await host.deployedVersions('f1'),
    ];
    expect(answers[1]).toEqual({ url: base, tokenSet: true });
    expect(answers[2]).toEqual([]);
    expect(JSON.stringify(answers)).not.toContain(TOKEN);
  });
});
