/**
 * Messages between a host and its child processes (child-runner.ts ↔ child-main.ts), the one
 * protocol every host uses (the designer's runs and test runs, the server's flow workers).
 *
 * - host → child: a request (`id`, payload), or a notice to every child (no answer).
 * - child → host: `ready` once it can take requests; for a request, any number of events
 *   (a run's sync answer, its checkpoints) and then one reply, matched by id. Events are sent at
 *   the end of the child's turn, so those reported just before the answer ride with the reply
 *   (`events`): a run that answers its caller and ends crosses back in one message, not two.
 *
 * Payloads cross as data (the IPC channel serialises them): flow text, a run request, a trace.
 */
import type { MessageParams } from '../../core/messages/message.js';

export interface ChildRequestMessage<P = unknown> {
  kind: 'flowdesk-request';
  id: number;
  payload: P;
}

/** To every child, answered by none (e.g. "drop this flow version from your cache"). */
export interface ChildNoticeMessage<N = unknown> {
  kind: 'flowdesk-notice';
  notice: N;
}

/** An error as it crosses the boundary: its name lets the host map it (e.g. to HTTP 400). */
export interface ChildErrorInfo {
  name: string;
  message: string;
  code?: string;
  /** A message code's params (core/messages), so the parent can word the error in any language. */
  params?: MessageParams;
}

export type ChildReplyMessage<R = unknown, E = unknown> = (
  | { kind: 'flowdesk-reply'; id: number; ok: true; result: R }
  | { kind: 'flowdesk-reply'; id: number; ok: false; error: ChildErrorInfo }
) & {
  /** Events of this request not sent yet, in order: the host hears them before the reply. */
  events?: E[];
};

/** Something a request's handler reports before its reply. */
export interface ChildEventMessage<E = unknown> {
  kind: 'flowdesk-event';
  id: number;
  event: E;
}

export interface ChildReadyMessage {
  kind: 'flowdesk-ready';
  pid: number;
}

export type FromChildMessage = ChildReplyMessage | ChildEventMessage | ChildReadyMessage;

function kindOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { kind?: unknown }).kind : undefined;
}

export function isChildRequest(message: unknown): message is ChildRequestMessage {
  return kindOf(message) === 'flowdesk-request' && typeof (message as ChildRequestMessage).id === 'number';
}

export function isChildNotice(message: unknown): message is ChildNoticeMessage {
  return kindOf(message) === 'flowdesk-notice';
}

export function isFromChild(message: unknown): message is FromChildMessage {
  const kind = kindOf(message);
  if (kind === 'flowdesk-ready') return true;
  return (
    (kind === 'flowdesk-reply' || kind === 'flowdesk-event') && typeof (message as { id?: unknown }).id === 'number'
  );
}
