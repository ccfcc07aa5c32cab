/**
 * Template-ness of config fields, declared once in a node's config schema as
 * `"x-template": <mode>` (see `TemplateMode`) and read from there by the validator, the
 * executors' compile step and the editor.
 */
import type { JsonSchema } from './json-schema.js';
import type { CompiledExpression, CompiledTemplate, CompiledValue, PrepareTools, TemplateMode } from './node-type.js';
import { startsWithTemplate } from './request-templates.js';
import { isRecord, joinPointer, matchesAny, patternSegments, resolveLocalRef } from './validate/pointer.js';

export const TEMPLATE_MODES: readonly TemplateMode[] = ['text', 'url', 'value', 'expression', 'none'];

/** A field pattern (`*` for items and map entries) and the mode its schema declares. */
export interface TemplateField {
  pattern: string;
  mode: TemplateMode;
}

const cache = new WeakMap<object, TemplateField[]>();
const bodyCache = new WeakMap<object, string[]>();

/** Every field pattern of a config schema where `read` finds something, with what it found. */
function collectFields<T>(root: JsonSchema, read: (schema: Record<string, unknown>) => T | undefined): Map<string, T> {
  const found = new Map<string, T>();
  const visit = (schema: unknown, pointer: string, depth: number): void => {
    if (!isRecord(schema) || depth > 24) return;
    const s = resolveLocalRef(root, schema);
    const value = read(s);
    if (value !== undefined) found.set(pointer, value);
    if (isRecord(s.properties)) {
      for (const [key, sub] of Object.entries(s.properties)) visit(sub, joinPointer(pointer, key), depth + 1);
    }
    if (isRecord(s.items)) visit(s.items, `${pointer}/*`, depth + 1);
    if (isRecord(s.additionalProperties)) visit(s.additionalProperties, `${pointer}/*`, depth + 1);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = s[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, pointer, depth + 1);
    }
    for (const key of ['then', 'else'] as const) visit(s[key], pointer, depth + 1);
  };
  visit(root, '', 0);
  return found;
}

/** Every field of a config schema that declares `x-template`, most specific patterns first. */
export function templateFields(root: JsonSchema): TemplateField[] {
  const cached = cache.get(root);
  if (cached) return cached;
  const found = collectFields(root, (s) => {
    const mode = s['x-template'];
    return typeof mode === 'string' && (TEMPLATE_MODES as readonly string[]).includes(mode)
      ? (mode as TemplateMode)
      : undefined;
  });
  const fields = [...found].map(([pattern, mode]) => ({ pattern, mode }));
  fields.sort((a, b) => patternSegments(b.pattern).length - patternSegments(a.pattern).length);
  cache.set(root, fields);
  return fields;
}

/**
 * True when the string at `pointer` is read in each iteration of the node's body, after the
 * body ran (`"x-scope": "body"`, Apply to each's result): there, the body's steps, `item`
 * and `index` are in scope.
 */
export function inBodyScope(root: JsonSchema, pointer: string): boolean {
  let patterns = bodyCache.get(root);
  if (!patterns) {
    patterns = [...collectFields(root, (s) => (s['x-scope'] === 'body' ? true : undefined)).keys()];
    bodyCache.set(root, patterns);
  }
  return matchesAny(patterns, pointer);
}

/**
 * The mode of the string at `pointer` (a concrete pointer such as `/query/0/value`, or a
 * pattern such as `/query/*\/value`): the declaration of the field itself or of the nearest
 * field above it (a `value` or `none` field covers everything inside it). Undefined: the
 * schema declares nothing there.
 */
export function templateModeAt(root: JsonSchema, pointer: string): TemplateMode | undefined {
  return templateFields(root).find((f) => matchesAny([f.pattern], pointer))?.mode;
}

/**
 * For executors' compile step: the declared mode of a field, or an error naming the field when
 * the schema declares none (compiling an undeclared field as a template is a bug in the node).
 */
export function declaredTemplateMode(root: JsonSchema, pointer: string): TemplateMode {
  const mode = templateModeAt(root, pointer);
  if (!mode) throw new Error(`config field ${pointer} declares no x-template mode in its schema`);
  return mode;
}

/**
 * Compiles config fields with the mode their schema declares, so an executor never states a
 * mode of its own: `const compile = configCompiler(manifest.configSchema, tools)`, then
 * `compile.template('/url', config.url)`. Asking for a field whose declared mode is of another
 * kind throws, naming the field.
 */
export function configCompiler(schema: JsonSchema, tools: PrepareTools) {
  const mode = (pointer: string, kinds: readonly TemplateMode[]): TemplateMode => {
    const declared = declaredTemplateMode(schema, pointer);
    if (!kinds.includes(declared))
      throw new Error(`config field ${pointer} is declared x-template "${declared}", not ${kinds.join(' or ')}`);
    return declared;
  };
  return {
    /** A `text` or `url` field. A URL whose start is itself a template is taken as is (its origin comes from data). */
    template(pointer: string, text: string): CompiledTemplate {
      const declared = mode(pointer, ['text', 'url']);
      return tools.template(
        text,
        declared === 'url' && startsWithTemplate(text) ? 'text' : (declared as 'text' | 'url'),
      );
    },
    /** A `value` field: a JSON value whose strings may hold templates. */
    value(pointer: string, value: unknown): CompiledValue {
      mode(pointer, ['value']);
      return tools.value(value);
    },
    /** An `expression` field. */
    expression(pointer: string, text: string): CompiledExpression {
      mode(pointer, ['expression']);
      return tools.expression(text);
    },
  };
}

export type ConfigCompiler = ReturnType<typeof configCompiler>;
