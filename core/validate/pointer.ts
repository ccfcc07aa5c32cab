/** JSON pointers (RFC 6901) and the `*`-segment patterns manifests use to name config fields. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

/**
 * True when `pointer` is matched by `pattern` or lies under what it matches: a pattern names
 * a field, and everything inside that field belongs to it (`/inputSchema` covers
 * `/inputSchema/properties/x/description`). `*` matches exactly one segment.
 */
export function pointerMatches(pattern: string, pointer: string): boolean {
  const want = pointerSegments(pattern);
  const have = pointerSegments(pointer);
  if (have.length < want.length) return false;
  return want.every((segment, i) => segment === '*' || segment === have[i]);
}

export function matchesAny(patterns: readonly string[] | undefined, pointer: string): boolean {
  return !!patterns && patterns.some((p) => pointerMatches(p, pointer));
}

/** Every string leaf of a JSON value with its pointer (object keys are not visited as strings). */
export function* stringLeaves(value: unknown, pointer = ''): Generator<{ pointer: string; value: string }> {
  if (typeof value === 'string') yield { pointer, value };
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* stringLeaves(value[i], joinPointer(pointer, i));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* stringLeaves(item, joinPointer(pointer, key));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
