/**
 * Webhook trigger: the start of every flow. It receives a POSTed JSON body (a Qualtrics
 * survey response event, a Genesys EventBridge event, a Twilio Flex task…), optionally
 * checks it against a JSON Schema, and maps fields from it into `vars`. How callers
 * authenticate (API token header, Basic, HMAC signature) is recorded here and enforced by
 * the server.
 */
import type { CredentialKind } from '../../core/credentials.js';
import { jsonPathIssue } from '../../core/json-path.js';
import { defineManifest, namesInRows, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { safeRegexProblem, schemaPatterns } from '../../core/safe-regex.js';
import { addMessages } from '../../core/messages/format.js';
import { unusedSetting, whenNested } from '../node-kit.js';
import { webhookMessage, webhookMessages } from './messages.js';
import { presetFieldNames, type WebhookPreset } from './presets.js';

/** How long a delivery key is remembered when the trigger does not say. */
export const DEFAULT_DEDUP_WINDOW_SECONDS = 86_400;
export const DEFAULT_SYNC_TIMEOUT_MS = 10_000;

export const DEFAULT_TOKEN_HEADER = 'X-API-TOKEN';
export const DEFAULT_SIGNATURE_HEADER = 'X-Signature';
export const DEFAULT_SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
/** Replay window of timestamped signatures when the trigger sets none (Slack's and Stripe's own). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
const HEADER_NAME_RE = new RegExp(HEADER_NAME);

/** The header or query parameter a field row names: its path, without a `$.` admins may write out of habit. */
export function requestPartName(path: string): string {
  return path.trim().replace(/^\$\.?/, '');
}

export const webhookTriggerConfigSchema = {
  type: 'object',
  title: 'Webhook',
  additionalProperties: false,
  required: ['auth', 'fields'],
  properties: {
    auth: {
      type: 'object',
      title: 'Caller authentication',
      description:
        "How callers prove who they are: none; an API token in a header (like Qualtrics X-API-TOKEN); Basic user/password; an HMAC signature of the body (GitHub, Shopify, Slack and Stripe styles); or Twilio's X-Twilio-Signature over the URL and the form. The secret comes from the credential chosen for this node.",
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          title: 'Authentication type',
          description: 'none, API token header, Basic, HMAC signature, or Twilio signature.',
          enum: ['none', 'apiToken', 'basic', 'hmac', 'twilio'],
        },
        algorithm: {
          type: 'string',
          title: 'Hash',
          description:
            'For the hex and base64 formats: the hash of the HMAC. SHA-256 is the usual one (GitHub, Shopify); some senders use SHA-1 (older GitHub X-Hub-Signature) or SHA-512.',
          enum: ['sha1', 'sha256', 'sha512'],
          default: 'sha256',
        },
        signaturePrefix: {
          type: 'string',
          title: 'Signature prefix',
          description:
            'For the hex and base64 formats: text the sender puts before the signature, e.g. sha1= or v1=. Empty: an optional <hash>= (sha256= as GitHub sends it) is accepted.',
          maxLength: 32,
          pattern: '^[!-~]*$',
          'x-patternMessage': 'must be printable text without spaces, e.g. sha256=',
        },
        signatureFormat: {
          type: 'string',
          title: 'Signature format',
          description:
            'For HMAC: hex (the HMAC of the body in hex, optionally sha256=, as GitHub sends it; the default), base64 (of the body, as Shopify sends it), slack (v0= over v0:timestamp:body with the timestamp header, Slack style) or stripe (t=…,v1=… over timestamp.body, Stripe style). The last two refuse a timestamp outside the replay window.',
          enum: ['hex', 'base64', 'slack', 'stripe'],
          default: 'hex',
        },
        signedTimestamp: {
          type: 'string',
          title: 'Signed timestamp',
          description:
            'For the hex and base64 formats: whether the sender signs a timestamp from the timestamp header with the body, before it (timestamp then body, as Zendesk documents now) or after it (body then timestamp). A timestamp outside the replay window is refused.',
          enum: ['none', 'before', 'after'],
          default: 'none',
        },
        timestampHeader: {
          type: 'string',
          title: 'Timestamp header',
          description:
            'For the slack format, or a signed timestamp: header with the time the caller signed at (Unix seconds, or ISO 8601 for a signed timestamp, e.g. Zendesk X-Zendesk-Webhook-Signature-Timestamp). Defaults to X-Slack-Request-Timestamp.',
          pattern: HEADER_NAME,
          'x-patternMessage': 'must be a header name without spaces, e.g. X-Slack-Request-Timestamp',
          default: DEFAULT_SLACK_TIMESTAMP_HEADER,
        },
        toleranceSeconds: {
          type: 'integer',
          title: 'Replay window (s)',
          description:
            'For the slack and stripe formats and a signed timestamp: a signature whose timestamp is further than this from now is refused, so a captured request cannot be replayed later. Defaults to 300.',
          minimum: 1,
          maximum: 86400,
        },
        headerName: {
          type: 'string',
          title: 'Token header',
          description: 'Header that carries the API token. Defaults to X-API-TOKEN.',
          pattern: HEADER_NAME,
          'x-patternMessage': 'must be a header name without spaces, e.g. X-API-TOKEN',
          default: DEFAULT_TOKEN_HEADER,
        },
        signatureHeader: {
          type: 'string',
          title: 'Signature header',
          description:
            'Header that carries the signature. Defaults to X-Signature (hex, base64), X-Slack-Signature (slack), Stripe-Signature (stripe) or X-Twilio-Signature (Twilio).',
          pattern: HEADER_NAME,
          'x-patternMessage': 'must be a header name without spaces, e.g. X-Signature',
          default: DEFAULT_SIGNATURE_HEADER,
        },
      },
    },
    inputSchema: {
      type: ['object', 'boolean'],
      title: 'Input schema',
      description:
        'Optional JSON Schema the incoming body must match, e.g. {"type":"object","required":["ConversationID"]}. A body that does not match fails the run with the place and the reason.',
      // Data for ajv, not a template.
      'x-template': 'none',
    },
    fields: {
      type: 'array',
      title: 'Fields',
      description:
        'Values taken from the body (or a header, or the query) into vars, like Qualtrics JSON event fields. A value that is not there gives null.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'path'],
        properties: {
          name: {
            type: 'string',
            title: 'Field name',
            description: 'Used later as vars.<name>; letters, digits and _.',
            pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$',
            'x-patternMessage':
              'must start with a letter or _ and hold only letters, digits and _ (it is used as vars.<name>)',
          },
          from: {
            type: 'string',
            title: 'From',
            description:
              'Where the value comes from: the body (the default), a request header or a query parameter of the webhook URL.',
            enum: ['body', 'headers', 'query'],
            default: 'body',
          },
          path: {
            type: 'string',
            title: 'JSONPath',
            description:
              'Where the value is: for the body a JSONPath, e.g. $.ConversationID or $.detail.eventBody.conversationId; for a header or query parameter its name, e.g. X-Request-Id or source.',
            minLength: 1,
          },
        },
      },
    },
    jsonFields: {
      type: 'array',
      title: 'JSON text fields',
      description:
        'Body fields whose value is JSON written as text, read as JSON before anything else sees the body, e.g. TaskAttributes and WorkerAttributes in a Twilio TaskRouter or Studio callback. Text that is not JSON fails the run naming the field.',
      items: {
        type: 'string',
        title: 'Body field',
        pattern: '^[^\\s.$\\[\\]]{1,128}$',
        'x-patternMessage': 'must be the name of a top-level body field, e.g. TaskAttributes',
      },
      uniqueItems: true,
      'x-template': 'none',
    },
    preset: {
      type: 'string',
      title: 'Event format',
      description:
        'genesysEventBridge: the body must be a Genesys Cloud event delivered by Amazon EventBridge (detail.topicName, detail.eventBody); its usual fields (conversationId, eventType, topicName, eventTime, participantId, userId, queueId, mediaType, direction, eventBody) are put into vars without a row each. Rows of your own with the same name go over them.',
      enum: ['none', 'genesysEventBridge'],
      default: 'none',
    },
    samplePayload: {
      type: 'string',
      title: 'Sample payload',
      description:
        'A JSON file next to the flow (e.g. payloads/survey-response.json) used to preview fields and run tests.',
      'x-template': 'none',
    },
    path: {
      type: 'string',
      title: 'Extra path',
      description:
        'On a server, the webhook also answers at /hooks/<flow id>/<this path>, e.g. genesys/call-end. Letters, digits, -, _ and /.',
      pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$',
      'x-patternMessage': 'must be path segments of letters, digits, - and _ separated by /, e.g. genesys/call-end',
      'x-template': 'none',
    },
    response: {
      type: 'object',
      title: 'Answer to the caller',
      description:
        'async: answer 202 with the execution id at once. sync: wait for a Respond to webhook node (every path must reach one); after the timeout the caller gets 504 and the run goes on.',
      additionalProperties: false,
      required: ['mode'],
      properties: {
        mode: {
          type: 'string',
          title: 'Mode',
          description: 'async answers at once; sync returns the answer of a Respond to webhook node.',
          enum: ['async', 'sync'],
        },
        timeoutMs: {
          type: 'integer',
          title: 'Response timeout (ms)',
          description: 'How long a sync caller waits for the answer. Defaults to 10000.',
          minimum: 100,
          maximum: 300000,
          default: DEFAULT_SYNC_TIMEOUT_MS,
        },
      },
    },
    orderingKey: {
      type: 'string',
      title: 'Ordering key',
      description:
        'A {{ template }} over the trigger, e.g. {{ trigger.body.conversationId }}: deliveries with the same key run one at a time in arrival order; others run in parallel.',
      minLength: 1,
      'x-template': 'text',
    },
    deduplicate: {
      type: 'object',
      title: 'Drop redeliveries',
      description:
        'On a server, a delivery whose key was seen within the window runs no second time: the caller gets 200 with the first execution id. The key is the header named here, or a hash of the body when there is none.',
      additionalProperties: false,
      properties: {
        header: {
          type: 'string',
          title: 'Delivery key header',
          description:
            "The header the sender puts its delivery id in, e.g. X-GitHub-Delivery or Zendesk's X-Zendesk-Webhook-Invocation-Id. Empty: a hash of the body.",
          pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
          'x-patternMessage': 'must be an HTTP header name: letters, digits and - (no spaces or colons)',
          'x-template': 'none',
        },
        windowSeconds: {
          type: 'integer',
          title: 'Window (seconds)',
          description: 'How long a key is remembered. Defaults to 86400 (a day).',
          minimum: 1,
          maximum: 604800,
          default: DEFAULT_DEDUP_WINDOW_SECONDS,
        },
      },
    },
    personalFields: {
      type: 'array',
      title: 'Personal fields',
      description:
        'JSONPaths into the body (e.g. $.customer.email) whose values are masked in the execution history a server keeps.',
      items: { type: 'string', minLength: 1 },
      'x-template': 'none',
    },
  },
  // Each auth header applies to its own authentication type only: the form shows it there, its
  // default as a value, and `x-unused` marks it elsewhere (see the Ticket node for more).
  allOf: [
    {
      if: whenNested('auth', 'type', 'apiToken'),
      else: { properties: { auth: { properties: { headerName: unusedSetting } } } },
    },
    {
      if: whenNested('auth', 'type', 'hmac'),
      else: {
        properties: {
          auth: {
            properties: {
              signatureHeader: unusedSetting,
              signatureFormat: unusedSetting,
              algorithm: unusedSetting,
              signaturePrefix: unusedSetting,
              signedTimestamp: unusedSetting,
              timestampHeader: unusedSetting,
              toleranceSeconds: unusedSetting,
            },
          },
        },
      },
    },
    {
      // A timestamp header: Slack's own, or a generic signed timestamp.
      if: {
        anyOf: [
          whenNested('auth', 'signatureFormat', 'slack'),
          whenNested('auth', 'signedTimestamp', 'before'),
          whenNested('auth', 'signedTimestamp', 'after'),
        ],
      },
      else: { properties: { auth: { properties: { timestampHeader: unusedSetting } } } },
    },
    {
      // Only timed signatures have a replay window.
      if: {
        anyOf: [
          whenNested('auth', 'signatureFormat', 'slack'),
          whenNested('auth', 'signatureFormat', 'stripe'),
          whenNested('auth', 'signedTimestamp', 'before'),
          whenNested('auth', 'signedTimestamp', 'after'),
        ],
      },
      else: { properties: { auth: { properties: { toleranceSeconds: unusedSetting } } } },
    },
    {
      // Slack and Stripe fix their own hash and prefix.
      if: whenNested('auth', 'signatureFormat', 'slack'),
      then: {
        properties: {
          auth: {
            properties: { algorithm: unusedSetting, signaturePrefix: unusedSetting, signedTimestamp: unusedSetting },
          },
        },
      },
    },
    {
      if: whenNested('auth', 'signatureFormat', 'stripe'),
      then: {
        properties: {
          auth: {
            properties: { algorithm: unusedSetting, signaturePrefix: unusedSetting, signedTimestamp: unusedSetting },
          },
        },
      },
    },
    {
      // Only a sync caller waits for an answer.
      if: whenNested('response', 'mode', 'sync'),
      else: { properties: { response: { properties: { timeoutMs: unusedSetting } } } },
    },
  ],
} as const;

/**
 * Config of a Webhook trigger (v1).
 *
 * ```json
 * { "auth": { "type": "apiToken", "headerName": "X-API-TOKEN" },
 *   "inputSchema": { "type": "object", "required": ["ConversationID"] },
 *   "fields": [{ "name": "conversationId", "path": "$.ConversationID" }],
 *   "samplePayload": "payloads/qualtrics-survey-response-dissatisfied.SAMPLE.json" }
 * ```
 *
 * Derived from the schema: a schema change the code does not follow fails type-checking.
 */
// Without `allOf`: its branches only say which auth header applies (form annotations).
export type WebhookTriggerConfig = ConfigOf<Omit<typeof webhookTriggerConfigSchema, 'allOf'>>;
export type WebhookAuthType = WebhookTriggerConfig['auth']['type'];

/**
 * The header a caller's signature comes in. Twilio always sends X-Twilio-Signature. Otherwise the
 * configured header, except that the generic default the form fills in (X-Signature) stands for
 * "the scheme's usual one" with the Slack and Stripe formats, whose senders never use it.
 */
export function signatureHeaderOf(auth: Partial<WebhookTriggerConfig['auth']> | undefined): string {
  if (auth?.type === 'twilio') return 'X-Twilio-Signature';
  const own =
    auth?.signatureFormat === 'slack'
      ? 'X-Slack-Signature'
      : auth?.signatureFormat === 'stripe'
        ? 'Stripe-Signature'
        : undefined;
  const configured = auth?.signatureHeader;
  if (configured && !(own && configured.toLowerCase() === DEFAULT_SIGNATURE_HEADER.toLowerCase())) return configured;
  return own ?? DEFAULT_SIGNATURE_HEADER;
}

/** Credential kinds each auth type accepts. */
export function webhookCredentialKinds(type: WebhookAuthType | undefined): CredentialKind[] {
  switch (type) {
    case 'apiToken':
      return ['apiKey'];
    case 'basic':
      return ['basic'];
    case 'hmac':
    case 'twilio':
      return ['hmac'];
    default:
      return [];
  }
}

addMessages(webhookMessages);

export const webhookTriggerManifest = defineManifest<WebhookTriggerConfig>()({
  type: 'webhookTrigger',
  version: 1,
  category: 'trigger',
  title: 'Webhook',
  triggerKind: 'webhook',
  verifiesInbound: true,
  configSchema: webhookTriggerConfigSchema,
  defaults: { auth: { type: 'none' }, fields: [] },
  ports: ['out'],
  credentialSlots: [
    {
      name: 'auth',
      label: 'Caller credential',
      kinds: ['apiKey', 'basic', 'hmac'],
      required: (config) => ((config as Partial<WebhookTriggerConfig>).auth?.type ?? 'none') !== 'none',
      kindsFor: (config) => webhookCredentialKinds((config as Partial<WebhookTriggerConfig>).auth?.type),
    },
  ],
  nameFields: ['/fields/*/name'],
  check: checkWebhookTrigger,
  requiresOnEveryPath: (config) =>
    config.response?.mode === 'sync'
      ? {
          capability: 'webhook-response',
          explain: 'the caller waits for an answer (sync response), so every path must reach a Respond to webhook node',
        }
      : undefined,
  varsOut: (config) => [
    ...new Set([
      ...presetFieldNames(config.preset as WebhookPreset | undefined),
      ...namesInRows(config.fields, 'name'),
    ]),
  ],
});

/** Semantic checks the JSON Schema cannot express. */
export function checkWebhookTrigger(config: WebhookTriggerConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const seen = new Map<string, number>();
  (config.fields ?? []).forEach((field, index) => {
    const pointer = `/fields/${index}/path`;
    const path = typeof field.path === 'string' ? field.path.trim() : '';
    if (path !== '' && (field.from ?? 'body') === 'body') {
      const problem = jsonPathIssue(path);
      if (problem) issues.push({ pointer, ...problem });
    } else if (field.from === 'headers' && path !== '' && !HEADER_NAME_RE.test(requestPartName(path))) {
      issues.push({ pointer, ...webhookMessage('webhook.header-name', { name: path }) });
    } else if (field.from === 'query' && path !== '' && requestPartName(path) === '') {
      issues.push({ pointer, ...webhookMessage('webhook.query-name', {}) });
    }
    const first = seen.get(field.name);
    if (first !== undefined) {
      issues.push({
        pointer: `/fields/${index}/name`,
        ...webhookMessage('webhook.field-twice', { name: field.name, first: first + 1, row: index + 1 }),
      });
    } else seen.set(field.name, index);
  });
  (config.personalFields ?? []).forEach((path, index) => {
    const problem = typeof path === 'string' && path.trim() !== '' ? jsonPathIssue(path) : undefined;
    if (problem) issues.push({ pointer: `/personalFields/${index}`, ...problem });
  });
  const schema = config.inputSchema;
  if (schema && typeof schema === 'object') {
    for (const { pointer, pattern } of schemaPatterns(schema, '/inputSchema')) {
      const problem = safeRegexProblem(pattern, 'u');
      if (problem) issues.push({ pointer, ...webhookMessage('webhook.schema-pattern', { problem }) });
    }
    const declared = schema.$schema;
    if (typeof declared === 'string' && !/draft\/2020-12|draft-07|draft-06|draft-04/.test(declared)) {
      issues.push({
        pointer: '/inputSchema/$schema',
        ...webhookMessage('webhook.schema-draft', { declared }),
      });
    }
  }
  if (typeof config.samplePayload === 'string' && /^([a-z]+:)?[\\/]/i.test(config.samplePayload)) {
    issues.push({
      pointer: '/samplePayload',
      ...webhookMessage('webhook.sample-absolute', {}),
    });
  }
  return issues;
}
