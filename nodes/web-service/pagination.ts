/**
 * Reads a list page by page for the Web Service node: after each response, the style says
 * where the next page is (a URL in the body or the Link header, or the first URL with a page
 * number, offset or cursor set), and the items of every page are collected into one list, up
 * to the node's caps. A next page must stay on the first page's origin: a URL that comes from
 * a response never takes the request and its credential elsewhere. Each page goes through
 * `ctx.http` like the first, so auth, retries, the credential's allowed origins, tracing and
 * recorded responses (one per page, in order) apply per page.
 */
import { compileJsonPath, type CompiledJsonPath } from '../../core/json-path-eval.js';
import { NodeError, type HttpResult } from '../../core/node-type.js';
import { isRecord } from '../node-kit.js';
import { webServiceMessage, type WebServiceMessageCode } from './messages.js';
import { DEFAULT_MAX_ITEMS, DEFAULT_MAX_PAGES, type PaginationStyle } from './pagination-schema.js';
import type { WebServiceConfig } from './manifest.js';

type PaginationConfig = NonNullable<WebServiceConfig['pagination']>;

/** The NodeError code of every pagination failure. */
export const PAGINATION_ERROR_CODE = 'pagination';

/** What the node outputs as its body when it read pages. */
export interface PagedBody {
  items: unknown[];
  pages: number;
  /** Why reading stopped before the last page, or null when every page was read. */
  truncated: 'maxPages' | 'maxItems' | null;
  /** The first page's body, for totals and counts the service sends there. */
  first: unknown;
}

/** The settings of one style, compiled at flow load. */
export interface Pager {
  style: Exclude<PaginationStyle, 'none'>;
  items?: CompiledJsonPath;
  nextUrl?: CompiledJsonPath;
  hasMore?: CompiledJsonPath;
  cursor?: CompiledJsonPath;
  cursorParam: string;
  pageParam: string;
  firstPage: number;
  pageCount?: CompiledJsonPath;
  offsetParam: string;
  pageSize?: number;
  maxPages: number;
  maxItems: number;
}

/** Each preset's list and links, as the vendor documents them. */
const PRESET_PATHS: Partial<Record<PaginationStyle, { items?: string; nextUrl?: string; hasMore?: string }>> = {
  genesys: { items: '$.entities', nextUrl: '$.nextUri' },
  servicenow: { items: '$.result' },
  salesforce: { items: '$.records', nextUrl: '$.nextRecordsUrl' },
  zendesk: { nextUrl: '$.links.next', hasMore: '$.meta.has_more' },
};

function compiled(path: string | undefined): CompiledJsonPath | undefined {
  return path === undefined ? undefined : compileJsonPath(path);
}

/** Compiles the node's pagination setting; undefined when it reads one response. */
export function compilePager(config: PaginationConfig | undefined): Pager | undefined {
  if (!config || config.style === 'none') return undefined;
  const preset = PRESET_PATHS[config.style] ?? {};
  return {
    style: config.style,
    items: compiled(config.itemsPath ?? preset.items),
    nextUrl: compiled(config.style === 'nextUrl' ? config.nextUrlPath : preset.nextUrl),
    hasMore: compiled(config.style === 'nextUrl' || config.style === 'cursor' ? config.hasMorePath : preset.hasMore),
    cursor: compiled(config.cursorPath),
    cursorParam: config.cursorParam ?? 'cursor',
    pageParam: config.style === 'genesys' ? 'pageNumber' : (config.pageParam ?? 'page'),
    firstPage: config.firstPage ?? 1,
    pageCount: compiled(config.style === 'genesys' ? '$.pageCount' : config.pageCountPath),
    offsetParam: config.offsetParam ?? 'offset',
    ...(config.pageSize !== undefined ? { pageSize: config.pageSize } : {}),
    maxPages: config.maxPages ?? DEFAULT_MAX_PAGES,
    maxItems: config.maxItems ?? DEFAULT_MAX_ITEMS,
  };
}

function pageError(code: WebServiceMessageCode, params: Record<string, string | number>): NodeError {
  const detail = webServiceMessage(code, params as never);
  return new NodeError(detail.message, PAGINATION_ERROR_CODE, { problem: code, ...params }, { detail });
}

function valueAt(path: CompiledJsonPath | undefined, body: unknown): unknown {
  if (!path) return undefined;
  const match = path.evaluate(body);
  return match.found ? match.value : undefined;
}

/** The items of one page: the items path, or the page itself when it is a list, or its one top-level list. */
export function pageItems(pager: Pick<Pager, 'items'>, body: unknown, page: number): unknown[] {
  if (pager.items) {
    const found = valueAt(pager.items, body);
    if (Array.isArray(found)) return found;
    if (found === undefined || found === null) {
      // An empty page may leave the list out altogether.
      if (isRecord(body) || body === null || body === '') return [];
    }
    throw pageError('webService.page-no-items', { page, path: pager.items.path });
  }
  if (Array.isArray(body)) return body;
  const lists = isRecord(body) ? Object.values(body).filter(Array.isArray) : [];
  if (lists.length === 1) return lists[0]!;
  if (body === null || body === '') return [];
  throw pageError('webService.page-items-unknown', { page });
}

/** `<url>; rel="next"` from a Link header (RFC 8288), or undefined. */
export function nextFromLinkHeader(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const m of link.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s,]+))/i.exec(m[2] ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (names.includes('next')) return m[1];
  }
  return undefined;
}

function withQuery(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.href;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Where the page after `page` (1-based) is, or undefined when `response` was the last page.
 * `firstUrl` is the first request's URL; `url` the one `response` answered.
 */
export function nextPageUrl(
  pager: Pager,
  state: { firstUrl: string; url: string; page: number; itemsOnPage: number; itemsSoFar: number },
  response: Pick<HttpResult, 'headers' | 'body'>,
): string | undefined {
  const body = response.body;
  const more = pager.hasMore ? valueAt(pager.hasMore, body) : undefined;
  switch (pager.style) {
    case 'servicenow':
    case 'linkHeader':
      return nextFromLinkHeader(response.headers.link);
    case 'salesforce':
      if (isRecord(body) && body.done === true) return undefined;
      return text(valueAt(pager.nextUrl, body));
    case 'zendesk': {
      // Cursor pagination: links.next while meta.has_more; offset pagination: next_page.
      if (more === false) return undefined;
      const cursorNext = more === true ? text(valueAt(pager.nextUrl, body)) : undefined;
      return cursorNext ?? (isRecord(body) ? text(body.next_page) : undefined);
    }
    case 'nextUrl':
      if (more === false) return undefined;
      return text(valueAt(pager.nextUrl, body));
    case 'genesys': {
      const nextUri = text(valueAt(pager.nextUrl, body));
      if (nextUri) return nextUri;
      const count = Number(valueAt(pager.pageCount, body));
      const number = Number(isRecord(body) ? body.pageNumber : NaN);
      if (Number.isFinite(count) && Number.isFinite(number) && number < count)
        return withQuery(state.firstUrl, pager.pageParam, String(number + 1));
      return undefined;
    }
    case 'pageNumber': {
      if (state.itemsOnPage === 0) return undefined;
      if (pager.pageSize !== undefined && state.itemsOnPage < pager.pageSize) return undefined;
      const count = Number(valueAt(pager.pageCount, body));
      const thisPage = pager.firstPage + state.page - 1;
      if (pager.pageCount && (!Number.isFinite(count) || thisPage >= count)) return undefined;
      return withQuery(state.firstUrl, pager.pageParam, String(thisPage + 1));
    }
    case 'offset': {
      if (state.itemsOnPage === 0) return undefined;
      if (pager.pageSize !== undefined && state.itemsOnPage < pager.pageSize) return undefined;
      const start = Number(new URL(state.firstUrl).searchParams.get(pager.offsetParam) ?? 0) || 0;
      return withQuery(state.firstUrl, pager.offsetParam, String(start + state.itemsSoFar));
    }
    case 'cursor': {
      if (more === false) return undefined;
      const cursor = text(valueAt(pager.cursor, body));
      return cursor === undefined ? undefined : withQuery(state.firstUrl, pager.cursorParam, cursor);
    }
  }
}

/**
 * Reads the pages after `first` with `fetchPage` and collects every page's items. Throws a
 * NodeError (code {@link PAGINATION_ERROR_CODE}) when a next page leaves the first page's
 * origin, is not a URL, or repeats a page already read.
 */
export async function collectPages(
  pager: Pager,
  firstUrl: string,
  first: HttpResult,
  fetchPage: (url: string, page: number) => Promise<HttpResult>,
): Promise<{ body: PagedBody; last: HttpResult }> {
  const origin = new URL(firstUrl).origin;
  const seen = new Set<string>([new URL(firstUrl).href]);
  const items: unknown[] = [];
  let truncated: PagedBody['truncated'] = null;
  let response = first;
  let url = firstUrl;
  let pages = 0;
  for (let page = 1; ; page++) {
    pages = page;
    const onPage = pageItems(pager, response.body, page);
    const room = pager.maxItems - items.length;
    if (onPage.length > room) {
      items.push(...onPage.slice(0, room));
      truncated = 'maxItems';
      break;
    }
    items.push(...onPage);
    const next = nextPageUrl(
      pager,
      { firstUrl, url, page, itemsOnPage: onPage.length, itemsSoFar: items.length },
      response,
    );
    if (next === undefined) break;
    if (items.length >= pager.maxItems) {
      truncated = 'maxItems';
      break;
    }
    if (page >= pager.maxPages) {
      truncated = 'maxPages';
      break;
    }
    let target: URL;
    try {
      // A relative next URL (Genesys nextUri, Salesforce nextRecordsUrl) is read against the page it came from.
      target = new URL(next, url);
    } catch {
      throw pageError('webService.page-bad-url', { page, url: next });
    }
    if (target.origin !== origin)
      throw pageError('webService.page-origin', { page: page + 1, url: target.href, origin });
    if (seen.has(target.href)) throw pageError('webService.page-repeat', { page: page + 1, url: target.href });
    seen.add(target.href);
    url = target.href;
    response = await fetchPage(url, page + 1);
  }
  return { body: { items, pages, truncated, first: first.body }, last: response };
}
