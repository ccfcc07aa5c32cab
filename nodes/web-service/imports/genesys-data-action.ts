/**
 * A Genesys Cloud data-action export (Admin › Integrations › Actions › Export) as a Web Service
 * node: method, URL, headers and body from `config.request` (Velocity converted by
 * ./velocity.ts), the translation map and its defaults as the response mapping, the input
 * contract as the trigger's input schema. What has no Flowdesk equivalent is marked and listed
 * in `notes`; actions whose request is not REST are refused with the reason.
 */
import type { CredentialKind } from '../../../core/credentials.js';
import { jsonPathProblem } from '../../../core/json-path.js';
import { message } from '../../../core/messages/make.js';
import type { Message } from '../../../core/messages/message.js';
import type { ImportPlace } from '../../../core/messages/imports-en.js';
import type { WebServiceConfig } from '../manifest.js';
import {
  credentialFromHeader,
  credentialNameFrom,
  isSecretHeaderName,
  webServiceConfig,
  type ImportedCredential,
  type ImportOutcome,
} from './import-result.js';
import {
  convertVelocity,
  credentialMarker,
  placeholderText,
  successTemplateNames,
  type VelocityTarget,
} from './velocity.js';

/**
 * Integration types whose relative URLs resolve against a known service, and how it authenticates.
 * `tokenOrigin`: where an OAuth credential fetches its token, which it must be allowed to reach too.
 */
const SERVICES: Record<
  string,
  { service: string; origin: string; tokenOrigin?: string; credential: string; kind: CredentialKind }
> = {
  'purecloud-data-actions': {
    service: 'Genesys Cloud',
    origin: 'https://api.mypurecloud.com',
    tokenOrigin: 'https://login.mypurecloud.com',
    credential: 'genesys-cloud',
    kind: 'oauth2',
  },
  'salesforce-datadip': {
    service: 'Salesforce',
    origin: 'https://example.my.salesforce.com',
    credential: 'salesforce',
    kind: 'oauth2',
  },
  'zendesk-datadip': {
    service: 'Zendesk',
    origin: 'https://example.zendesk.com',
    credential: 'zendesk',
    kind: 'zendeskApiToken',
  },
};
const WEB_SERVICES = 'custom-rest-actions';
const METHODS = new Set(['GET', 'PUT', 'POST', 'PATCH', 'DELETE']);
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Collects notes and the one credential while the parts of the request are converted. */
class Conversion {
  readonly notes: Message[] = [];
  private placeholders = 0;
  credential: ImportedCredential | undefined;
  auth: WebServiceConfig['auth'] = { type: 'none' };

  /** Converts one Velocity template, numbering its placeholders across the whole action. */
  velocity(src: string, target: VelocityTarget, place: ImportPlace) {
    const converted = convertVelocity(src, target);
    let out = converted.text;
    // Placeholders are numbered per template by convertVelocity; renumber across the action.
    for (const p of [...converted.placeholders].reverse()) {
      const index = this.placeholders + p.index;
      out = out.split(placeholderText(p.index)).join(placeholderText(index));
    }
    for (const p of converted.placeholders) {
      this.notes.push(
        message('import.velocity-placeholder', { index: this.placeholders + p.index, place, source: p.source }),
      );
    }
    this.placeholders += converted.placeholders.length;
    return { ...converted, text: out };
  }

  /**
   * `${credentials.x}` where a credential cannot go (a URL, a body, a second auth header):
   * marked and listed, so no marker or secret name is left half-converted.
   */
  markCredentials(converted: string, names: readonly string[], place: ImportPlace): string {
    let out = converted;
    for (const name of names) {
      out = out.split(credentialMarker(name)).join(`[[NOT CONVERTED credentials.${name}]]`);
      this.notes.push(message('import.credential-not-header', { name, place }));
    }
    return out;
  }

  /** Names the node's credential (one per node); later references reuse it. */
  useCredential(name: string, kind: CredentialKind, origins: string[], values: Record<string, string> = {}): void {
    if (this.credential) return;
    this.credential = { name, kind, allowedOrigins: origins, values };
  }
}

/** `"\"\""` → `""`; a value that is not JSON text stays the text it is. */
function defaultValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function fieldName(name: string, taken: Set<string>): string {
  let field =
    name
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^([^A-Za-z_])/, '_$1')
      .slice(0, 64) || 'field';
  while (taken.has(field)) field = `${field.slice(0, 60)}_${taken.size}`;
  taken.add(field);
  return field;
}

/** The action's input contract without a draft-04 `$schema` the flow's validator would question. */
function inputSchemaOf(contract: unknown): Record<string, unknown> | undefined {
  const schema = isRecord(contract) && isRecord(contract.input) ? contract.input.inputSchema : undefined;
  if (!isRecord(schema)) return undefined;
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** Converts a parsed export; `ok: false` says why it cannot be. */
export function importDataAction(value: unknown): ImportOutcome {
  const config = isRecord(value) ? value.config : undefined;
  const request = isRecord(config) ? config.request : undefined;
  const integrationType = isRecord(value) ? text(value.integrationType) : '';
  if (isRecord(value) && value.actionType === 'static') {
    return { ok: false, error: message('import.integration-type', { type: integrationType, reason: 'static' }) };
  }
  if (!isRecord(value) || !isRecord(request)) return { ok: false, error: message('import.not-data-action', {}) };
  const service = SERVICES[integrationType];
  if (!service && integrationType !== WEB_SERVICES && integrationType !== '') {
    const reason = /lambda|function/i.test(integrationType) ? 'lambda' : 'unknown';
    return { ok: false, error: message('import.integration-type', { type: integrationType, reason }) };
  }
  const method = text(request.requestType).toUpperCase();
  if (!METHODS.has(method))
    return { ok: false, error: message('import.bad-method', { method: text(request.requestType) }) };
  const urlTemplate = text(request.requestUrlTemplate).trim();
  if (urlTemplate === '') return { ok: false, error: message('import.no-url', {}) };

  const c = new Conversion();
  let url: string;
  if (/^https?:\/\//i.test(urlTemplate)) {
    url = urlTemplate;
  } else if (service) {
    url = `${service.origin}${urlTemplate.startsWith('/') ? '' : '/'}${urlTemplate}`;
    c.notes.push(message('import.base-url', { service: service.service, origin: service.origin }));
  } else {
    return { ok: false, error: message('import.relative-url', { url: urlTemplate }) };
  }
  const origin = /^https?:\/\/[^/?#]+/i.exec(url)?.[0]?.toLowerCase() ?? '';
  if (service) {
    c.auth = { type: service.kind === 'zendeskApiToken' ? 'basic' : service.kind === 'oauth2' ? 'oauth2' : 'none' };
    c.useCredential(service.credential, service.kind, [
      service.origin,
      ...(service.tokenOrigin ? [service.tokenOrigin] : []),
    ]);
  }

  const urlConverted = c.velocity(url, 'url', 'url');
  const urlText = c.markCredentials(urlConverted.text, urlConverted.credentials, 'url');

  // Headers: a secret (a literal Authorization, `${credentials.x}`) becomes the credential.
  const headers: WebServiceConfig['headers'] = [];
  let contentType: string | undefined;
  for (const [name, raw] of Object.entries(isRecord(request.headers) ? request.headers : {})) {
    const value = text(raw);
    if (name.toLowerCase() === 'content-type') {
      contentType = value;
      continue;
    }
    const converted = c.velocity(value, 'text', 'header');
    let credentialRef = converted.credentials[0];
    if (credentialRef !== undefined && (converted.credentials.length > 1 || (c.credential && !service))) {
      // A second credential, or two in one header: one node sends one credential.
      headers.push({ name, value: c.markCredentials(converted.text, converted.credentials, 'header') });
      continue;
    }
    if (credentialRef !== undefined && service) {
      // The integration's own credential authenticates; its secret names are not needed.
      c.notes.push(message('import.secret-extracted', { place: 'header', name, credential: c.credential!.name }));
      credentialRef = undefined;
      continue;
    }
    const literal = converted.text.trim() !== '' && !converted.text.includes('{{');
    if (credentialRef !== undefined || (isSecretHeaderName(name) && literal)) {
      const credentialName = credentialRef ?? credentialNameFrom(new URL(origin).hostname);
      if (c.credential && credentialRef === undefined) {
        // The service's own credential already authenticates; a literal secret is still not kept.
        c.notes.push(message('import.secret-extracted', { place: 'header', name, credential: c.credential.name }));
        continue;
      }
      // `Bearer ${credentials.token}` keeps only the scheme: the kind says how the value is sent.
      const shape = credentialFromHeader(name, converted.text.split(credentialMarker(credentialRef ?? '')).join('x'));
      const values = credentialRef === undefined ? shape.values : {};
      c.auth = shape.auth;
      c.useCredential(credentialNameFrom(credentialName), shape.kind, [origin], values);
      if (credentialRef === undefined) {
        c.notes.push(message('import.secret-extracted', { place: 'header', name, credential: c.credential!.name }));
      }
      continue;
    }
    headers.push({ name, value: converted.text });
  }

  const body = requestBody(c, method, text(request.requestTemplate), contentType, headers);
  const mapping = responseMapping(c, isRecord(config) ? config : {});

  if (c.credential) {
    c.notes.push(
      message('import.credential-to-create', {
        credential: c.credential.name,
        kind: c.credential.kind,
        valueFound: Object.keys(c.credential.values).length > 0,
      }),
    );
  }
  const inputSchema = inputSchemaOf(value.contract);
  return {
    ok: true,
    result: {
      source: 'genesys-data-action',
      title: text(value.name).replace(/\s+-\s+Exported\s.*$/i, '') || 'Imported data action',
      config: webServiceConfig({
        method: method as WebServiceConfig['method'],
        url: urlText,
        headers,
        body,
        auth: c.auth,
        mapping,
      }),
      ...(c.credential ? { credential: c.credential } : {}),
      ...(inputSchema ? { inputSchema } : {}),
      notes: c.notes,
    },
  };
}

/** The body from `requestTemplate`: JSON when the converted text parses as JSON, else text. */
function requestBody(
  c: Conversion,
  method: string,
  template: string,
  contentType: string | undefined,
  headers: WebServiceConfig['headers'],
): WebServiceConfig['body'] {
  // Genesys ignores the template for GET and DELETE (the usual `${input.rawRequest}` included).
  if (method === 'GET' || method === 'DELETE' || template.trim() === '') {
    if (contentType !== undefined && method !== 'GET' && method !== 'DELETE') {
      headers.push({ name: 'Content-Type', value: contentType });
    }
    return { type: 'none' };
  }
  const velocity = c.velocity(template, 'text', 'body');
  const converted = { ...velocity, text: c.markCredentials(velocity.text, velocity.credentials, 'body') };
  if (converted.rawRequest && converted.text.trim() === '{{ trigger.body }}') {
    return { type: 'json', json: '{{ trigger.body }}' };
  }
  const json = parseTemplatedJson(converted.text);
  if (json.ok && (contentType === undefined || /json/i.test(contentType))) return { type: 'json', json: json.value };
  if (contentType && /x-www-form-urlencoded/i.test(contentType)) {
    const form = formRows(converted.text);
    if (form) return { type: 'form', form };
  }
  c.notes.push(message('import.body-text', {}));
  headers.push({ name: 'Content-Type', value: contentType ?? 'application/json' });
  return { type: 'text', text: converted.text };
}

/**
 * Parses JSON whose strings (and bare positions) may hold `{{ }}`. A template standing where a
 * JSON value goes (`"count": {{ trigger.body.n }}`, as `"count": ${input.n}` was) becomes a
 * whole-value template string, which keeps the value's type when the body is filled in.
 */
export function parseTemplatedJson(src: string): { ok: true; value: unknown } | { ok: false } {
  const bare: string[] = [];
  let inString = false;
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += src[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    if (src.startsWith('{{', i)) {
      const close = src.indexOf('}}', i);
      if (close < 0) return { ok: false };
      bare.push(src.slice(i, close + 2));
      out += `"\\u0000bare${bare.length - 1}\\u0000"`;
      i = close + 1;
      continue;
    }
    out += ch;
  }
  let value: unknown;
  try {
    value = JSON.parse(out);
  } catch {
    return { ok: false };
  }
  const restore = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = /^\u0000bare(\d+)\u0000$/.exec(v);
      return m ? bare[Number(m[1])] : v;
    }
    if (Array.isArray(v)) return v.map(restore);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]));
    return v;
  };
  return { ok: true, value: restore(value) };
}

/** `a=b&c={{ x }}` as form rows, or undefined when it is not name=value pairs. */
function formRows(src: string): WebServiceConfig['headers'] | undefined {
  const rows: WebServiceConfig['headers'] = [];
  for (const pair of src.trim().split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      rows.push({ name: decodeURIComponent(pair.slice(0, eq)), value: decodeURIComponent(pair.slice(eq + 1)) });
    } catch {
      return undefined;
    }
  }
  return rows;
}

/** `translationMap` + `translationMapDefaults` → the node's mapping; notes the success template. */
function responseMapping(c: Conversion, config: Record<string, unknown>): WebServiceConfig['mapping'] {
  const response = isRecord(config.response) ? config.response : {};
  const map = isRecord(response.translationMap) ? response.translationMap : {};
  const defaults = isRecord(response.translationMapDefaults) ? response.translationMapDefaults : {};
  const taken = new Set<string>();
  const mapping: WebServiceConfig['mapping'] = [];
  const renamed = new Map<string, string>();
  for (const [name, rawPath] of Object.entries(map)) {
    const path = text(rawPath);
    const field = FIELD_NAME.test(name) && !taken.has(name) ? (taken.add(name), name) : fieldName(name, taken);
    if (field !== name) {
      renamed.set(name, field);
      c.notes.push(message('import.field-renamed', { from: name, to: field }));
    }
    const problem = jsonPathProblem(path);
    if (problem) c.notes.push(message('import.bad-jsonpath', { field, path, problem }));
    mapping.push({
      path,
      field,
      ...(Object.prototype.hasOwnProperty.call(defaults, name) ? { default: defaultValue(defaults[name]) } : {}),
    });
  }
  const success = text(response.successTemplate).trim();
  if (success !== '' && !coveredByMapping(success, new Set(Object.keys(map)))) {
    c.notes.push(
      message('import.success-template', { template: success.length > 200 ? `${success.slice(0, 199)}…` : success }),
    );
  }
  return mapping;
}

/**
 * True when the success template only passes the response through (`${rawResult}`) or rebuilds
 * the translation map's fields under their own names, which the mapping already gives.
 */
function coveredByMapping(template: string, fields: Set<string>): boolean {
  const names = successTemplateNames(template);
  if (!names) return false;
  if (
    names.length === 1 &&
    names[0] === 'rawResult' &&
    template.replace(/\s/g, '').replace(/^\$!?\{?rawResult\}?$/, '') === ''
  ) {
    return true;
  }
  if (!names.every((n) => fields.has(n))) return false;
  // `{"state": ${state}}`: each key names the field it holds.
  const keyed = [...template.matchAll(/"([^"]+)"\s*:\s*"?\$!?\{?([A-Za-z_][A-Za-z0-9_-]*)\}?"?/g)];
  return keyed.length === names.length && keyed.every((m) => m[1] === m[2]);
}
