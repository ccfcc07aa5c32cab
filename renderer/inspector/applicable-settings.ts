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
 * start applying get their schema default as a real value (ServiceNow's table). Settings that
 * hold something are kept even when unused: the validator says why, nothing is lost.
 */
export function fitConfigToCase(
  schema: Schema,
  before: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const usedBefore = before ? unusedSettings(schema, before) : new Set<string>();
  const resolved = resolvedSchema(schema, next);
  const props = isObject(resolved.properties) ? resolved.properties : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (hiddenSetting(props[key], value)) continue;
    out[key] = value;
  }
  for (const [key, sub] of Object.entries(props)) {
    if (!isObject(sub) || sub['x-unused'] === true || !('default' in sub)) continue;
    if (out[key] === undefined && usedBefore.has(key)) out[key] = structuredClone(sub.default);
  }
  return out;
}
