import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../../core/host-api.js';
import { formatMessage } from '../../core/messages/format.js';
import { HOST_METHODS, type IpcHandlers } from '../../runtime/hosts/host-service/host-methods.js';
import { isTrustedFrame, registerIpcHandlers, type InvokeEventLike } from './ipc.js';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const registered = new Map<string, Listener>();
  const ipcMain = { handle: (channel: string, listener: Listener) => registered.set(channel, listener) };
  const handlers = {
    info: vi.fn(async () => ({ kind: 'electron', version: '1', locale: 'ja-JP', platform: 'linux' })),
    saveFlow: vi.fn(async (_text: string, path?: string) => ({ path: path ?? '/chosen.flow.json' })),
    readFlow: vi.fn(async (path: string) => ({ path, text: '{}' })),
    saveCredential: vi.fn(async () => ({ name: 'x', kind: 'apiKey', fieldsSet: ['value'] })),
    openExternal: vi.fn(async () => undefined),
  } as unknown as IpcHandlers;
  const ours = 7;
  registerIpcHandlers({ ipcMain, handlersFor: (id) => (id === ours ? handlers : undefined) });
  const call = (channel: string, event: InvokeEventLike, ...args: unknown[]) =>
    registered.get(channel)!(event, ...args);
  const good: InvokeEventLike = {
    sender: { id: ours },
    senderFrame: { url: 'app://flowdesk/index.html', parent: null },
  };
  return { registered, handlers, call, good };
}

describe('IPC handlers', () => {
  it('registers one handler per HostApi channel and none for the pushed menu channel', () => {
    const { registered } = setup();
    expect(registered.has(IPC.flowSave)).toBe(true);
    expect(registered.has(IPC.credentialsSave)).toBe(true);
    expect(registered.has(IPC.menuCommand)).toBe(false);
    expect(registered.size).toBe(Object.values(HOST_METHODS).filter((m) => m.channel !== undefined).length);
  });

  it('passes checked arguments from our window to the handler', async () => {
    const { call, good, handlers } = setup();
    await expect(call(IPC.hostInfo, good)).resolves.toMatchObject({ result: { kind: 'electron' } });
    await expect(call(IPC.flowSave, good, '{"a":1}')).resolves.toEqual({ result: { path: '/chosen.flow.json' } });
    expect(handlers.saveFlow).toHaveBeenCalledWith('{"a":1}');
  });

  it('refuses senders that are not our windows, sub-frames, foreign pages or destroyed frames', async () => {
    const { call, good, handlers } = setup();
    const cases: InvokeEventLike[] = [
      { ...good, sender: { id: 99 } },
      { ...good, senderFrame: { url: 'app://flowdesk/index.html', parent: {} } },
      { ...good, senderFrame: { url: 'https://evil.example/', parent: null } },
      { ...good, senderFrame: { url: 'file:///home/u/index.html', parent: null } },
      { ...good, senderFrame: { url: 'app://other/index.html', parent: null } },
      { ...good, senderFrame: null },
    ];
    for (const event of cases) {
      // Answered like any refusal, with its code: the renderer's host bridge words it.
      await expect(call(IPC.flowRead, event, '/tmp/a.flow.json')).resolves.toEqual({
        error: {
          message: `Refused ${IPC.flowRead}: the request did not come from a Flowdesk window.`,
          code: 'host.foreign-sender',
          params: { channel: IPC.flowRead },
        },
      });
    }
    expect(handlers.readFlow).not.toHaveBeenCalled();
    expect(formatMessage({ code: 'host.foreign-sender', params: { channel: IPC.flowRead } }, 'ja')).toBe(
      `${IPC.flowRead} を拒否しました。要求が Flowdesk のウィンドウから来ていません。`,
    );
  });

  it('refuses bad arguments before any handler runs, answering the refusal with its code', async () => {
    const { call, good, handlers } = setup();
    await expect(call(IPC.flowSave, good, { text: 'x' })).resolves.toEqual({
      error: {
        message: 'saveFlow: text must be string',
        code: 'host.argument',
        params: { method: 'saveFlow', detail: 'text must be string' },
      },
    });
    await expect(call(IPC.flowRead, good)).resolves.toMatchObject({
      error: { message: expect.stringMatching(/readFlow takes \(path\)/), code: 'host.arity' },
    });
    await expect(
      call(IPC.credentialsSave, good, { name: 'x', kind: 'apiKey', fields: { value: 'v' }, blob: 'x' }),
    ).resolves.toMatchObject({ error: { message: expect.stringMatching(/additional properties/) } });
    await expect(call(IPC.openExternal, good, 42)).resolves.toMatchObject({
      error: { message: 'openExternal: url must be string' },
    });
    expect(handlers.saveFlow).not.toHaveBeenCalled();
    expect(handlers.saveCredential).not.toHaveBeenCalled();
    expect(handlers.openExternal).not.toHaveBeenCalled();
  });

  it('recognises our page by scheme and host, not by prefix', () => {
    const frame = (url: string) => ({ sender: { id: 1 }, senderFrame: { url, parent: null } });
    expect(isTrustedFrame(frame('app://flowdesk/index.html#x'))).toBe(true);
    expect(isTrustedFrame(frame('app://flowdesk.evil/index.html'))).toBe(false);
    expect(isTrustedFrame(frame('app://user@flowdesk/index.html'))).toBe(false);
    expect(isTrustedFrame(frame('not a url'))).toBe(false);
  });
});
