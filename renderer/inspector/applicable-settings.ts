/**
 * Which settings apply to a node's current config, read from its config schema's own
 * conditionals: a branch that holds for the config may mark a property `x-unused` (a Ticket's
 * tags off Zendesk, the record to update on create). @rjsf resolves the `if`/`then`/`else`
 * with the form's validator; this module only reads the result, so a new provider or action
 * that adds a branch is filtered with no form code.
 */
import { retrieveSchema, type RJSFSchema } from '@rjsf/utils';
import { hostValidator } from './host-validator.js';

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that says nothing: absent, blank, an empty list, or an object of such values (and offs). */
export function isEmptySetting(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.values(value).every((v) => v === false || isEmptySetting(v));
  return false;
}

/** The config schema with the branches that hold for `config` merged in. */
export function resolvedSchema(schema: Schema, config: Record<string, unknown>): Schema {
  return retrieveSchema(hostValidator, schema as RJSFSchema, schema as RJSFSchema, config) as Schema;
}

/** Top-level settings the schema marks unused for this config. */
export function unusedSettings(schema: Schema, config: Record<string, unknown>): Set<string> {
  const props = resolvedSchema(schema, config).properties;
  const out = new Set<string>();
  if (isObject(props))
    for (const [key, sub] of Object.entries(props)) if (isObject(sub) && sub['x-unused'] === true) out.add(key);
  return out;
}

/**
 * Whether the form hides a setting: unused here and holding nothing but its default (a value
 * someone set is never hidden).
 */
export function hiddenSetting(propertySchema: unknown, value: unknown): boolean {
  if (!isObject(propertySchema) || propertySchema['x-unused'] !== true) return false;
  if (isEmptySetting(value)) return true;
  return 'default' in propertySchema && JSON.stringify(propertySchema.default) === JSON.stringify(value);
}

/**
 * The config after an edit, fitted to its case: empty settings that stopped applying are
 * dropped, as are defaults (switching Zendesk to ServiceNow leaves no empty tags behind), and settings that
 * start applying get their schema default as a real value (ServiceNow's table, the Webhook's
 * token header once an API token is chosen), so a default is something the admin reads and
 * edits, never a grey placeholder. Nested objects (`auth`, `rest`) are fitted the same way by
 * their own conditionals. Settings that hold something are kept even when unused: the
 * validator says why, nothing is lost.
 */
export function fitConfigToCase(
  schema: Schema,
  before: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  // `before` is always there at the top (a node's config); only nested groups can be new.
  return fitResolved(resolvedSchema(schema, next), resolvedSchema(schema, before ?? {}), before ?? {}, next);
}

/** `fitConfigToCase` on schemas already resolved for `next` and for `before`. */
function fitResolved(
  now: Schema,
  then: Schema | undefined,
  before: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const props = isObject(now.properties) ? now.properties : {};
  const propsBefore = then && isObject(then.properties) ? then.properties : {};
  // A group that did not exist before (a sync answer's settings) starts with its defaults.
  const unusedBefore = (key: string) =>
    then === undefined ? before === undefined : isObject(propsBefore[key]) && propsBefore[key]['x-unused'] === true;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const sub = props[key];
    if (hiddenSetting(sub, value)) continue;
    if (isObject(value) && isObject(sub) && isObject(sub.properties)) {
      const old = isObject(before?.[key]) ? (before[key] as Record<string, unknown>) : undefined;
      const subBefore = propsBefore[key];
      out[key] = fitResolved(
        resolvedSchema(sub, value),
        old && isObject(subBefore) ? resolvedSchema(subBefore, old) : undefined,
        old,
        value,
      );
    } else out[key] = value;
  }
  for (const [key, sub] of Object.entries(props)) {
    if (!isObject(sub) || sub['x-unused'] === true || !('default' in sub)) continue;
    if (out[key] === undefined && unusedBefore(key)) out[key] = structuredClone(sub.default);
  }
  return out;
}
