/**
 * Status messages that go when their problem does. A message about a state of the flow carries
 * the topic it is about; when that state changes the store asks `statusAfter` what is still
 * true: a refused connection goes with the next good one, a failed validation with the next
 * that works, and a message about the flow's errors ("Export refused: fix the 2 errors…")
 * follows their count and goes when none are left. Messages without a topic (saved, opened,
 * copied) are about a moment and stay until the next message or the close button.
 */
import type { FlowIssue } from '../../core/validation-types.js';
import { issueText } from '../i18n/issue-text.js';
import type { Locale, Vars } from '../i18n/translate.js';

export type StatusTopic =
  /** A connection the canvas refused. */
  | { kind: 'connect' }
  /** The host could not validate the flow. */
  | { kind: 'validation' }
  /**
   * The flow's errors: `key` is re-read with their `count` (plus `vars`) as they change, and
   * with `list` the errors are listed under it.
   */
  | { kind: 'flow-errors'; key: string; vars?: Vars; list?: boolean };

export interface StatusMessage {
  kind: 'info' | 'success' | 'error';
  text: string;
  /** Extra lines, e.g. migration notes or why export was refused. */
  details?: string[];
  /** What the message is about, when it should go once that changes. */
  topic?: StatusTopic;
  /** Says `text` in the given words: a switch of language says the message again in the new one. */
  say?: (words: StatusWords) => string;
}

/** A message given by what it says rather than its text (`setStatus` words it). */
export type StatusSaying = Omit<StatusMessage, 'text'> & { say: (words: StatusWords) => string };

/** A change of the state some messages are about. */
export type StatusEvent =
  | { kind: 'connected' }
  | { kind: 'validated'; issues: readonly FlowIssue[] }
  /** New or Open: nothing said about the previous document holds. */
  | { kind: 'document' };

/** Lines shown under a status message; more than this is summarised. */
export const MAX_DETAIL_LINES = 8;

export function issueLines(issues: readonly FlowIssue[], locale: Locale): string[] {
  const lines = issues.slice(0, MAX_DETAIL_LINES).map((i) => issueText(i, locale));
  if (issues.length > MAX_DETAIL_LINES) lines.push(`… +${issues.length - MAX_DETAIL_LINES}`);
  return lines;
}

/** The UI's words and language, as the store has them. */
export interface StatusWords {
  t: (key: string, vars?: Vars) => string;
  locale: Locale;
}

/** A message listing the flow's errors, kept up to date by `statusAfter`. */
export function flowErrorsStatus(
  key: string,
  issues: readonly FlowIssue[],
  words: StatusWords,
  vars: Vars = {},
  list = true,
): StatusMessage {
  const errors = issues.filter((i) => i.severity === 'error');
  const say = (w: StatusWords) => w.t(key, { ...vars, count: errors.length });
  return {
    kind: 'error',
    text: say(words),
    say,
    ...(list ? { details: issueLines(errors, words.locale) } : {}),
    topic: { kind: 'flow-errors', key, vars, list },
  };
}

/** The message to show after `event`: the same one, an updated one, or none. */
export function statusAfter(
  status: StatusMessage | undefined,
  event: StatusEvent,
  words: StatusWords,
): StatusMessage | undefined {
  const topic = status?.topic;
  if (!status || !topic) return status;
  if (event.kind === 'document') return undefined;
  if (event.kind === 'connected') return topic.kind === 'connect' ? undefined : status;
  if (topic.kind === 'validation') return undefined;
  if (topic.kind !== 'flow-errors') return status;
  if (!event.issues.some((i) => i.severity === 'error')) return undefined;
  const next = flowErrorsStatus(topic.key, event.issues, words, topic.vars, topic.list);
  const same = next.text === status.text && (next.details ?? []).join('\n') === (status.details ?? []).join('\n');
  return same ? status : next;
}

/** `status` worded: a saying gets its text from `words`. */
export function worded(status: StatusMessage | StatusSaying, words: StatusWords): StatusMessage {
  return 'text' in status ? status : { ...status, text: status.say(words) };
}

/**
 * The message after a switch of language: a message about the flow's errors is listed again
 * from `issues`, one that says itself is said again; any other stays as it was written.
 */
export function inLanguage(
  status: StatusMessage | undefined,
  issues: readonly FlowIssue[],
  words: StatusWords,
): StatusMessage | undefined {
  if (status?.topic?.kind === 'flow-errors') return statusAfter(status, { kind: 'validated', issues }, words);
  return status?.say ? { ...status, text: status.say(words) } : status;
}
