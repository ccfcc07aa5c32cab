/**
 * Runs a Record node: fills the templates compiled at flow load, then finds, reads, creates,
 * updates, upserts, notes or tags through the vendor's API (./vendor-api.ts).
 *
 * Duplicates. Zendesk honours `Idempotency-Key`, so its creates carry one made from the run and
 * the HTTP client may retry them. ServiceNow and Salesforce ignore the header: a create there
 * is sent once, unless the node knows how to recognise the record it would make — "find or
 * create", upsert, or a create with "Create only once per" (a correlation field such as the
 * conversation id). Then the node searches before creating and, when a create attempt fails
 * in a way that may have created the record anyway (5xx, 429, network, timeout), searches again
 * before the next attempt, so a lost answer or a re-run of the same event finds the first
 * record instead of opening a second. Two runs for the same id at the same moment can still
 * both find nothing; the server's ordering key on that id (docs/server.md) runs them one
 * after the other, which closes that gap.
 */
import { nodeErrorFromHttp } from '../../core/http-error.js';
import {
  NodeError,
  type CompiledTemplate,
  type CompiledValue,
  type ExecContext,
  type HttpFailure,
  type HttpResult,
  type NodeExecutor,
  type NodeResult,
  type OutboundRequest,
  type RunScope,
} from '../../core/node-type.js';
import type { MessageParams } from '../../core/messages/message.js';
import { fillTemplate, fillTemplateText, requestTraceInput } from '../../core/request-templates.js';
import { configCompiler } from '../../core/template-fields.js';
import { VENDOR_AUTH_KINDS, VENDOR_EXAMPLE_BASE, VENDOR_LABELS, vendorRequestPolicy } from '../shared/vendors.js';
import { recordManifest, type RecordConfig } from './manifest.js';
import { recordText, type RecordMessageCode, type RecordParams } from './messages.js';
import { toE164 } from './phone.js';
import type { SearchRule } from './query-syntax.js';
import { recordApi, type Call, type FieldValues, type RecordApi } from './vendor-api.js';

/** What the `success` (and `notFound`) port outputs. */
export interface RecordOutput {
  provider: RecordConfig['provider'];
  /** The Zendesk object, ServiceNow table or Salesforce object. */
  object: string;
  operation: RecordConfig['operation'];
  /** Zendesk id, ServiceNow sys_id or Salesforce Id of the record worked on (the first one found). */
  id?: string | number;
  /** The record as the vendor returned it. */
  record?: unknown;
  /** Search: every record found, at most `limit`. */
  records?: unknown[];
  count?: number;
  /** Create, find or create, upsert: whether a new record was made (false: an existing one was used). */
  created?: boolean;
  /** Opens the record in the vendor's UI. */
  url?: string;
}

/** A NodeError whose words are a code of this node type (en/ja in ./messages.ts). */
function fail<C extends RecordMessageCode>(
  code: C,
  params: RecordParams<C>,
  details: Record<string, unknown> = {},
): NodeError {
  const message = recordText(code, params);
  return new NodeError(message, code, { ...details, message }, params as MessageParams);
}

interface Compiled {
  baseUrl: CompiledTemplate;
  recordId?: CompiledTemplate;
  match: { field: string; operator: SearchRule['operator']; value: CompiledTemplate }[];
  key?: { field: string; value: CompiledTemplate };
  correlation?: { field: string; value: CompiledTemplate };
  fields: { name: string; value: CompiledValue }[];
  note?: CompiledTemplate;
  tags: CompiledValue[];
}

export const recordExecutor: NodeExecutor<RecordConfig> = {
  type: recordManifest.type,
  prepare(node, tools) {
    const config = node.config;
    const compile = configCompiler(recordManifest.configSchema, tools);
    const compiled: Compiled = {
      baseUrl: compile.template('/baseUrl', config.baseUrl ?? ''),
      ...(config.recordId ? { recordId: compile.template('/recordId', config.recordId) } : {}),
      match: (config.match ?? []).map((rule) => ({
        field: rule.field,
        operator: rule.operator,
        value: compile.template('/match/*/value', rule.value),
      })),
      ...(config.key
        ? { key: { field: config.key.field, value: compile.template('/key/value', config.key.value) } }
        : {}),
      ...(config.correlation && config.correlation.field.trim() !== ''
        ? {
            correlation: {
              field: config.correlation.field,
              value: compile.template('/correlation/value', config.correlation.value),
            },
          }
        : {}),
      fields: (config.fields ?? []).map((f) => ({ name: f.name, value: compile.value('/fields/*/value', f.value) })),
      ...(config.note?.body ? { note: compile.template('/note/body', config.note.body) } : {}),
      tags: (config.tags ?? []).filter((t) => t.trim() !== '').map((t) => compile.value('/tags/*', t)),
    };
    return { run: (ctx) => runRecord(ctx, config, compiled) };
  },
};

async function runRecord(ctx: ExecContext, config: RecordConfig, compiled: Compiled): Promise<NodeResult> {
  const scope = ctx.scope;
  await checkCredential(ctx, config);
  const base = await instanceBase(ctx, config, compiled, scope);
  const api = recordApi(config, base);
  const client = new VendorClient(ctx, config, api);
  const out = (extra: Partial<RecordOutput>): RecordOutput => ({
    provider: config.provider,
    object: api.object,
    operation: config.operation,
    ...extra,
  });
  const withLink = (id: string | number | undefined, extra: Partial<RecordOutput>): RecordOutput =>
    out({ ...(id !== undefined ? { id, url: api.link(id) } : {}), ...extra });
  const limit = config.limit ?? 10;

  switch (config.operation) {
    case 'search': {
      const rules = await fillRules(compiled.match, config, scope);
      const records = await client.call(api.search(rules, config.matchMode ?? 'all', limit));
      const first = records[0];
      const id = first === undefined ? undefined : api.idOf(first);
      return client.result(
        records.length > 0 ? 'success' : 'notFound',
        withLink(id, { records, count: records.length, ...(first !== undefined ? { record: first } : {}) }),
      );
    }
    case 'get': {
      const id = await requireId(compiled.recordId, config, scope);
      try {
        const record = await client.call(api.get(id));
        return client.result('success', withLink(id, { record }));
      } catch (error) {
        if (error instanceof NodeError && error.code === 'http-404') return client.result('notFound', out({ id }));
        throw error;
      }
    }
    case 'update': {
      const id = await requireId(compiled.recordId, config, scope);
      const record = await client.call(api.update(id, await fillFields(compiled.fields, scope)));
      return client.result('success', withLink(id, record === undefined ? {} : { record }));
    }
    case 'addNote': {
      const id = await requireId(compiled.recordId, config, scope);
      const body = compiled.note ? await fillTemplateText('note', compiled.note, scope) : '';
      const record = await client.call(api.addNote(id, { body, public: config.note?.public ?? false }));
      return client.result('success', withLink(id, { record }));
    }
    case 'addTags': {
      const id = await requireId(compiled.recordId, config, scope);
      const tags = await fillTags(compiled.tags, scope);
      const answer = await client.call(api.addTags!(id, tags));
      return client.result('success', withLink(id, { record: answer }));
    }
    case 'create': {
      const fields = await fillFields(compiled.fields, scope);
      if (!compiled.correlation) {
        const record = await client.call(api.create(fields), { create: true });
        return client.result('success', withLink(requireNewId(api, record, client), { record, created: true }));
      }
      const value = await fillRequired(
        `correlation "${compiled.correlation.field}"`,
        compiled.correlation.field,
        compiled.correlation.value,
        scope,
      );
      const rule: SearchRule = { field: compiled.correlation.field, operator: 'equals', value };
      const merged = mergeFields(fields, [[rule.field, value]]);
      const { record, created } = await createOnce(client, api, [rule], 'all', merged);
      return client.result(
        'success',
        withLink(api.idOf(record) ?? requireNewId(api, record, client), { record, created }),
      );
    }
    case 'findOrCreate': {
      const rules = await fillRules(compiled.match, config, scope);
      const fields = await fillFields(compiled.fields, scope);
      // A new record carries what it was searched by (an "any" search names alternatives, so not then).
      const searched: [string, unknown][] =
        (config.matchMode ?? 'all') === 'all'
          ? rules.filter((r) => r.operator !== 'contains').map((r) => [r.field, r.value])
          : [];
      const { record, created } = await createOnce(
        client,
        api,
        rules,
        config.matchMode ?? 'all',
        mergeFields(fields, searched),
      );
      return client.result(
        'success',
        withLink(api.idOf(record) ?? requireNewId(api, record, client), { record, created }),
      );
    }
    case 'upsert': {
      const keyField = compiled.key!.field;
      const keyValue = await fillRequired(`key "${keyField}"`, keyField, compiled.key!.value, scope);
      const fields = await fillFields(compiled.fields, scope);
      if (api.upsert) {
        // The vendor's own upsert is one request and matches server-side: no search needed.
        const { record, created } = await client.call(api.upsert({ field: keyField, value: keyValue }, fields), {
          create: true,
        });
        return client.result('success', withLink(requireNewId(api, record, client), { record, created }));
      }
      const rule: SearchRule = { field: keyField, operator: 'equals', value: keyValue };
      const [existing] = await client.call(api.search([rule], 'all', 1));
      if (existing !== undefined) {
        const id = String(api.idOf(existing) ?? '');
        const record = await client.call(api.update(id, fields));
        return client.result('success', withLink(id, { record: record ?? existing, created: false }));
      }
      const { record, created } = await createOnce(
        client,
        api,
        [rule],
        'all',
        mergeFields(fields, [[keyField, keyValue]]),
        true,
      );
      return client.result(
        'success',
        withLink(api.idOf(record) ?? requireNewId(api, record, client), { record, created }),
      );
    }
  }
}

/**
 * Finds the record by `rules`, else creates it; on a create failure that may have saved it
 * anyway, looks again before the next attempt (see the file comment).
 */
async function createOnce(
  client: VendorClient,
  api: RecordApi,
  rules: readonly SearchRule[],
  combinator: 'all' | 'any',
  fields: FieldValues,
  searched = false,
): Promise<{ record: unknown; created: boolean }> {
  if (!searched) {
    const [found] = await client.call(api.search(rules, combinator, 1));
    if (found !== undefined) return { record: found, created: false };
  }
  if (api.honoursIdempotencyKey)
    return { record: await client.call(api.create(fields), { create: true }), created: true };
  const policy = client.config.retry;
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Sent once: a blind retry could open a second record.
      return { record: await client.call(api.create(fields), { create: true, once: true }), created: true };
    } catch (error) {
      if (attempt >= policy.maxRetries || !mayHaveSaved(error)) throw error;
      await client.ctx.sleep(Math.min(policy.initialDelayMs * 2 ** attempt, policy.maxDelayMs));
      const [found] = await client.call(api.search(rules, combinator, 1));
      if (found !== undefined) {
        client.ctx.log('info', 'the failed create had saved the record: found it, not creating a second');
        return { record: found, created: false };
      }
    }
  }
}

/** A failure after which the vendor may still have saved the record (the answer was lost or late). */
function mayHaveSaved(error: unknown): boolean {
  // `VendorClient.call` turns every HTTP failure into a NodeError with a stable code.
  if (!(error instanceof NodeError)) return false;
  if (error.code === 'timeout' || error.code === 'network-error') return true;
  const status = (error.details as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

/** Sends the node's requests with its policy and records them for the trace. */
class VendorClient {
  readonly inputs: Record<string, unknown>[] = [];
  /** The status of the last answer, for messages about it. */
  lastStatus = 0;
  constructor(
    readonly ctx: ExecContext,
    readonly config: RecordConfig,
    readonly api: RecordApi,
  ) {}

  async call<T>(call: Call<T>, options: { create?: boolean; once?: boolean } = {}): Promise<T> {
    const request: OutboundRequest = {
      ...call.request,
      ...vendorRequestPolicy(this.config, {
        ctx: this.ctx,
        authenticated: true,
        // Only a vendor that replays creates by key gets one: elsewhere it would make the client retry a POST.
        create: Boolean(options.create) && this.api.honoursIdempotencyKey && call.request.method === 'POST',
        sendOnce: options.once === true,
      }),
      ...(call.request.body !== undefined ? { bodyType: 'json' as const } : {}),
    };
    const input = requestTraceInput(request);
    this.inputs.push(input);
    let result: HttpResult;
    try {
      result = await this.ctx.http.send(request);
    } catch (error) {
      this.ctx.detail('requests', this.inputs);
      throw nodeErrorFromHttp(error, (failure) => this.vendorWords(failure)) ?? error;
    }
    this.lastStatus = result.status;
    return call.read(result);
  }

  result(port: 'success' | 'notFound', output: RecordOutput): NodeResult {
    return { port, output, input: this.inputs.length === 1 ? this.inputs[0] : { requests: this.inputs } };
  }

  /** The vendor's own words for a refusal, when its error body has them. */
  private vendorWords(failure: HttpFailure): string | undefined {
    if (failure.kind !== 'status' || failure.status === undefined) return undefined;
    const vendor = vendorMessage(this.config.provider, failure.body);
    if (!vendor) return undefined;
    return recordText('record.vendor-refused', {
      provider: VENDOR_LABELS[this.config.provider],
      status: failure.status,
      vendor,
    });
  }
}

function vendorMessage(provider: RecordConfig['provider'], body: unknown): string | undefined {
  if (provider === 'salesforce' && Array.isArray(body)) {
    const parts = body
      .map((e: { errorCode?: unknown; message?: unknown }) =>
        typeof e === 'object' && e !== null ? `${String(e.errorCode ?? 'ERROR')}: ${String(e.message ?? '')}` : '',
      )
      .filter(Boolean);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (provider === 'servicenow' && typeof b.error === 'object' && b.error !== null) {
    const e = b.error as { message?: unknown; detail?: unknown };
    return [e.message, e.detail].filter((x) => typeof x === 'string' && x !== '').join(': ') || undefined;
  }
  if (provider === 'dynamics' && typeof b.error === 'object' && b.error !== null) {
    const e = b.error as { code?: unknown; message?: unknown };
    return [e.code, e.message].filter((x) => typeof x === 'string' && x !== '').join(': ') || undefined;
  }
  if (provider === 'zendesk') {
    const title = typeof b.error === 'string' ? b.error : (b.error as { title?: string } | undefined)?.title;
    const description = typeof b.description === 'string' ? b.description : undefined;
    return [title, description].filter((x) => x).join(' — ') || undefined;
  }
  return undefined;
}

function requireNewId(api: RecordApi, record: unknown, client: VendorClient): string | number {
  const id = api.idOf(record);
  if (id !== undefined) return id;
  client.ctx.detail('requests', client.inputs);
  throw fail('record.no-id', { provider: VENDOR_LABELS[api.provider], status: client.lastStatus }, { body: record });
}

/**
 * The instance address: the one configured, or (Salesforce, left empty) the `instance_url` the
 * JWT bearer token was issued with, so one credential serves the org wherever it is hosted.
 */
async function instanceBase(
  ctx: ExecContext,
  config: RecordConfig,
  compiled: Compiled,
  scope: RunScope,
): Promise<string> {
  let base = (await fillTemplateText('instance address', compiled.baseUrl, scope)).trim();
  if (base === '' && config.provider === 'salesforce') {
    try {
      base = (await ctx.http.instanceUrl?.('auth', config.timeoutMs)) ?? '';
    } catch (error) {
      throw nodeErrorFromHttp(error) ?? error;
    }
  }
  if (base === '') throw fail('record.instance-unknown', { example: VENDOR_EXAMPLE_BASE[config.provider] });
  base = base.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/i.test(base)) throw fail('record.bad-base-url', { url: base });
  return base;
}

async function checkCredential(ctx: ExecContext, config: RecordConfig): Promise<void> {
  const provider = VENDOR_LABELS[config.provider];
  const bound = ctx.node.credentials?.auth;
  if (!bound) throw fail('record.credential-missing', { provider });
  const credential = await ctx.credential('auth');
  if (!credential) throw fail('record.credential-unknown', { name: bound });
  const allowed = VENDOR_AUTH_KINDS[config.provider];
  if (!allowed.includes(credential.kind))
    throw fail('record.credential-kind', { name: bound, provider, kind: credential.kind, allowed: [...allowed] });
}

async function requireId(
  compiled: CompiledTemplate | undefined,
  config: RecordConfig,
  scope: RunScope,
): Promise<string> {
  const id = compiled ? (await fillTemplateText('record id', compiled, scope)).trim() : '';
  if (id === '') throw fail('record.empty-id', { source: config.recordId ?? '' });
  return id;
}

async function fillRequired(what: string, field: string, compiled: CompiledTemplate, scope: RunScope): Promise<string> {
  const value = (await fillTemplateText(what, compiled, scope)).trim();
  if (value === '') throw fail('record.empty-value', { field });
  return value;
}

/** The search rules with values filled in; an empty value is refused, phone values become E.164. */
async function fillRules(rules: Compiled['match'], config: RecordConfig, scope: RunScope): Promise<SearchRule[]> {
  const out: SearchRule[] = [];
  for (const rule of rules) {
    const value = await fillRequired(`value of "${rule.field}"`, rule.field, rule.value, scope);
    if (rule.operator !== 'phone') {
      out.push({ field: rule.field, operator: rule.operator, value });
      continue;
    }
    const e164 = toE164(value, config.countryCode || undefined);
    if (!e164) throw fail('record.bad-phone', { field: rule.field, value });
    out.push({ field: rule.field, operator: 'phone', value: e164 });
  }
  return out;
}

async function fillFields(fields: Compiled['fields'], scope: RunScope): Promise<[string, unknown][]> {
  const out: [string, unknown][] = [];
  for (const field of fields) {
    const value = await fillTemplate(`field "${field.name}"`, field.value, scope);
    if (value !== undefined) out.push([field.name, value]);
  }
  return out;
}

/** `extra` rows for names `fields` does not set already (what the admin wrote wins). */
function mergeFields(fields: FieldValues, extra: FieldValues): FieldValues {
  const names = new Set(fields.map(([name]) => name));
  return [...fields, ...extra.filter(([name]) => !names.has(name))];
}

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
