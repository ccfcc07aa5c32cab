/**
 * Loopback stand-ins for the record APIs of ServiceNow, Salesforce and Zendesk: each keeps its
 * records in memory and answers the vendor's request shapes (paths, methods, query syntax,
 * auth header), so tests see the effect of what a node sent — a second create is a second
 * record — and not only the request. Anything the real vendor would refuse, these refuse with
 * the vendor's error body.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, type SeenRequest } from './http-server.js';

type Row = Record<string, unknown>;

/** The first `n` unanswered creates are saved but answered 503, as when the answer is lost on the way back. */
export interface LoseAnswers {
  loseCreateAnswers: number;
}

function queryOf(path: string): URLSearchParams {
  const at = path.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : path.slice(at + 1));
}
const pathOf = (path: string) => path.split('?')[0]!;

// ---- ServiceNow Table API ------------------------------------------------------------------

/** Parses `sysparm_query` as ServiceNow does for `=`, `LIKE`, `^` and `^OR`, with `^^` as a literal caret. */
export function serviceNowMatches(query: string, row: Row): boolean {
  const CARET = '\u0000';
  const text = query.replace(/\^\^/g, CARET);
  const orGroups = text.split('^OR');
  // `a^b^ORc`: ServiceNow binds ^OR tighter than ^; the tests use one kind per query.
  const conditions = orGroups.length > 1 ? orGroups : text.split('^');
  const test = (condition: string) => {
    const like = /^([A-Za-z0-9_.]+)LIKE(.*)$/s.exec(condition);
    const eq = /^([A-Za-z0-9_.]+)=(.*)$/s.exec(condition);
    const [, field, raw] = like ?? eq ?? [];
    if (field === undefined) throw new Error(`bad condition ${condition}`);
    const value = raw!.replaceAll(CARET, '^');
    const actual = String(row[field] ?? '');
    return like ? actual.toLowerCase().includes(value.toLowerCase()) : actual === value;
  };
  return orGroups.length > 1 ? conditions.some(test) : conditions.every(test);
}

export function serviceNowMock(options: { auth: string; tables?: Record<string, Row[]> } & Partial<LoseAnswers>) {
  const tables: Record<string, Row[]> = options.tables ?? {};
  let lose = options.loseCreateAnswers ?? 0;
  let next = 1;
  const handler = (req: SeenRequest, res: ServerResponse) => {
    if (req.headers.authorization !== options.auth)
      return sendJson(res, 401, {
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
        status: 'failure',
      });
    if (req.headers.accept !== 'application/json')
      return sendJson(res, 406, { error: { message: 'Accept must be JSON' } });
    const m = /^\/api\/now\/table\/([a-z0-9_]+)(?:\/([^/]+))?$/.exec(pathOf(req.path));
    if (!m) return sendJson(res, 400, { error: { message: 'Invalid table', detail: req.path } });
    const rows = (tables[m[1]!] ??= []);
    const id = m[2] ? decodeURIComponent(m[2]) : undefined;
    const find = () => rows.find((r) => r.sys_id === id);
    const notFound = () =>
      sendJson(res, 404, {
        error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
        status: 'failure',
      });
    if (req.method === 'GET' && id === undefined) {
      const query = queryOf(req.path);
      const q = query.get('sysparm_query') ?? '';
      const limit = Number(query.get('sysparm_limit') ?? '10000');
      return sendJson(res, 200, { result: rows.filter((r) => q === '' || serviceNowMatches(q, r)).slice(0, limit) });
    }
    if (req.method === 'GET') return find() ? sendJson(res, 200, { result: find() }) : notFound();
    if (req.method === 'POST' && id === undefined) {
      const row = {
        ...(req.json as Row),
        sys_id: `sn${String(next).padStart(30, '0')}`,
        number: `CS${String(next).padStart(7, '0')}`,
      };
      next += 1;
      rows.push(row);
      if (lose > 0) {
        lose -= 1;
        return sendJson(res, 503, { error: { message: 'Service Unavailable' } });
      }
      return sendJson(res, 201, { result: row });
    }
    if (req.method === 'PATCH' && id !== undefined) {
      const row = find();
      if (!row) return notFound();
      Object.assign(row, req.json as Row);
      return sendJson(res, 200, { result: row });
    }
    return sendJson(res, 405, { error: { message: 'Method not supported' } });
  };
  return { tables, handler };
}

// ---- Salesforce REST API -------------------------------------------------------------------

const SOQL_UNESCAPE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** Evaluates the WHERE clause the Record node writes: `F = '…'` / `F LIKE '%…%'` joined by AND or OR. */
export function soqlMatches(where: string, row: Row): boolean {
  const literal = /([A-Za-z0-9_.]+) (=|LIKE) '((?:[^'\\]|\\.)*)'/g;
  const tests: boolean[] = [];
  let rest = where;
  for (const [whole, field, op, raw] of where.matchAll(literal)) {
    rest = rest.replace(whole, '');
    const value = raw!.replace(/\\(.)/g, (_, c: string) => SOQL_UNESCAPE[c] ?? c);
    const actual = String(row[field!] ?? '');
    if (op === '=') tests.push(actual === value);
    else {
      const inner = value.replace(/^%|%$/g, '');
      // A LIKE with an unescaped wildcard would match more; the node must have escaped them.
      tests.push(actual.toLowerCase().includes(inner.replace(/\\([%_])/g, '$1').toLowerCase()));
    }
  }
  const joins = rest.trim().split(/\s+/).filter(Boolean);
  if (joins.some((j) => j !== 'AND' && j !== 'OR')) throw new Error(`unexpected SOQL: ${where}`);
  return joins.includes('OR') ? tests.some(Boolean) : tests.every(Boolean);
}

export function salesforceMock(options: { token: string; objects?: Record<string, Row[]> } & Partial<LoseAnswers>) {
  const objects: Record<string, Row[]> = options.objects ?? {};
  let lose = options.loseCreateAnswers ?? 0;
  let next = 1;
  const newId = (prefix: string) => `${prefix}${String(next++).padStart(15, '0')}`;
  const prefixes: Record<string, string> = {
    Contact: '003',
    Case: '500',
    Task: '00T',
    CaseComment: '00a',
    Note: '002',
  };
  const handler = (req: SeenRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return sendJson(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const path = pathOf(req.path);
    if (req.method === 'GET' && path === '/services/data/v60.0/query') {
      const q = queryOf(req.path).get('q') ?? '';
      const m = /^SELECT ([A-Za-z0-9_, .]+) FROM ([A-Za-z0-9_]+) WHERE (.+) LIMIT (\d+)$/s.exec(q);
      if (!m) return sendJson(res, 400, [{ message: `unexpected token: ${q}`, errorCode: 'MALFORMED_QUERY' }]);
      const fields = m[1]!.split(', ');
      const rows = (objects[m[2]!] ?? []).filter((r) => soqlMatches(m[3]!, r)).slice(0, Number(m[4]));
      const records = rows.map((r) => ({
        attributes: { type: m[2], url: `/services/data/v60.0/sobjects/${m[2]}/${String(r.Id)}` },
        ...Object.fromEntries(fields.map((f) => [f, r[f] ?? null])),
      }));
      return sendJson(res, 200, { totalSize: records.length, done: true, records });
    }
    const m = /^\/services\/data\/v60\.0\/sobjects\/([A-Za-z0-9_]+)\/?(?:([^/]+))?(?:\/([^/]+))?$/.exec(path);
    if (!m) return sendJson(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    const [, object, a, b] = m;
    const rows = (objects[object!] ??= []);
    if (req.method === 'POST' && a === undefined) {
      const row: Row = { ...(req.json as Row), Id: newId(prefixes[object!] ?? 'a00') };
      if (object === 'Case' && typeof row.Subject !== 'string')
        return sendJson(res, 400, [
          {
            message: 'Required fields are missing: [Subject]',
            errorCode: 'REQUIRED_FIELD_MISSING',
            fields: ['Subject'],
          },
        ]);
      rows.push(row);
      if (lose > 0) {
        lose -= 1;
        return sendJson(res, 503, [{ message: 'Service Unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
      }
      return sendJson(res, 201, { id: row.Id, errors: [], success: true });
    }
    if (req.method === 'PATCH' && a !== undefined && b !== undefined) {
      // Upsert by external id.
      const value = decodeURIComponent(b);
      const existing = rows.find((r) => r[a] === value);
      if (existing) {
        Object.assign(existing, req.json as Row);
        return sendJson(res, 200, { id: existing.Id, success: true, errors: [], created: false });
      }
      const row = { ...(req.json as Row), [a]: value, Id: newId(prefixes[object!] ?? 'a00') };
      rows.push(row);
      return sendJson(res, 201, { id: row.Id, success: true, errors: [], created: true });
    }
    const row = rows.find((r) => r.Id === a);
    if (!row) return sendJson(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    if (req.method === 'GET') return sendJson(res, 200, { attributes: { type: object }, ...row });
    if (req.method === 'PATCH') {
      Object.assign(row, req.json as Row);
      res.writeHead(204);
      return res.end();
    }
    return sendJson(res, 405, [{ message: 'Method not allowed', errorCode: 'METHOD_NOT_ALLOWED' }]);
  };
  return { objects, handler };
}

// ---- Zendesk -------------------------------------------------------------------------------

/** Zendesk search as the node uses it: `type:x` and `field:"phrase"` terms; a phrase matches words, not whole values. */
export function zendeskSearchMatches(query: string, type: string, row: Row): boolean {
  const typeTerm = /^type:(\w+)/.exec(query);
  if (!typeTerm || typeTerm[1] !== type) return false;
  const rest = query.slice(typeTerm[0].length);
  const terms = [...rest.matchAll(/\s(\w+):"((?:[^"\\]|\\.)*)"/g)];
  if (rest.replace(/\s(\w+):"((?:[^"\\]|\\.)*)"/g, '').trim() !== '') throw new Error(`unexpected search: ${query}`);
  return terms.every(([, field, raw]) => {
    const value = raw!.replace(/\\(.)/g, '$1').toLowerCase();
    return String(row[field!] ?? '')
      .toLowerCase()
      .includes(value);
  });
}

export function zendeskMock(options: {
  auth: string;
  records?: Partial<Record<'ticket' | 'user' | 'organization', Row[]>>;
}) {
  const records = { ticket: [] as Row[], user: [] as Row[], organization: [] as Row[], ...options.records };
  const singular: Record<string, 'ticket' | 'user' | 'organization'> = {
    tickets: 'ticket',
    users: 'user',
    organizations: 'organization',
  };
  let next = 1000;
  const replays = new Map<string, unknown>();
  const handler = (req: SeenRequest, res: ServerResponse) => {
    if (req.headers.authorization !== options.auth) return sendJson(res, 401, { error: "Couldn't authenticate you" });
    const path = pathOf(req.path);
    if (req.method === 'GET' && path === '/api/v2/search.json') {
      const query = queryOf(req.path).get('query') ?? '';
      const results = (Object.keys(records) as (keyof typeof records)[]).flatMap((type) =>
        records[type].filter((r) => zendeskSearchMatches(query, type, r)).map((r) => ({ ...r, result_type: type })),
      );
      return sendJson(res, 200, { results, count: results.length, next_page: null, previous_page: null });
    }
    const m = /^\/api\/v2\/(tickets|users|organizations)(?:\/(create_or_update|\d+))?(\/tags)?\.json$/.exec(path);
    if (!m) return sendJson(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
    const object = singular[m[1]!]!;
    const rows = records[object];
    const body = (req.json as Record<string, Row> | undefined)?.[object];
    if (m[2] === 'create_or_update' && req.method === 'POST') {
      const keys = object === 'user' ? ['external_id', 'email'] : ['external_id'];
      const existing = rows.find((r) => keys.some((k) => body?.[k] !== undefined && r[k] === body[k]));
      if (existing) {
        Object.assign(existing, body);
        return sendJson(res, 200, { [object]: existing });
      }
      const row = { ...body, id: next++ };
      rows.push(row);
      return sendJson(res, 201, { [object]: row });
    }
    if (m[2] === undefined && req.method === 'POST') {
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && replays.has(key))
        return sendJson(res, 201, replays.get(key), { 'x-idempotency-lookup': 'hit' });
      if (object === 'ticket' && typeof (body?.comment as Row | undefined)?.body !== 'string')
        return sendJson(res, 422, {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: { base: [{ description: 'Comment: cannot be blank' }] },
        });
      const row = { ...body, id: next++ };
      rows.push(row);
      const answer = { [object]: row };
      if (typeof key === 'string') replays.set(key, answer);
      return sendJson(res, 201, answer);
    }
    const row = rows.find((r) => String(r.id) === m[2]);
    if (!row) return sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
    if (m[3] && req.method === 'PUT') {
      const tags = [...new Set([...((row.tags as string[]) ?? []), ...((req.json as { tags: string[] }).tags ?? [])])];
      row.tags = tags;
      return sendJson(res, 200, { tags });
    }
    if (req.method === 'GET') return sendJson(res, 200, { [object]: row });
    if (req.method === 'PUT') {
      Object.assign(row, body);
      return sendJson(res, 200, { [object]: row });
    }
    return sendJson(res, 405, { error: 'MethodNotAllowed' });
  };
  return { records, handler };
}

// ---- Microsoft Dynamics 365 Web API and Entra ID ---------------------------------------------

/** Evaluates the `$filter` the Record node writes: `f eq '…'` / `contains(f,'…')` joined by and/or. */
export function odataMatches(filter: string, row: Row): boolean {
  const term = /(?:([a-z0-9_]+) eq '((?:[^']|'')*)'|contains\(([a-z0-9_]+),'((?:[^']|'')*)'\))/g;
  const tests: boolean[] = [];
  let rest = filter;
  for (const [whole, eqField, eqValue, cField, cValue] of filter.matchAll(term)) {
    rest = rest.replace(whole, '');
    if (eqField !== undefined) tests.push(String(row[eqField] ?? '') === eqValue!.replace(/''/g, "'"));
    else tests.push(String(row[cField!] ?? '').includes(cValue!.replace(/''/g, "'")));
  }
  const joins = rest.trim().split(/\s+/).filter(Boolean);
  if (joins.some((j) => j !== 'and' && j !== 'or')) throw new Error(`unexpected $filter: ${filter}`);
  return joins.includes('or') ? tests.some(Boolean) : tests.every(Boolean);
}

/**
 * Entra ID's token endpoint (client credentials, secret in the form) and the Dataverse Web API
 * for entity sets whose primary key is `<singular>id`, with alternate keys on any column.
 */
export function dynamicsMock(
  options: {
    clientId: string;
    clientSecret: string;
    scope: string;
    sets?: Record<string, Row[]>;
  } & Partial<LoseAnswers>,
) {
  const sets: Record<string, Row[]> = options.sets ?? {};
  const token = 'entra-access-token-1';
  let lose = options.loseCreateAnswers ?? 0;
  let next = 1;
  const guid = () => `00000000-0000-0000-0000-${String(next++).padStart(12, '0')}`;
  const keyOf = (set: string) => (set === 'phonecalls' ? 'activityid' : `${set.replace(/s$/, '')}id`);
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    sendJson(res, status, { error: { code, message } });
  const handler = (req: SeenRequest, res: ServerResponse) => {
    const path = pathOf(req.path);
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) {
      const form = new URLSearchParams(req.body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== options.clientId ||
        form.get('client_secret') !== options.clientSecret ||
        form.get('scope') !== options.scope
      )
        return sendJson(res, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
        });
      return sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return error(res, 401, '0x80072560', 'The user is not a member of the organization.');
    if (req.headers['odata-version'] !== '4.0') return error(res, 400, '0x0', 'OData-Version 4.0 is required');
    const m = /^\/api\/data\/v9\.2\/([a-z0-9_]+)(?:\((.+)\))?$/.exec(path);
    if (!m) return error(res, 404, '0x80060888', `Resource not found for the segment '${path}'.`);
    const set = m[1]!;
    const rows = (sets[set] ??= []);
    const key = m[2] !== undefined ? decodeURIComponent(m[2]) : undefined;
    const answer = (status: number, row: Row) =>
      req.headers.prefer === 'return=representation' ? sendJson(res, status, row) : (res.writeHead(204), res.end());
    if (req.method === 'GET' && key === undefined) {
      const query = queryOf(req.path);
      const filter = query.get('$filter') ?? '';
      const top = Number(query.get('$top') ?? '5000');
      return sendJson(res, 200, { value: rows.filter((r) => filter === '' || odataMatches(filter, r)).slice(0, top) });
    }
    if (set === 'annotations' && req.method === 'POST') {
      const row = { ...(req.json as Row), annotationid: guid() };
      rows.push(row);
      return answer(201, row);
    }
    if (req.method === 'POST' && key === undefined) {
      const row = { ...(req.json as Row), [keyOf(set)]: guid() };
      rows.push(row);
      if (lose > 0) {
        lose -= 1;
        return error(res, 503, '0x80040216', 'Service Unavailable');
      }
      return answer(201, row);
    }
    const alternate = key !== undefined ? /^([a-z0-9_]+)='((?:[^']|'')*)'$/.exec(key) : null;
    const find = () =>
      alternate
        ? rows.find((r) => r[alternate[1]!] === alternate[2]!.replace(/''/g, "'"))
        : rows.find((r) => r[keyOf(set)] === key);
    const found = find();
    if (req.method === 'GET')
      return found
        ? sendJson(res, 200, found)
        : error(res, 404, '0x80040217', `${set} With Id = ${key} Does Not Exist`);
    if (req.method === 'PATCH') {
      if (found) {
        Object.assign(found, req.json as Row);
        return answer(200, found);
      }
      if (req.headers['if-match'] === '*')
        return error(res, 404, '0x80040217', `${set} With Id = ${key} Does Not Exist`);
      const row: Row = { ...(req.json as Row), [keyOf(set)]: guid() };
      if (alternate) row[alternate[1]!] = alternate[2]!.replace(/''/g, "'");
      rows.push(row);
      return answer(201, row);
    }
    return error(res, 405, '0x0', 'Method not allowed');
  };
  return { sets, handler, token };
}
