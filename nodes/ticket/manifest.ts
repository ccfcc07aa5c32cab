/**
 * Ticket: creates or updates a ticket/case on Zendesk, ServiceNow (Table API), Salesforce
 * (Case) or any REST service, with each vendor's own request shape and auth style
 * (domain.md §2). Every create carries an idempotency key derived from the run, so a retried
 * request opens no duplicate where the vendor honours it.
 */
import type { CredentialKind } from '../../core/credentials.js';
import { HEADER_NAME_PATTERN, retryPolicyIssues, retryPolicySchema } from '../../core/http-config-schema.js';
import { jsonPathIssue } from '../../core/json-path.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { unusedSetting } from '../node-kit.js';
import { VENDOR_AUTH_KINDS } from '../shared/vendors.js';
import { ticketMessage, type TicketMessageCode } from './messages.js';

const nameValue = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'value'],
  properties: {
    name: { type: 'string', title: 'Name', description: 'Header name.', minLength: 1 },
    value: { type: 'string', title: 'Value', description: 'May hold {{ }} templates.', 'x-template': 'text' },
  },
} as const;

const unused = unusedSetting;

export const ticketConfigSchema = {
  type: 'object',
  title: 'Ticket',
  additionalProperties: false,
  required: ['provider', 'operation', 'baseUrl', 'timeoutMs', 'retry'],
  properties: {
    provider: {
      type: 'string',
      title: 'Ticketing system',
      description: 'Where the ticket lives: Zendesk, ServiceNow, Salesforce, or any other REST service.',
      enum: ['zendesk', 'servicenow', 'salesforce', 'rest'],
    },
    operation: {
      type: 'string',
      title: 'Action',
      description: 'Create a new ticket, update an existing one, or (Zendesk) add tags to one.',
      enum: ['create', 'update', 'addTags'],
    },
    baseUrl: {
      type: 'string',
      title: 'Instance address',
      // The example follows the ticketing system (`examples` in the conditionals below).
      description: 'The address of your instance, starting with https://.',
      'x-template': 'text',
    },
    recordId: {
      type: 'string',
      title: 'Ticket to update',
      description: 'The ticket id, ServiceNow sys_id or Salesforce Case id; usually a {{ }} template.',
      'x-template': 'text',
    },
    subject: {
      type: 'string',
      title: 'Subject',
      description: 'One-line summary (ServiceNow: short description).',
      'x-template': 'text',
    },
    description: {
      type: 'string',
      title: 'Description',
      description: 'The longer text of the ticket. On Zendesk it becomes the first comment when no comment is given.',
      'x-template': 'text',
    },
    comment: {
      type: 'object',
      title: 'Comment',
      description: 'A comment added to the ticket.',
      additionalProperties: false,
      required: ['body', 'public'],
      properties: {
        body: { type: 'string', title: 'Comment text', description: 'May hold {{ }} templates.', 'x-template': 'text' },
        public: {
          type: 'boolean',
          title: 'Visible to the customer',
          description: 'Off: an internal note only agents see (ServiceNow: work note).',
        },
      },
    },
    priority: {
      type: 'string',
      title: 'Priority',
      description:
        'Zendesk: low, normal, high, urgent. ServiceNow: 1 (critical) to 5 (planning). Salesforce: High, Medium, Low.',
      'x-template': 'text',
    },
    tags: {
      type: 'array',
      title: 'Tags',
      description: 'Zendesk tags. On update they are added to the existing tags, never replace them.',
      items: { type: 'string', title: 'Tag', description: 'A tag; may hold {{ }}.', 'x-template': 'value' },
    },
    requester: {
      type: 'object',
      title: 'Requester',
      description: 'Zendesk only: the customer the ticket is from.',
      additionalProperties: false,
      properties: {
        name: { type: 'string', title: 'Name', description: "The customer's name.", 'x-template': 'text' },
        email: { type: 'string', title: 'Email', description: "The customer's email address.", 'x-template': 'text' },
      },
    },
    fields: {
      type: 'array',
      title: 'More fields',
      description:
        'Zendesk: custom field id (number) or ticket property. ServiceNow: column name such as u_recording_url. Salesforce: field API name such as Origin or Recording_URL__c.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: {
          name: {
            type: 'string',
            title: 'Field',
            description: 'Field id, column or API name.',
            pattern: '^[A-Za-z0-9_.]{1,128}$',
            'x-patternMessage': 'must be a field id, column or API name (letters, digits, _ and . only)',
          },
          value: {
            title: 'Value',
            description: 'Text, number, true/false or JSON; may hold {{ }}.',
            'x-template': 'value',
          },
        },
      },
    },
    table: {
      type: 'string',
      title: 'Table',
      description:
        'ServiceNow table the record is in (Customer Service case: sn_customerservice_case; incident: incident).',
      pattern: '^[a-z][a-z0-9_]{0,79}$',
      'x-patternMessage': 'must be a ServiceNow table name in lower case, e.g. sn_customerservice_case',
      default: 'sn_customerservice_case',
    },
    displayValue: {
      type: 'string',
      title: 'Return display values',
      description: 'ServiceNow sysparm_display_value: false = stored values, true = display values, all = both.',
      enum: ['false', 'true', 'all'],
    },
    returnFields: {
      type: 'array',
      title: 'Columns to return',
      description: 'ServiceNow sysparm_fields; empty returns every column.',
      items: {
        type: 'string',
        title: 'Column',
        description: 'A column name.',
        pattern: '^[A-Za-z0-9_.]{1,128}$',
        'x-patternMessage': 'must be a column name (letters, digits, _ and . only)',
      },
    },
    apiVersion: {
      type: 'string',
      title: 'API version',
      description: 'Salesforce REST API version, e.g. v60.0.',
      pattern: '^v\\d{2,3}\\.\\d$',
      'x-patternMessage': 'must look like v60.0',
      default: 'v60.0',
    },
    rest: {
      type: 'object',
      title: 'REST request',
      description: 'For another ticketing system: the request to send and where the new id is in the answer.',
      additionalProperties: false,
      required: ['method', 'url', 'idPath'],
      properties: {
        method: {
          type: 'string',
          title: 'Method',
          description: 'POST creates; PUT or PATCH update.',
          enum: ['POST', 'PUT', 'PATCH'],
        },
        url: {
          type: 'string',
          title: 'URL or path',
          description: 'A full https:// URL, or a path such as /api/tickets added to the instance address.',
          'x-template': 'url',
        },
        headers: {
          type: 'array',
          title: 'Headers',
          description: 'Extra headers; secrets belong in the credential.',
          items: nameValue,
        },
        body: {
          title: 'JSON body',
          description: 'The JSON to send; text in it may hold {{ }}.',
          'x-template': 'value',
        },
        idPath: {
          type: 'string',
          title: 'Id in the response',
          description: 'JSONPath of the id in the answer, e.g. $.id.',
          minLength: 1,
        },
        numberPath: {
          type: 'string',
          title: 'Number in the response',
          description: 'Optional JSONPath of a ticket number shown to people.',
        },
        apiKeyHeader: {
          type: 'string',
          title: 'API key header',
          description: 'Header carrying an API-key credential; defaults to X-API-Key.',
          pattern: HEADER_NAME_PATTERN,
          'x-patternMessage': 'must be a header name without spaces, e.g. X-API-Key',
        },
      },
    },
    timeoutMs: {
      type: 'integer',
      title: 'Timeout (ms)',
      description: 'How long to wait for each attempt.',
      minimum: 100,
      maximum: 300000,
    },
    retry: retryPolicySchema(
      'Retries on 429, 5xx and network errors, waiting longer each time and honouring Retry-After.',
    ),
    maxResponseBytes: {
      type: 'integer',
      title: 'Largest response (bytes)',
      description: 'A bigger answer fails the call. Default 1048576 (1 MB).',
      minimum: 1,
      maximum: 52428800,
    },
  },
  // Which settings apply is said here, by provider and action, so the form shows only those
  // (`x-unused`: the setting does nothing in this case) and a new provider or action filters
  // the same way by adding a branch, with no form code. `examples` follow the provider too.
  allOf: [
    {
      // Another REST service gets the request body as written: the vendor fields mean nothing.
      if: { required: ['provider'], properties: { provider: { const: 'rest' } } },
      then: {
        required: ['rest'],
        properties: {
          baseUrl: { examples: ['https://tickets.example.com'] },
          subject: unused,
          description: unused,
          comment: unused,
          priority: unused,
          fields: unused,
        },
      },
      else: { properties: { rest: unused } },
    },
    {
      if: { required: ['provider'], properties: { provider: { const: 'zendesk' } } },
      then: { properties: { baseUrl: { examples: ['https://acme.zendesk.com'] } } },
      else: { properties: { tags: unused, requester: unused } },
    },
    {
      if: { required: ['provider'], properties: { provider: { const: 'servicenow' } } },
      then: { properties: { baseUrl: { examples: ['https://acme.service-now.com'] } } },
      else: { properties: { table: unused, displayValue: unused, returnFields: unused } },
    },
    {
      if: { required: ['provider'], properties: { provider: { const: 'salesforce' } } },
      then: { properties: { baseUrl: { examples: ['https://acme.my.salesforce.com'] } } },
      else: { properties: { apiVersion: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'create' } } },
      then: { properties: { recordId: unused } },
    },
    {
      // Adding tags sends the tags only.
      if: { required: ['operation'], properties: { operation: { const: 'addTags' } } },
      then: {
        properties: {
          subject: unused,
          description: unused,
          comment: unused,
          priority: unused,
          requester: unused,
          fields: unused,
        },
      },
    },
    {
      // Adding tags through their own endpoint is a Zendesk feature.
      if: { required: ['provider'], properties: { provider: { not: { const: 'zendesk' } } } },
      then: {
        properties: {
          operation: {
            enum: ['create', 'update'],
            'x-enumMessage': 'must be create or update: adding tags on its own is only available for Zendesk',
          },
        },
      },
    },
    {
      if: { required: ['operation'], properties: { operation: { enum: ['update', 'addTags'] } } },
      then: { required: ['recordId'] },
    },
  ],
} as const;

/**
 * Config of a Ticket node (v1). Fields that do not apply to the chosen provider are ignored
 * (each field's description names its provider; `check` reports the ones that would surprise
 * an admin, such as tags on ServiceNow).
 *
 * How the common fields land in each vendor's request:
 *
 * | config            | Zendesk (`ticket.*`)                     | ServiceNow (columns)                     | Salesforce (Case)     |
 * |-------------------|------------------------------------------|------------------------------------------|-----------------------|
 * | `subject`         | `subject`                                | `short_description`                      | `Subject`             |
 * | `description`     | first comment (internal) if no `comment` | `description`                            | `Description`         |
 * | `comment`         | `comment {body, public}`                 | `comments` (public) / `work_notes`       | a `CaseComment` record (`IsPublished` = public) |
 * | `priority`        | `priority` (low/normal/high/urgent)      | `priority` (1–5)                         | `Priority`            |
 * | `tags`            | `tags` on create, `additional_tags` on update; `addTags` uses `PUT /tickets/{id}/tags.json` | — | — |
 * | `requester`       | `requester {name, email}`                | — (map `contact` in `fields`)            | — (map `ContactId`)   |
 * | `fields[]`        | numeric name → `custom_fields[{id,value}]`, other names → ticket property (`status`, `group_id`…) | column (`u_recording_url`, `contact`…) | field API name (`Origin`, `Recording_URL__c`…) |
 *
 * The `rest` provider sends `rest.body` as is to `rest.url` and reads the id at `rest.idPath`.
 *
 * ```json
 * { "provider": "servicenow", "operation": "create", "baseUrl": "https://acme.service-now.com",
 *   "table": "sn_customerservice_case", "subject": "Inbound call {{ trigger.body.ani }}",
 *   "fields": [{ "name": "u_recording_url", "value": "{{ steps.getRecording.fields.url }}" }],
 *   "timeoutMs": 30000, "retry": { "maxRetries": 2, "initialDelayMs": 500, "maxDelayMs": 10000 },
 *   "maxResponseBytes": 1048576 }
 * ```
 *
 * Derived from the schema: a schema change the code does not follow fails type-checking.
 */
// Without `allOf`: its branches only add per-provider requirements and form annotations
// (x-unused, examples), and FromSchema gives up (unknown) on if/then/else of this size.
export type TicketConfig = ConfigOf<Omit<typeof ticketConfigSchema, 'allOf'>>;
export type TicketProvider = TicketConfig['provider'];

export const ticketManifest = defineManifest<TicketConfig>()({
  type: 'ticket',
  version: 1,
  category: 'ticketing',
  title: 'Ticket',
  configSchema: ticketConfigSchema,
  defaults: {
    provider: 'zendesk',
    operation: 'create',
    baseUrl: '',
    subject: '',
    description: '',
    comment: { body: '', public: false },
    priority: '',
    tags: [],
    fields: [],
    timeoutMs: 30000,
    retry: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10000 },
    maxResponseBytes: 1048576,
  },
  ports: ['success', 'error'],
  errorPort: 'error',
  recordedCalls: true,
  sideEffects: true,
  // The trace shows what the node returned (Code's result, the ticket's id and number).
  trace: { showOutput: true },
  credentialSlots: [
    {
      name: 'auth',
      label: 'Credential',
      kinds: ['zendeskApiToken', 'bearer', 'basic', 'oauth2', 'apiKey', 'salesforceJwt'],
      // A generic REST target may be open; the vendors never are.
      required: (config) => (config as Partial<TicketConfig>).provider !== 'rest',
      kindsFor: (config) => VENDOR_AUTH_KINDS[(config as Partial<TicketConfig>).provider ?? 'zendesk'] ?? [],
    },
  ],
  nameFields: ['/fields/*/name'],
  check: checkTicket,
  createsRecord: (config) => config.operation === 'create',
});

/** Whether a credential kind fits a provider: undefined when it does, else the kinds that would. */
export function ticketAuthMismatch(
  provider: TicketProvider,
  kind: CredentialKind,
): readonly CredentialKind[] | undefined {
  const allowed = VENDOR_AUTH_KINDS[provider];
  return allowed.includes(kind) ? undefined : allowed;
}

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
const looksLikeUrl = (value: string) => /^https?:\/\//i.test(value.trim()) || /^\s*(\{\{|\$\{)/.test(value);

/** Semantic checks the JSON Schema cannot express. */
export function checkTicket(config: TicketConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const provider = config.provider;
  const say = <C extends TicketMessageCode>(pointer: string, code: C, params: Parameters<typeof ticketMessage<C>>[1]) =>
    issues.push({ pointer, ...ticketMessage(code, params) });

  const needsBase = provider !== 'rest' || !/^\s*https?:\/\//i.test(config.rest?.url ?? '');
  if (isBlank(config.baseUrl)) {
    if (needsBase) say('/baseUrl', 'ticket.base-url-required', { provider });
  } else if (!looksLikeUrl(config.baseUrl)) {
    say('/baseUrl', 'ticket.base-url-scheme', {});
  }

  if (config.operation === 'addTags' && provider !== 'zendesk') {
    say('/operation', 'ticket.add-tags-zendesk-only', { provider });
  }
  if ((config.operation === 'update' || config.operation === 'addTags') && isBlank(config.recordId)) {
    say('/recordId', 'ticket.record-id-required', {});
  }
  const tags = (config.tags ?? []).filter((tag) => !isBlank(tag));
  if (config.operation === 'addTags' && tags.length === 0) say('/tags', 'ticket.tags-required', {});
  if (tags.length > 0 && provider !== 'zendesk' && provider !== 'rest') {
    say('/tags', 'ticket.no-tags', { provider });
  }
  if (
    provider === 'zendesk' &&
    config.operation === 'create' &&
    isBlank(config.comment?.body) &&
    isBlank(config.description)
  ) {
    say('/comment/body', 'ticket.zendesk-comment', {});
  }
  if (
    provider !== 'zendesk' &&
    provider !== 'rest' &&
    (!isBlank(config.requester?.name) || !isBlank(config.requester?.email))
  ) {
    say('/requester', 'ticket.requester-zendesk-only', { provider });
  }

  const seen = new Map<string, number>();
  (config.fields ?? []).forEach((field, index) => {
    const first = seen.get(field.name);
    if (first !== undefined) {
      say(`/fields/${index}/name`, 'ticket.field-twice', { name: field.name, first: first + 1, row: index + 1 });
    } else seen.set(field.name, index);
  });

  if (provider === 'rest') {
    const rest = config.rest;
    if (!rest) say('/rest', 'ticket.rest-required', {});
    else {
      if (isBlank(rest.url)) say('/rest/url', 'ticket.rest-url-required', {});
      if (isBlank(rest.idPath)) say('/rest/idPath', 'ticket.rest-id-path-required', {});
      else {
        const problem = jsonPathIssue(rest.idPath);
        if (problem) issues.push({ pointer: '/rest/idPath', ...problem });
      }
      const numberProblem = isBlank(rest.numberPath) ? undefined : jsonPathIssue(rest.numberPath!);
      if (numberProblem) issues.push({ pointer: '/rest/numberPath', ...numberProblem });
    }
  }
  issues.push(...retryPolicyIssues(config.retry));
  return issues;
}
