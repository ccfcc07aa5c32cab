/**
 * ajv validators for a set of manifests, compiled once and cached by the manifest array
 * (the registry's array is a constant, so the app and the server compile exactly once).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../json-schema.js';
import type { AnyNodeTypeManifest } from '../node-type.js';
import { compileChecked, createAjv } from '../schema/ajv.js';
import { envelopeSchema } from '../schema/envelope-schema.js';
import { embeddedConfigSchema } from '../schema/flow-schema.js';
import { isRecord, joinPointer, resolveLocalRef } from './pointer.js';

export interface CompiledNodeType {
  manifest: AnyNodeTypeManifest;
  /** Missing when the manifest's schema does not compile (`compileError` says why). */
  validate?: ValidateFunction;
  compileError?: string;
  /** Pointer patterns of config fields marked `"x-secret": true`. */
  secretFields: string[];
}

export interface CompiledManifests {
  envelope: ValidateFunction;
  envelopeSchema: JsonSchema;
  byType: ReadonlyMap<string, CompiledNodeType>;
}

const cache = new WeakMap<readonly AnyNodeTypeManifest[], CompiledManifests>();
// Callers sometimes build a fresh array of the same manifests (`[...NODE_MANIFESTS, extra]`);
// a second cache keyed by the first manifest, compared member by member, still hits.
const byMembers = new WeakMap<
  AnyNodeTypeManifest,
  { members: readonly AnyNodeTypeManifest[]; compiled: CompiledManifests }[]
>();

function sameMembers(a: readonly AnyNodeTypeManifest[], b: readonly AnyNodeTypeManifest[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** Pointer patterns (with `*` for items and map entries) of fields whose schema says `x-secret`. */
export function secretFieldPatterns(root: JsonSchema): string[] {
  const found = new Set<string>();
  const visit = (schema: unknown, pointer: string, depth: number): void => {
    if (!isRecord(schema) || depth > 24) return;
    const s = resolveLocalRef(root, schema);
    if (s['x-secret'] === true) found.add(pointer);
    if (isRecord(s.properties)) {
      for (const [key, sub] of Object.entries(s.properties)) visit(sub, joinPointer(pointer, key), depth + 1);
    }
    if (isRecord(s.items)) visit(s.items, `${pointer}/*`, depth + 1);
    if (Array.isArray(s.prefixItems)) s.prefixItems.forEach((sub, i) => visit(sub, joinPointer(pointer, i), depth + 1));
    if (isRecord(s.additionalProperties)) visit(s.additionalProperties, `${pointer}/*`, depth + 1);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = s[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, pointer, depth + 1);
    }
    for (const key of ['then', 'else'] as const) visit(s[key], pointer, depth + 1);
  };
  visit(root, '', 0);
  return [...found];
}

export function compileManifests(manifests: readonly AnyNodeTypeManifest[]): CompiledManifests {
  const cached = cache.get(manifests);
  if (cached) return cached;
  const first = manifests[0];
  const siblings = first ? (byMembers.get(first) ?? []) : [];
  const hit = siblings.find((s) => sameMembers(s.members, manifests));
  if (hit) {
    cache.set(manifests, hit.compiled);
    return hit.compiled;
  }
  const envelope = envelopeSchema();
  const ajv = createAjv([envelope, ...manifests.map((m) => m.configSchema)], { metaSchemaCheck: 'shared' });
  const byType = new Map<string, CompiledNodeType>();
  for (const manifest of manifests) {
    const entry: CompiledNodeType = { manifest, secretFields: secretFieldPatterns(manifest.configSchema) };
    try {
      entry.validate = compileChecked(ajv, embeddedConfigSchema(manifest));
    } catch (err) {
      entry.compileError = err instanceof Error ? err.message : String(err);
    }
    byType.set(manifest.type, entry);
  }
  const compiled: CompiledManifests = { envelope: compileChecked(ajv, envelope), envelopeSchema: envelope, byType };
  cache.set(manifests, compiled);
  if (first) byMembers.set(first, [{ members: [...manifests], compiled }, ...siblings].slice(0, 8));
  return compiled;
}
