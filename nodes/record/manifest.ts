/**
 * Record: finds, reads, creates, updates, upserts, notes and tags records on Zendesk (tickets,
 * users, organizations), ServiceNow (any table) and Salesforce (any sObject), in each vendor's
 * own request shape (docs/web-service-and-ticket.md). The Ticket node stays the short way to
 * open or update a ticket; this node is for "find the customer or the case, then create or
 * update", which every CRM step in the seed documents is.
 */
import { retryPolicyIssues, retryPolicySchema } from '../../core/http-config-schema.js';
import type { MessageParams } from '../../core/messages/message.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { isRecord, unusedSetting } from '../node-kit.js';
import { VENDOR_AUTH_KINDS, VENDOR_EXAMPLE_BASE, VENDOR_LABELS } from '../shared/vendors.js';
import { recordText, type RecordMessageCode, type RecordParams } from './messages.js';

export type RecordProvider = 'zendesk' | 'servicenow' | 'salesforce' | 'dynamics';

/** Zendesk objects whose `create_or_update` endpoint upserts, and the fields it matches on. */
export const ZENDESK_UPSERT_KEYS: Readonly<Record<string, readonly string[]>> = {
  user: ['email', 'external_id'],
  organization: ['external_id'],
};

const FIELD_NAME = '^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$';
const FIELD_HINT = 'must be a field id, column or API name (letters, digits, _ and . only)';
const unused = unusedSetting;

const fieldName = (description: string) =>
  ({
    type: 'string',
    title: 'Field',
    description,
    minLength: 1,
    maxLength: 128,
    pattern: FIELD_NAME,
    'x-patternMessage': FIELD_HINT,
  }) as const;

export const recordConfigSchema = {
  type: 'object',
  title: 'Record',
  additionalProperties: false,
  required: ['provider', 'operation', 'baseUrl', 'timeoutMs', 'retry'],
  properties: {
    provider: {
      type: 'string',
      title: 'System',
      description: 'Where the record lives: Zendesk, ServiceNow, Salesforce or Microsoft Dynamics 365.',
      enum: ['zendesk', 'servicenow', 'salesforce', 'dynamics'],
    },
    operation: {
      type: 'string',
      title: 'Action',
      description: 'What to do with the record.',
      enum: ['search', 'get', 'create', 'update', 'findOrCreate', 'upsert', 'addNote', 'addTags'],
    },
    baseUrl: {
      type: 'string',
      title: 'Instance address',
      description:
        'The address of your instance, starting with https://. Salesforce with a JWT bearer credential: may stay empty, the token names the instance.',
      'x-template': 'text',
    },
    zendeskObject: {
      type: 'string',
      title: 'Zendesk object',
      description: 'Ticket, user (end users and agents) or organization.',
      enum: ['ticket', 'user', 'organization'],
      default: 'ticket',
    },
    table: {
      type: 'string',
      title: 'Table',
      description: 'ServiceNow table, e.g. sn_customerservice_case, customer_contact, incident.',
      pattern: '^[a-z][a-z0-9_]{0,79}$',
      'x-patternMessage': 'must be a ServiceNow table name in lower case, e.g. customer_contact',
      default: 'sn_customerservice_case',
    },
    sobject: {
      type: 'string',
      title: 'Object',
      description: 'Salesforce object API name, e.g. Contact, Case, Task, Lead or My_Object__c.',
      pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$',
      'x-patternMessage': 'must be an object API name such as Contact or My_Object__c',
      default: 'Contact',
    },
    apiVersion: {
      type: 'string',
      title: 'API version',
      description: 'Salesforce REST API version, e.g. v60.0.',
      pattern: '^v\\d{2,3}\\.\\d$',
      'x-patternMessage': 'must look like v60.0',
      default: 'v60.0',
    },
    entitySet: {
      type: 'string',
      title: 'Entity set',
      description: 'Dynamics 365 Web API entity set, e.g. contacts, incidents, phonecalls.',
      pattern: '^[a-z][a-z0-9_]{0,79}$',
      'x-patternMessage': 'must be an entity set name in lower case, e.g. contacts',
      default: 'contacts',
    },
    idField: {
      type: 'string',
      title: 'Id column',
      description: 'The primary key column of the entity set: contactid, incidentid, activityid (phone calls).',
      pattern: '^[a-z][a-z0-9_]{0,79}$',
      'x-patternMessage': 'must be a column name in lower case, e.g. contactid',
      default: 'contactid',
    },
    recordId: {
      type: 'string',
      title: 'Record id',
      description: 'The Zendesk id, ServiceNow sys_id or Salesforce id; usually a {{ }} template.',
      'x-template': 'text',
    },
    match: {
      type: 'array',
      title: 'Find by',
      description: 'The fields that identify the record, e.g. phone equals the caller number.',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'operator', 'value'],
        properties: {
          field: fieldName('Field, column or API name to compare, e.g. phone, email, Phone.'),
          operator: {
            type: 'string',
            title: 'Comparison',
            description: 'equals: the whole value; contains: part of it; phone number: both sides as E.164.',
            enum: ['equals', 'contains', 'phone'],
          },
          value: { type: 'string', title: 'Value', description: 'Usually a {{ }} template.', 'x-template': 'text' },
        },
      },
    },
    matchMode: {
      type: 'string',
      title: 'Records must match',
      description: 'all: every row; any: at least one (ServiceNow, Salesforce).',
      enum: ['all', 'any'],
      default: 'all',
    },
    countryCode: {
      type: 'string',
      title: 'Country calling code',
      description: 'Completes national phone numbers to E.164, e.g. 1 (US) or 81 (Japan). Empty: only +… numbers.',
      pattern: '^\\d{0,3}$',
      'x-patternMessage': 'must be 1 to 3 digits, e.g. 1 or 81',
    },
    key: {
      type: 'object',
      title: 'Key',
      description: 'The field that identifies the record for upsert, e.g. an external id, and its value.',
      additionalProperties: false,
      required: ['field', 'value'],
      properties: {
        field: fieldName('Salesforce external id field, Zendesk email or external_id, or a ServiceNow column.'),
        value: { type: 'string', title: 'Value', description: 'Usually a {{ }} template.', 'x-template': 'text' },
      },
    },
    correlation: {
      type: 'object',
      title: 'Create only once per',
      description:
        'A field that holds the conversation or call id: before creating, the node looks for a record with this value and returns it instead of creating a second one.',
      additionalProperties: false,
      required: ['field', 'value'],
      properties: {
        field: fieldName('e.g. u_conversation_id, Conversation_Id__c, external_id.'),
        value: { type: 'string', title: 'Value', description: 'e.g. {{ vars.conversationId }}.', 'x-template': 'text' },
      },
    },
    fields: {
      type: 'array',
      title: 'Fields',
      description:
        'What to write. Zendesk: properties (a.b nests, e.g. comment.body or user_fields.plan; a number is a ticket custom field). ServiceNow: columns. Salesforce: field API names.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: {
          name: fieldName('Field id, column or API name.'),
          value: {
            title: 'Value',
            description: 'Text, number, true/false or JSON; may hold {{ }}.',
            'x-template': 'value',
          },
        },
      },
    },
    note: {
      type: 'object',
      title: 'Note',
      description: 'Zendesk ticket comment, ServiceNow work note or comment, Salesforce case comment or note.',
      additionalProperties: false,
      required: ['body', 'public'],
      properties: {
        body: { type: 'string', title: 'Text', description: 'May hold {{ }} templates.', 'x-template': 'text' },
        public: {
          type: 'boolean',
          title: 'Visible to the customer',
          description: 'Off: an internal note (ServiceNow work note, unpublished case comment).',
        },
      },
    },
    tags: {
      type: 'array',
      title: 'Tags',
      description: 'Zendesk tags added to the ticket, user or organization (never replacing its tags).',
      items: { type: 'string', title: 'Tag', description: 'A tag; may hold {{ }}.', 'x-template': 'value' },
    },
    returnFields: {
      type: 'array',
      title: 'Fields to return',
      description:
        'Salesforce: the fields the query selects (Id always). ServiceNow: sysparm_fields. Dynamics 365: $select. Empty: Id only on Salesforce, all columns elsewhere.',
      maxItems: 100,
      items: fieldName('A field or column name.'),
    },
    limit: {
      type: 'integer',
      title: 'Most records',
      description: 'How many records a search returns at most.',
      minimum: 1,
      maximum: 200,
      default: 10,
    },
    timeoutMs: {
      type: 'integer',
      title: 'Timeout (ms)',
      description: 'How long to wait for each attempt.',
      minimum: 100,
      maximum: 300000,
    },
    retry: retryPolicySchema(
      'Retries on 429, 5xx and network errors, waiting longer each time and honouring Retry-After. A create on ServiceNow or Salesforce is retried only with "Create only once per" set: the node looks for the record again before each new attempt.',
    ),
    maxResponseBytes: {
      type: 'integer',
      title: 'Largest response (bytes)',
      description: 'A bigger answer fails the call. Default 1048576 (1 MB).',
      minimum: 1,
      maximum: 52428800,
    },
  },
  // Which settings apply, by provider and action, so the form shows only those (x-unused).
  allOf: [
    {
      if: { required: ['provider'], properties: { provider: { const: 'zendesk' } } },
      then: {
        properties: { baseUrl: { examples: ['https://acme.zendesk.com'] }, returnFields: unused, matchMode: unused },
      },
      else: {
        properties: {
          zendeskObject: unused,
          tags: unused,
          operation: {
            enum: ['search', 'get', 'create', 'update', 'findOrCreate', 'upsert', 'addNote'],
            'x-enumMessage': 'must not be "add tags": tags are a Zendesk feature',
          },
        },
      },
    },
    {
      if: { required: ['provider'], properties: { provider: { const: 'servicenow' } } },
      then: { properties: { baseUrl: { examples: ['https://acme.service-now.com'] } } },
      else: { properties: { table: unused } },
    },
    {
      if: { required: ['provider'], properties: { provider: { const: 'salesforce' } } },
      then: { properties: { baseUrl: { examples: ['https://acme.my.salesforce.com'] } } },
      else: { properties: { sobject: unused, apiVersion: unused } },
    },
    {
      if: { required: ['provider'], properties: { provider: { const: 'dynamics' } } },
      then: { properties: { baseUrl: { examples: ['https://acme.crm.dynamics.com'] } } },
      else: { properties: { entitySet: unused, idField: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { enum: ['search', 'findOrCreate'] } } },
      then: { required: ['match'] },
      else: { properties: { match: unused, matchMode: unused, countryCode: unused, limit: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { enum: ['get', 'update', 'addNote', 'addTags'] } } },
      then: { required: ['recordId'] },
      else: { properties: { recordId: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'upsert' } } },
      then: { required: ['key'] },
      else: { properties: { key: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'create' } } },
      else: { properties: { correlation: unused } },
    },
    {
      if: {
        required: ['operation'],
        properties: { operation: { enum: ['create', 'update', 'findOrCreate', 'upsert'] } },
      },
      else: { properties: { fields: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'addNote' } } },
      then: { required: ['note'] },
      else: { properties: { note: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'addTags' } } },
      then: { required: ['tags'] },
      else: { properties: { tags: unused } },
    },
    {
      if: { required: ['operation'], properties: { operation: { enum: ['search', 'get', 'findOrCreate'] } } },
      else: { properties: { returnFields: unused } },
    },
  ],
} as const;

/**
 * Config of a Record node (v1). Derived from the schema without `allOf`, whose branches only
 * add per-provider requirements and form annotations.
 *
 * ```json
 * { "provider": "servicenow", "operation": "search", "baseUrl": "https://acme.service-now.com",
 *   "table": "customer_contact", "matchMode": "any", "countryCode": "1",
 *   "match": [{ "field": "phone", "operator": "phone", "value": "{{ trigger.body.ani }}" },
 *             { "field": "mobile_phone", "operator": "phone", "value": "{{ trigger.body.ani }}" }],
 *   "limit": 1, "timeoutMs": 30000, "retry": { "maxRetries": 2, "initialDelayMs": 500, "maxDelayMs": 10000 } }
 * ```
 */
export type RecordConfig = ConfigOf<Omit<typeof recordConfigSchema, 'allOf'>>;

export const recordManifest = defineManifest<RecordConfig>()({
  type: 'record',
  version: 1,
  category: 'ticketing',
  title: 'Record',
  configSchema: recordConfigSchema,
  defaults: {
    provider: 'salesforce',
    operation: 'findOrCreate',
    baseUrl: '',
    sobject: 'Contact',
    apiVersion: 'v60.0',
    match: [],
    matchMode: 'all',
    fields: [],
    limit: 10,
    timeoutMs: 30000,
    retry: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10000 },
    maxResponseBytes: 1048576,
  },
  ports: ['success', 'error'],
  portsFor: (config) => recordPorts(config),
  errorPort: 'error',
  recordedCalls: true,
  sideEffects: true,
  // The trace shows what was decided (which record, whether it was created, how many found),
  // not the vendor's whole record: the request lines above already say what was asked.
  trace: { showOutput: true, mappedFields: recordTraceFields },
  credentialSlots: [
    {
      name: 'auth',
      label: 'Credential',
      kinds: ['zendeskApiToken', 'bearer', 'basic', 'oauth2', 'salesforceJwt'],
      required: true,
      kindsFor: (config) => VENDOR_AUTH_KINDS[providerOf(config)] ?? [],
    },
  ],
  nameFields: ['/fields/*/name'],
  check: checkRecord,
  createsRecord: (config) => ['create', 'findOrCreate', 'upsert'].includes(String(config.operation)),
});

/** `id`, `created` and `count` of a Record node's output, those it has. */
export function recordTraceFields(output: unknown): Record<string, unknown> | undefined {
  if (!isRecord(output)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const key of ['id', 'created', 'count'] as const) if (output[key] !== undefined) fields[key] = output[key];
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Search and get can find nothing: they get a `notFound` output the admin wires. */
export function recordPorts(config: unknown): readonly string[] {
  const operation = isRecord(config) ? config.operation : undefined;
  return operation === 'search' || operation === 'get' ? ['success', 'notFound', 'error'] : ['success', 'error'];
}

function providerOf(config: unknown): RecordProvider {
  const provider = isRecord(config) ? config.provider : undefined;
  return provider === 'servicenow' || provider === 'salesforce' || provider === 'dynamics' ? provider : 'zendesk';
}

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/** Semantic checks the JSON Schema cannot express; each is a code in ./messages.ts. */
export function checkRecord(config: RecordConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const push = <C extends RecordMessageCode>(pointer: string, code: C, params: RecordParams<C>) =>
    issues.push({ pointer, code, params: params as MessageParams, message: recordText(code, params) });
  const provider = config.provider;
  const label = VENDOR_LABELS[provider] ?? provider;
  const op = config.operation;

  // Salesforce may leave it empty: a JWT bearer credential's token names the instance (checked at run time).
  if (isBlank(config.baseUrl)) {
    if (provider !== 'salesforce')
      push('/baseUrl', 'record.base-url-required', { example: VENDOR_EXAMPLE_BASE[provider] });
  } else if (!/^\s*(https?:\/\/|\{\{|\$\{)/i.test(config.baseUrl)) push('/baseUrl', 'record.base-url-scheme', {});

  if (['get', 'update', 'addNote', 'addTags'].includes(op) && isBlank(config.recordId))
    push('/recordId', 'record.record-id-required', {});

  const rules = config.match ?? [];
  if ((op === 'search' || op === 'findOrCreate') && rules.length === 0) push('/match', 'record.match-required', {});
  if (
    (op === 'search' || op === 'findOrCreate') &&
    provider === 'zendesk' &&
    config.matchMode === 'any' &&
    rules.length > 1
  )
    push('/matchMode', 'record.any-on-zendesk', {});

  if ((op === 'search' || op === 'findOrCreate') && (provider === 'zendesk' || provider === 'dynamics'))
    rules.forEach((rule, index) => {
      if (rule.field.includes('.'))
        push(`/match/${index}/field`, 'record.match-field-dotted', { provider: label, field: rule.field });
    });
  if (op === 'upsert') {
    if (!config.key || isBlank(config.key.field) || isBlank(config.key.value)) push('/key', 'record.key-required', {});
    else if (provider === 'zendesk') {
      const object = config.zendeskObject ?? 'ticket';
      const keys = ZENDESK_UPSERT_KEYS[object];
      if (keys && !keys.includes(config.key.field))
        push('/key/field', 'record.zendesk-upsert-key', { object, keys: [...keys] });
    }
  }
  if (op === 'update' && (config.fields ?? []).length === 0) push('/fields', 'record.fields-required', {});
  if (op === 'addNote') {
    if (isBlank(config.note?.body)) push('/note/body', 'record.note-required', {});
    if (provider === 'zendesk' && (config.zendeskObject ?? 'ticket') !== 'ticket')
      push('/zendeskObject', 'record.note-zendesk-ticket', {});
  }
  if (op === 'addTags') {
    if (provider !== 'zendesk') push('/operation', 'record.tags-zendesk-only', { provider: label });
    else if ((config.tags ?? []).every((tag) => isBlank(tag))) push('/tags', 'record.tags-required', {});
  }
  if (op === 'create' && config.correlation && (isBlank(config.correlation.field) || isBlank(config.correlation.value)))
    push('/correlation', 'record.correlation-incomplete', {});

  const seen = new Map<string, number>();
  (config.fields ?? []).forEach((field, index) => {
    const first = seen.get(field.name);
    if (first !== undefined)
      push(`/fields/${index}/name`, 'record.field-twice', { name: field.name, first: first + 1, second: index + 1 });
    else seen.set(field.name, index);
  });
  issues.push(...retryPolicyIssues(config.retry));
  return issues;
}
