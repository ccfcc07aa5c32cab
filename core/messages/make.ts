import type { MessageCode, ParamsOf } from './en.js';
import type { Message, MessageParams } from './message.js';
import { formatMessage } from './format.js';

/** A typed message: `{ code, params, message }` with the English sentence filled in. */
export function message<C extends MessageCode>(code: C, params: ParamsOf<C>): Message & { code: C; message: string } {
  const m = { code, params: params as unknown as MessageParams };
  return { ...m, message: formatMessage(m, 'en') };
}
