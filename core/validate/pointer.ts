/** JSON pointers (RFC 6901) and the `*`-segment patterns manifests use to name config fields. */
import type { JsonSchema } from '../json-schema.js';

export function escapePointerSegment(segment: string | number): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  const parts = pointer.slice(1).split('/');
  return pointer.includes('~') ? parts.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : parts;
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

/**
 * True when `pointer` is matched by `pattern` or lies under what it matches: a pattern names
 * a field, and everything inside that field belongs to it (`/inputSchema` covers
 * `/inputSchema/properties/x/description`). `*` matches exactly one segment.
 */
const patternCache = new Map<string, string[]>();

export function patternSegments(pattern: string): string[] {
  let segments = patternCache.get(pattern);
  if (!segments) {
    segments = pointerSegments(pattern);
    patternCache.set(pattern, segments);
  }
  return segments;
}

export function pointerMatches(pattern: string, pointer: string): boolean {
  const want = patternSegments(pattern);
  const have = pointerSegments(pointer);
  if (have.length < want.length) return false;
  return want.every((segment, i) => segment === '*' || segment === have[i]);
}

export function matchesAny(patterns: readonly string[] | undefined, pointer: string): boolean {
  if (!patterns || patterns.length === 0) return false;
  const have = pointerSegments(pointer);
  return patterns.some((p) => {
    const want = patternSegments(p);
    return have.length >= want.length && want.every((segment, i) => segment === '*' || segment === have[i]);
  });
}

/** Every string leaf of a JSON value with its pointer (object keys are not visited as strings). */
export function stringLeaves(value: unknown, pointer = ''): { pointer: string; value: string }[] {
  const out: { pointer: string; value: string }[] = [];
  const visit = (node: unknown, at: string): void => {
    if (typeof node === 'string') out.push({ pointer: at, value: node });
    else if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(node[i], `${at}/${i}`);
    else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key], joinPointer(at, key));
    }
  };
  visit(value, pointer);
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The schema a local `$ref` (`#/…`) points to; the schema itself when it has none or the target is missing. */
export function resolveLocalRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const segment of pointerSegments(ref.slice(1))) target = isRecord(target) ? target[segment] : undefined;
  return isRecord(target) ? target : schema;
}
