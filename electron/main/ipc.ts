/**
 * Every HostApi channel, registered with `ipcMain.handle` in one loop so none can skip the
 * checks: the sender must be the main frame of one of our windows showing our packaged page
 * (not a sub-frame, not a navigated-away page), and the arguments must match the method's
 * schemas (runtime/hosts/host-service/host-methods.ts) before any handler runs.
 *
 * A handler answers `{ result }`, or `{ error }` for a refusal worded by a message code: Electron
 * keeps only the message of an error thrown from `ipcMain.handle`, and the renderer needs the
 * code and params to word it in the user's language (core/host-error.ts); a foreign sender's
 * refusal is one of those. Anything else thrown (a bug) is thrown as before, and Electron logs it.
 */
import { hostErrorBody, type HostReply } from '../../core/host-error.js';
import {
  checkArgs,
  dispatch,
  HOST_METHODS,
  type HostMethod,
  type IpcHandlers,
} from '../../runtime/hosts/host-service/host-methods.js';
import { message } from '../../core/messages/make.js';
import { MessageError } from '../../core/messages/message-error.js';
import { isAppUrl } from './app-protocol.js';

/** The parts of an `IpcMainInvokeEvent` the checks read. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown | null } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<HostReply>): void;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  /** Handlers of the window whose web contents has this id; undefined when it is not ours. */
  handlersFor(webContentsId: number): IpcHandlers | undefined;
}

/** A call from a frame that is not our page's top frame: refused before anything is read. */
export class SenderRefusedError extends MessageError {
  override readonly name = 'SenderRefusedError';

  constructor(channel: string) {
    super(message('host.foreign-sender', { channel }));
  }
}

/** True when the event comes from the top frame of our page. */
export function isTrustedFrame(event: InvokeEventLike): boolean {
  const frame = event.senderFrame;
  // A null frame means it navigated or was destroyed since sending.
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Registers every channel; returns the channels registered (for tests and teardown). */
export function registerIpcHandlers(deps: IpcDeps): string[] {
  const channels: string[] = [];
  for (const [method, spec] of Object.entries(HOST_METHODS) as [HostMethod, (typeof HOST_METHODS)[HostMethod]][]) {
    const channel = spec.channel;
    if (!channel || method === 'listFlows') continue;
    channels.push(channel);
    deps.ipcMain.handle(channel, async (event: InvokeEventLike, ...args: unknown[]) => {
      const handlers = deps.handlersFor(event.sender.id);
      try {
        if (!handlers || !isTrustedFrame(event)) throw new SenderRefusedError(channel);
        const checked = checkArgs(method, args);
        return { result: await dispatch(handlers, method as Exclude<HostMethod, 'listFlows'>, checked) };
      } catch (err) {
        const body = hostErrorBody(err);
        if (body.code !== undefined) return { error: body };
        throw err;
      }
    });
  }
  return channels;
}
