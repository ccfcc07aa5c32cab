/**
 * Each vendor's record API as requests and readers (domain.md §2, docs/web-service-and-ticket.md):
 * the executor decides what to do (find, then create…); this module only knows how each vendor
 * spells it. Nothing here sends anything.
 */
import type { HttpMethod, HttpResult } from '../../core/node-type.js';
import type { RecordConfig, RecordProvider } from './manifest.js';
import {
  odataFilter,
  odataString,
  serviceNowQuery,
  soqlQuery,
  zendeskQuery,
  type Combinator,
  type SearchRule,
} from './query-syntax.js';

export type FieldValues = readonly (readonly [string, unknown])[];

/** A request without the policy parts (timeout, retry, auth slot) the executor adds. */
export interface VendorRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Call<T> {
  request: VendorRequest;
  read(result: HttpResult): T;
}

export interface UpsertResult {
  record: unknown;
  created: boolean;
}

export interface RecordApi {
  provider: RecordProvider;
  /** What the node works on: `ticket`, a table, an sObject. */
  object: string;
  /** Whether a replayed create with the same `Idempotency-Key` returns the first record (Zendesk does). */
  honoursIdempotencyKey: boolean;
  search(rules: readonly SearchRule[], combinator: Combinator, limit: number): Call<unknown[]>;
  get(id: string): Call<unknown>;
  create(fields: FieldValues): Call<unknown>;
  update(id: string, fields: FieldValues): Call<unknown>;
  /** The vendor's own upsert, when it has one for this object. */
  upsert?(key: { field: string; value: string }, fields: FieldValues): Call<UpsertResult>;
  addNote(id: string, note: { body: string; public: boolean }): Call<unknown>;
  addTags?(id: string, tags: readonly string[]): Call<unknown>;
  idOf(record: unknown): string | number | undefined;
  link(id: string | number): string;
}

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const enc = encodeURIComponent;

function pick(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

function idValue(value: unknown): string | number | undefined {
  // ServiceNow answers {display_value, value} pairs with sysparm_display_value=all.
  const plain =
    typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
  return typeof plain === 'string' && plain !== '' ? plain : typeof plain === 'number' ? plain : undefined;
}

export function recordApi(config: RecordConfig, base: string): RecordApi {
  switch (config.provider) {
    case 'zendesk':
      return zendeskApi(config.zendeskObject ?? 'ticket', base);
    case 'servicenow':
      return serviceNowApi(config.table ?? 'sn_customerservice_case', config.returnFields ?? [], base);
    case 'salesforce':
      return salesforceApi(config.sobject ?? 'Contact', config.apiVersion ?? 'v60.0', config.returnFields ?? [], base);
    case 'dynamics':
      return dynamicsApi(
        config.entitySet ?? 'contacts',
        config.idField ?? 'contactid',
        config.returnFields ?? [],
        base,
      );
  }
}

// ---- Zendesk -------------------------------------------------------------------------------

const ZENDESK_PLURAL = { ticket: 'tickets', user: 'users', organization: 'organizations' } as const;

/**
 * The Zendesk object body: `a.b` names nest (`comment.body`, `user_fields.plan`); on tickets a
 * numeric name is a custom field id.
 */
export function zendeskBody(object: keyof typeof ZENDESK_PLURAL, fields: FieldValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const custom: { id: number; value: unknown }[] = [];
  for (const [name, value] of fields) {
    if (object === 'ticket' && /^\d+$/.test(name)) {
      custom.push({ id: Number(name), value });
      continue;
    }
    const path = name.split('.');
    let target = body;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      target = (typeof next === 'object' && next !== null ? next : (target[part] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  if (custom.length > 0) body.custom_fields = custom;
  return body;
}

function zendeskApi(object: keyof typeof ZENDESK_PLURAL, base: string): RecordApi {
  const plural = ZENDESK_PLURAL[object];
  const one = (result: HttpResult) => pick(result.body, object);
  return {
    provider: 'zendesk',
    object,
    honoursIdempotencyKey: true,
    search(rules, _combinator, limit) {
      const query = zendeskQuery(object, rules);
      return {
        request: {
          method: 'GET',
          url: `${base}/api/v2/search.json?query=${enc(query)}&per_page=${Math.min(limit, 100)}`,
          headers: { Accept: 'application/json' },
        },
        read(result) {
          const found = pick(result.body, 'results');
          const records = (Array.isArray(found) ? found : []).filter(
            (r) => pick(r, 'result_type') === undefined || pick(r, 'result_type') === object,
          );
          // Zendesk matches words; an "equals" row keeps only records whose property is the whole value.
          return records
            .filter((record) =>
              rules.every((rule) => {
                if (rule.operator === 'contains') return true;
                const value = pick(record, rule.field);
                return value === undefined || String(value).toLowerCase() === rule.value.toLowerCase();
              }),
            )
            .slice(0, limit);
        },
      };
    },
    get: (id) => ({
      request: {
        method: 'GET',
        url: `${base}/api/v2/${plural}/${enc(id)}.json`,
        headers: { Accept: 'application/json' },
      },
      read: one,
    }),
    create: (fields) => ({
      request: {
        method: 'POST',
        url: `${base}/api/v2/${plural}.json`,
        headers: JSON_HEADERS,
        body: { [object]: zendeskBody(object, fields) },
      },
      read: one,
    }),
    update: (id, fields) => ({
      request: {
        method: 'PUT',
        url: `${base}/api/v2/${plural}/${enc(id)}.json`,
        headers: JSON_HEADERS,
        body: { [object]: zendeskBody(object, fields) },
      },
      read: one,
    }),
    ...(object !== 'ticket'
      ? {
          upsert: (key: { field: string; value: string }, fields: FieldValues): Call<UpsertResult> => ({
            // Zendesk matches users by email or external_id, organizations by external_id.
            request: {
              method: 'POST',
              url: `${base}/api/v2/${plural}/create_or_update.json`,
              headers: JSON_HEADERS,
              body: { [object]: zendeskBody(object, [...fields, [key.field, key.value]]) },
            },
            read: (result) => ({ record: one(result), created: result.status === 201 }),
          }),
        }
      : {}),
    addNote: (id, note) => ({
      request: {
        method: 'PUT',
        url: `${base}/api/v2/tickets/${enc(id)}.json`,
        headers: JSON_HEADERS,
        body: { ticket: { comment: { body: note.body, public: note.public } } },
      },
      read: one,
    }),
    // PUT adds tags; POST would replace them.
    addTags: (id, tags) => ({
      request: {
        method: 'PUT',
        url: `${base}/api/v2/${plural}/${enc(id)}/tags.json`,
        headers: JSON_HEADERS,
        body: { tags },
      },
      read: (result) => result.body,
    }),
    idOf: (record) => idValue(pick(record, 'id')),
    link: (id) => `${base}/agent/${plural}/${id}`,
  };
}

// ---- ServiceNow ----------------------------------------------------------------------------

function serviceNowApi(table: string, returnFields: readonly string[], base: string): RecordApi {
  const path = `${base}/api/now/table/${enc(table)}`;
  const fieldsParam =
    returnFields.length > 0
      ? `sysparm_fields=${enc([...new Set(['sys_id', 'number', ...returnFields])].join(','))}`
      : '';
  const withQuery = (url: string, ...params: string[]) => {
    const query = params.filter(Boolean).join('&');
    return query ? `${url}?${query}` : url;
  };
  const result = (r: HttpResult) => pick(r.body, 'result');
  const row = (fields: FieldValues) => Object.fromEntries(fields);
  return {
    provider: 'servicenow',
    object: table,
    honoursIdempotencyKey: false,
    search: (rules, combinator, limit) => ({
      request: {
        method: 'GET',
        url: withQuery(
          path,
          `sysparm_query=${enc(serviceNowQuery(rules, combinator))}`,
          `sysparm_limit=${limit}`,
          fieldsParam,
        ),
        headers: { Accept: 'application/json' },
      },
      read: (r) => {
        const rows = result(r);
        return Array.isArray(rows) ? rows : [];
      },
    }),
    get: (id) => ({
      request: {
        method: 'GET',
        url: withQuery(`${path}/${enc(id)}`, fieldsParam),
        headers: { Accept: 'application/json' },
      },
      read: result,
    }),
    create: (fields) => ({
      request: { method: 'POST', url: withQuery(path, fieldsParam), headers: JSON_HEADERS, body: row(fields) },
      read: result,
    }),
    update: (id, fields) => ({
      request: {
        method: 'PATCH',
        url: withQuery(`${path}/${enc(id)}`, fieldsParam),
        headers: JSON_HEADERS,
        body: row(fields),
      },
      read: result,
    }),
    addNote: (id, note) => ({
      request: {
        method: 'PATCH',
        url: `${path}/${enc(id)}`,
        headers: JSON_HEADERS,
        body: { [note.public ? 'comments' : 'work_notes']: note.body },
      },
      read: result,
    }),
    idOf: (record) => idValue(pick(record, 'sys_id')),
    link: (sysId) => `${base}/nav_to.do?uri=${enc(`${table}.do?sys_id=${sysId}`)}`,
  };
}

// ---- Salesforce ----------------------------------------------------------------------------

function salesforceApi(sobject: string, version: string, returnFields: readonly string[], base: string): RecordApi {
  const data = `${base}/services/data/${version}`;
  const objects = `${data}/sobjects/${enc(sobject)}`;
  const row = (fields: FieldValues) => Object.fromEntries(fields);
  return {
    provider: 'salesforce',
    object: sobject,
    honoursIdempotencyKey: false,
    search: (rules, combinator, limit) => ({
      request: {
        method: 'GET',
        url: `${data}/query?q=${enc(soqlQuery(sobject, returnFields, rules, combinator, limit))}`,
        headers: { Accept: 'application/json' },
      },
      read: (r) => {
        const records = pick(r.body, 'records');
        return Array.isArray(records) ? records : [];
      },
    }),
    get: (id) => ({
      request: {
        method: 'GET',
        url: `${objects}/${enc(id)}${returnFields.length > 0 ? `?fields=${enc([...new Set(['Id', ...returnFields])].join(','))}` : ''}`,
        headers: { Accept: 'application/json' },
      },
      read: (r) => r.body,
    }),
    // Create answers {id, success, errors}.
    create: (fields) => ({
      request: { method: 'POST', url: `${objects}/`, headers: JSON_HEADERS, body: row(fields) },
      read: (r) => r.body,
    }),
    // Update answers 204 with no body.
    update: (id, fields) => ({
      request: { method: 'PATCH', url: `${objects}/${enc(id)}`, headers: JSON_HEADERS, body: row(fields) },
      read: (r) => (r.body === '' || r.body === undefined ? undefined : r.body),
    }),
    // PATCH on the external id: 201 {id, created: true} creates, 200 {id, created: false} updates.
    upsert: (key, fields) => ({
      request: {
        method: 'PATCH',
        url: `${objects}/${enc(key.field)}/${enc(key.value)}`,
        headers: JSON_HEADERS,
        body: row(fields.filter(([name]) => name !== key.field)),
      },
      read: (r) => ({ record: r.body, created: r.status === 201 || pick(r.body, 'created') === true }),
    }),
    // Case comments are their own object; other records take a (classic) Note.
    addNote: (id, note) =>
      sobject === 'Case'
        ? {
            request: {
              method: 'POST',
              url: `${data}/sobjects/CaseComment/`,
              headers: JSON_HEADERS,
              body: { ParentId: id, CommentBody: note.body, IsPublished: note.public },
            },
            read: (r) => r.body,
          }
        : {
            request: {
              method: 'POST',
              url: `${data}/sobjects/Note/`,
              headers: JSON_HEADERS,
              body: { ParentId: id, Title: note.body.slice(0, 80), Body: note.body, IsPrivate: !note.public },
            },
            read: (r) => r.body,
          },
    idOf: (record) => idValue(pick(record, 'Id')) ?? idValue(pick(record, 'id')),
    link: (id) => `${base}/lightning/r/${sobject}/${id}/view`,
  };
}

// ---- Microsoft Dynamics 365 (Dataverse Web API) --------------------------------------------

const DYNAMICS_HEADERS = {
  Accept: 'application/json',
  'Content-Type': 'application/json; charset=utf-8',
  'OData-MaxVersion': '4.0',
  'OData-Version': '4.0',
  // Create and update answer with the record instead of 204 and an OData-EntityId header.
  Prefer: 'return=representation',
};

/** The table's logical name from its entity set: contacts → contact, opportunities → opportunity. */
export function dynamicsLogicalName(entitySet: string): string {
  return entitySet.endsWith('ies') ? `${entitySet.slice(0, -3)}y` : entitySet.replace(/s$/, '');
}

function dynamicsApi(entitySet: string, idField: string, returnFields: readonly string[], base: string): RecordApi {
  const api = `${base}/api/data/v9.2`;
  const set = `${api}/${enc(entitySet)}`;
  const select = returnFields.length > 0 ? `$select=${enc([...new Set([idField, ...returnFields])].join(','))}` : '';
  const one = (id: string) => `${set}(${enc(id)})`;
  const row = (fields: FieldValues) => Object.fromEntries(fields);
  const body = (r: HttpResult) => (r.body === '' || r.body === undefined ? undefined : r.body);
  return {
    provider: 'dynamics',
    object: entitySet,
    honoursIdempotencyKey: false,
    search: (rules, combinator, limit) => ({
      request: {
        method: 'GET',
        url: `${set}?$filter=${enc(odataFilter(rules, combinator))}&$top=${limit}${select ? `&${select}` : ''}`,
        headers: DYNAMICS_HEADERS,
      },
      read: (r) => {
        const value = pick(r.body, 'value');
        return Array.isArray(value) ? value : [];
      },
    }),
    get: (id) => ({
      request: { method: 'GET', url: `${one(id)}${select ? `?${select}` : ''}`, headers: DYNAMICS_HEADERS },
      read: (r) => r.body,
    }),
    create: (fields) => ({
      request: { method: 'POST', url: set, headers: DYNAMICS_HEADERS, body: row(fields) },
      read: body,
    }),
    // If-Match: * makes PATCH update only: without it a wrong id would create a record.
    update: (id, fields) => ({
      request: { method: 'PATCH', url: one(id), headers: { ...DYNAMICS_HEADERS, 'If-Match': '*' }, body: row(fields) },
      read: body,
    }),
    // An alternate key in the URL: 201 creates, 200 updates (the key must be defined on the table).
    upsert: (key, fields) => ({
      request: {
        method: 'PATCH',
        url: `${set}(${enc(key.field)}='${enc(odataString(key.value))}')`,
        headers: DYNAMICS_HEADERS,
        body: row(fields.filter(([name]) => name !== key.field)),
      },
      read: (r) => ({ record: body(r), created: r.status === 201 }),
    }),
    // Notes are annotations bound to the record; Dynamics has no "public" flag on them.
    addNote: (id, note) => ({
      request: {
        method: 'POST',
        url: `${api}/annotations`,
        headers: DYNAMICS_HEADERS,
        body: {
          subject: note.body.slice(0, 80),
          notetext: note.body,
          [`objectid_${dynamicsLogicalName(entitySet)}@odata.bind`]: `/${entitySet}(${id})`,
        },
      },
      read: body,
    }),
    idOf: (record) => idValue(pick(record, idField)),
    link: (id) => `${base}/main.aspx?pagetype=entityrecord&etn=${dynamicsLogicalName(entitySet)}&id=${id}`,
  };
}
