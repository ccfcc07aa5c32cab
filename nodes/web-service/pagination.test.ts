/**
 * Pages in the Web Service node, against loopback mock servers shaped like each vendor's list
 * API (and checking the credential on every page), with recorded responses per page, caps, and
 * the rule that a next page never leaves the first page's origin.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import { NodeError } from '../../core/node-type.js';
import { createRecordedTransport } from '../../runtime/http/recorded-transport.js';
import { closeSharedTransport, runNode } from '../../test/support/exec-context.js';
import { sendJson, startTestServer, type SeenRequest, type TestServer } from '../../test/support/http-server.js';
import { readPayload } from '../../test/support/payloads.js';
import { webServiceExecutor, type WebServiceOutput } from './executor.js';
import { webServiceManifest, type WebServiceConfig } from './manifest.js';
import { nextFromLinkHeader, type PagedBody } from './pagination.js';

const TOKEN = 'vendor-token-for-pagination-tests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await closeSharedTransport();
});
beforeEach(() => {
  server.seen.length = 0;
});

function node(config: Partial<WebServiceConfig>): FlowNode {
  return {
    id: 'n-list',
    type: 'webService',
    version: 1,
    name: 'list',
    config: { ...webServiceManifest.defaults, auth: { type: 'bearer' }, ...config },
    credentials: { auth: 'vendor' },
  };
}

const credential = (): ResolvedCredential => ({
  name: 'vendor',
  kind: 'bearer',
  fields: { token: TOKEN },
  allowedOrigins: [server.url],
});

async function read(config: Partial<WebServiceConfig>) {
  const { result, ctx } = await runNode(webServiceExecutor, {
    node: node(config),
    credentials: { auth: credential() },
  });
  const output = result.output as WebServiceOutput & { body: PagedBody };
  return { output, ctx, result };
}

/** Answers 401 unless the request carries the credential: every page must be authenticated. */
function authorized(req: SeenRequest, res: Parameters<Parameters<TestServer['handle']>[0]>[1]): boolean {
  if (req.headers.authorization === `Bearer ${TOKEN}`) return true;
  sendJson(res, 401, { message: 'missing or wrong token' });
  return false;
}

const paths = () => server.seen.map((r) => decodeURIComponent(r.path));

describe('Web Service pages: vendor presets', () => {
  it('Genesys: follows nextUri, then pageNumber up to pageCount, collecting entities', async () => {
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'].map((id) => ({ id, name: `User ${id}` }));
    server.handle((req, res) => {
      if (!authorized(req, res)) return;
      const url = new URL(req.path, server.url);
      const pageNumber = Number(url.searchParams.get('pageNumber') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize'));
      const entities = users.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      // Page 1 carries nextUri; later pages leave it out (some Genesys lists do), so pageCount decides.
      sendJson(res, 200, {
        entities,
        pageSize,
        pageNumber,
        total: users.length,
        pageCount: 3,
        ...(pageNumber === 1 ? { nextUri: `/api/v2/users?pageSize=${pageSize}&pageNumber=2` } : {}),
        selfUri: `/api/v2/users?pageSize=${pageSize}&pageNumber=${pageNumber}`,
      });
    });
    const { output, ctx } = await read({
      url: `${server.url}/api/v2/users`,
      query: [{ name: 'pageSize', value: '2' }],
      pagination: { style: 'genesys' },
      mapping: [{ path: '$.items[*].id', field: 'userIds' }],
    });
    expect(paths()).toEqual([
      '/api/v2/users?pageSize=2',
      '/api/v2/users?pageSize=2&pageNumber=2',
      '/api/v2/users?pageSize=2&pageNumber=3',
    ]);
    expect(output.body.items).toEqual(users);
    expect(output.body).toMatchObject({ pages: 3, truncated: null, first: { total: 5, pageNumber: 1 } });
    expect(output.fields.userIds).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(ctx.requests.filter((r) => r.purpose === 'main')).toHaveLength(3);
  });

  it('ServiceNow: follows the Link header (rel="next", sysparm_offset) and collects result', async () => {
    const numbers = ['INC0000001', 'INC0000002', 'INC0000003'];
    server.handle((req, res) => {
      if (!authorized(req, res)) return;
      const url = new URL(req.path, server.url);
      const offset = Number(url.searchParams.get('sysparm_offset') ?? 0);
      const page = (o: number) =>
        `${server.url}/api/now/table/incident?sysparm_limit=1&sysparm_fields=number&sysparm_offset=${o}`;
      // The shape of the captured Table API response (flows/payloads/SOURCES.md): first, prev, next, last.
      const links = [`<${page(0)}>;rel="first"`, `<${page(offset - 1)}>;rel="prev"`];
      if (offset < numbers.length - 1) links.push(`<${page(offset + 1)}>;rel="next"`);
      links.push(`<${page(numbers.length - 1)}>;rel="last"`);
      sendJson(res, 200, { result: [{ number: numbers[offset] }] }, { link: links.join(','), 'x-total-count': '3' });
    });
    const { output } = await read({
      url: `${server.url}/api/now/table/incident?sysparm_limit=1&sysparm_fields=number&sysparm_offset=0`,
      pagination: { style: 'servicenow' },
    });
    expect(output.body.items).toEqual(numbers.map((number) => ({ number })));
    expect(output.body.pages).toBe(3);
    expect(paths().map((p) => new URL(p, server.url).searchParams.get('sysparm_offset'))).toEqual(['0', '1', '2']);
    expect(output.headers['x-total-count']).toBe('3');
  });

  it('Salesforce: follows nextRecordsUrl until done (the restforce fixtures as the API answers)', async () => {
    const firstPage = readPayload('salesforce-restforce-fixture-query-paginated-first-page-response.json');
    const lastPage = readPayload('salesforce-restforce-fixture-query-paginated-last-page-response.json');
    server.handle((req, res) => {
      if (!authorized(req, res)) return;
      if (req.path.startsWith('/services/data/v26.0/query/?q=')) return sendJson(res, 200, firstPage);
      if (req.path === '/services/data/v26.0/query/01gD') return sendJson(res, 200, lastPage);
      sendJson(res, 404, [{ errorCode: 'NOT_FOUND' }]);
    });
    const { output } = await read({
      url: `${server.url}/services/data/v26.0/query/`,
      query: [{ name: 'q', value: 'SELECT Text_Label FROM Whizbang' }],
      pagination: { style: 'salesforce' },
      mapping: [{ path: '$.items[*].Text_Label', field: 'labels' }],
    });
    expect(output.fields.labels).toEqual(['First Page', 'Last Page']);
    expect(output.body.first).toMatchObject({ totalSize: 2, done: false });
    expect(server.seen).toHaveLength(2);
  });

  it('Zendesk: follows links.next while meta.has_more (cursor pagination)', async () => {
    const tickets = [1, 2, 3].map((id) => ({ id, subject: `Ticket ${id}` }));
    server.handle((req, res) => {
      if (!authorized(req, res)) return;
      const url = new URL(req.path, server.url);
      const after = url.searchParams.get('page[after]');
      const index = after === null ? 0 : Number(after);
      const hasMore = index + 2 < tickets.length;
      sendJson(res, 200, {
        tickets: tickets.slice(index, index + 2),
        meta: { has_more: hasMore, after_cursor: String(index + 2), before_cursor: String(index) },
        links: {
          next: `${server.url}/api/v2/tickets.json?page%5Bsize%5D=2&page%5Bafter%5D=${index + 2}`,
          prev: `${server.url}/api/v2/tickets.json?page%5Bsize%5D=2&page%5Bbefore%5D=${index}`,
        },
      });
    });
    const { output } = await read({
      url: `${server.url}/api/v2/tickets.json`,
      query: [{ name: 'page[size]', value: '2' }],
      pagination: { style: 'zendesk', itemsPath: '$.tickets' },
    });
    expect(output.body.items).toEqual(tickets);
    expect(paths()).toEqual(['/api/v2/tickets.json?page[size]=2', '/api/v2/tickets.json?page[size]=2&page[after]=2']);
  });

  it("Zendesk search: a next_page on another host (the documented example's) stops the node before it is asked", async () => {
    const search = readPayload('zendesk-search-response-example.json');
    server.handle((req, res) => (authorized(req, res) ? sendJson(res, 200, search) : undefined));
    const error = await read({
      url: `${server.url}/api/v2/search.json?query=type:group%20hello`,
      pagination: { style: 'zendesk' },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe('pagination');
    expect((error as NodeError).message).toBe(
      `page 2 is at https://foo.zendesk.com/api/v2/search?query=%22type:Group%20hello%22&sort_by=created_at&sort_order=desc&page=2, outside ${server.url} where the first page was read; the node stops rather than send the request (and its credential) elsewhere`,
    );
    expect(server.seen).toHaveLength(1);
  });
});

describe('Web Service pages: origins without a credential', () => {
  it('stops at a next page on another origin even when no credential would be sent', async () => {
    server.handle((_req, res) => sendJson(res, 200, { data: [1], next: 'http://127.0.0.2:9/steal?from=flowdesk' }));
    const unauthenticated = {
      ...node({
        url: `${server.url}/list`,
        auth: { type: 'none' },
        pagination: { style: 'nextUrl', nextUrlPath: '$.next' },
      }),
      credentials: {},
    };
    await expect(runNode(webServiceExecutor, { node: unauthenticated })).rejects.toMatchObject({
      code: 'pagination',
      details: { problem: 'webService.page-origin' },
    });
    expect(server.seen).toHaveLength(1);
  });
});

describe('Web Service pages: generic styles and caps', () => {
  const numbers = Array.from({ length: 7 }, (_, i) => i + 1);

  /** A plain list API: ?page=N&limit=L, ?offset=N&limit=L or ?cursor=C, answering { data, next, more, cursor }. */
  function listApi() {
    server.handle((req, res) => {
      if (!authorized(req, res)) return;
      const url = new URL(req.path, server.url);
      const limit = Number(url.searchParams.get('limit') ?? 3);
      const start = url.searchParams.has('page')
        ? (Number(url.searchParams.get('page')) - 1) * limit
        : Number(url.searchParams.get('offset') ?? url.searchParams.get('cursor') ?? 0);
      const data = numbers.slice(start, start + limit);
      const more = start + limit < numbers.length;
      sendJson(
        res,
        200,
        {
          data,
          more,
          cursor: more ? String(start + limit) : null,
          next: more ? `/list?limit=${limit}&offset=${start + limit}` : null,
        },
        more ? { link: `<${server.url}/list?limit=${limit}&offset=${start + limit}>; rel="next"` } : {},
      );
    });
  }

  it.each([
    ['pageNumber', { style: 'pageNumber', pageParam: 'page', pageSize: 3 }],
    ['offset', { style: 'offset', offsetParam: 'offset', pageSize: 3 }],
    ['cursor', { style: 'cursor', cursorPath: '$.cursor', cursorParam: 'cursor', hasMorePath: '$.more' }],
    ['nextUrl', { style: 'nextUrl', nextUrlPath: '$.next' }],
    ['linkHeader', { style: 'linkHeader' }],
  ] as const)('%s: reads every page into one list', async (_name, pagination) => {
    listApi();
    const { output } = await read({
      url: `${server.url}/list?limit=3`,
      pagination: { ...pagination, itemsPath: '$.data' },
    });
    expect(output.body.items).toEqual(numbers);
    expect(output.body.pages).toBe(3);
    expect(server.seen).toHaveLength(3);
  });

  it('gives each page its own idempotency key', async () => {
    listApi();
    await read({
      url: `${server.url}/list?limit=3`,
      idempotencyKey: 'run-1',
      pagination: { style: 'linkHeader' },
    });
    expect(server.seen.map((r) => r.headers['idempotency-key'])).toEqual(['run-1', 'run-1-page-2', 'run-1-page-3']);
  });

  it('stops at the page and item caps and says so', async () => {
    listApi();
    const pages = await read({
      url: `${server.url}/list?limit=3`,
      pagination: { style: 'linkHeader', maxPages: 2 },
    });
    expect(pages.output.body).toMatchObject({ items: [1, 2, 3, 4, 5, 6], pages: 2, truncated: 'maxPages' });
    expect(pages.ctx.logs.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^stopped after 2 pages and 6 items/),
    );
    server.seen.length = 0;
    const items = await read({
      url: `${server.url}/list?limit=3`,
      pagination: { style: 'linkHeader', maxItems: 4 },
    });
    expect(items.output.body).toMatchObject({ items: [1, 2, 3, 4], pages: 2, truncated: 'maxItems' });
    expect(server.seen).toHaveLength(2);
  });

  it('refuses a next page it has already read', async () => {
    server.handle((req, res) => (authorized(req, res) ? sendJson(res, 200, { data: [1], next: '/loop' }) : undefined));
    await expect(
      read({ url: `${server.url}/loop`, pagination: { style: 'nextUrl', nextUrlPath: '$.next', itemsPath: '$.data' } }),
    ).rejects.toThrow(`page 2 would read ${server.url}/loop again, which an earlier page already read`);
  });
});

describe('Web Service pages in recorded runs', () => {
  it('answers each page with the next recorded response (the captured ServiceNow response first)', async () => {
    const capture = readFileSync(
      new URL('../../flows/payloads/servicenow-table-api-incident-response-with-link-header.http', import.meta.url),
      'utf8',
    );
    // Headers, then the JSON body on the line that starts with '{' (the capture has no blank line).
    const bodyAt = capture.search(/^\{/m);
    const link = /^Link: (.*)$/m.exec(capture.slice(0, bodyAt))![1]!.trim();
    const body = capture.slice(bodyAt);
    const transport = createRecordedTransport(
      {
        list: [
          { status: 200, headers: { Link: link, 'X-Total-Count': '550' }, body: JSON.parse(body) as unknown },
          { status: 200, body: { result: [{ number: 'INC0000002' }] } },
        ],
      },
      '.',
    );
    const { result, ctx } = await runNode(webServiceExecutor, {
      node: node({
        url: 'https://demo003.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=number&sysparm_offset=0',
        pagination: { style: 'servicenow' },
      }),
      credentials: { auth: { ...credential(), allowedOrigins: ['https://demo003.service-now.com'] } },
      transport,
    });
    expect((result.output as { body: PagedBody }).body.items).toEqual([
      { number: 'INC0000001' },
      { number: 'INC0000002' },
    ]);
    expect(ctx.requests.map((r) => r.url)).toEqual([
      'https://demo003.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=number&sysparm_offset=0',
      'https://demo003.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=number&sysparm_offset=1',
    ]);
  });

  it('reads Link headers with several relations and parameters', () => {
    expect(
      nextFromLinkHeader('<https://a.example/p?x=1>; rel="prev", <https://a.example/p?x=3>; type="x"; rel="next last"'),
    ).toBe('https://a.example/p?x=3');
    expect(nextFromLinkHeader('<https://a.example/p?x=1>;rel=first')).toBeUndefined();
  });
});

describe('Web Service pages: settings checks', () => {
  const check = (pagination: WebServiceConfig['pagination']) =>
    webServiceManifest.check!({ ...webServiceManifest.defaults, url: 'https://api.example.com/x', pagination });

  it('asks for the setting a style needs and checks its JSONPaths', () => {
    expect(check({ style: 'nextUrl' })).toEqual([
      {
        pointer: '/pagination/nextUrlPath',
        code: 'webService.page-needs',
        params: { style: 'nextUrl', setting: 'nextUrlPath', example: '$.links.next' },
        message: 'the nextUrl page style needs "Next URL path", e.g. $.links.next',
      },
    ]);
    expect(check({ style: 'genesys', itemsPath: '$.entities[' })).toMatchObject([
      {
        pointer: '/pagination/itemsPath',
        code: 'check.json-path',
        message: expect.stringMatching(/^JSONPath "\$\.entities\[" is not valid/),
      },
    ]);
    expect(check({ style: 'genesys' })).toEqual([]);
    expect(check({ style: 'none' })).toEqual([]);
  });
});
