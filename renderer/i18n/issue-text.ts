/**
 * Validation issues in the UI's language: each issue carries its message code and params, so
 * the words come from core's catalogues (core/messages) rather than the English `message` the
 * host sent. Node type names inside them ("Web サービス「lookUp」") come from the node folders'
 * editor texts.
 */
import { addNodeTitles, formatMessage, formatTimesWith, namePortsWith } from '../../core/messages/format.js';
import { isMessage, type MessageParams, type NodeRef } from '../../core/messages/message.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { NODE_EDITORS } from '../../nodes/registry.editor.js';
import { portLabel } from '../canvas/port-label.js';
import { formatTime } from './time.js';
import { translate, type Locale } from './translate.js';

let titlesAdded = false;

/** Teaches core's catalogues the designer's words: node type titles, port labels, local times. */
export function addDesignerWords(): void {
  if (titlesAdded) return;
  titlesAdded = true;
  // English keeps the manifests' titles the validator already used.
  addNodeTitles('ja', Object.fromEntries(NODE_EDITORS.map((e) => [e.type, e.title.ja])));
  // Ports by the labels the canvas draws ("Each item", not "each"), in both languages.
  namePortsWith((lang, type, port) => portLabel(type, port, lang));
  // A person reads times in their own zone and format, not the UTC of logs and files.
  formatTimesWith((lang, iso) => formatTime(iso, lang));
}

/** The issue's sentence in `locale` (its English `message` when its code is unknown here). */
export function issueText(
  issue: Pick<FlowIssue, 'code' | 'params' | 'message'> & Partial<Pick<FlowIssue, 'field'>>,
  locale: Locale,
): string {
  // Without params the code's sentence cannot be filled: the producer's own words it is.
  if (issue.params === undefined) return issue.message;
  addDesignerWords();
  const params = locale === 'en' ? issue.params : withFieldTitle(issue.params, issue.field, locale);
  return formatMessage({ code: issue.code, params, message: issue.message }, locale);
}

/**
 * The validator names a node's field by its schema title, in English ("Subject"). Where the
 * node type words every part of the field's pointer in `locale` ("件名"), that name replaces
 * it, in the issue and in the message nested in it; a field only partly worded keeps English
 * rather than mixing the two.
 */
function withFieldTitle(params: MessageParams, pointer: string | undefined, locale: Locale): MessageParams {
  const node = params.node as NodeRef | undefined;
  if (pointer === undefined || node?.type === undefined) return params;
  const texts = NODE_EDITORS.find((e) => e.type === node.type)?.fieldTexts?.[locale];
  if (!texts) return params;
  const names: string[] = [];
  let at = '';
  for (const segment of pointer.split('/').slice(1)) {
    if (/^\d+$/.test(segment)) {
      names.push(translate(locale, 'field.item', { n: Number(segment) + 1 }));
      at += '/*';
      continue;
    }
    at += `/${segment}`;
    const title = texts[at]?.title;
    if (!title) return params;
    names.push(title);
  }
  if (names.length === 0) return params;
  const field = names.join(' › ');
  const detail = params.detail;
  return {
    ...params,
    ...(typeof params.field === 'string' ? { field } : {}),
    // Inside a node's check only the schema's messages name the form field by `field`; a node's
    // own codes may use it for something else (a record's field name).
    ...(isMessage(detail) && detail.code.startsWith('schema.') && typeof detail.params?.field === 'string'
      ? { detail: { ...detail, params: { ...detail.params, field } } }
      : {}),
  };
}
