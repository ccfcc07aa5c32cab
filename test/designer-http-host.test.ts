// The renderer's HTTP host against the real designer server: the browser half and the server
// half of HostApi agree on the wire format, errors included.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHost, HostCallError } from '../renderer/host/http-host.js';
import { startDesignerServer, type DesignerServer } from '../runtime/hosts/designer/server.js';

let dir: string;
let server: DesignerServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-http-host-'));
  await mkdir(join(dir, 'ws'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  server = await startDesignerServer({
    workspace: join(dir, 'ws'),
    rendererDir: join(dir, 'renderer'),
    keyFile: join(dir, 'key'),
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('createHttpHost', () => {
  it('calls host methods over HTTP', async () => {
    const host = createHttpHost(server.url + '/', server.token);
    expect((await host.info()).kind).toBe('browser');
    const text = await readFile(join(import.meta.dirname, '../flows/zendesk-ticket-per-engagement.flow.json'), 'utf8');
    const saved = await host.saveFlow(text, 'zendesk.flow.json');
    expect(saved).toEqual({ path: 'zendesk.flow.json' });
    expect(await host.listFlows!()).toEqual([{ path: 'zendesk.flow.json' }]);
    expect((await host.readFlow('zendesk.flow.json')).text).toBe(text);
    expect(await host.openFlow()).toBeNull();
    await host.setDirty(true, 'x');
  });

  it('turns server errors into Errors with the server message', async () => {
    const host = createHttpHost(server.url, server.token);
    const err = await host.readFlow('../../etc/passwd.flow.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostCallError);
    expect((err as HostCallError).status).toBe(400);
    expect((err as Error).message).toMatch(/only files inside the workspace/);

    const intruder = createHttpHost(server.url, 'not-the-token');
    await expect(intruder.info()).rejects.toThrow(/designer token/);
  });

  it('reports an unreachable server plainly', async () => {
    const host = createHttpHost('http://127.0.0.1:9', 'x');
    await expect(host.info()).rejects.toThrow(/cannot be reached/);
  });

  it('has no menu to subscribe to in the browser', () => {
    const host = createHttpHost(server.url, server.token);
    const off = host.onMenuCommand(() => undefined);
    expect(typeof off).toBe('function');
    off();
  });

  it('refuses non-http links', async () => {
    const host = createHttpHost(server.url, server.token);
    await expect(host.openExternal('file:///etc/passwd')).rejects.toThrow(/Only http and https/);
  });
});
