/**
 * The real Twilio TaskRouter events in flows/payloads are "Example Event" comment blocks from a
 * public Flex project (one `Name: 'value',` line per posted parameter, values as JavaScript
 * string literals). This turns one, unchanged on disk, into the form post TaskRouter sends.
 */
import { readFileSync } from 'node:fs';

const LINE = /^\s*([A-Za-z][A-Za-z0-9]*):\s*(['"])(.*)\2,?\s*$/;

/** The parameters of `flows/payloads/<name>`, in the order they are listed. */
export function taskRouterExampleParams(name: string): [string, string][] {
  const text = readFileSync(new URL(`../../flows/payloads/${name}`, import.meta.url), 'utf8');
  const params: [string, string][] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    // A JavaScript string literal: a backslash takes the next character as it is (`\\/` is `\/`).
    if (m) params.push([m[1]!, m[3]!.replace(/\\(.)/g, '$1')]);
  }
  if (params.length === 0) throw new Error(`${name}: no parameters found`);
  return params;
}

/** The example as the form-encoded body TaskRouter posts. */
export function taskRouterExampleForm(name: string): string {
  return new URLSearchParams(taskRouterExampleParams(name)).toString();
}
