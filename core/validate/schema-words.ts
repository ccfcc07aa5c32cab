/**
 * Turns ajv errors into sentences an admin understands, using the schema's `title`s:
 * "URL is required", "Method must be one of GET, PUT, POST, PATCH, DELETE".
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../json-schema.js';
import type { MessageCode, ParamsOf } from '../messages/en.js';
import { message } from '../messages/make.js';
import type { Message } from '../messages/message.js';
import { isRecord, joinPointer, pointerSegments, resolveLocalRef } from './pointer.js';

export interface SchemaProblem {
  /** Pointer relative to the validated value. */
  pointer: string;
  /** The problem in English words (`detail`'s sentence). */
  message: string;
  /** The problem as a message, for other languages. */
  detail: Message & { message: string };
}

/** "maxRetries" → "Max retries": a readable fallback when a field has no title. */
export function humanizeName(name: string): string {
  const spaced = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Schemas that may describe `segment` of a value described by `schema`. */
function childSchemas(root: JsonSchema, schema: JsonSchema, segment: string, seen = 0): JsonSchema[] {
  if (seen > 8) return [];
  const s = resolveLocalRef(root, schema);
  const out: JsonSchema[] = [];
  const props = s.properties;
  if (isRecord(props) && isRecord(props[segment])) out.push(props[segment]);
  if (/^\d+$/.test(segment)) {
    const prefix = s.prefixItems;
    const index = Number(segment);
    if (Array.isArray(prefix) && isRecord(prefix[index])) out.push(prefix[index]);
    else if (isRecord(s.items)) out.push(s.items);
  }
  if (isRecord(s.additionalProperties) && !(isRecord(props) && segment in props)) out.push(s.additionalProperties);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[key];
    if (Array.isArray(list))
      for (const sub of list) if (isRecord(sub)) out.push(...childSchemas(root, sub, segment, seen + 1));
  }
  for (const key of ['then', 'else'] as const) {
    const sub = s[key];
    if (isRecord(sub)) out.push(...childSchemas(root, sub, segment, seen + 1));
  }
  return out.map((c) => resolveLocalRef(root, c));
}

function titleOf(candidates: JsonSchema[]): string | undefined {
  for (const c of candidates) if (typeof c.title === 'string' && c.title !== '') return c.title;
  return undefined;
}

/** Readable labels of each segment of `pointer`: ["Retry", "Max retries"], ["Headers", "item 2", "Name"]. */
export function fieldLabels(root: JsonSchema, pointer: string): string[] {
  let current: JsonSchema[] = [root];
  const labels: string[] = [];
  for (const segment of pointerSegments(pointer)) {
    const next = current.flatMap((schema) => childSchemas(root, schema, segment));
    const numeric = /^\d+$/.test(segment);
    labels.push(numeric ? `item ${Number(segment) + 1}` : (titleOf(next) ?? humanizeName(segment)));
    current = next;
  }
  return labels;
}

/** "Retry › Max retries"; `rootLabel` names the value itself. */
export function fieldLabel(root: JsonSchema, pointer: string, rootLabel = 'The settings'): string {
  const labels = fieldLabels(root, pointer);
  return labels.length === 0 ? rootLabel : labels.join(' › ');
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function hintOf(parent: JsonSchema, key: 'x-enumMessage' | 'x-patternMessage'): { hint?: string } {
  const hint = parent[key];
  return typeof hint === 'string' ? { hint } : {};
}

/** The problem for one ajv error, or undefined for errors that only echo another one. */
function sentence(error: ErrorObject, label: (pointer: string) => string): SchemaProblem | undefined {
  const at = error.instancePath;
  const p = error.params as Record<string, unknown>;
  const limit = Number(p.limit);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  const field = label(at);
  const say = <C extends MessageCode>(code: C, params: ParamsOf<C>, pointer = at): SchemaProblem => {
    const detail = message(code, params);
    return { pointer, message: detail.message, detail };
  };
  if (error.propertyName !== undefined) {
    // A propertyNames failure: the error is about a key, not a value.
    return say(
      'schema.property-name',
      { field, name: error.propertyName, ...hintOf(parent, 'x-patternMessage') },
      joinPointer(at, error.propertyName),
    );
  }
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined;
    case 'required': {
      const pointer = joinPointer(at, String(p.missingProperty));
      return say('schema.required', { field: label(pointer) }, pointer);
    }
    case 'dependentRequired': {
      const pointer = joinPointer(at, String(p.missingProperty));
      return say(
        'schema.dependent-required',
        { field: label(pointer), other: label(joinPointer(at, String(p.property))) },
        pointer,
      );
    }
    case 'type':
      return say('schema.type', { field, types: String(p.type).split(',') });
    case 'enum':
      return say('schema.enum', {
        field,
        values: (Array.isArray(p.allowedValues) ? p.allowedValues : []).map(show),
        ...hintOf(parent, 'x-enumMessage'),
      });
    case 'const':
      return say('schema.const', { field, value: show(p.allowedValue) });
    case 'minLength':
      return say('schema.min-length', { field, limit });
    case 'maxLength':
      return say('schema.max-length', { field, limit });
    case 'minimum':
      return say('schema.minimum', { field, limit });
    case 'maximum':
      return say('schema.maximum', { field, limit });
    case 'exclusiveMinimum':
      return say('schema.exclusive-minimum', { field, limit });
    case 'exclusiveMaximum':
      return say('schema.exclusive-maximum', { field, limit });
    case 'multipleOf':
      return say('schema.multiple-of', { field, limit: Number(p.multipleOf) });
    case 'pattern':
      return say('schema.pattern', { field, pattern: String(p.pattern), ...hintOf(parent, 'x-patternMessage') });
    case 'format':
      return say('schema.format', { field, format: String(p.format) });
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      return say('schema.unknown-field', { field, name }, joinPointer(at, name));
    }
    case 'minItems':
      return say('schema.min-items', { field, limit });
    case 'maxItems':
      return say('schema.max-items', { field, limit });
    case 'uniqueItems':
      return say('schema.unique-items', { field, first: Number(p.j) + 1, second: Number(p.i) + 1 });
    case 'minProperties':
      return say('schema.min-properties', { field, limit });
    case 'maxProperties':
      return say('schema.max-properties', { field, limit });
    case 'not':
      return say('schema.not', { field });
    case 'anyOf':
    case 'oneOf':
      return say('schema.any-of', { field, many: error.keyword === 'oneOf' && Array.isArray(p.passingSchemas) });
    default:
      return say('schema.other', { field, ...(error.message !== undefined ? { error: error.message } : {}) });
  }
}

/** The const value a branch requires for `key`, if it pins one. */
function pinnedValue(branch: unknown, key: string): { value: unknown } | undefined {
  if (!isRecord(branch) || !isRecord(branch.properties)) return undefined;
  const prop = branch.properties[key];
  if (!isRecord(prop)) return undefined;
  if ('const' in prop) return { value: prop.const };
  if (Array.isArray(prop.enum) && prop.enum.length === 1) return { value: prop.enum[0] };
  return undefined;
}

/**
 * For an anyOf/oneOf whose branches are told apart by a const property (`type: 'json'` vs
 * `type: 'form'`), the branch the data picks: its errors are the ones worth showing.
 */
function chosenBranch(error: ErrorObject): string | undefined {
  const branches = error.schema;
  const data = error.data;
  if (!Array.isArray(branches) || !isRecord(data)) return undefined;
  for (let i = 0; i < branches.length; i++) {
    const branch = branches[i];
    if (!isRecord(branch) || !isRecord(branch.properties)) continue;
    const keys = Object.keys(branch.properties).filter((k) => pinnedValue(branch, k) !== undefined);
    if (keys.length === 0) continue;
    if (keys.every((k) => JSON.stringify(pinnedValue(branch, k)!.value) === JSON.stringify(data[k]))) {
      return `${error.schemaPath}/${i}/`;
    }
  }
  return undefined;
}

/**
 * Sentences for a list of ajv errors. Errors inside anyOf/oneOf branches are dropped unless
 * the data picks a branch by a const property: otherwise the branch meant is unknown and only
 * "matches none of the allowed forms" is honest.
 */
export function schemaProblems(
  errors: readonly ErrorObject[] | null | undefined,
  label: (pointer: string) => string,
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const list = errors ?? [];
  const chosen = new Map<ErrorObject, string>();
  for (const error of list) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const prefix = chosenBranch(error);
    if (prefix) chosen.set(error, prefix);
  }
  const prefixes = [...chosen.values()];
  for (const error of list) {
    if (chosen.has(error)) continue;
    if (/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath) && !prefixes.some((p) => error.schemaPath.startsWith(p)))
      continue;
    const problem = sentence(error, label);
    if (!problem) continue;
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out;
}
