/**
 * Where hosts get flow parameter values from (the engine takes them as `RunOptions.params`):
 * environment variables `FLOWDESK_PARAM_<name>` (the name as declared, or in capitals), and a
 * parameters file, a JSON object of name → value (`--params prod.params.json`). Values are
 * checked against the flow's declarations by the engine (`resolveParams`), which names what is
 * missing or wrong.
 */
import type { FlowParam, ParamValue } from '../core/flow.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The declared parameters the environment gives a value for. */
export function paramsFromEnv(
  declared: Readonly<Record<string, FlowParam>> | undefined,
  env: Env,
): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const name of Object.keys(declared ?? {})) {
    const value = env[`FLOWDESK_PARAM_${name}`] ?? env[`FLOWDESK_PARAM_${name.toUpperCase()}`];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** A parameters file's values, or why it is not one (an object of text, numbers and true/false). */
export function paramsFileValues(parsed: unknown): Record<string, ParamValue> | string {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'a parameters file must be a JSON object of parameter name → value';
  }
  const values: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return `parameter '${name}' must be text, a number or true/false`;
    }
    values[name] = value;
  }
  return values;
}
