/**
 * Checks of the flow's parameter declarations the schema cannot express: a default of the
 * declared type and among the allowed values, and no default for a secret parameter (its
 * value would then be written into the flow file).
 */
import type { FlowParam, ParamValue } from '../flow.js';
import type { FlowCheck } from './context.js';
import { addIssue, flowIssue } from './context.js';
import { isRecord } from './pointer.js';

/** True when `value` has the parameter's declared type. */
export function paramValueFits(param: Pick<FlowParam, 'type'>, value: unknown): value is ParamValue {
  return param.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === param.type;
}

export function checkParams(check: FlowCheck): void {
  const params = check.flow.params;
  if (!isRecord(params)) return;
  for (const [name, raw] of Object.entries(params)) {
    if (!isRecord(raw) || !('default' in raw)) continue; // the schema reports bad shapes
    const param = raw as unknown as FlowParam;
    const pointer = `/params/${name}/default`;
    if (param.secret === true) {
      addIssue(check, flowIssue('param-default', { name, problem: 'secret' }, pointer));
    } else if (!paramValueFits(param, param.default)) {
      addIssue(check, flowIssue('param-default', { name, problem: 'type', type: param.type }, pointer));
    } else if (Array.isArray(param.enum) && !param.enum.includes(param.default!)) {
      addIssue(
        check,
        flowIssue('param-default', { name, problem: 'enum', allowed: param.enum.map((v) => String(v)) }, pointer),
      );
    }
  }
}
