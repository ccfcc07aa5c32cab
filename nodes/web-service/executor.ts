/**
 * Runs a Web Service node: fills in the templates compiled at flow load, sends the request
 * through `ctx.http` (auth, retries, timeouts, tracing live there), and maps the response
 * into fields with Genesys translation-map semantics.
 */
import { configCompiler } from '../../core/template-fields.js';
import { nodeErrorFromHttp } from '../../core/http-error.js';
import { compileJsonPath, type CompiledJsonPath } from '../../core/json-path-eval.js';
import { JsonPathSyntaxError } from '../../core/json-path.js';
import {
  NodeError,
  type CompiledValue,
  type ExecContext,
  type NodeExecutor,
  type OutboundRequest,
} from '../../core/node-type.js';
import { setOwn } from '../../core/own-property.js';
import {
  compileNameValues,
  fillNameValues,
  fillTemplate,
  fillTemplateText,
  requestTraceInput,
} from '../../core/request-templates.js';
import type { WebServiceConfig } from './manifest.js';
import { webServiceManifest } from './manifest.js';
import { webServiceMessage } from './messages.js';
import { collectPages, compilePager } from './pagination.js';
import { compileRetryUntil, untilReady } from './retry-until.js';

const METHODS_WITH_BODY = new Set(['PUT', 'POST', 'PATCH']);

/**
 * The most a base64 download may hold: its base64 text (4/3 of it) stays within the 10,000,000
 * characters a string in a flow may have (core/expressions/jsonata-guards.ts).
 */
export const MAX_BASE64_RESPONSE_BYTES = 7_500_000;

/**
 * The bytes of base64 text (standard or URL-safe alphabet; line breaks and spaces ignored, as
 * in MIME). Text that is not base64 fails the node rather than send the wrong bytes.
 */
export function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  const bad = /[^A-Za-z0-9+/\-_=]|=(?=[^=])/.exec(compact);
  if (bad || compact.length % 4 === 1) {
    const detail = webServiceMessage('webService.not-base64', {
      length: compact.length,
      at: (bad?.index ?? compact.length - 1) + 1,
    });
    throw new NodeError(detail.message, 'not-base64', undefined, { detail });
  }
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
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
  type: webServiceManifest.type,
  prepare(node, tools) {
    const config = node.config;
    // Each field compiles with the mode its schema declares (x-template).
    const compile = configCompiler(webServiceManifest.configSchema, tools);
    const url = compile.template('/url', config.url);
    const query = compileNameValues(config.query, compile, '/query/*/value');
    const headers = compileNameValues(config.headers, compile, '/headers/*/value');
    const bodyType = METHODS_WITH_BODY.has(config.method) ? config.body.type : 'none';
    const jsonBody: CompiledValue | undefined =
      bodyType === 'json' ? compile.value('/body/json', config.body.json ?? null) : undefined;
    const formBody =
      bodyType === 'form' ? compileNameValues(config.body.form ?? [], compile, '/body/form/*/value') : [];
    const textBody = bodyType === 'text' ? compile.template('/body/text', config.body.text ?? '') : undefined;
    const base64Body = bodyType === 'base64' ? compile.template('/body/base64', config.body.base64 ?? '') : undefined;
    const contentType =
      bodyType === 'base64' && config.body.contentType
        ? compile.template('/body/contentType', config.body.contentType)
        : undefined;
    const idempotencyKey = config.idempotencyKey
      ? compile.template('/idempotencyKey', config.idempotencyKey)
      : undefined;
    const mapping = compileMapping(config.mapping);
    const pager = compilePager(config.pagination);
    const retryUntil = compileRetryUntil(config.retryUntil, compile);
    const authenticated = config.auth.type !== 'none';

    return {
      async run(ctx: ExecContext) {
        const scope = ctx.scope;
        const request: OutboundRequest = {
          method: config.method,
          url: appendQuery(
            await fillTemplateText('URL', url, scope),
            await fillNameValues('query parameter', query, scope),
          ),
          headers: Object.fromEntries(await fillNameValues('header', headers, scope)),
          timeoutMs: config.timeoutMs,
          retry: config.retry,
          maxResponseBytes:
            config.responseAs === 'base64'
              ? Math.min(config.maxResponseBytes, MAX_BASE64_RESPONSE_BYTES)
              : config.maxResponseBytes,
          ...(config.responseAs === 'base64' ? { responseAs: 'base64' as const } : {}),
        };
        if (bodyType === 'json' && jsonBody) {
          request.body = await fillTemplate('JSON body', jsonBody, scope);
          request.bodyType = 'json';
        } else if (bodyType === 'form') {
          request.body = Object.fromEntries(await fillNameValues('form field', formBody, scope));
          request.bodyType = 'form';
        } else if (bodyType === 'text' && textBody) {
          request.body = await fillTemplateText('text body', textBody, scope);
          request.bodyType = 'text';
        } else if (bodyType === 'base64' && base64Body) {
          request.body = decodeBase64(await fillTemplateText('bytes (base64)', base64Body, scope));
          request.bodyType = 'binary';
          const type = contentType ? await fillTemplateText('content type', contentType, scope) : '';
          if (type !== '') request.binaryContentType = type;
        }
        if (authenticated) {
          request.authSlot = 'auth';
          if (config.auth.type === 'apiKey' && config.auth.headerName) request.apiKeyHeader = config.auth.headerName;
        }
        if (idempotencyKey) {
          const key = await fillTemplateText('idempotency key', idempotencyKey, scope);
          if (key !== '') request.idempotencyKey = key;
        }

        const input = requestTraceInput(request);
        // One call: the request, its pages and the mapping (repeated as a whole by "retry until").
        const call = async (): Promise<WebServiceOutput> => {
          let response;
          try {
            response = await ctx.http.send(request);
          } catch (error) {
            // The request as resolved helps most when the call failed.
            ctx.detail('request', input);
            throw nodeErrorFromHttp(error) ?? error;
          }

          let body: unknown = response.body;
          if (pager) {
            const read = await collectPages(pager, request.url, response, async (url, page) => {
              try {
                // Each page is its own request: an idempotency key names the page too, so a
                // service that drops repeats does not answer page 2 with page 1.
                const key = request.idempotencyKey ? { idempotencyKey: `${request.idempotencyKey}-page-${page}` } : {};
                return await ctx.http.send({ ...request, url, ...key });
              } catch (error) {
                throw nodeErrorFromHttp(error) ?? error;
              }
            });
            body = read.body;
            response = read.last;
            ctx.detail('pages', {
              pages: read.body.pages,
              items: read.body.items.length,
              truncated: read.body.truncated,
            });
            if (read.body.truncated) {
              ctx.log(
                'warn',
                `stopped after ${read.body.pages} pages and ${read.body.items.length} items (the ${read.body.truncated === 'maxPages' ? 'most pages' : 'most items'} setting); later pages were not read`,
              );
            }
          }

          const { fields, details } = applyMapping(mapping, body);
          ctx.detail('mapping', details);
          details.forEach((row, index) => {
            if (!row.matched && !row.usedDefault && !mapping[index]?.path.multiple) {
              ctx.log('warn', `mapping "${row.field}": ${row.path} found nothing in the response and has no default`);
            }
          });
          return { status: response.status, headers: response.headers, body, fields };
        };
        const output = retryUntil ? await untilReady(ctx, retryUntil, call) : await call();
        return { port: 'success', output, vars: output.fields, input };
      },
    };
  },
};

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
    if (value !== undefined) setOwn(fields, row.field, value);
    details.push({ field: row.field, path: row.path.path, matched: match.found, usedDefault, value: value ?? null });
  }
  return { fields, details };
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
