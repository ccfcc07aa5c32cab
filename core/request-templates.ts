/**
 * Run-time helpers shared by node types that build an HTTP request from templates compiled at
 * flow load (Web Service, Ticket): one way to fill a template, turn it into text, and show the
 * resolved request in the trace, so a failing template names the same kind of field in both.
 */
import { templateText } from './expressions/compile.js';
import type { ConfigCompiler } from './template-fields.js';
import {
  NodeError,
  type CompiledTemplate,
  type CompiledValue,
  type OutboundRequest,
  type RunScope,
} from './node-type.js';

/** A header, query parameter or form field whose value was compiled as a text template. */
export interface CompiledNameValue {
  name: string;
  value: CompiledTemplate;
}

/**
 * True when the text starts with a template: such a URL takes its scheme and host from data
 * (e.g. a link in an earlier response), and URL-encoding the substitution would break it.
 */
export function startsWithTemplate(text: string): boolean {
  return /^\s*(\{\{|\$\{)/.test(text);
}

/**
 * Compiles the values of name/value rows as text: query values are encoded whole when the URL
 * is assembled, so encoding substituted parts here too would encode them twice.
 */
export function compileNameValues(
  rows: readonly { name: string; value: string }[],
  compile: ConfigCompiler,
  /** The rows' value pattern, e.g. `/query/*\/value` (declared `x-template: "text"`). */
  valuePointer: string,
): CompiledNameValue[] {
  return rows.map((row) => ({ name: row.name, value: compile.template(valuePointer, row.value) }));
}

/**
 * Evaluates a compiled template or value; a failure becomes a `template-error` NodeError that
 * names the field (`what`, e.g. `header "X-Id"`), so the admin knows which setting to fix.
 */
export async function fillTemplate(
  what: string,
  compiled: CompiledTemplate | CompiledValue,
  scope: RunScope,
): Promise<unknown> {
  try {
    return await compiled.evaluate(scope);
  } catch (error) {
    const message = `the ${what} could not be filled in: ${error instanceof Error ? error.message : String(error)}`;
    throw new NodeError(message, 'template-error', { message });
  }
}

/** `fillTemplate` for a URL, header or text value: objects as JSON, nothing as ''. */
export async function fillTemplateText(
  what: string,
  compiled: CompiledTemplate | CompiledValue,
  scope: RunScope,
): Promise<string> {
  return templateText(await fillTemplate(what, compiled, scope));
}

/** Fills name/value rows in order; `what` names the kind of row (`header`, `form field`). */
export async function fillNameValues(
  what: string,
  rows: readonly CompiledNameValue[],
  scope: RunScope,
): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const row of rows) out.push([row.name, await fillTemplateText(`${what} "${row.name}"`, row.value, scope)]);
  return out;
}

/**
 * The request as the trace shows it. Auth headers are not here: the HTTP client adds them
 * (redacted) to its own request trace.
 */
export function requestTraceInput(request: OutboundRequest): Record<string, unknown> {
  const input: Record<string, unknown> = { method: request.method, url: request.url, headers: request.headers ?? {} };
  if (request.body !== undefined) input.body = request.body;
  if (request.idempotencyKey !== undefined) input.idempotencyKey = request.idempotencyKey;
  return input;
}
