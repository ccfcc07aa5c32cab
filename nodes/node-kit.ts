/** Small helpers node folders share (environment-neutral): they read configs defensively, since a hand-edited file may hold anything. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-empty string `key` of each row of a table-like config value (mapping fields, trigger fields). */
export function namesIn(rows: unknown, key: string): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => (isRecord(row) && typeof row[key] === 'string' ? row[key] : '')).filter((n) => n !== '');
}
