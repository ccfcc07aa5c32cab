/**
 * Secrets never land in a flow file: fields marked `"x-secret": true` and credential-looking
 * headers must hold a template reading the run (trigger, steps, vars), never a literal.
 */
import { parseTemplate } from '../expressions/parse-template.js';
import { expressionReferences } from '../expressions/references.js';
import type { FlowCheck, NodeEntry } from './context.js';
import { addIssue, nodeIssue } from './context.js';
import { isRecord, joinPointer, pointerMatches, stringLeaves } from './pointer.js';
import { fieldLabel } from './schema-words.js';

/** Scheme words that may precede a templated token: `Bearer {{ steps.login.body.token }}`. */
const AUTH_SCHEME = /^(bearer|basic|token|digest|negotiate|apikey|ssws|key)$/i;

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-token']);

/** Words that make a header a secret wherever they appear in its name (`X-Auth-Token`, `X-Hub-Signature`). */
const SECRET_HEADER_WORDS = ['apikey', 'token', 'secret', 'password', 'passwd', 'signature'];

/**
 * Header names that carry a credential: the well-known ones, any name containing one of
 * SECRET_HEADER_WORDS, and any word starting with `auth` (`X-Custom-Auth`, `X-Authentication`)
 * except `author…`. `Idempotency-Key` and other plain `…-Key` names are not secrets.
 */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (SECRET_HEADERS.has(lower)) return true;
  const compact = lower.replace(/[-_\s.]/g, '');
  if (SECRET_HEADER_WORDS.some((word) => compact.includes(word))) return true;
  return lower
    .split(/[-_\s.]+/)
    .some((word) => word.startsWith('auth') && !word.startsWith('author') && word !== 'authority');
}

/**
 * True when `value` holds a literal (a secret typed in), as opposed to a template that reads
 * the secret from the run. A constant expression such as `{{ "abc" }}` counts as a literal.
 */
export function isLiteralSecret(value: string): boolean {
  if (value.trim() === '') return false;
  const parsed = parseTemplate(value);
  const literal = parsed.parts
    .map((p) => (p.kind === 'text' ? p.text : ' '))
    .join('')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '' && !AUTH_SCHEME.test(word));
  if (literal.length > 0) return true;
  return parsed.parts.some((part) => {
    if (part.kind !== 'expr') return false;
    const refs = expressionReferences(part.source);
    return !(refs.trigger || refs.steps.length > 0 || refs.vars.length > 0 || refs.wholeSteps || refs.wholeVars);
  });
}

function checkSecretFields(check: FlowCheck, entry: NodeEntry): void {
  const { manifest, secretFields } = entry.compiled!;
  if (secretFields.length === 0) return;
  for (const { pointer, value } of stringLeaves(entry.config)) {
    if (!secretFields.some((pattern) => pointerMatches(pattern, pointer))) continue;
    if (!isLiteralSecret(value)) continue;
    const label = fieldLabel(manifest.configSchema, pointer);
    addIssue(check, nodeIssue(entry, 'literal-secret', { where: 'field', field: label }, { field: pointer }));
  }
}

/** Query parameter names that carry secrets: `api_key`, `access_token`, `client_secret`, `sig`… */
export function isSecretParamName(name: string): boolean {
  const compact = name
    .trim()
    .toLowerCase()
    .replace(/[-_\s.]/g, '');
  return ['key', 'sig', 'signature'].includes(compact) || isSecretHeaderName(name);
}

/** Every `headers` / `query` / `form` list of `{name, value}` rows anywhere in the config. */
function* nameValueRows(
  value: unknown,
  pointer = '',
): Generator<{ list: string; pointer: string; name: string; value: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* nameValueRows(value[i], joinPointer(pointer, i));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const at = joinPointer(pointer, key);
    if ((key === 'headers' || key === 'query' || key === 'form') && Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const row = item[i];
        if (isRecord(row) && typeof row.name === 'string' && typeof row.value === 'string') {
          yield { list: key, pointer: joinPointer(at, i, 'value'), name: row.name, value: row.value };
        }
      }
    } else yield* nameValueRows(item, at);
  }
}

function checkSecretRows(check: FlowCheck, entry: NodeEntry): void {
  for (const row of nameValueRows(entry.config)) {
    const secretName = row.list === 'headers' ? isSecretHeaderName(row.name) : isSecretParamName(row.name);
    if (!secretName || !isLiteralSecret(row.value)) continue;
    const where = row.list === 'headers' ? 'header' : row.list === 'query' ? 'query' : 'form';
    addIssue(check, nodeIssue(entry, 'literal-secret', { where, name: row.name }, { field: row.pointer }));
  }
}

/**
 * Secrets typed into a URL: `https://user:password@host/…` or `?api_key=…`. Template parts
 * are masked first, so `&` or `=` inside `{{ }}` cannot split a parameter.
 */
export function urlSecretKind(
  value: string,
): { kind: 'password' } | { kind: 'user' } | { kind: 'query'; name: string } | undefined {
  if (!/^\s*https?:\/\//i.test(value)) return undefined;
  const parsed = parseTemplate(value);
  const masked = parsed.parts
    .map((p) => (p.kind === 'text' ? p.text : isLiteralSecret(`{{${p.source}}}`) ? 'literal' : '\u0001'))
    .join('');
  const userInfo = /^\s*https?:\/\/([^/?#@\s]*)@/i.exec(masked)?.[1];
  if (userInfo !== undefined) {
    const [user = '', password] = userInfo.split(':');
    if (password !== undefined && password.replace(/\u0001/g, '') !== '') return { kind: 'password' };
    // `https://token@host/`: a user name alone is how many APIs take a token.
    if (user.replace(/\u0001/g, '') !== '') return { kind: 'user' };
  }
  const query = masked.split('#')[0]!.split('?').slice(1).join('?');
  for (const pair of query.split('&')) {
    const [name = '', val = ''] = pair.split('=');
    if (isSecretParamName(decodeSafe(name)) && val.replace(/\u0001/g, '').trim() !== '')
      return { kind: 'query', name: decodeSafe(name) };
  }
  return undefined;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const SECRET_KEY_WORDS = ['password', 'passwd', 'secret', 'apikey', 'accesstoken', 'refreshtoken', 'privatekey'];

/**
 * JSON body keys like `password` or `client_secret` with a typed-in value. Only a warning:
 * a body is the service's vocabulary, and a key name alone is weaker evidence than a header.
 */
function checkSecretKeys(check: FlowCheck, entry: NodeEntry): void {
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, joinPointer(pointer, i)));
    else if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) {
        const at = joinPointer(pointer, key);
        const compact = key.toLowerCase().replace(/[-_\s.]/g, '');
        if (typeof item === 'string' && SECRET_KEY_WORDS.some((w) => compact.includes(w)) && isLiteralSecret(item)) {
          addIssue(
            check,
            nodeIssue(
              entry,
              'possible-secret',
              { key, field: fieldLabel(entry.compiled!.manifest.configSchema, pointer) },
              { severity: 'warning', field: at },
            ),
          );
        } else visit(item, at);
      }
    }
  };
  for (const [key, item] of Object.entries(entry.config ?? {})) {
    // Secret-marked fields and name/value lists have their own, stricter checks.
    if (key === 'headers' || key === 'query' || key === 'form') continue;
    visit(item, joinPointer('', key));
  }
}

function checkUrls(check: FlowCheck, entry: NodeEntry): void {
  for (const { pointer, value } of stringLeaves(entry.config)) {
    const found = urlSecretKind(value);
    if (!found) continue;
    const field = fieldLabel(entry.compiled!.manifest.configSchema, pointer);
    const params =
      found.kind === 'query'
        ? { where: 'url-query' as const, field, name: found.name }
        : { where: found.kind === 'password' ? ('url-password' as const) : ('url-user' as const), field };
    addIssue(check, nodeIssue(entry, 'literal-secret', params, { field: pointer }));
  }
}

export function checkSecrets(check: FlowCheck): void {
  for (const entry of check.nodes) {
    if (!entry.compiled || !entry.config) continue;
    checkSecretFields(check, entry);
    checkSecretRows(check, entry);
    checkUrls(check, entry);
    checkSecretKeys(check, entry);
  }
}
