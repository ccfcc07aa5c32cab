/**
 * Runtime half of the Webhook trigger: reads the body as the flow sees it (`inbound.ts`: a form
 * becomes an object, JSON text fields JSON, a preset's envelope recognised), validates it against
 * the input schema (compiled once at prepare) and maps fields from the body, headers and query
 * into `vars`. Also exports the pure request check the server uses to authenticate callers.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ResolvedCredential } from '../../core/credentials.js';
import { AJV_CODE_OPTIONS, compileChecked } from '../../core/schema/ajv.js';
import { compileJsonPath, type CompiledJsonPath } from '../../core/json-path-eval.js';
import {
  NodeError,
  type ExecContext,
  type InboundVerification,
  type NodeExecutor,
  type NodeResult,
} from '../../core/node-type.js';
import { webhookMessage, webhookMessages, type WebhookAuthCode } from './messages.js';
import { setOwn } from '../../core/own-property.js';
import { decodeWebhookBody } from './inbound.js';
import {
  DEFAULT_SLACK_TIMESTAMP_HEADER,
  DEFAULT_TOKEN_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
  requestPartName,
  signatureHeaderOf,
  webhookCredentialKinds,
  type WebhookTriggerConfig,
} from './manifest.js';
import { webhookTriggerManifest } from './manifest.js';
import { conversationIdFromTopic, EVENTBRIDGE_FIELDS } from './presets.js';

// ajv-formats is CommonJS; depending on the loader its default export is the plugin or holds it.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

/** How many schema problems the error message lists before "and N more". */
const MAX_LISTED_ERRORS = 3;

/** One schema problem, for NodeError details. */
export interface InputSchemaProblem {
  /** JSON pointer into the body; '' is the body itself. */
  pointer: string;
  message: string;
}

function describeProblem(error: ErrorObject): InputSchemaProblem {
  let message = error.message ?? 'is not valid';
  if (error.keyword === 'enum' && Array.isArray((error.params as { allowedValues?: unknown[] }).allowedValues)) {
    message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'additionalProperties') {
    message = `must not have property '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  }
  return { pointer: error.instancePath, message };
}

/** "payload does not match the webhook's input schema: /detail/eventBody/conversationId must be string". */
export function inputSchemaMessage(problems: readonly InputSchemaProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_ERRORS).map((p) => `${p.pointer || 'the body'} ${p.message}`);
  const more = problems.length > MAX_LISTED_ERRORS ? `; and ${problems.length - MAX_LISTED_ERRORS} more` : '';
  return `payload does not match the webhook's input schema: ${listed.join('; ')}${more}`;
}

/**
 * Validators by schema text. A flow is loaded (and its trigger prepared) again on every
 * `flowdesk run`/`test` file, server reload and designer test run; the same schema text gets
 * the same compiled validator. Each distinct schema still gets its own Ajv instance, so one
 * admin's `$id`s and `$ref`s never resolve against another flow's schema.
 */
const compiledInputSchemas = new Map<string, ValidateFunction>();
const MAX_CACHED_INPUT_SCHEMAS = 64;

/** Compiles the admin's schema once. Older drafts' `$schema` is dropped: their common subset reads the same. */
export function compileInputSchema(schema: Record<string, unknown> | boolean): ValidateFunction {
  let usable: Record<string, unknown> | boolean = schema;
  if (typeof schema === 'object' && typeof schema.$schema === 'string' && !schema.$schema.includes('2020-12')) {
    const { $schema: _ignored, ...rest } = schema;
    usable = rest;
  }
  const key = JSON.stringify(usable);
  const cached = compiledInputSchemas.get(key);
  if (cached) {
    // Refresh its place in the least-recently-used order.
    compiledInputSchemas.delete(key);
    compiledInputSchemas.set(key, cached);
    return cached;
  }
  const ajv = new Ajv2020({
    allErrors: true,
    // Admin-written or generated schemas carry keywords ajv does not know (examples, x-*).
    strict: false,
    validateFormats: true,
    // Checked against the meta-schema by core's process-wide checker (compileChecked), so
    // the meta-schema is not compiled again for every trigger.
    validateSchema: false,
    // See core/schema/ajv.ts: same checks, less compile time; `pattern` on the linear-time
    // engine, since the payload it is tested against comes from the internet.
    code: AJV_CODE_OPTIONS,
  });
  addFormats(ajv);
  let validate: ValidateFunction;
  try {
    validate = compileChecked(ajv, usable);
  } catch (error) {
    throw new NodeError(
      `the webhook's input schema is not a valid JSON Schema: ${(error as Error).message}`,
      'input-schema-invalid',
    );
  }
  compiledInputSchemas.set(key, validate);
  if (compiledInputSchemas.size > MAX_CACHED_INPUT_SCHEMAS) {
    compiledInputSchemas.delete(compiledInputSchemas.keys().next().value as string);
  }
  return validate;
}

/** One row of the field mapping, ready to read a request. */
interface MappedField {
  name: string;
  read(request: { body: unknown; headers: Record<string, string>; query: Record<string, string> }): unknown;
}

function bodyField(name: string, path: string): MappedField {
  let compiled: CompiledJsonPath;
  try {
    compiled = compileJsonPath(path);
  } catch (error) {
    throw new NodeError(
      `field "${name}": JSONPath "${path}" is not valid: ${(error as Error).message}`,
      'webhook-config',
    );
  }
  return {
    name,
    read: ({ body }) => {
      const match = compiled.evaluate(body);
      return match.found ? match.value : null;
    },
  };
}

/** Header names are case-insensitive (hosts hand them over in lower case, test cases as written). */
function headerField(name: string, header: string): MappedField {
  const wanted = header.toLowerCase();
  return {
    name,
    read: ({ headers }) => {
      for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
      return null;
    },
  };
}

function queryField(name: string, parameter: string): MappedField {
  return { name, read: ({ query }) => (Object.hasOwn(query, parameter) ? query[parameter] : null) };
}

export const webhookTriggerExecutor: NodeExecutor<WebhookTriggerConfig> = {
  type: webhookTriggerManifest.type,
  prepare(node) {
    const config = node.config;
    const validate = config.inputSchema === undefined ? undefined : compileInputSchema(config.inputSchema);
    const presetFields = config.preset === 'genesysEventBridge' ? EVENTBRIDGE_FIELDS : [];
    const ownNames = new Set((config.fields ?? []).map((f) => f.name));
    const fields: MappedField[] = [
      // A row of the admin's own with a preset field's name goes over it.
      ...presetFields.filter((f) => !ownNames.has(f.name)).map((f) => bodyField(f.name, f.path)),
      ...(config.fields ?? []).map((field) => {
        const from = field.from ?? 'body';
        if (from === 'body') return bodyField(field.name, field.path);
        const name = requestPartName(field.path);
        return from === 'headers' ? headerField(field.name, name) : queryField(field.name, name);
      }),
    ];
    const topicFallback = config.preset === 'genesysEventBridge' && !ownNames.has('conversationId');
    return {
      async run(ctx: ExecContext): Promise<NodeResult> {
        const trigger = ctx.scope.trigger;
        const body = decodeWebhookBody(config, trigger);
        if (validate && !validate(body)) {
          const problems = (validate.errors ?? []).map(describeProblem);
          throw new NodeError(inputSchemaMessage(problems), 'input-schema', { problems });
        }
        const request = { body, headers: trigger.headers, query: trigger.query };
        const vars: Record<string, unknown> = {};
        for (const field of fields) setOwn(vars, field.name, field.read(request));
        if (topicFallback && vars.conversationId === null) vars.conversationId = conversationIdFromTopic(body) ?? null;
        // Only a decoded body replaces what the host handed over.
        return { port: 'out', output: body, vars, ...(body !== trigger.body ? { triggerBody: body } : {}) };
      },
    };
  },
  verifyInbound(config, credential, request) {
    return verifyWebhookRequest(config, credential, request);
  },
};

// ---------------------------------------------------------------------------------------------
// Caller authentication, for the server.

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookVerification = InboundVerification;

/** A refusal: the English reason, and the message that words it in other languages. */
function refused<C extends WebhookAuthCode>(
  code: C,
  params: Parameters<(typeof webhookMessages)['en'][C]>[0],
): WebhookVerification {
  const detail = webhookMessage(code, params);
  return { ok: false, reason: detail.message, detail };
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

/** Compares secrets in time independent of where they differ (and of their lengths). */
function sameSecret(given: string | Uint8Array, expected: string | Uint8Array): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Checks a webhook request against the trigger's auth config and its credential: an API
 * token header, HTTP Basic, an HMAC (SHA-1, SHA-256 or SHA-512) of the raw body (hex, with a
 * configured prefix or an optional `sha256=` as GitHub sends it; base64 as Shopify sends it;
 * HMAC-SHA256 in Slack's `v0=` and Stripe's
 * `t=…,v1=…` timestamped forms with a replay window), or Twilio's X-Twilio-Signature over the
 * URL the caller used. Reasons never contain secret values.
 */
export function verifyWebhookRequest(
  config: Pick<WebhookTriggerConfig, 'auth'>,
  credential: ResolvedCredential | undefined,
  request: { headers: WebhookHeaders; rawBody: string | Uint8Array; url?: string; now?: number },
): WebhookVerification {
  const type = config.auth?.type ?? 'none';
  if (type === 'none') return { ok: true };
  if (!credential) return refused('webhook.auth-no-credential', {});
  if (!webhookCredentialKinds(type).includes(credential.kind)) {
    return refused('webhook.auth-wrong-kind', { name: credential.name, kind: credential.kind, type });
  }
  switch (type) {
    case 'apiToken': {
      const name = config.auth.headerName || DEFAULT_TOKEN_HEADER;
      const given = header(request.headers, name);
      const expected = credential.fields.value;
      if (!expected) return refused('webhook.auth-credential-empty', { name: credential.name, field: 'value' });
      if (given === undefined || given === '') return refused('webhook.auth-missing-header', { header: name });
      return sameSecret(given, expected) ? { ok: true } : refused('webhook.auth-token-mismatch', { header: name });
    }
    case 'basic': {
      const given = header(request.headers, 'authorization');
      const { username, password } = credential.fields;
      if (!username || password === undefined)
        return refused('webhook.auth-credential-empty', { name: credential.name, field: 'user name or password' });
      const m = given === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(given);
      if (!m) return refused('webhook.auth-missing-header', { header: 'Authorization: Basic' });
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
      return sameSecret(decoded, `${username}:${password}`) ? { ok: true } : refused('webhook.auth-basic-mismatch', {});
    }
    case 'hmac':
    case 'twilio': {
      const name = signatureHeaderOf(config.auth);
      const given = header(request.headers, name)?.trim();
      const secret = credential.fields.secret;
      if (!secret) return refused('webhook.auth-credential-empty', { name: credential.name, field: 'secret' });
      if (!given) return refused('webhook.auth-missing-header', { header: name });
      return type === 'twilio'
        ? verifyTwilio(name, given, secret, request)
        : verifyBodyHmac(config.auth, name, given, secret, request);
    }
    default:
      return refused('webhook.auth-unknown', { setting: 'authentication type', value: String(type) });
  }
}

const ALGORITHM_LABEL = { sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' } as const;

const hmacSha256 = (secret: string, ...parts: (string | Uint8Array)[]): Buffer => {
  const h = createHmac('sha256', secret);
  for (const part of parts) h.update(part);
  return h.digest();
};

/** True when `given` (already decoded) equals `expected`, in constant time for equal lengths. */
function sameMac(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function verifyBodyHmac(
  auth: WebhookTriggerConfig['auth'],
  name: string,
  given: string,
  secret: string,
  request: { headers: WebhookHeaders; rawBody: string | Uint8Array; now?: number },
): WebhookVerification {
  const format = auth.signatureFormat ?? 'hex';
  const body = request.rawBody;
  switch (format) {
    case 'hex':
    case 'base64': {
      const algorithm = auth.algorithm ?? 'sha256';
      const label = `${format === 'hex' ? 'hex' : 'base64'} HMAC-${ALGORITHM_LABEL[algorithm]}`;
      let signature = given;
      if (auth.signaturePrefix) {
        if (!given.startsWith(auth.signaturePrefix))
          return refused('webhook.auth-prefix', { header: name, prefix: auth.signaturePrefix });
        signature = given.slice(auth.signaturePrefix.length);
      } else {
        // GitHub style: the hash's name before the signature (sha256=…, sha1=…), optional.
        const named = `${algorithm}=`;
        if (signature.slice(0, named.length).toLowerCase() === named) signature = signature.slice(named.length);
      }
      // A signed timestamp (Zendesk style) goes before or after the body, and must be recent.
      const position = auth.signedTimestamp ?? 'none';
      let ts = '';
      if (position !== 'none') {
        const tsHeader = auth.timestampHeader || DEFAULT_SLACK_TIMESTAMP_HEADER;
        ts = header(request.headers, tsHeader)?.trim() ?? '';
        if (!ts) return refused('webhook.auth-missing-header', { header: tsHeader });
        const stale = staleTimestamp(ts, auth, request.now, true);
        if (stale) return stale(tsHeader);
      }
      const mac = createHmac(algorithm, secret);
      if (position === 'before') mac.update(ts);
      mac.update(body);
      if (position === 'after') mac.update(ts);
      const expected = mac.digest();
      const wellFormed =
        format === 'hex'
          ? signature.length === expected.length * 2 && /^[0-9a-fA-F]+$/.test(signature)
          : signature.length === Math.ceil(expected.length / 3) * 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(signature);
      if (!wellFormed) return refused('webhook.auth-signature-form', { header: name, form: label });
      return sameMac(Buffer.from(signature, format), expected)
        ? { ok: true }
        : refused('webhook.auth-signature-mismatch', {
            header: name,
            covers: position === 'none' ? 'body' : 'timestamp and body',
          });
    }
    case 'slack': {
      const tsHeader = auth.timestampHeader || DEFAULT_SLACK_TIMESTAMP_HEADER;
      const ts = header(request.headers, tsHeader)?.trim();
      if (!ts) return refused('webhook.auth-missing-header', { header: tsHeader });
      const stale = staleTimestamp(ts, auth, request.now);
      if (stale) return stale(tsHeader);
      const m = /^v0=([0-9a-f]{64})$/i.exec(given);
      if (!m) return refused('webhook.auth-signature-form', { header: name, form: 'v0= HMAC-SHA256' });
      return sameMac(Buffer.from(m[1]!, 'hex'), hmacSha256(secret, `v0:${ts}:`, body))
        ? { ok: true }
        : refused('webhook.auth-signature-mismatch', { header: name, covers: 'timestamp and body' });
    }
    case 'stripe': {
      // t=<unix time>,v1=<hex>[,v1=<hex>…] (several v1 while a secret is being rolled; v0 is ignored).
      let ts: string | undefined;
      const v1: string[] = [];
      for (const item of given.split(',')) {
        const at = item.indexOf('=');
        const key = item.slice(0, at).trim();
        const value = item.slice(at + 1).trim();
        if (key === 't') ts = value;
        else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value);
      }
      if (!ts || v1.length === 0) return refused('webhook.auth-stripe-form', { header: name });
      const stale = staleTimestamp(ts, auth, request.now);
      if (stale) return stale(`${name} timestamp`);
      const expected = hmacSha256(secret, `${ts}.`, body);
      return v1.some((hex) => sameMac(Buffer.from(hex, 'hex'), expected))
        ? { ok: true }
        : refused('webhook.auth-signature-mismatch', { header: name, covers: 'timestamp and body' });
    }
    default:
      return refused('webhook.auth-unknown', { setting: 'signature format', value: String(format) });
  }
}

/** An ISO 8601 date and time with a zone, as Zendesk sends it (2021-07-25T10:00:00Z). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Why a signed Unix timestamp (seconds; or ISO 8601 where `isoAllowed`) cannot be accepted now — as a function that words the
 * refusal for the header it came in — or undefined when it can.
 */
function staleTimestamp(
  ts: string,
  auth: WebhookTriggerConfig['auth'],
  now: number = Date.now(),
  isoAllowed = false,
): ((header: string) => WebhookVerification) | undefined {
  let seconds: number;
  if (/^\d{1,12}$/.test(ts)) seconds = Number(ts);
  else if (isoAllowed && ISO_TIME.test(ts)) seconds = Date.parse(ts) / 1000;
  else return (header) => refused('webhook.auth-timestamp-form', { header, iso: isoAllowed });
  const tolerance = auth.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.abs(now / 1000 - seconds);
  return skew > tolerance
    ? (header) => refused('webhook.auth-timestamp-stale', { header, skew: Math.round(skew), tolerance })
    : undefined;
}

/**
 * Twilio: base64 HMAC-SHA1 with the auth token over the full URL the caller used, followed, for
 * a form post, by every parameter name (sorted) with each of its distinct values (sorted). A JSON
 * post signs the URL alone, which carries `bodySHA256`, the hex SHA-256 of the body. Like
 * Twilio's own validators, the URL is also tried with its default port added or removed (a
 * proxy may show either).
 */
function verifyTwilio(
  name: string,
  given: string,
  authToken: string,
  request: { headers: WebhookHeaders; rawBody: string | Uint8Array; url?: string },
): WebhookVerification {
  if (!request.url) {
    return refused('webhook.auth-no-public-url', {});
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refused('webhook.auth-bad-url', { url: request.url });
  }
  if (!/^[A-Za-z0-9+/]{27}=$/.test(given))
    return refused('webhook.auth-signature-form', { header: name, form: 'base64 HMAC-SHA1' });
  const type = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let signedParams = '';
  const bodySha = url.searchParams.get('bodySHA256');
  if (bodySha !== null) {
    const actual = createHash('sha256').update(request.rawBody).digest('hex');
    if (!sameSecret(bodySha.toLowerCase(), actual)) return refused('webhook.auth-body-sha', {});
  } else if (type === 'application/x-www-form-urlencoded') {
    const text = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
    const params = new Map<string, Set<string>>();
    for (const [key, value] of new URLSearchParams(text)) {
      const values = params.get(key) ?? new Set<string>();
      values.add(value);
      params.set(key, values);
    }
    for (const key of [...params.keys()].sort()) {
      for (const value of [...params.get(key)!].sort()) signedParams += key + value;
    }
  }
  const mac = Buffer.from(given, 'base64');
  for (const candidate of urlVariants(url, request.url)) {
    const expected = createHmac('sha1', authToken).update(candidate).update(signedParams).digest();
    if (sameMac(mac, expected)) return { ok: true };
  }
  return refused('webhook.auth-signature-mismatch', { header: name, covers: 'URL and parameters' });
}

/** The URL as given, and with its scheme's default port added or removed. */
function urlVariants(url: URL, asGiven: string): string[] {
  const defaultPort = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  const rest = `${url.pathname}${url.search}`;
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const variants = [asGiven];
  if (url.port === '' && defaultPort) variants.push(`${url.protocol}//${auth}${url.hostname}:${defaultPort}${rest}`);
  if (url.port === '' || url.port === defaultPort) variants.push(`${url.protocol}//${auth}${url.hostname}${rest}`);
  return variants;
}
