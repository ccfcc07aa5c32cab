/**
 * Validation issues in the UI's language: each issue carries its message code and params, so
 * the words come from core's catalogues (core/messages) rather than the English `message` the
 * host sent. Node type names inside them ("Web サービス「lookUp」") come from the node folders'
 * editor texts.
 */
import { addNodeTitles, formatMessage } from '../../core/messages/format.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { NODE_EDITORS } from '../../nodes/registry.editor.js';
import type { Locale } from './translate.js';

let titlesAdded = false;

function addTitles(): void {
  if (titlesAdded) return;
  titlesAdded = true;
  // English keeps the manifests' titles the validator already used.
  addNodeTitles('ja', Object.fromEntries(NODE_EDITORS.map((e) => [e.type, e.title.ja])));
}

/** The issue's sentence in `locale` (its English `message` when its code is unknown here). */
export function issueText(issue: Pick<FlowIssue, 'code' | 'params' | 'message'>, locale: Locale): string {
  // Without params the code's sentence cannot be filled: the producer's own words it is.
  if (issue.params === undefined) return issue.message;
  addTitles();
  return formatMessage({ code: issue.code, params: issue.params ?? {}, message: issue.message }, locale);
}
