/**
 * What the Webhook trigger makes of the body a host received, the same way in every host (the
 * server before it accepts a delivery, and the trigger node itself in CLI runs, test cases and
 * the designer): a form-encoded body becomes an object, JSON text fields become JSON, and a
 * preset's envelope is recognised. Pure and idempotent: a body decoded once (the server stores
 * decoded bodies) decodes to itself.
 */
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../../core/json-depth.js';
import { setOwn } from '../../core/own-property.js';
import { isRecord } from '../node-kit.js';
import type { WebhookTriggerConfig } from './manifest.js';
import { bodyError } from './body-error.js';
import { recogniseEventBridge } from './presets.js';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The media type of a request, lower case and without parameters (`; charset=utf-8`); '' when absent. */
export function contentTypeOf(headers: Headers): string {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-type' || value === undefined) continue;
    const text = typeof value === 'string' ? value : (value[0] ?? '');
    return text.split(';')[0]!.trim().toLowerCase();
  }
  return '';
}

/** A form body as an object, as Twilio posts it; a repeated name gives an array of its values. */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = Object.hasOwn(out, name) ? out[name] : undefined;
    if (existing === undefined) setOwn(out, name, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setOwn(out, name, [existing, value]);
  }
  return out;
}

function parseJsonText(field: string, text: string): unknown {
  if (jsonTextTooDeep(text)) throw bodyError('webhook.json-field-too-deep', { field, limit: MAX_JSON_DEPTH });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bodyError('webhook.json-field-not-json', { field, error: (error as Error).message });
  }
}

/**
 * The body as the flow reads it. Throws a NodeError (code {@link BODY_ERROR_CODE}, its message
 * from the node's catalogue) naming the field or the part of the envelope that is wrong.
 */
export function decodeWebhookBody(
  config: Pick<WebhookTriggerConfig, 'jsonFields' | 'preset'>,
  trigger: { body: unknown; headers: Headers },
): unknown {
  let body = trigger.body;
  if (typeof body === 'string' && contentTypeOf(trigger.headers) === FORM_CONTENT_TYPE) body = parseFormBody(body);
  const jsonFields = config.jsonFields ?? [];
  if (jsonFields.length > 0 && isRecord(body)) {
    let copy: Record<string, unknown> | undefined;
    for (const field of jsonFields) {
      const value = Object.hasOwn(body, field) ? body[field] : undefined;
      // Already JSON (a body decoded before, or a JSON post that nests the object): as it is.
      if (typeof value !== 'string') continue;
      copy ??= { ...body };
      setOwn(copy, field, parseJsonText(field, value));
    }
    if (copy) body = copy;
  }
  if (config.preset === 'genesysEventBridge') recogniseEventBridge(body);
  return body;
}
