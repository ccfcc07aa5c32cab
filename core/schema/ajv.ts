/**
 * One way to build ajv for Flowdesk schemas: draft 2020-12, all errors, formats, and the
 * `x-*` annotation keywords Flowdesk adds (ajv's strict mode refuses unknown keywords).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../json-schema.js';

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

export function createAjv(schemas: readonly JsonSchema[] = []): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // parentSchema on errors gives the `title` of the failing field.
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    keywords: collectExtensionKeywords(schemas),
  });
  addFormats(ajv);
  return ajv;
}
