/**
 * Web Service: one HTTP call (Qualtrics "Web Service" task, Genesys data action) with
 * templated URL, query, headers and body, credential-based auth, a timeout and retry policy,
 * and a response mapping table (JSONPath → field, default when the path does not resolve).
 */
import { HEADER_NAME_PATTERN, retryPolicyIssues, retryPolicySchema } from '../../core/http-config-schema.js';
import { jsonPathIssue } from '../../core/json-path.js';
import { isRecord, unusedSetting, whenNested } from '../node-kit.js';
import { defineManifest, namesInRows, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { addMessages } from '../../core/messages/format.js';
import { webServiceMessage, webServiceMessages } from './messages.js';
import { paginationConditionals, paginationSchema } from './pagination-schema.js';
import { retryUntilActive, retryUntilSchema } from './retry-until-schema.js';
import { checkRules } from '../shared/rule-builder/rules.js';

const METHODS_WITH_BODY = new Set(['PUT', 'POST', 'PATCH']);

const nameValueList = <T extends string, D extends string, V extends string>(title: T, description: D, valueTitle: V) =>
  ({
    type: 'array',
    title,
    description,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'value'],
      properties: {
        name: { type: 'string', title: 'Name', description: 'The name as the service expects it.', minLength: 1 },
        // Text, not url: query values are encoded once, whole, when the URL is assembled.
        value: {
          type: 'string',
          title: valueTitle,
          description: 'Text; may hold {{ }} templates.',
          'x-template': 'text',
        },
      },
    },
  }) as const;

export const webServiceConfigSchema = {
  type: 'object',
  title: 'Web Service',
  additionalProperties: false,
  required: ['method', 'url', 'query', 'headers', 'body', 'auth', 'timeoutMs', 'retry', 'maxResponseBytes', 'mapping'],
  properties: {
    method: {
      type: 'string',
      title: 'Method',
      description: 'The HTTP method: GET reads, POST creates, PUT/PATCH update, DELETE removes.',
      enum: ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'],
    },
    url: {
      type: 'string',
      title: 'URL',
      description:
        'The address to call, starting with https:// (or http://). Parts in {{ }} are filled in and URL-encoded, e.g. https://api.mypurecloud.com/api/v2/conversations/{{trigger.body.ConversationID}}.',
      'x-template': 'url',
    },
    query: nameValueList('Query parameters', 'Added to the URL after "?", encoded for you.', 'Value'),
    headers: nameValueList('Headers', 'Extra request headers. Put secrets in a credential, never here.', 'Value'),
    body: {
      type: 'object',
      title: 'Body',
      description: 'What the request sends. Only PUT, POST and PATCH send a body.',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          title: 'Body type',
          description:
            'none, JSON, URL-encoded form fields, plain text, or bytes given as base64 (a recording or an attachment to upload).',
          enum: ['none', 'json', 'form', 'text', 'base64'],
        },
        json: {
          title: 'JSON body',
          description: 'A JSON value; any text in it may hold {{ }} templates (a whole {{ }} keeps its type).',
          'x-template': 'value',
        },
        form: nameValueList('Form fields', 'Sent as application/x-www-form-urlencoded.', 'Value'),
        text: {
          type: 'string',
          title: 'Text body',
          description: 'Sent as plain text; may hold {{ }}.',
          'x-template': 'text',
        },
        base64: {
          type: 'string',
          title: 'Bytes (base64)',
          description:
            'The bytes to send, as base64; usually a {{ }} over an earlier download, e.g. {{ steps.getRecording.body.base64 }}. They are decoded and sent as they are.',
          'x-template': 'text',
        },
        contentType: {
          type: 'string',
          title: 'Content type',
          description:
            'Content-Type of the bytes, e.g. audio/wav or {{ steps.getRecording.body.contentType }}. Defaults to application/octet-stream.',
          'x-template': 'text',
        },
      },
    },
    responseAs: {
      type: 'string',
      title: 'Response body',
      description:
        'auto reads JSON or text. base64 keeps the bytes (a recording, an attachment) as {base64, contentType, bytes} in steps.<node>.body, up to the largest response and at most 7,500,000 bytes.',
      enum: ['auto', 'base64'],
      default: 'auto',
    },
    auth: {
      type: 'object',
      title: 'Authentication',
      description: 'How the request proves who it is. The secret comes from the credential chosen for this node.',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          title: 'Authentication type',
          description:
            'none; API key in a header (Qualtrics X-API-TOKEN); Basic user/password; Bearer token; OAuth 2.0 client credentials (Genesys Cloud); AWS Signature V4 (S3 recording links, API Gateway); Salesforce JWT bearer.',
          enum: ['none', 'apiKey', 'basic', 'bearer', 'oauth2', 'awsSigV4', 'salesforceJwt'],
        },
        headerName: {
          type: 'string',
          title: 'API key header',
          description: 'Header that carries the API key, e.g. X-API-TOKEN. Defaults to X-API-Key.',
          pattern: HEADER_NAME_PATTERN,
          'x-patternMessage': 'must be a header name without spaces, e.g. X-API-TOKEN',
          default: 'X-API-Key',
        },
      },
    },
    timeoutMs: {
      type: 'integer',
      title: 'Timeout (ms)',
      description: 'How long to wait for each attempt before giving up (Qualtrics allows 16000 ms).',
      minimum: 100,
      maximum: 300000,
    },
    retry: retryPolicySchema(
      'Retries on 429, 5xx and network errors, waiting longer each time and honouring Retry-After. POST and PATCH are retried only with an idempotency key.',
    ),
    maxResponseBytes: {
      type: 'integer',
      title: 'Largest response (bytes)',
      description: 'A bigger response fails the call (Qualtrics allows 1 MB = 1048576 bytes).',
      minimum: 1,
      maximum: 52428800,
    },
    idempotencyKey: {
      type: 'string',
      title: 'Idempotency key',
      description: 'Optional. Sent as the Idempotency-Key header so the service can drop duplicates; may hold {{ }}.',
      'x-template': 'text',
    },
    pagination: paginationSchema,
    retryUntil: retryUntilSchema,
    mapping: {
      type: 'array',
      title: 'Response mapping',
      description:
        'Picks values out of the response into named fields (steps.<node>.fields.<field> and vars.<field>). With pages, the paths read {items, pages, truncated, first}: $.items[*].id.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'field'],
        properties: {
          path: {
            type: 'string',
            title: 'JSONPath',
            description:
              "Where the value is in the response, e.g. $.conversationStart. A filter such as $.participants[?(@.purpose=='agent')].userId gives a list.",
            minLength: 1,
          },
          field: {
            type: 'string',
            title: 'Field name',
            description: 'Name used later as vars.<field>; letters, digits and _.',
            pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$',
            'x-patternMessage':
              'must start with a letter or _ and hold only letters, digits and _ (it is used as vars.<field>)',
          },
          default: {
            title: 'Default',
            description: 'Used only when the path finds nothing (a null value is kept as null).',
          },
        },
      },
    },
  },
  // What applies follows the choices: the API key header only for an API key (its default shown
  // as a value), and only the body of the chosen body type.
  allOf: [
    {
      if: whenNested('auth', 'type', 'apiKey'),
      else: { properties: { auth: { properties: { headerName: unusedSetting } } } },
    },
    {
      if: whenNested('body', 'type', 'json'),
      else: { properties: { body: { properties: { json: unusedSetting } } } },
    },
    {
      if: whenNested('body', 'type', 'form'),
      else: { properties: { body: { properties: { form: unusedSetting } } } },
    },
    {
      if: whenNested('body', 'type', 'text'),
      else: { properties: { body: { properties: { text: unusedSetting } } } },
    },
    {
      if: whenNested('body', 'type', 'base64'),
      else: { properties: { body: { properties: { base64: unusedSetting, contentType: unusedSetting } } } },
    },
    ...paginationConditionals,
  ],
} as const;

/**
 * Config of a Web Service node (v1).
 *
 * ```json
 * { "method": "PUT", "url": "https://iad1.qualtrics.com/API/v3/responses/{{trigger.body.ResponseID}}",
 *   "query": [], "headers": [], "body": { "type": "json", "json": { "surveyId": "SV_1", "embeddedData": {} } },
 *   "auth": { "type": "apiKey", "headerName": "X-API-TOKEN" }, "timeoutMs": 16000,
 *   "retry": { "maxRetries": 2, "initialDelayMs": 500, "maxDelayMs": 10000 }, "maxResponseBytes": 1048576,
 *   "mapping": [{ "path": "$.meta.httpStatus", "field": "qualtricsStatus" }] }
 * ```
 *
 * Derived from the schema: a schema change the code does not follow fails type-checking.
 */
// Without `allOf`: its branches only say which settings apply (form annotations).
export type WebServiceConfig = ConfigOf<Omit<typeof webServiceConfigSchema, 'allOf'>>;

addMessages(webServiceMessages);

export const webServiceManifest = defineManifest<WebServiceConfig>()({
  type: 'webService',
  version: 1,
  category: 'integration',
  title: 'Web Service',
  configSchema: webServiceConfigSchema,
  defaults: {
    method: 'GET',
    url: '',
    query: [],
    headers: [],
    body: { type: 'none' },
    auth: { type: 'none' },
    timeoutMs: 16000,
    retry: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10000 },
    maxResponseBytes: 1048576,
    mapping: [],
  },
  ports: ['success', 'error'],
  errorPort: 'error',
  recordedCalls: true,
  // A GET is safe to repeat (RFC 9110 §9.2.1): a run resumed after a crash may send it again.
  sideEffectsFor: (config) => config.method !== 'GET',
  trace: {
    mappedFields: (output) => {
      const fields = isRecord(output) ? output.fields : undefined;
      return isRecord(fields) ? fields : undefined;
    },
  },
  credentialSlots: [
    {
      name: 'auth',
      label: 'Credential',
      kinds: ['apiKey', 'basic', 'bearer', 'oauth2', 'zendeskApiToken', 'awsSigV4', 'salesforceJwt'],
      required: (config) => ((config as Partial<WebServiceConfig>).auth?.type ?? 'none') !== 'none',
      kindsFor: (config) => {
        const type = (config as Partial<WebServiceConfig>).auth?.type ?? 'none';
        // Basic also accepts a Zendesk API token, which is Basic with "{email}/token".
        if (type === 'basic') return ['basic', 'zendeskApiToken'];
        if (type === 'none') return [];
        return [type];
      },
    },
  ],
  nameFields: ['/mapping/*/field'],
  check: checkWebService,
  varsOut: (config) => namesInRows(config.mapping, 'field'),
  // POST is the method that creates; PUT and PATCH change what exists.
  createsRecord: (config) => config.method === 'POST',
});

/** Semantic checks the JSON Schema cannot express. */
export function checkWebService(config: WebServiceConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const url = typeof config.url === 'string' ? config.url.trim() : '';
  // Not `minLength` in the schema: a freshly dropped node (url '') must still validate as a draft.
  if (url === '') issues.push({ pointer: '/url', ...webServiceMessage('webService.url-required', {}) });
  else if (!/^https?:\/\//i.test(url) && !url.startsWith('{{') && !url.startsWith('${')) {
    issues.push({ pointer: '/url', ...webServiceMessage('webService.url-scheme', {}) });
  }
  if (config.body && config.body.type !== 'none' && !METHODS_WITH_BODY.has(config.method)) {
    issues.push({
      pointer: '/body/type',
      ...webServiceMessage('webService.body-not-allowed', { method: config.method }),
    });
  }
  if (config.body?.type === 'json' && config.body.json === undefined) {
    issues.push({ pointer: '/body/json', ...webServiceMessage('webService.json-empty', {}) });
  }
  if (config.body?.type === 'text' && config.body.text === undefined) {
    issues.push({ pointer: '/body/text', ...webServiceMessage('webService.text-empty', {}) });
  }
  if (config.body?.type === 'base64' && !config.body.base64) {
    issues.push({ pointer: '/body/base64', ...webServiceMessage('webService.base64-empty', {}) });
  }
  const seen = new Map<string, number>();
  (config.mapping ?? []).forEach((row, index) => {
    const problem = typeof row.path === 'string' ? jsonPathIssue(row.path) : undefined;
    if (problem) issues.push({ pointer: `/mapping/${index}/path`, ...problem });
    const first = seen.get(row.field);
    if (first !== undefined) {
      issues.push({
        pointer: `/mapping/${index}/field`,
        ...webServiceMessage('webService.field-twice', { field: row.field, first: first + 1, row: index + 1 }),
      });
    } else seen.set(row.field, index);
  });
  issues.push(...retryPolicyIssues(config.retry));
  issues.push(...paginationIssues(config.pagination));
  issues.push(...retryUntilIssues(config.retryUntil));
  return issues;
}

function retryUntilIssues(setting: WebServiceConfig['retryUntil']): NodeConfigIssue[] {
  if (!setting) return [];
  if (!retryUntilActive(setting)) {
    // Attempts or a pace set, but nothing that says "not ready": the admin meant something.
    return setting.everySeconds !== undefined || setting.maxAttempts !== undefined
      ? [{ pointer: '/retryUntil', ...webServiceMessage('webService.retry-until-nothing', {}) }]
      : [];
  }
  return checkRules(setting.rules ?? [], false, '/retryUntil/rules');
}

function paginationIssues(pagination: WebServiceConfig['pagination']): NodeConfigIssue[] {
  if (!pagination || pagination.style === 'none') return [];
  const issues: NodeConfigIssue[] = [];
  for (const key of ['itemsPath', 'nextUrlPath', 'hasMorePath', 'cursorPath', 'pageCountPath'] as const) {
    const path = pagination[key];
    const problem = typeof path === 'string' ? jsonPathIssue(path) : undefined;
    if (problem) issues.push({ pointer: `/pagination/${key}`, ...problem });
  }
  const needs = (setting: 'nextUrlPath' | 'cursorPath', example: string) => {
    if (pagination[setting] === undefined) {
      issues.push({
        pointer: `/pagination/${setting}`,
        ...webServiceMessage('webService.page-needs', { style: pagination.style, setting, example }),
      });
    }
  };
  if (pagination.style === 'nextUrl') needs('nextUrlPath', '$.links.next');
  if (pagination.style === 'cursor') needs('cursorPath', '$.meta.after_cursor');
  return issues;
}
