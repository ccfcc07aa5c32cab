/**
 * An @rjsf `ValidatorType` that compiles nothing. The renderer's CSP forbids eval, so ajv (and
 * @rjsf/validator-ajv8) cannot run here; the host validates the whole flow instead and the
 * form shows those issues through `extraErrors` (see issue-errors.ts).
 *
 * @rjsf still needs `isValid` to choose between `oneOf`/`anyOf` options and to evaluate
 * `if`/`then`/`else`: a structural check of types, `const`, `enum`, `required` and
 * `properties` is enough for the discriminated shapes our node schemas use.
 */
import type { FormContextType, RJSFSchema, ValidationData, ValidatorType } from '@rjsf/utils';

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  const actual = jsonType(value);
  const accepts = (t: unknown): boolean => t === actual || (t === 'number' && actual === 'integer');
  if (typeof expected === 'string') return accepts(expected);
  if (Array.isArray(expected)) return expected.some(accepts);
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Resolves a local `#/…` reference against the root schema. */
function resolveRef(ref: string, root: Schema): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let target: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) ? target[key] : undefined;
  }
  return isObject(target) ? target : undefined;
}

const MAX_DEPTH = 32;

/** Whether `value` structurally fits `schema` (no formats, patterns or numeric bounds). */
export function fitsSchema(schema: unknown, value: unknown, root: Schema, depth = 0): boolean {
  if (schema === true || schema === undefined) return true;
  if (schema === false) return false;
  if (!isObject(schema) || depth > MAX_DEPTH) return true;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    const target = resolveRef(s.$ref, root);
    if (target && !fitsSchema(target, value, root, depth + 1)) return false;
  }
  if ('const' in s && !deepEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((option) => deepEqual(option, value))) return false;
  if (s.type !== undefined && value !== undefined && !typeMatches(s.type, value)) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((sub) => fitsSchema(sub, value, root, depth + 1))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => fitsSchema(sub, value, root, depth + 1))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => fitsSchema(sub, value, root, depth + 1)).length !== 1)
    return false;
  if (s.not !== undefined && fitsSchema(s.not, value, root, depth + 1)) return false;
  if (s.if !== undefined) {
    const branch = fitsSchema(s.if, value, root, depth + 1) ? s.then : s.else;
    if (branch !== undefined && !fitsSchema(branch, value, root, depth + 1)) return false;
  }
  if (isObject(value)) {
    if (Array.isArray(s.required) && !s.required.every((key) => typeof key === 'string' && key in value)) return false;
    if (isObject(s.properties)) {
      for (const [key, sub] of Object.entries(s.properties)) {
        if (key in value && !fitsSchema(sub, value[key], root, depth + 1)) return false;
      }
    }
  }
  if (Array.isArray(value) && s.items !== undefined && !Array.isArray(s.items)) {
    if (!value.every((item) => fitsSchema(s.items, item, root, depth + 1))) return false;
  }
  return true;
}

/** The validator handed to every @rjsf `Form` in the renderer. */
export const hostValidator: ValidatorType<unknown, RJSFSchema, FormContextType> = {
  validateFormData(): ValidationData<unknown> {
    // The host is the validator of record: its issues arrive as `extraErrors`.
    return { errors: [], errorSchema: {} };
  },
  isValid(schema, formData, rootSchema) {
    return fitsSchema(schema, formData, rootSchema as Schema);
  },
  rawValidation() {
    return { errors: [] };
  },
};
