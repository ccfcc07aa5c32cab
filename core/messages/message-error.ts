import type { Message, MessageParams } from './message.js';

/**
 * An error worded by the catalogues. `message` stays the English sentence (logs, the CLI);
 * `code` and `params` let a designer word it in the user's language. The hosts send both
 * across Electron IPC and HTTP (core/host-error.ts), where an Error's own properties are lost.
 */
export class MessageError extends Error {
  readonly code: string;
  readonly params: MessageParams;

  constructor(worded: Message & { message: string }) {
    super(worded.message);
    this.name = 'MessageError';
    this.code = worded.code;
    this.params = worded.params ?? {};
  }
}
