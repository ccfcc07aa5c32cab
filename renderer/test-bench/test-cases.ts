/** Pure edits of a flow's test cases: unique names, rename, delete, patch. */
import type { FlowTest } from '../../core/flow.js';

export function uniqueCaseName(tests: readonly FlowTest[], base: string): string {
  const taken = new Set(tests.map((t) => t.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}

export function addCase(
  tests: readonly FlowTest[],
  base: string,
  body: unknown = {},
): { tests: FlowTest[]; name: string } {
  const name = uniqueCaseName(tests, base);
  return { tests: [...tests, { name, trigger: { body }, expect: { outcome: 'success' } }], name };
}

/**
 * A case of a scheduled flow: it pins its firing time (`firedAt`, the given instant to the
 * minute, in UTC) instead of carrying a body, so it runs the same whenever it runs.
 */
export function addScheduledCase(
  tests: readonly FlowTest[],
  base: string,
  now: number,
): { tests: FlowTest[]; name: string } {
  const name = uniqueCaseName(tests, base);
  const firedAt = new Date(Math.floor(now / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
  return { tests: [...tests, { name, trigger: { firedAt }, expect: { outcome: 'success' } }], name };
}

/** Renames a case; refuses an empty or taken name (returns the reason key). */
export function renameCase(
  tests: readonly FlowTest[],
  from: string,
  to: string,
): { tests: FlowTest[] } | { refused: 'empty' | 'taken' } {
  const name = to.trim();
  if (!name) return { refused: 'empty' };
  if (name !== from && tests.some((t) => t.name === name)) return { refused: 'taken' };
  return { tests: tests.map((t) => (t.name === from ? { ...t, name } : t)) };
}

export function patchCase(tests: readonly FlowTest[], name: string, patch: Partial<FlowTest>): FlowTest[] {
  return tests.map((t) => {
    if (t.name !== name) return t;
    const next: Record<string, unknown> = { ...t, ...patch };
    // Keys set to undefined are dropped so the saved file stays clean.
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    return next as unknown as FlowTest;
  });
}

export function deleteCase(tests: readonly FlowTest[], name: string): FlowTest[] {
  return tests.filter((t) => t.name !== name);
}

/**
 * The trigger body a case sends: inline `body`, else the shipped sample whose file name is the
 * base name of `payloadFile` (the renderer cannot read files; the host lists the samples).
 */
export function casePayload(test: FlowTest, samples: readonly { name: string; text: string }[]): unknown {
  if (test.trigger.body !== undefined) return test.trigger.body;
  const file = test.trigger.payloadFile;
  if (!file) return undefined;
  const base = file.split(/[\\/]/).pop();
  const sample = samples.find((s) => s.name === base);
  if (!sample) return undefined;
  try {
    return JSON.parse(sample.text) as unknown;
  } catch {
    return undefined;
  }
}

/** The sample file name a `payloadFile` points at (`payloads/x.json` → `x.json`). */
export function sampleFile(payloadFile: string | undefined): string | undefined {
  return payloadFile?.split(/[\\/]/).pop();
}

/**
 * Trigger headers typed as JSON: an object of text values, `undefined` for none (empty text
 * or `{}`), `null` for anything else (refused, with a message by the editor).
 */
export function triggerHeaders(value: unknown): Record<string, string> | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (!entries.every(([, v]) => typeof v === 'string')) return null;
  return entries.length ? (value as Record<string, string>) : undefined;
}
