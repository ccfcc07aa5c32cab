/**
 * Flow parameter values for one run: the flow's defaults, then the values the host gives
 * (its environment, a parameters file, the test bench's choice), then a test case's own.
 * Environment-neutral: the engine calls it with whatever the host collected. Text given for
 * a number or true/false parameter (environment variables are text) is read as one.
 */
import type { FlowParam, ParamValue } from './flow.js';

export type ParamProblem =
  | { kind: 'missing'; name: string }
  | { kind: 'type'; name: string; type: FlowParam['type']; value: string }
  | { kind: 'enum'; name: string; allowed: string[]; value: string }
  | { kind: 'unknown'; name: string };

/** A value as the parameter's type, or undefined when it cannot be one. */
function asType(param: FlowParam, value: ParamValue): ParamValue | undefined {
  if (param.type === 'string') return typeof value === 'string' ? value : String(value);
  if (param.type === 'number') {
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/**
 * The values of every declared parameter, each layer in `given` over the defaults and the
 * layers before it. A given name the flow does not declare is a problem (a typo would
 * otherwise go unnoticed), as is a declared parameter left without a value.
 */
export function resolveParams(
  declared: Readonly<Record<string, FlowParam>> | undefined,
  ...given: (Readonly<Record<string, ParamValue>> | undefined)[]
): { values: Record<string, ParamValue>; problems: ParamProblem[] } {
  const values: Record<string, ParamValue> = {};
  const problems: ParamProblem[] = [];
  const params = declared ?? {};
  for (const layer of given) {
    for (const name of Object.keys(layer ?? {})) {
      if (!Object.prototype.hasOwnProperty.call(params, name)) problems.push({ kind: 'unknown', name });
    }
  }
  for (const [name, param] of Object.entries(params)) {
    let raw: ParamValue | undefined = param.default;
    for (const layer of given) {
      if (layer && Object.prototype.hasOwnProperty.call(layer, name)) raw = layer[name];
    }
    if (raw === undefined) {
      problems.push({ kind: 'missing', name });
      continue;
    }
    const value = asType(param, raw);
    if (value === undefined) {
      problems.push({ kind: 'type', name, type: param.type, value: param.secret ? '…' : String(raw) });
    } else if (param.enum && !param.enum.includes(value)) {
      problems.push({ kind: 'enum', name, allowed: param.enum.map(String), value: param.secret ? '…' : String(value) });
    } else {
      values[name] = value;
    }
  }
  return { values, problems };
}
