/** Small helpers node folders share (environment-neutral): they read configs defensively, since a hand-edited file may hold anything. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Marks a setting that does nothing in a config schema conditional's case: the form hides it
 * while it is empty (renderer/inspector/applicable-settings.ts). Used in `then`/`else` branches.
 */
export const unusedSetting = { 'x-unused': true } as const;

/** An `if` that holds when the object setting `key` has `field` equal to `value` (`auth.type` is `apiKey`). */
export function whenNested<K extends string, F extends string, V extends string>(key: K, field: F, value: V) {
  return {
    required: [key],
    properties: { [key]: { required: [field], properties: { [field]: { const: value } } } } as {
      [P in K]: { required: [F]; properties: { [Q in F]: { const: V } } };
    },
  } as const;
}
