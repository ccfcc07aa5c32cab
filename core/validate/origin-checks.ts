/**
 * A credential must not follow a URL the payload chooses (issue 12, item 8). When a node that
 * sends a credential takes its URL's origin (scheme, host or port) from a template that reads
 * the run's data (`trigger`, `steps`, `vars`), whoever sends the webhook or answers an
 * earlier request picks where the token goes; the credential must then list the origins it
 * may be sent to (`allowedOrigins`), which the runtime enforces. Flow parameters
 * (`{{ params.x }}`) are the admin's, so they may build an origin.
 */
import { templateFields } from '../template-fields.js';
import { parseTemplate } from '../expressions/parse-template.js';
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, nodeIssue } from './context.js';
import { isRecord, pointerMatches, stringLeaves } from './pointer.js';
import { fieldLabel } from './schema-words.js';

/** A template part the admin controls: a plain `params.…` path. */
const PARAMS_ONLY = /^\s*params(\s*\.\s*[\w$]+|\s*\[\s*("[^"]*"|'[^']*'|\d+)\s*\])*\s*$/;

/**
 * The template sources that build the origin of `url`: every part when the URL starts with
 * a template (the whole URL, or its scheme, comes from data), otherwise the parts before the
 * first `/`, `?` or `#` after `scheme://`. Empty when the origin is literal.
 */
export function originTemplates(url: string): string[] {
  const exprs: string[] = [];
  const masked = parseTemplate(url)
    .parts.map((part) => {
      if (part.kind === 'text') return part.text.replace(/\u0001/g, '');
      exprs.push(part.source);
      return '\u0001';
    })
    .join('');
  const scheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.exec(masked);
  let from: number;
  if (scheme) from = scheme[0].length;
  else if (masked.trimStart().startsWith('\u0001')) from = 0;
  else return [];
  const rest = masked.slice(from);
  const stop = rest.search(/[/?#]/);
  const region = stop === -1 ? rest : rest.slice(0, stop);
  const before = [...masked.slice(0, from)].filter((c) => c === '\u0001').length;
  const inside = [...region].filter((c) => c === '\u0001').length;
  return exprs.slice(before, before + inside);
}

/** True when a template source reads data a payload or a response controls. */
function payloadControlled(source: string): boolean {
  return !PARAMS_ONLY.test(source);
}

function checkNode(check: FlowCheck, entry: NodeEntry, declared: Record<string, unknown>): void {
  const manifest = entry.compiled!.manifest;
  // URL fields are the ones whose schema declares x-template 'url'.
  const urlFields = templateFields(manifest.configSchema)
    .filter((f) => f.mode === 'url' && f.pattern.split('/').pop() === 'url')
    .map((f) => f.pattern);
  if (urlFields.length === 0) return;
  const bound = Object.values(entry.credentials ?? {}).filter((name): name is string => typeof name === 'string');
  const open = bound.filter((name) => {
    const declaration = declared[name];
    const origins = isRecord(declaration) ? declaration.allowedOrigins : undefined;
    return !Array.isArray(origins) || origins.length === 0;
  });
  if (open.length === 0) return;
  for (const { pointer, value } of stringLeaves(entry.config)) {
    if (!urlFields.some((pattern) => pointerMatches(pattern, pointer))) continue;
    const controlled = originTemplates(value).filter(payloadControlled);
    if (controlled.length === 0) continue;
    const label = fieldLabel(manifest.configSchema, pointer);
    for (const name of open) {
      addIssue(
        check,
        nodeIssue(
          entry,
          'credential-origin',
          { field: label, expression: controlled[0]!.trim(), name },
          { field: pointer },
        ),
      );
    }
  }
}

export function checkCredentialOrigins(check: FlowCheck): void {
  const declared = isRecord(check.flow.credentials) ? check.flow.credentials : {};
  for (const entry of check.nodes) {
    if (entry.compiled && entry.config && entry.current) checkNode(check, entry, declared);
  }
}
