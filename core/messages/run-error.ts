/**
 * The message a run's error words as, wherever it is shown: a trace's `error`, or an execution's
 * in the server's history. A run error's `code` is for machines (the status, or the failing
 * node's error code), so the sentence is found by the shape the engine gives its params: a node
 * that failed carries `run.node-failed`'s, a cut-short run its reason as `detail`.
 */
import { isMessage, type Message, type MessageParams } from './message.js';

export interface RunError {
  message: string;
  code?: string;
  params?: MessageParams;
}

export function runErrorMessage(error: RunError): Message {
  const params = error.params ?? {};
  // Checked before the code: a node's own code may be a catalogue code with other params.
  if (params.node !== undefined && isMessage(params.detail) && params.errorPort !== undefined) {
    return { code: 'run.node-failed', params, message: error.message };
  }
  // Codes no catalogue knows are worded from `detail`, else left as the producer wrote them.
  return { code: error.code ?? 'text', params: error.code ? params : { text: error.message }, message: error.message };
}
