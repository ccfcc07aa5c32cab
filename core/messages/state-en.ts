/**
 * English words for the state store (core/state-store.ts): refused keys and values, and a store
 * that could not be reached. Kept beside en.ts, which spreads it in; the Japanese catalogue is
 * checked against these like every other code.
 */

/** Codes that take no params are still called with `{}`: one calling shape for every code. */
type NoParams = Record<string, never>;

/** "65,536": sizes read better grouped. */
const grouped = (n: number) => n.toLocaleString('en-US');

export const stateMessagesEn = {
  'state.key-empty': (_p: NoParams) =>
    'the key is empty; a key names what is remembered, e.g. task:{{ trigger.body.TaskSid }}',
  'state.key-too-long': (p: { key: string; length: number; max: number }) =>
    `the key '${p.key}' is ${grouped(p.length)} characters long; a key may have at most ${grouped(p.max)}`,
  'state.no-value': (p: { key: string }) =>
    `there is no value to remember under '${p.key}' (the value template gave nothing)`,
  'state.not-json': (p: { key: string; error: string }) =>
    `the value for '${p.key}' cannot be stored as JSON: ${p.error}`,
  'state.value-too-large': (p: { key: string; bytes: number; max: number }) =>
    `the value for '${p.key}' is ${grouped(p.bytes)} bytes as JSON; a remembered value may be at most ${grouped(p.max)} bytes (remember an id, not a whole payload)`,
  'state.bad-ttl': (p: { key: string; ttl: string; maxDays: number }) =>
    `the time to keep '${p.key}' (${p.ttl} ms) must be a whole number of milliseconds from 1 up to ${grouped(p.maxDays)} days`,
  'state.bad-increment': (p: { key: string; by: string }) =>
    `'${p.key}' can only be increased by a whole number, not ${p.by}`,
  'state.not-a-number': (p: { key: string; value: string }) =>
    `'${p.key}' holds ${p.value}, which is not a whole number, so it cannot be increased`,
  'state.increment-overflow': (p: { key: string }) =>
    `increasing '${p.key}' would go past the largest whole number a flow can hold (9,007,199,254,740,991)`,
  'state.unavailable': (p: { error: string }) => `the state store could not be reached: ${p.error}`,
};
