/**
 * Runs a Ticket node: fills in the templates compiled at flow load, builds the vendor's own
 * request (domain.md §2), sends it through `ctx.http` and reads the new ticket's id.
 *
 * Idempotency: a create carries `Idempotency-Key: flowdesk-<runId>-<nodeId>`, the same on
 * every attempt of the run, which also lets the HTTP client retry the POST. Zendesk honours
 * the header (a replay returns the first ticket). ServiceNow's Table API and Salesforce's
 * sObject API ignore it: for them the header is still sent (for proxies, gateways and logs),
 * but a retry after a lost response can open a second record — set retries to 0 on those
 * providers if that is worse than a missing ticket.
 */
import { configCompiler, type ConfigCompiler } from '../../core/template-fields.js';
import { nodeErrorFromHttp } from '../../core/http-error.js';
import { compileJsonPath, type CompiledJsonPath } from '../../core/json-path-eval.js';
import { JsonPathSyntaxError } from '../../core/json-path.js';
import {
  NodeError,
  type CompiledTemplate,
  type CompiledValue,
  type ExecContext,
  type HttpFailure,
  type HttpResult,
  type NodeExecutor,
  type OutboundRequest,
  type RunScope,
} from '../../core/node-type.js';
import {
  compileNameValues,
  fillNameValues,
  fillTemplate,
  fillTemplateText,
  requestTraceInput,
  startsWithTemplate,
  type CompiledNameValue,
} from '../../core/request-templates.js';
import { VENDOR_LABELS, vendorRequestPolicy } from '../shared/vendors.js';
import { ticketAuthMismatch, type TicketConfig, type TicketProvider } from './manifest.js';
import { ticketMessage, type TicketMessageCode } from './messages.js';
import { ticketManifest } from './manifest.js';

export const SERVICENOW_DEFAULT_TABLE = 'sn_customerservice_case';
export const SALESFORCE_DEFAULT_API_VERSION = 'v60.0';

/** What the `success` port outputs. */
export interface TicketOutput {
  provider: TicketProvider;
  /** Zendesk ticket id, ServiceNow sys_id, Salesforce Case id, or what `rest.idPath` found. */
  id: string | number;
  /** ServiceNow's case number (CS0001234), or what `rest.numberPath` found. */
  number?: string;
  /** Link to open the ticket in the vendor's UI. */
  url?: string;
  status: number;
  body: unknown;
}

/** The ticket's content with templates filled in; blank values are left out. */
interface TicketValues {
  baseUrl: string;
  recordId?: string;
  subject?: string;
  description?: string;
  comment?: { body: string; public: boolean };
  priority?: string;
  tags: string[];
  requester?: { name?: string; email?: string };
  fields: [string, unknown][];
}

interface CompiledRest {
  url: CompiledTemplate;
  absolute: boolean;
  headers: CompiledNameValue[];
  body?: CompiledValue;
  idPath: CompiledJsonPath;
  numberPath?: CompiledJsonPath;
}

/** One planned call and how to read its answer. */
interface Plan {
  request: OutboundRequest;
  read(result: HttpResult): { id?: string | number; number?: string };
  link?(id: string | number): string;
}

export const ticketExecutor: NodeExecutor<TicketConfig> = {
  type: ticketManifest.type,
  prepare(node, tools) {
    const config = node.config;
    // Each field compiles with the mode its schema declares (x-template).
    const compile = configCompiler(ticketManifest.configSchema, tools);
    const text = (pointer: string, value: string | undefined) =>
      value && value.trim() !== '' ? compile.template(pointer, value) : undefined;
    const compiled = {
      baseUrl: compile.template('/baseUrl', config.baseUrl ?? ''),
      recordId: text('/recordId', config.recordId),
      subject: text('/subject', config.subject),
      description: text('/description', config.description),
      commentBody: text('/comment/body', config.comment?.body),
      priority: text('/priority', config.priority),
      requesterName: text('/requester/name', config.requester?.name),
      requesterEmail: text('/requester/email', config.requester?.email),
      tags: (config.tags ?? []).filter((tag) => tag.trim() !== '').map((tag) => compile.value('/tags/*', tag)),
      fields: (config.fields ?? []).map((field) => ({
        name: field.name,
        value: compile.value('/fields/*/value', field.value),
      })),
    };
    const rest = config.provider === 'rest' && config.rest ? compileRest(config.rest, compile) : undefined;
    if (config.provider === 'rest' && !rest) throw new Error('the REST request (URL, method, id path) is not set');
    const label = VENDOR_LABELS[config.provider];

    return {
      async run(ctx: ExecContext) {
        const scope = ctx.scope;
        await checkCredential(ctx, config);
        const values: TicketValues = {
          baseUrl: (await fillTemplateText('instance address', compiled.baseUrl, scope)).trim().replace(/\/+$/, ''),
          recordId: await fillOptional('ticket to update', compiled.recordId, scope),
          subject: await fillOptional('subject', compiled.subject, scope),
          description: await fillOptional('description', compiled.description, scope),
          priority: await fillOptional('priority', compiled.priority, scope),
          tags: await fillTags(compiled.tags, scope),
          fields: [],
        };
        const commentBody = await fillOptional('comment', compiled.commentBody, scope);
        if (commentBody !== undefined) values.comment = { body: commentBody, public: config.comment?.public ?? false };
        const requesterName = await fillOptional('requester name', compiled.requesterName, scope);
        const requesterEmail = await fillOptional('requester email', compiled.requesterEmail, scope);
        if (requesterName !== undefined || requesterEmail !== undefined) {
          values.requester = {};
          if (requesterName !== undefined) values.requester.name = requesterName;
          if (requesterEmail !== undefined) values.requester.email = requesterEmail;
        }
        for (const field of compiled.fields) {
          const value = await fillTemplate(`field "${field.name}"`, field.value, scope);
          if (value !== undefined) values.fields.push([field.name, value]);
        }
        if (config.operation !== 'create' && !values.recordId) {
          throw new NodeError(
            `the ticket to update is empty: "${config.recordId ?? ''}" gave no id`,
            'missing-record-id',
            {
              message: `the ticket to update is empty: "${config.recordId ?? ''}" gave no id`,
            },
          );
        }
        if (config.provider !== 'rest' || !rest?.absolute) requireBaseUrl(values.baseUrl, config.provider);

        const common = vendorRequestPolicy(config, {
          ctx,
          authenticated: Boolean(ctx.node.credentials?.auth),
          create: config.operation === 'create',
        });
        const idempotencyKey = common.idempotencyKey;
        const plan = await planRequest(config, values, common, rest, scope);

        const input = requestTraceInput(plan.request);
        const result = await send(ctx, plan.request, input, config.provider);
        const read = plan.read(result);
        let id = read.id;
        if (id === undefined || id === '') {
          if (config.operation !== 'create' && values.recordId) id = values.recordId;
          else {
            const message = `${label} answered ${result.status} but the response holds no ticket id`;
            ctx.detail('request', input);
            throw new NodeError(message, 'ticket-id-missing', { status: result.status, body: result.body, message });
          }
        }

        if (config.provider === 'salesforce' && values.comment) {
          // Salesforce keeps case comments in their own object.
          const commentRequest: OutboundRequest = {
            ...common,
            ...(idempotencyKey ? { idempotencyKey: `${idempotencyKey}-comment` } : {}),
            method: 'POST',
            url: `${salesforceBase(values.baseUrl, config)}/sobjects/CaseComment/`,
            headers: { Accept: 'application/json' },
            body: { ParentId: id, CommentBody: values.comment.body, IsPublished: values.comment.public },
            bodyType: 'json',
          };
          const commentInput = requestTraceInput(commentRequest);
          ctx.detail('commentRequest', commentInput);
          try {
            await send(ctx, commentRequest, commentInput, config.provider);
          } catch (error) {
            // The case exists by now: say so, and hand its id to the error branch.
            if (!(error instanceof NodeError)) throw error;
            const message = `the case ${id} was saved, but adding its comment failed: ${error.message}`;
            const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
            throw new NodeError(message, error.code, { ...details, message, id });
          }
        }

        const output: TicketOutput = { provider: config.provider, id, status: result.status, body: result.body };
        if (read.number !== undefined) output.number = read.number;
        if (plan.link && values.baseUrl) output.url = plan.link(id);
        return { port: 'success', output, input };
      },
    };
  },
};

function compileRest(rest: NonNullable<TicketConfig['rest']>, compile: ConfigCompiler): CompiledRest {
  const absolute = /^\s*https?:\/\//i.test(rest.url);
  const leadingTemplate = startsWithTemplate(rest.url);
  return {
    url: compile.template('/rest/url', rest.url),
    absolute: absolute || leadingTemplate,
    headers: compileNameValues(rest.headers ?? [], compile, '/rest/headers/*/value'),
    ...(rest.body !== undefined ? { body: compile.value('/rest/body', rest.body) } : {}),
    idPath: compilePath('id path', rest.idPath),
    ...(rest.numberPath && rest.numberPath.trim() !== ''
      ? { numberPath: compilePath('number path', rest.numberPath) }
      : {}),
  };
}

function compilePath(what: string, path: string): CompiledJsonPath {
  try {
    return compileJsonPath(path);
  } catch (error) {
    if (error instanceof JsonPathSyntaxError)
      throw new Error(`the ${what} "${path}" is not valid JSONPath: ${error.message}`);
    throw error;
  }
}

/** Builds the vendor's request. */
async function planRequest(
  config: TicketConfig,
  values: TicketValues,
  common: Omit<OutboundRequest, 'method' | 'url'>,
  rest: CompiledRest | undefined,
  scope: RunScope,
): Promise<Plan> {
  const id = values.recordId ? encodeURIComponent(values.recordId) : '';
  const base = values.baseUrl;
  switch (config.provider) {
    case 'zendesk': {
      const link = (ticketId: string | number) => `${base}/agent/tickets/${ticketId}`;
      const headers = { Accept: 'application/json' };
      if (config.operation === 'addTags') {
        // PUT on tags.json adds; POST would replace the ticket's tags.
        return {
          request: {
            ...common,
            method: 'PUT',
            url: `${base}/api/v2/tickets/${id}/tags.json`,
            headers,
            body: { tags: values.tags },
            bodyType: 'json',
          },
          read: () => ({ id: values.recordId }),
          link,
        };
      }
      const ticket = zendeskTicket(values, config.operation === 'create');
      const url = config.operation === 'create' ? `${base}/api/v2/tickets.json` : `${base}/api/v2/tickets/${id}.json`;
      return {
        request: {
          ...common,
          method: config.operation === 'create' ? 'POST' : 'PUT',
          url,
          headers,
          body: { ticket },
          bodyType: 'json',
        },
        read: (result) => ({ id: pick(result.body, 'ticket', 'id') as string | number | undefined }),
        link,
      };
    }
    case 'servicenow': {
      const table = config.table && config.table.trim() !== '' ? config.table : SERVICENOW_DEFAULT_TABLE;
      const record: Record<string, unknown> = {};
      if (values.subject !== undefined) record.short_description = values.subject;
      if (values.description !== undefined) record.description = values.description;
      if (values.priority !== undefined) record.priority = values.priority;
      if (values.comment) record[values.comment.public ? 'comments' : 'work_notes'] = values.comment.body;
      for (const [name, value] of values.fields) record[name] = value;
      const query: string[] = [];
      if (config.displayValue) query.push(`sysparm_display_value=${config.displayValue}`);
      if (config.returnFields && config.returnFields.length > 0) {
        const columns = [...new Set(['sys_id', 'number', ...config.returnFields])];
        query.push(`sysparm_fields=${encodeURIComponent(columns.join(','))}`);
      }
      const path = `${base}/api/now/table/${encodeURIComponent(table)}${config.operation === 'create' ? '' : `/${id}`}`;
      return {
        request: {
          ...common,
          method: config.operation === 'create' ? 'POST' : 'PATCH',
          url: query.length > 0 ? `${path}?${query.join('&')}` : path,
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: record,
          bodyType: 'json',
        },
        read: (result) => {
          const sysId = plainValue(pick(result.body, 'result', 'sys_id'));
          const number = plainValue(pick(result.body, 'result', 'number'));
          return {
            ...(sysId !== undefined ? { id: String(sysId) } : {}),
            ...(number !== undefined ? { number: String(number) } : {}),
          };
        },
        link: (sysId) => `${base}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`,
      };
    }
    case 'salesforce': {
      const record: Record<string, unknown> = {};
      if (values.subject !== undefined) record.Subject = values.subject;
      if (values.description !== undefined) record.Description = values.description;
      if (values.priority !== undefined) record.Priority = values.priority;
      for (const [name, value] of values.fields) record[name] = value;
      const cases = `${salesforceBase(base, config)}/sobjects/Case`;
      return {
        request: {
          ...common,
          method: config.operation === 'create' ? 'POST' : 'PATCH',
          url: config.operation === 'create' ? `${cases}/` : `${cases}/${id}`,
          headers: { Accept: 'application/json' },
          body: record,
          bodyType: 'json',
        },
        // Create answers {id, success, errors}; update answers 204 with no body.
        read: (result) => ({ id: pick(result.body, 'id') as string | undefined }),
        link: (caseId) => `${base}/lightning/r/Case/${caseId}/view`,
      };
    }
    case 'rest': {
      const r = rest!;
      const filled = await fillTemplateText('REST URL', r.url, scope);
      const url = r.absolute ? filled : `${base}/${filled.replace(/^\/+/, '')}`;
      const headers = {
        Accept: 'application/json',
        ...Object.fromEntries(await fillNameValues('header', r.headers, scope)),
      };
      const request: OutboundRequest = { ...common, method: config.rest!.method, url, headers };
      if (r.body) {
        request.body = await fillTemplate('REST body', r.body, scope);
        request.bodyType = 'json';
      }
      if (config.rest!.apiKeyHeader) request.apiKeyHeader = config.rest!.apiKeyHeader;
      return {
        request,
        read: (result) => {
          const idMatch = r.idPath.evaluate(result.body);
          const numberMatch = r.numberPath?.evaluate(result.body);
          const out: { id?: string | number; number?: string } = {};
          const idValue = Array.isArray(idMatch.value) ? idMatch.value[0] : idMatch.value;
          if (idMatch.found && (typeof idValue === 'string' || typeof idValue === 'number')) out.id = idValue;
          if (numberMatch?.found && numberMatch.value !== null && numberMatch.value !== undefined) {
            out.number = String(numberMatch.value);
          }
          return out;
        },
      };
    }
  }
}

/** The Zendesk `ticket` object: common fields, numeric-named fields as custom fields. */
function zendeskTicket(values: TicketValues, create: boolean): Record<string, unknown> {
  const ticket: Record<string, unknown> = {};
  if (values.subject !== undefined) ticket.subject = values.subject;
  if (values.comment) ticket.comment = { body: values.comment.body, public: values.comment.public };
  // Zendesk has no writable description: the first comment is the description.
  else if (create && values.description !== undefined) ticket.comment = { body: values.description, public: false };
  if (values.priority !== undefined) ticket.priority = values.priority;
  if (values.requester) ticket.requester = values.requester;
  // `tags` on an update replaces the list; `additional_tags` adds to it.
  if (values.tags.length > 0) ticket[create ? 'tags' : 'additional_tags'] = values.tags;
  const custom: { id: number; value: unknown }[] = [];
  for (const [name, value] of values.fields) {
    if (/^\d+$/.test(name)) custom.push({ id: Number(name), value });
    else ticket[name] = value;
  }
  if (custom.length > 0) ticket.custom_fields = custom;
  return ticket;
}

function salesforceBase(base: string, config: TicketConfig): string {
  const version =
    config.apiVersion && config.apiVersion.trim() !== '' ? config.apiVersion : SALESFORCE_DEFAULT_API_VERSION;
  return `${base}/services/data/${version}`;
}

/** A run error worded in the catalogues (the UI's language), its English words as the message. */
function ticketError<C extends TicketMessageCode>(code: C, params: Parameters<typeof ticketMessage<C>>[1]): NodeError {
  const { message, params: wordParams } = ticketMessage(code, params);
  return new NodeError(message, code, { message }, wordParams);
}

async function checkCredential(ctx: ExecContext, config: TicketConfig): Promise<void> {
  const bound = ctx.node.credentials?.auth;
  const provider = config.provider;
  if (!bound) {
    if (provider === 'rest') return;
    throw ticketError('ticket.credential-missing', { provider });
  }
  const credential = await ctx.credential('auth');
  if (!credential) throw ticketError('ticket.credential-unknown', { name: bound });
  const allowed = ticketAuthMismatch(provider, credential.kind);
  if (allowed) throw ticketError('ticket.credential-kind', { name: bound, provider, kind: credential.kind, allowed });
}

function requireBaseUrl(baseUrl: string, provider: TicketProvider): void {
  if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
    const message = `the instance address "${baseUrl}" is not an http(s) address`;
    throw new NodeError(message, 'bad-base-url', { message, provider });
  }
}

async function send(
  ctx: ExecContext,
  request: OutboundRequest,
  input: unknown,
  provider: TicketProvider,
): Promise<HttpResult> {
  try {
    return await ctx.http.send(request);
  } catch (error) {
    ctx.detail('request', input);
    throw nodeErrorFromHttp(error, (failure) => describeFailure(provider, failure)) ?? error;
  }
}

/** The vendor's own error words, when its error body has them. */
export function describeFailure(provider: TicketProvider, failure: HttpFailure): string | undefined {
  if (failure.kind !== 'status') return undefined;
  const vendor = vendorMessage(provider, failure.body);
  if (!vendor) return undefined;
  return `${VENDOR_LABELS[provider]} refused the request (HTTP ${failure.status}): ${vendor}`;
}

function vendorMessage(provider: TicketProvider, body: unknown): string | undefined {
  if (body === null || body === undefined) return undefined;
  if (provider === 'salesforce' && Array.isArray(body)) {
    // [{ message, errorCode, fields }]
    const parts = body
      .map((e) =>
        typeof e === 'object' && e
          ? `${(e as { errorCode?: string }).errorCode ?? 'ERROR'}: ${(e as { message?: string }).message ?? ''}`
          : '',
      )
      .filter(Boolean);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (provider === 'servicenow' && typeof b.error === 'object' && b.error) {
    const e = b.error as { message?: unknown; detail?: unknown };
    return [e.message, e.detail].filter((x) => typeof x === 'string' && x !== '').join(': ') || undefined;
  }
  if (provider === 'zendesk') {
    const title =
      typeof b.error === 'string'
        ? b.error
        : typeof b.error === 'object' && b.error
          ? (b.error as { title?: string }).title
          : undefined;
    const description = typeof b.description === 'string' ? b.description : undefined;
    const details =
      typeof b.details === 'object' && b.details
        ? Object.entries(b.details as Record<string, unknown>)
            .flatMap(([field, list]) =>
              Array.isArray(list)
                ? list.map((d) => `${field}: ${(d as { description?: string })?.description ?? ''}`)
                : [],
            )
            .join('; ')
        : '';
    return [title, description, details].filter((x) => x && x !== '').join(' — ') || undefined;
  }
  if (typeof b.message === 'string') return b.message;
  return undefined;
}

function pick(body: unknown, ...keys: string[]): unknown {
  let current = body;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** ServiceNow returns `{display_value, value}` pairs with `sysparm_display_value=all`. */
function plainValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'value' in value) return (value as { value: unknown }).value;
  return value;
}

/** A blank result counts as "not set", so an empty template never blanks a ticket field. */
async function fillOptional(
  what: string,
  compiled: CompiledTemplate | undefined,
  scope: RunScope,
): Promise<string | undefined> {
  if (!compiled) return undefined;
  const value = await fillTemplateText(what, compiled, scope);
  return value.trim() === '' ? undefined : value;
}

/** Tags may come one per row or as a list from a template; blanks are dropped. */
async function fillTags(tags: readonly CompiledValue[], scope: RunScope): Promise<string[]> {
  const out: string[] = [];
  for (const tag of tags) {
    const value = await fillTemplate('tag', tag, scope);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      const text = String(item).trim();
      if (text !== '' && !out.includes(text)) out.push(text);
    }
  }
  return out;
}
