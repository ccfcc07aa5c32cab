/**
 * The child side of child-runner.ts: a module started with `child_process.fork` calls
 * `serveParent(handler)` once it is ready to work (it says so to the host), and answers each
 * request with the handler's result or error; the handler may report events before that. The
 * child ends when the parent goes away (disconnect), so no orphan keeps running.
 *
 * Events wait for the end of the turn (setImmediate) before they are sent: each message costs
 * both processes a write, a wake-up and a read, and a run that answers its caller (a Respond
 * node) usually ends in the same turn, so the answer then rides with the reply. An event is
 * never held past the turn, so a host waiting on it (a sync caller, an acked checkpoint) hears it
 * before the child does anything else that could take time.
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
    /** Events reported in this turn and not sent yet. */
    let queued: E[] = [];
    const sendQueued = () => {
      const events = queued;
      queued = [];
      for (const event of events) post({ kind: 'flowdesk-event', id, event } satisfies ChildEventMessage<E>);
    };
    const emit = (event: E) => {
      if (queued.push(event) === 1) setImmediate(sendQueued);
    };
    /** The reply, with the events still queued (the turn's setImmediate then finds none). */
    const answer = (message: ChildReplyMessage<R, E>) => {
      const events = queued;
      queued = [];
      reply(events.length > 0 ? { ...message, events } : message);
    };
    void handler(message.payload as P, emit).then(
      (result) => answer({ kind: 'flowdesk-reply', id, ok: true, result }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        const { code, params } = e as Error & { code?: unknown; params?: unknown };
        const worded = typeof code === 'string' && typeof params === 'object' && params !== null;
        answer({
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

  function reply(message: ChildReplyMessage<R, E>): void {
    try {
      post(message);
    } catch (err) {
      // A result that cannot be serialised becomes an error reply rather than a silent hang
      // (its events go on their own, so one that can be sent still arrives).
      for (const event of message.events ?? []) {
        try {
          post({ kind: 'flowdesk-event', id: message.id, event } satisfies ChildEventMessage<E>);
        } catch {
          // That one could not be sent either; the error reply below still goes.
        }
      }
      post({
        kind: 'flowdesk-reply',
        id: message.id,
        ok: false,
        error: { name: 'ChildProcessError', message: `the run's answer could not be sent: ${(err as Error).message}` },
      } satisfies ChildReplyMessage);
    }
  }
}
