/**
 * The Web Service node's `pagination` setting: how to read a list that comes in pages, by a
 * vendor preset or a generic style, with caps on pages and items. Environment-neutral (the
 * manifest, loaded by the designer too, holds it).
 */

export const PAGINATION_STYLES = [
  'none',
  'genesys',
  'servicenow',
  'salesforce',
  'zendesk',
  'nextUrl',
  'linkHeader',
  'pageNumber',
  'offset',
  'cursor',
] as const;

export type PaginationStyle = (typeof PAGINATION_STYLES)[number];

export const DEFAULT_MAX_PAGES = 10;
export const DEFAULT_MAX_ITEMS = 10_000;

const queryName = (title: string, description: string, fallback: string) =>
  ({
    type: 'string',
    title,
    description,
    minLength: 1,
    maxLength: 128,
    default: fallback,
  }) as const;

export const paginationSchema = {
  type: 'object',
  title: 'Pages',
  description:
    "Reads a list that comes in pages and collects its items into one list (steps.<node>.body.items). Each page is requested with the same method, headers and credential, and every page must stay on the first page's origin.",
  additionalProperties: false,
  required: ['style'],
  properties: {
    style: {
      type: 'string',
      title: 'Page style',
      description:
        'none reads one response. Presets: genesys (entities; nextUri, else pageNumber up to pageCount), servicenow (result; the Link header, rel="next", which carries sysparm_offset), salesforce (records; nextRecordsUrl until done), zendesk (links.next while meta.has_more, else next_page). Generic: nextUrl (a next-page URL in the body), linkHeader (Link: <…>; rel="next"), pageNumber (a page query parameter), offset (an offset query parameter), cursor (a cursor from the body sent back as a query parameter).',
      enum: PAGINATION_STYLES,
      default: 'none',
    },
    itemsPath: {
      type: 'string',
      title: 'Items path',
      description:
        "JSONPath of the list in each page, e.g. $.entities, $.result, $.records, $.tickets. Empty: the preset's list, or the one list at the top of the page.",
      minLength: 1,
    },
    nextUrlPath: {
      type: 'string',
      title: 'Next URL path',
      description:
        "For nextUrl: JSONPath of the next page's URL in the body, e.g. $.next or $.links.next. A relative URL is read against the page it came from. Reading stops when it is empty.",
      minLength: 1,
    },
    hasMorePath: {
      type: 'string',
      title: 'More pages path',
      description:
        'For nextUrl and cursor: optional JSONPath of a true/false in the body that says whether another page follows, e.g. $.meta.has_more.',
      minLength: 1,
    },
    cursorPath: {
      type: 'string',
      title: 'Cursor path',
      description:
        'For cursor: JSONPath of the next cursor in the body, e.g. $.meta.after_cursor. Reading stops when it is empty.',
      minLength: 1,
    },
    cursorParam: queryName('Cursor parameter', 'For cursor: the query parameter the cursor is sent in.', 'cursor'),
    pageParam: queryName('Page parameter', 'For pageNumber: the query parameter of the page number.', 'page'),
    firstPage: {
      type: 'integer',
      title: 'First page number',
      description: 'For pageNumber: the number of the first page (the first request sends none).',
      minimum: 0,
      default: 1,
    },
    pageCountPath: {
      type: 'string',
      title: 'Page count path',
      description:
        'For pageNumber: optional JSONPath of the number of pages, e.g. $.pageCount. Without it, reading stops at an empty or short page.',
      minLength: 1,
    },
    offsetParam: queryName('Offset parameter', 'For offset: the query parameter of the offset.', 'offset'),
    pageSize: {
      type: 'integer',
      title: 'Page size',
      description:
        'For pageNumber and offset: items per page the service returns (send it yourself as a query parameter); a shorter page is the last one.',
      minimum: 1,
      maximum: 100000,
    },
    maxPages: {
      type: 'integer',
      title: 'Most pages',
      description: 'Reading stops after this many pages (the output says it stopped early). Defaults to 10.',
      minimum: 1,
      maximum: 1000,
      default: DEFAULT_MAX_PAGES,
    },
    maxItems: {
      type: 'integer',
      title: 'Most items',
      description:
        'Reading stops once this many items are collected (the output says it stopped early). Defaults to 10000.',
      minimum: 1,
      maximum: 1000000,
      default: DEFAULT_MAX_ITEMS,
    },
  },
} as const;

type PaginationField = keyof (typeof paginationSchema)['properties'];

/**
 * A conditional that marks pagination settings unused (`x-unused`, hidden while empty) unless
 * the style is one of `styles`.
 */
function usedOnlyWith(styles: readonly PaginationStyle[], fields: readonly PaginationField[]) {
  return {
    if: {
      required: ['pagination'],
      properties: { pagination: { required: ['style'], properties: { style: { enum: styles } } } },
    },
    else: {
      properties: {
        pagination: { properties: Object.fromEntries(fields.map((f) => [f, { 'x-unused': true }])) },
      },
    },
  } as const;
}

/** Which pagination settings apply to which styles, for the form. */
export const paginationConditionals = [
  usedOnlyWith(
    ['genesys', 'servicenow', 'salesforce', 'zendesk', 'nextUrl', 'linkHeader', 'pageNumber', 'offset', 'cursor'],
    ['itemsPath', 'maxPages', 'maxItems'],
  ),
  usedOnlyWith(['nextUrl'], ['nextUrlPath']),
  usedOnlyWith(['nextUrl', 'cursor'], ['hasMorePath']),
  usedOnlyWith(['cursor'], ['cursorPath', 'cursorParam']),
  usedOnlyWith(['pageNumber'], ['pageParam', 'firstPage', 'pageCountPath']),
  usedOnlyWith(['offset'], ['offsetParam']),
  usedOnlyWith(['pageNumber', 'offset'], ['pageSize']),
];
