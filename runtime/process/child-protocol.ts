/**
 * Messages between a host and a run child process (child-runner.ts ↔ child-main.ts): one
 * request, one reply, matched by id. Payloads are JSON (the IPC channel serialises them), so
 * anything crossing must be JSON data: flow text, a run request, a trace, a report.
 */
export interface ChildRequestMessage<P = unknown> {
  kind: 'flowdesk-request';
  id: number;
  payload: P;
}

/** An error as it crosses the boundary: its name lets the host map it (e.g. to HTTP 400). */
export interface ChildErrorInfo {
  name: string;
  message: string;
  code?: string;
}

export type ChildReplyMessage<R = unknown> =
  | { kind: 'flowdesk-reply'; id: number; ok: true; result: R }
  | { kind: 'flowdesk-reply'; id: number; ok: false; error: ChildErrorInfo };

export function isChildRequest(message: unknown): message is ChildRequestMessage {
  const m = message as Partial<ChildRequestMessage> | null;
  return typeof m === 'object' && m !== null && m.kind === 'flowdesk-request' && typeof m.id === 'number';
}

export function isChildReply(message: unknown): message is ChildReplyMessage {
  const m = message as Partial<ChildReplyMessage> | null;
  return typeof m === 'object' && m !== null && m.kind === 'flowdesk-reply' && typeof m.id === 'number';
}
