import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../../core/host-api.js';
import { cleanIpcError, createHostBridge, type IpcRendererLike } from './host-bridge.js';

function fakeIpc() {
  const listeners = new Map<string, Set<(...a: any[]) => void>>();
  const ipc: IpcRendererLike & { calls: unknown[][]; emit(channel: string, ...args: unknown[]): void } = {
    calls: [],
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => {
      ipc.calls.push([channel, ...args]);
      if (channel === IPC.flowRead)
        throw new Error(
          "Error invoking remote method 'flow:read': FileAccessError: Flowdesk opens only files you chose",
        );
      return { result: 'ok' };
    }),
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
    emit: (channel, ...args) => listeners.get(channel)?.forEach((l) => l({ sender: 'secret' }, ...args)),
  };
  return ipc;
}

describe('preload host bridge', () => {
  it('maps each method to its channel, dropping absent optional arguments', async () => {
    const ipc = fakeIpc();
    const host = createHostBridge(ipc);
    await host.saveFlow('{}');
    await host.saveFlow('{}', '/a.flow.json');
    await host.runTests('{}');
    await host.setDirty(true, 'T');
    expect(ipc.calls).toEqual([
      [IPC.flowSave, '{}'],
      [IPC.flowSave, '{}', '/a.flow.json'],
      [IPC.runTests, '{}'],
      [IPC.flowSetDirty, true, 'T'],
    ]);
    expect('listFlows' in host).toBe(false);
  });

  it("gives the renderer main's message without Electron's prefix", async () => {
    const host = createHostBridge(fakeIpc());
    await expect(host.readFlow('/x')).rejects.toThrow(/^Flowdesk opens only files you chose$/);
    expect(cleanIpcError(new Error("Error invoking remote method 'x': Error: plain")).message).toBe('plain');
  });

  it('passes menu commands (only the command) and unsubscribes', () => {
    const ipc = fakeIpc();
    const host = createHostBridge(ipc);
    const got: unknown[][] = [];
    const off = host.onMenuCommand((...args) => got.push(args));
    ipc.emit(IPC.menuCommand, 'file:save');
    ipc.emit(IPC.menuCommand, 'file:deploy');
    ipc.emit(IPC.menuCommand, '<script>');
    off();
    ipc.emit(IPC.menuCommand, 'edit:undo');
    expect(got).toEqual([['file:save'], ['file:deploy']]);
  });
});
