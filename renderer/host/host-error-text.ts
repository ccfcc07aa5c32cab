import { isParams } from '../../core/host-error.js';
import { formatMessage } from '../../core/messages/format.js';
import type { Lang } from '../../core/messages/message.js';

/**
 * What a failed host call says, in the user's language: worded from the catalogues when the
 * error carries a message code (HostCallError), else its message as written. A code this
 * designer does not know falls back to the host's English message.
 */
export function hostErrorText(err: unknown, lang: Lang): string {
  if (!(err instanceof Error)) return String(err);
  const { code, params } = err as Error & { code?: unknown; params?: unknown };
  if (typeof code === 'string' && isParams(params)) return formatMessage({ code, params, message: err.message }, lang);
  return err.message;
}
