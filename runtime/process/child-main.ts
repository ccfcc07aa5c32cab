/**
 * The child side of child-runner.ts: a module started with `child_process.fork` calls
 * `serveParent(handler)` once it is ready to work (it says so to the host), and answers each
 * request with the handler's result or error; the handler may report events before that. The
 * child ends when the parent goes away (disconnect), so no orphan keeps running.
 */
import {
  isChildNotice,
  isChildRequest,
  type ChildEventMessage,
  type ChildReplyMessage,
  type FromChildMessage,
} from './child-protocol.js';
import type { MessageParams } from '../../core/messages/message.js';

export interface ServeOptions<N> {
  /** Notices the host sends to every child. */
  onNotice?: (notice: N) => void;
  /** Runs when the host has gone away, before the process exits. */
  onDisconnect?: () => Promise<void> | void;
}

export function serveParent<P, R, E = never, N = never>(
  handler: (payload: P, emit: (event: E) => void) => Promise<R>,
  options: ServeOptions<N> = {},
): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveParent: this process was not started with an IPC channel (child_process.fork)');
  // A child replaced while the host closes may find the channel gone: there is no one to tell.
  const post = (message: FromChildMessage): void => {
    if (process.connected) send(message);
  };
  process.on('message', (message: unknown) => {
    if (isChildNotice(message)) {
      options.onNotice?.(message.notice as N);
      return;
    }
    if (!isChildRequest(message)) return;
    const { id } = message;
    const emit = (event: E) => post({ kind: 'flowdesk-event', id, event } satisfies ChildEventMessage<E>);
    void handler(message.payload as P, emit).then(
      (result) => reply({ kind: 'flowdesk-reply', id, ok: true, result }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        const { code, params } = e as Error & { code?: unknown; params?: unknown };
        const worded = typeof code === 'string' && typeof params === 'object' && params !== null;
        reply({
          kind: 'flowdesk-reply',
          id,
          ok: false,
          error: {
            name: e.name,
            message: e.message,
            ...(typeof code === 'string' ? { code } : {}),
            ...(worded ? { params: params as MessageParams } : {}),
          },
        });
      },
    );
  });
  process.on('disconnect', () => {
    void Promise.resolve(options.onDisconnect?.()).finally(() => process.exit(0));
  });
  post({ kind: 'flowdesk-ready', pid: process.pid });

  function reply(message: ChildReplyMessage): void {
    try {
      post(message);
    } catch (err) {
      // A result that cannot be serialised becomes an error reply rather than a silent hang.
      post({
        kind: 'flowdesk-reply',
        id: message.id,
        ok: false,
        error: { name: 'ChildProcessError', message: `the run's answer could not be sent: ${(err as Error).message}` },
      } satisfies ChildReplyMessage);
    }
  }
}
