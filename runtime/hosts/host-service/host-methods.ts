/**
 * Argument checks for the HostApi methods declared in core/host-methods.ts. The Electron IPC
 * handlers and the browser designer's `/api/rpc/<method>` both validate incoming arguments
 * here before acting, so a bad call from a page gets the same clear refusal in both hosts.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { HOST_METHODS, type HostHandlers, type HostMethod, type ParamSpec } from '../../../core/host-methods.js';
import { MAX_JSON_DEPTH, tooDeepMessage, valueDepth } from '../../../core/json-depth.js';

export {
  HOST_METHODS,
  MAX_FLOW_TEXT,
  type HostHandlers,
  type HostMethod,
  type IpcHandlers,
} from '../../../core/host-methods.js';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';

/** A call refused because its arguments are wrong; a `host.*` message naming the method and argument. */
export class ArgumentError extends MessageError {
  override readonly name = 'ArgumentError';
}

export function isHostMethod(name: string): name is HostMethod {
  return Object.prototype.hasOwnProperty.call(HOST_METHODS, name) && HOST_METHODS[name as HostMethod] !== undefined;
}

const ajv = new Ajv2020({ allErrors: false, strict: true });
const validators = new Map<HostMethod, ValidateFunction[]>();

/** One compiled validator per parameter, so an error names the parameter it is about. */
function validatorsFor(method: HostMethod): ValidateFunction[] {
  let list = validators.get(method);
  if (!list) {
    list = HOST_METHODS[method].params.map((p) => ajv.compile(p.schema));
    validators.set(method, list);
  }
  return list;
}

function describe(method: HostMethod, param: ParamSpec, error: ErrorObject | undefined): ArgumentError {
  const where = [param.name, ...(error?.instancePath.split('/').slice(1) ?? [])].join('.');
  let what = error?.message ?? 'is invalid';
  if (error?.keyword === 'enum')
    what += ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
  if (error?.keyword === 'additionalProperties')
    what += ` ('${(error.params as { additionalProperty: string }).additionalProperty}')`;
  return new ArgumentError(message('host.argument', { method, detail: `${where} ${what}` }));
}

/**
 * Checks `args` against the method's parameter schemas and returns them with `null` in
 * optional places turned into `undefined`. Throws `ArgumentError` naming what is wrong.
 */
export function checkArgs(method: string, args: unknown): unknown[] {
  if (!isHostMethod(method)) throw new ArgumentError(message('host.not-a-method', { method }));
  const params = HOST_METHODS[method].params;
  if (!Array.isArray(args)) throw new ArgumentError(message('host.args-not-list', { method }));
  const required = params.filter((p) => !p.optional).length;
  if (args.length < required || args.length > params.length) {
    const names = params.map((p) => (p.optional ? `${p.name}?` : p.name));
    throw new ArgumentError(message('host.arity', { method, names, count: args.length }));
  }
  const checks = validatorsFor(method);
  return args.map((arg: unknown, i) => {
    const param = params[i]!;
    if ((arg === null || arg === undefined) && param.optional) return undefined;
    // Before ajv (which recurses) and before a run walks it: a page may send any nesting.
    if (valueDepth(arg) > MAX_JSON_DEPTH) {
      throw new ArgumentError(message('host.argument', { method, detail: tooDeepMessage(param.name) }));
    }
    const validate = checks[i]!;
    if (!validate(arg)) throw describe(method, param, validate.errors?.[0]);
    return arg;
  });
}

/** Calls `handlers[method]` with arguments already checked by `checkArgs`. */
export function dispatch<M extends HostMethod>(
  handlers: Pick<HostHandlers, M>,
  method: M,
  args: unknown[],
): Promise<unknown> {
  const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
  return fn(...args);
}
