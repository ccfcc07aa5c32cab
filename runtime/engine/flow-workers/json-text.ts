/**
 * The JSON text a value arrived as, kept beside it, so a host that stores the value as JSON does
 * not encode it a second time. A worker's trace crosses to the server as JSON text (cheaper to
 * send and read than structured clone for a trace's many small objects) and is stored as JSON
 * text in the history: with the text remembered, the server parses it once and never
 * stringifies it again.
 *
 * Only for values nobody changes after they are read (a finished run's trace): a change would
 * not show in the remembered text. Code that changes a trace makes a copy (maskTrace does).
 */
const texts = new WeakMap<object, string>();

/** Parses `text` and remembers it as the JSON of the value it returns. */
export function parseRemembered<T>(text: string): T {
  const value = JSON.parse(text) as T;
  if (typeof value === 'object' && value !== null) texts.set(value, text);
  return value;
}

/** The JSON text of `value`: the one it was parsed from, or a new one. */
export function jsonText(value: unknown): string {
  return (typeof value === 'object' && value !== null ? texts.get(value) : undefined) ?? JSON.stringify(value);
}
