/**
 * The HostApi methods a host serves, with the JSON Schema of each argument, declared once.
 * The Electron IPC handlers and the browser designer's `/api/rpc/<method>` both validate
 * incoming arguments here before acting, so a bad call from a page gets the same clear refusal
 * in both hosts.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { CREDENTIAL_KIND_NAMES, CREDENTIAL_NAME_PATTERN } from '../../../core/credentials.js';
import { IPC, type HostApi, type IpcChannel } from '../../../core/host-api.js';
import { MAX_JSON_DEPTH, tooDeepMessage, valueDepth } from '../../../core/json-depth.js';
import type { JsonSchema } from '../../../core/json-schema.js';

/** Methods called by request/response (menu commands are pushed, not requested). */
export type HostMethod = Exclude<keyof HostApi, 'onMenuCommand'>;

export interface ParamSpec {
  name: string;
  schema: JsonSchema;
  /** Optional parameters may be absent or `null` (JSON has no `undefined`). */
  optional?: boolean;
}

export interface MethodSpec {
  /** Electron IPC channel; absent for methods only the browser host serves. */
  channel?: IpcChannel;
  params: readonly ParamSpec[];
}

/** Flow texts beyond this are refused: a 500-node flow is well under 2 MB. */
export const MAX_FLOW_TEXT = 16 * 1024 * 1024;

const flowText: JsonSchema = { type: 'string', maxLength: MAX_FLOW_TEXT };
const filePath: JsonSchema = { type: 'string', minLength: 1, maxLength: 4096 };
const credentialName: JsonSchema = { type: 'string', pattern: CREDENTIAL_NAME_PATTERN };
/** Flow and execution ids on a deploy server: they become one URL path segment. */
const serverId: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$' };

export const HOST_METHODS: Readonly<Record<HostMethod, MethodSpec>> = {
  info: { channel: IPC.hostInfo, params: [] },
  validateFlow: { channel: IPC.flowValidate, params: [{ name: 'text', schema: flowText }] },
  openFlow: { channel: IPC.flowOpen, params: [] },
  listFlows: { params: [] },
  readFlow: { channel: IPC.flowRead, params: [{ name: 'path', schema: filePath }] },
  saveFlow: {
    channel: IPC.flowSave,
    params: [
      { name: 'text', schema: flowText },
      { name: 'path', schema: filePath, optional: true },
    ],
  },
  exportFlow: {
    channel: IPC.flowExport,
    params: [
      { name: 'text', schema: flowText },
      { name: 'suggestedName', schema: { type: 'string', maxLength: 200 } },
    ],
  },
  recentFlows: { channel: IPC.flowRecent, params: [] },
  setDirty: {
    channel: IPC.flowSetDirty,
    params: [
      { name: 'dirty', schema: { type: 'boolean' } },
      { name: 'title', schema: { type: 'string', maxLength: 500 } },
    ],
  },
  listSamples: { channel: IPC.samplesList, params: [] },
  listCredentials: { channel: IPC.credentialsList, params: [] },
  saveCredential: {
    channel: IPC.credentialsSave,
    params: [
      {
        name: 'credential',
        schema: {
          type: 'object',
          required: ['name', 'kind', 'fields'],
          additionalProperties: false,
          properties: {
            name: credentialName,
            kind: { enum: CREDENTIAL_KIND_NAMES },
            fields: {
              type: 'object',
              maxProperties: 32,
              propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' },
              additionalProperties: { type: 'string', maxLength: 65536 },
            },
            allowedOrigins: {
              type: 'array',
              maxItems: 64,
              items: { type: 'string', pattern: '^https?://[^/?#\\s]+$' },
            },
          },
        },
      },
    ],
  },
  deleteCredential: { channel: IPC.credentialsDelete, params: [{ name: 'name', schema: credentialName }] },
  runTests: {
    channel: IPC.runTests,
    params: [
      { name: 'flowText', schema: flowText },
      { name: 'testName', schema: { type: 'string', maxLength: 500 }, optional: true },
    ],
  },
  runFlow: {
    channel: IPC.runFlow,
    params: [
      {
        name: 'request',
        schema: {
          type: 'object',
          required: ['flowText'],
          additionalProperties: false,
          properties: {
            flowText,
            payload: {},
            headers: { type: 'object', maxProperties: 100, additionalProperties: { type: 'string', maxLength: 8192 } },
            recordedFrom: { type: 'string', maxLength: 500 },
          },
        },
      },
    ],
  },
  openExternal: { channel: IPC.openExternal, params: [{ name: 'url', schema: { type: 'string', maxLength: 8192 } }] },
  deployTarget: { channel: IPC.deployTarget, params: [] },
  setDeployTarget: {
    channel: IPC.deploySetTarget,
    params: [
      {
        name: 'target',
        schema: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 2048 },
            token: { type: 'string', maxLength: 4096 },
          },
        },
      },
    ],
  },
  deployFlow: { channel: IPC.deployFlow, params: [{ name: 'flowText', schema: flowText }] },
  deployedVersions: { channel: IPC.deployVersions, params: [{ name: 'flowId', schema: serverId }] },
  rollbackFlow: {
    channel: IPC.deployRollback,
    params: [
      { name: 'flowId', schema: serverId },
      { name: 'version', schema: { type: 'integer', minimum: 1 } },
    ],
  },
  serverExecutions: {
    channel: IPC.deployExecutions,
    params: [
      { name: 'flowId', schema: serverId },
      { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 200 }, optional: true },
    ],
  },
  serverExecution: { channel: IPC.deployExecution, params: [{ name: 'id', schema: serverId }] },
};

/** A call refused because its arguments are wrong; the message names the method and argument. */
export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentError';
  }
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

function describe(method: HostMethod, param: ParamSpec, error: ErrorObject | undefined): string {
  const where = [param.name, ...(error?.instancePath.split('/').slice(1) ?? [])].join('.');
  let what = error?.message ?? 'is invalid';
  if (error?.keyword === 'enum')
    what += ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
  if (error?.keyword === 'additionalProperties')
    what += ` ('${(error.params as { additionalProperty: string }).additionalProperty}')`;
  return `${method}: ${where} ${what}`;
}

/**
 * Checks `args` against the method's parameter schemas and returns them with `null` in
 * optional places turned into `undefined`. Throws `ArgumentError` naming what is wrong.
 */
export function checkArgs(method: string, args: unknown): unknown[] {
  if (!isHostMethod(method)) throw new ArgumentError(`'${method}' is not a host method`);
  const params = HOST_METHODS[method].params;
  if (!Array.isArray(args)) throw new ArgumentError(`${method}: the arguments must be a list`);
  const required = params.filter((p) => !p.optional).length;
  if (args.length < required || args.length > params.length) {
    const names = params.map((p) => (p.optional ? `${p.name}?` : p.name)).join(', ');
    throw new ArgumentError(`${method} takes (${names}) but was called with ${args.length} argument(s)`);
  }
  const checks = validatorsFor(method);
  return args.map((arg: unknown, i) => {
    const param = params[i]!;
    if ((arg === null || arg === undefined) && param.optional) return undefined;
    // Before ajv (which recurses) and before a run walks it: a page may send any nesting.
    if (valueDepth(arg) > MAX_JSON_DEPTH) throw new ArgumentError(`${method}: ${tooDeepMessage(param.name)}`);
    const validate = checks[i]!;
    if (!validate(arg)) throw new ArgumentError(describe(method, param, validate.errors?.[0]));
    return arg;
  });
}

/** A host's implementation of every request/response method (what IPC and RPC dispatch to). */
export type HostHandlers = { [M in HostMethod]-?: NonNullable<HostApi[M]> };

/** Methods the browser host serves but Electron does not (it has native dialogs instead). */
export type BrowserOnlyMethod = 'listFlows';

/** What the Electron IPC handlers dispatch to: every method that has a channel. */
export type IpcHandlers = Omit<HostHandlers, BrowserOnlyMethod>;

/** Calls `handlers[method]` with arguments already checked by `checkArgs`. */
export function dispatch<M extends HostMethod>(
  handlers: Pick<HostHandlers, M>,
  method: M,
  args: unknown[],
): Promise<unknown> {
  const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
  return fn(...args);
}
