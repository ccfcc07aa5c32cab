/**
 * One way to build ajv for Flowdesk schemas: draft 2020-12, all errors, formats, and the
 * `x-*` annotation keywords Flowdesk adds (ajv's strict mode refuses unknown keywords).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../json-schema.js';
import { ajvSafeRegExp } from '../safe-regex.js';

/** Keywords core itself uses; manifests may add more `x-*` ones, collected from their schemas. */
export const FLOWDESK_KEYWORDS = ['x-secret', 'x-template', 'x-patternMessage', 'x-enumMessage'] as const;

// ajv-formats is CommonJS; depending on the loader its default export is the plugin or holds it.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

/** Every `x-*` key used anywhere in the schemas. */
export function collectExtensionKeywords(schemas: readonly unknown[]): string[] {
  const found = new Set<string>(FLOWDESK_KEYWORDS);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.add(key);
        visit(value);
      }
    }
  };
  schemas.forEach(visit);
  return [...found];
}

/**
 * Options every Flowdesk Ajv shares. `optimize: false` skips ajv's extra pass over the code
 * it generates: about a quarter of the CPU time of compiling the node types' schemas (the
 * first thing `flowdesk validate` does), for validators that run no measurably slower on
 * objects of this size. The generated checks are the same.
 */
const BASE_OPTIONS = {
  allErrors: true,
  // parentSchema on errors gives the `title` of the failing field.
  verbose: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  // Schema patterns (the flow schema's own, and admins' input schemas) run in linear time.
  code: { optimize: false, regExp: ajvSafeRegExp },
} as const;

/** The `code` options every Flowdesk Ajv uses, for instances built with their own options. */
export const AJV_CODE_OPTIONS = BASE_OPTIONS.code;

export interface CreateAjvOptions {
  /**
   * `shared`: this instance does not check schemas against the JSON Schema meta-schema
   * itself; compile with `compileChecked`, which checks them with one process-wide
   * validator (`checkSchema`). The meta-schema is the slowest schema to compile, and every
   * Ajv instance used to compile it again. Default `here` (plain ajv behaviour).
   */
  metaSchemaCheck?: 'here' | 'shared';
}

export function createAjv(schemas: readonly JsonSchema[] = [], options: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    ...BASE_OPTIONS,
    validateSchema: options.metaSchemaCheck !== 'shared',
    keywords: collectExtensionKeywords(schemas),
  });
  addFormats(ajv);
  return ajv;
}

let checker: Ajv2020 | undefined;

/**
 * Checks a schema against JSON Schema 2020-12 (or the dialect its `$schema` names, if ajv
 * has it) exactly as `Ajv#compile` does before compiling, throwing the same
 * "schema is invalid: …" error. One checker per process: the meta-schema is compiled once.
 */
export function checkSchema(schema: JsonSchema | boolean): void {
  if (!checker) {
    checker = new Ajv2020({ ...BASE_OPTIONS });
    addFormats(checker);
  }
  checker.validateSchema(schema, true);
}

/** `ajv.compile(schema)` for an instance created with `metaSchemaCheck: 'shared'`. */
export function compileChecked<T = unknown>(ajv: Ajv2020, schema: JsonSchema | boolean): ValidateFunction<T> {
  checkSchema(schema);
  return ajv.compile<T>(schema);
}
