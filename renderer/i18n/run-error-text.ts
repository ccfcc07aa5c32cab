/**
 * A run's error (a trace's, or an execution's in a server's history) in the UI's language, from
 * its code and params; an older server's plain English string is shown as it came.
 */
import { formatMessage } from '../../core/messages/format.js';
import { runErrorMessage, type RunError } from '../../core/messages/run-error.js';
import { addDesignerWords } from './issue-text.js';
import type { Locale } from './translate.js';

export function runErrorText(error: string | RunError, locale: Locale): string {
  if (typeof error === 'string') return error;
  addDesignerWords();
  return formatMessage(runErrorMessage(error), locale);
}
