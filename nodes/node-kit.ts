/** Small helpers node folders share (environment-neutral): they read configs defensively, since a hand-edited file may hold anything. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
