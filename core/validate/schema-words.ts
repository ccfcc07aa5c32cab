/**
 * Turns ajv errors into sentences an admin understands, using the schema's `title`s:
 * "URL is required", "Method must be one of GET, PUT, POST, PATCH, DELETE".
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../json-schema.js';
import { isRecord, joinPointer, pointerSegments, resolveLocalRef } from './pointer.js';

export interface SchemaProblem {
  /** Pointer relative to the validated value. */
  pointer: string;
  message: string;
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

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty (null)',
};

const FORMAT_WORDS: Record<string, string> = {
  uri: 'URL',
  url: 'URL',
  'uri-reference': 'URL',
  email: 'email address',
  'date-time': 'date and time (ISO 8601)',
  date: 'date (YYYY-MM-DD)',
  uuid: 'UUID',
  hostname: 'host name',
  regex: 'regular expression',
};

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function listWords(values: readonly unknown[]): string {
  return values.map(show).join(', ');
}

/** The sentence for one ajv error, or undefined for errors that only echo another one. */
function sentence(error: ErrorObject, label: (pointer: string) => string): SchemaProblem | undefined {
  const at = error.instancePath;
  const p = error.params as Record<string, any>;
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  const L = label(at);
  const say = (message: string, pointer = at): SchemaProblem => ({ pointer, message });
  if (error.propertyName !== undefined) {
    // A propertyNames failure: the error is about a key, not a value.
    const hint = typeof parent['x-patternMessage'] === 'string' ? parent['x-patternMessage'] : 'is not allowed';
    return say(`${L}: the name '${error.propertyName}' ${hint}`, joinPointer(at, error.propertyName));
  }
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined;
    case 'required': {
      const pointer = joinPointer(at, p.missingProperty);
      return say(`${label(pointer)} is required`, pointer);
    }
    case 'dependentRequired': {
      const pointer = joinPointer(at, p.missingProperty);
      return say(`${label(pointer)} is required when ${label(joinPointer(at, p.property))} is set`, pointer);
    }
    case 'type': {
      const types = String(p.type).split(',');
      return say(`${L} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`);
    }
    case 'enum':
      return say(
        typeof parent['x-enumMessage'] === 'string'
          ? `${L} ${parent['x-enumMessage']}`
          : `${L} must be one of ${listWords(p.allowedValues ?? [])}`,
      );
    case 'const':
      return say(`${L} must be ${show(p.allowedValue)}`);
    case 'minLength':
      return say(p.limit === 1 ? `${L} must not be empty` : `${L} must be at least ${p.limit} characters long`);
    case 'maxLength':
      return say(`${L} must be at most ${p.limit} characters long`);
    case 'minimum':
      return say(`${L} must be at least ${p.limit}`);
    case 'maximum':
      return say(`${L} must be at most ${p.limit}`);
    case 'exclusiveMinimum':
      return say(`${L} must be greater than ${p.limit}`);
    case 'exclusiveMaximum':
      return say(`${L} must be less than ${p.limit}`);
    case 'multipleOf':
      return say(`${L} must be a multiple of ${p.multipleOf}`);
    case 'pattern':
      return say(
        typeof parent['x-patternMessage'] === 'string'
          ? `${L} ${parent['x-patternMessage']}`
          : `${L} does not have the expected form (${p.pattern})`,
      );
    case 'format':
      return say(`${L} must be a valid ${FORMAT_WORDS[p.format] ?? p.format}`);
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = p.additionalProperty ?? p.unevaluatedProperty;
      return say(`${L} has a field Flowdesk does not know: '${name}'`, joinPointer(at, name));
    }
    case 'minItems':
      return say(p.limit === 1 ? `${L} needs at least one item` : `${L} needs at least ${p.limit} items`);
    case 'maxItems':
      return say(`${L} may have at most ${p.limit} items`);
    case 'uniqueItems':
      return say(`${L} has the same item twice (items ${p.j + 1} and ${p.i + 1})`);
    case 'minProperties':
      return say(`${L} needs at least ${p.limit} entries`);
    case 'maxProperties':
      return say(`${L} may have at most ${p.limit} entries`);
    case 'not':
      return say(`${L} is not allowed here`);
    case 'anyOf':
    case 'oneOf':
      return say(
        error.keyword === 'oneOf' && Array.isArray(p.passingSchemas)
          ? `${L} matches more than one of the allowed forms`
          : `${L} does not match any of the allowed forms`,
      );
    default:
      return say(`${L} ${error.message ?? 'is not valid'}`);
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
