/**
 * The child side of child-runner.ts: a module started with `child_process.fork` calls
 * `serveParent(handler)` and answers each request with the handler's result or error. The
 * child ends when the parent goes away (disconnect), so no orphan keeps running.
 */
import { isChildRequest, type ChildReplyMessage } from './child-protocol.js';

export function serveParent<P, R>(handler: (payload: P) => Promise<R>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveParent: this process was not started with an IPC channel (child_process.fork)');
  process.on('message', (message: unknown) => {
    if (!isChildRequest(message)) return;
    const { id } = message;
    void handler(message.payload as P).then(
      (result) => reply({ kind: 'flowdesk-reply', id, ok: true, result }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        const code = (e as Error & { code?: unknown }).code;
        reply({
          kind: 'flowdesk-reply',
          id,
          ok: false,
          error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) },
        });
      },
    );
  });
  process.on('disconnect', () => process.exit(0));

  function reply(message: ChildReplyMessage): void {
    try {
      send!(message);
    } catch (err) {
      // A result that cannot be serialised becomes an error reply rather than a silent hang.
      send!({
        kind: 'flowdesk-reply',
        id: message.id,
        ok: false,
        error: { name: 'ChildProcessError', message: `the run's answer could not be sent: ${(err as Error).message}` },
      } satisfies ChildReplyMessage);
    }
  }
}
