/**
 * What a Remember or Recall node throws when the state store refuses or fails: a `NodeError`
 * carrying the store's message (`state.*`, naming the key), so the node's error port gets
 * `{ message, code, key }` and an unwired one fails the run in the user's language.
 */
import { message } from '../../../core/messages/make.js';
import { NodeError } from '../../../core/node-type.js';
import { StateError } from '../../../core/state-store.js';

export function stateFailure(err: unknown, key: string): NodeError {
  if (err instanceof StateError) return new NodeError(err.message, err.detail.code, { key }, { detail: err.detail });
  // The backend itself failed (Redis unreachable, the database locked for too long).
  const detail = message('state.unavailable', { error: err instanceof Error ? err.message : String(err) });
  return new NodeError(detail.message, detail.code, { key }, { detail });
}
