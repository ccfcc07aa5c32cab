/**
 * Runs a Web Service node: fills in the templates compiled at flow load, sends the request
 * through `ctx.http` (auth, retries, timeouts, tracing live there), and maps the response
 * into fields with Genesys translation-map semantics.
 */
import { nodeErrorFromHttp } from '../../core/http-error.js';
import { compileJsonPath, type CompiledJsonPath } from '../../core/json-path-eval.js';
import { JsonPathSyntaxError } from '../../core/json-path.js';
import {
  NodeError,
  type CompiledTemplate,
  type CompiledValue,
  type ExecContext,
  type NodeExecutor,
  type OutboundRequest,
  type RunScope,
} from '../../core/node-type.js';
import type { WebServiceConfig } from './manifest.js';

const METHODS_WITH_BODY = new Set(['PUT', 'POST', 'PATCH']);

interface CompiledPair {
  name: string;
  value: CompiledTemplate;
}

/** A mapping row compiled at flow load. */
export interface CompiledMapping {
  field: string;
  path: CompiledJsonPath;
  hasDefault: boolean;
  defaultValue: unknown;
}

/** One mapping row as the trace shows it (the "translation map" step of the test bench). */
export interface MappingDetail {
  field: string;
  path: string;
  /** Whether the path matched anything. */
  matched: boolean;
  /** True when the default was used because the path did not resolve. */
  usedDefault: boolean;
  value: unknown;
}

/** What the `success` port outputs. */
export interface WebServiceOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  fields: Record<string, unknown>;
}

export const webServiceExecutor: NodeExecutor<WebServiceConfig> = {
  type: 'webService',
  prepare(node, tools) {
    const config = node.config;
    // A URL that starts with a template takes its scheme and host from data (e.g. a link in an
    // earlier response): encoding would break it, so such a URL is filled in as is.
    const leadingTemplate = /^\s*(\{\{|\$\{)/.test(config.url);
    const url = tools.template(config.url, leadingTemplate ? 'text' : 'url');
    // Query values are encoded whole when the URL is assembled, so they compile as text:
    // encoding substituted parts here too would encode them twice.
    const query = compilePairs(config.query, (v) => tools.template(v, 'text'));
    const headers = compilePairs(config.headers, (v) => tools.template(v, 'text'));
    const bodyType = METHODS_WITH_BODY.has(config.method) ? config.body.type : 'none';
    const jsonBody: CompiledValue | undefined = bodyType === 'json' ? tools.value(config.body.json ?? null) : undefined;
    const formBody = bodyType === 'form' ? compilePairs(config.body.form ?? [], (v) => tools.template(v, 'text')) : [];
    const textBody = bodyType === 'text' ? tools.template(config.body.text ?? '', 'text') : undefined;
    const idempotencyKey = config.idempotencyKey ? tools.template(config.idempotencyKey, 'text') : undefined;
    const mapping = compileMapping(config.mapping);
    const authenticated = config.auth.type !== 'none';

    return {
      async run(ctx: ExecContext) {
        const scope = ctx.scope;
        const request: OutboundRequest = {
          method: config.method,
          url: appendQuery(asText(await fill('URL', url, scope)), await fillPairs('query parameter', query, scope)),
          headers: Object.fromEntries(await fillPairs('header', headers, scope)),
          timeoutMs: config.timeoutMs,
          retry: config.retry,
          maxResponseBytes: config.maxResponseBytes,
        };
        if (bodyType === 'json' && jsonBody) {
          request.body = await fill('JSON body', jsonBody, scope);
          request.bodyType = 'json';
        } else if (bodyType === 'form') {
          request.body = Object.fromEntries(await fillPairs('form field', formBody, scope));
          request.bodyType = 'form';
        } else if (bodyType === 'text' && textBody) {
          request.body = asText(await fill('text body', textBody, scope));
          request.bodyType = 'text';
        }
        if (authenticated) {
          request.authSlot = 'auth';
          if (config.auth.type === 'apiKey' && config.auth.headerName) request.apiKeyHeader = config.auth.headerName;
        }
        if (idempotencyKey) {
          const key = asText(await fill('idempotency key', idempotencyKey, scope));
          if (key !== '') request.idempotencyKey = key;
        }

        const input = resolvedInput(request);
        let response;
        try {
          response = await ctx.http.send(request);
        } catch (error) {
          // The request as resolved helps most when the call failed.
          ctx.detail('request', input);
          throw nodeErrorFromHttp(error) ?? error;
        }

        const { fields, details } = applyMapping(mapping, response.body);
        ctx.detail('mapping', details);
        details.forEach((row, index) => {
          if (!row.matched && !row.usedDefault && !mapping[index]?.path.multiple) {
            ctx.log('warn', `mapping "${row.field}": ${row.path} found nothing in the response and has no default`);
          }
        });
        const output: WebServiceOutput = {
          status: response.status,
          headers: response.headers,
          body: response.body,
          fields,
        };
        return { port: 'success', output, vars: fields, input };
      },
    };
  },
};

function compilePairs(
  rows: readonly { name: string; value: string }[],
  compile: (value: string) => CompiledTemplate,
): CompiledPair[] {
  return rows.map((row) => ({ name: row.name, value: compile(row.value) }));
}

function compileMapping(rows: WebServiceConfig['mapping']): CompiledMapping[] {
  return rows.map((row, index) => {
    try {
      return {
        field: row.field,
        path: compileJsonPath(row.path),
        hasDefault: Object.prototype.hasOwnProperty.call(row, 'default'),
        defaultValue: row.default,
      };
    } catch (error) {
      if (error instanceof JsonPathSyntaxError) {
        throw new Error(
          `response mapping row ${index + 1} ("${row.field}"): JSONPath "${row.path}" is not valid: ${error.message}`,
        );
      }
      throw error;
    }
  });
}

/**
 * Applies the mapping table. A path that resolves gives its value, `null` included; only a
 * path that does not resolve falls back to the default (domain.md 1.3). A multiple-valued
 * path that matches nothing and has no default gives `[]`.
 */
export function applyMapping(
  mapping: readonly CompiledMapping[],
  body: unknown,
): { fields: Record<string, unknown>; details: MappingDetail[] } {
  const fields: Record<string, unknown> = {};
  const details: MappingDetail[] = [];
  for (const row of mapping) {
    const match = row.path.evaluate(body);
    let value = match.value;
    let usedDefault = false;
    if (!match.found && row.hasDefault) {
      value = row.defaultValue;
      usedDefault = true;
    }
    if (value !== undefined) fields[row.field] = value;
    details.push({ field: row.field, path: row.path.path, matched: match.found, usedDefault, value: value ?? null });
  }
  return { fields, details };
}

async function fill(what: string, compiled: CompiledTemplate | CompiledValue, scope: RunScope): Promise<unknown> {
  try {
    return await compiled.evaluate(scope);
  } catch (error) {
    throw new NodeError(`the ${what} could not be filled in: ${messageOf(error)}`, 'template-error', {
      message: `the ${what} could not be filled in: ${messageOf(error)}`,
    });
  }
}

async function fillPairs(what: string, pairs: readonly CompiledPair[], scope: RunScope): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const pair of pairs) out.push([pair.name, asText(await fill(`${what} "${pair.name}"`, pair.value, scope))]);
  return out;
}

/** Text for a URL, header or form value: JSON for objects, empty for null/undefined. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Appends encoded query parameters, keeping any query (and dropping no fragment) already in the URL. */
export function appendQuery(url: string, pairs: readonly [string, string][]): string {
  if (pairs.length === 0) return url;
  const encoded = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${encoded}${fragment}`;
}

/** The request as the trace shows it; auth headers are added (and redacted) by the client. */
function resolvedInput(request: OutboundRequest): Record<string, unknown> {
  const input: Record<string, unknown> = { method: request.method, url: request.url, headers: request.headers };
  if (request.body !== undefined) input.body = request.body;
  if (request.idempotencyKey !== undefined) input.idempotencyKey = request.idempotencyKey;
  return input;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
