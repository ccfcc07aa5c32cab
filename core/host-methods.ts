/**
 * The HostApi methods a host serves, with the Electron IPC channel and the JSON Schema of each
 * argument, declared once. Both proxies the renderer talks through are built from this table
 * (the preload's over IPC, the browser host's over HTTP), and both hosts check incoming
 * arguments against it (runtime/host-service/host-methods.ts) before acting.
 */
import { CONNECTION_SERVICES } from './connection-test.js';
import { CREDENTIAL_KIND_NAMES, CREDENTIAL_NAME_PATTERN } from './credentials.js';
import { IPC, type HostApi, type IpcChannel } from './host-api.js';
import type { JsonSchema } from './json-schema.js';

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
  testCredential: {
    channel: IPC.credentialsTest,
    params: [
      {
        name: 'request',
        schema: {
          type: 'object',
          required: ['name', 'service', 'baseUrl'],
          additionalProperties: false,
          properties: {
            name: credentialName,
            service: { enum: CONNECTION_SERVICES },
            baseUrl: { type: 'string', minLength: 1, maxLength: 2048 },
          },
        },
      },
    ],
  },
  runTests: {
    channel: IPC.runTests,
    params: [
      { name: 'flowText', schema: flowText },
      { name: 'testName', schema: { type: 'string', maxLength: 500 }, optional: true },
      { name: 'flowPath', schema: filePath, optional: true },
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
            flowPath: filePath,
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
  cancelServerExecution: { channel: IPC.deployCancel, params: [{ name: 'id', schema: serverId }] },
};

/** A host's implementation of every request/response method (what IPC and RPC dispatch to). */
export type HostHandlers = { [M in HostMethod]-?: NonNullable<HostApi[M]> };

/** Methods the browser host serves but Electron does not (it has native dialogs instead). */
export type BrowserOnlyMethod = 'listFlows';

/** What the Electron IPC handlers dispatch to: every method that has a channel. */
export type IpcHandlers = Omit<HostHandlers, BrowserOnlyMethod>;

/** Every request/response method, in declaration order. */
export const HOST_METHOD_NAMES = Object.keys(HOST_METHODS) as HostMethod[];

/**
 * A HostApi proxy built from `HOST_METHODS`: each listed method forwards its arguments to
 * `call(method, args)`. Hosts add what is theirs (menu commands, browser-side overrides).
 */
export function hostMethodProxy<M extends HostMethod>(
  methods: readonly M[],
  call: (method: M, args: unknown[]) => Promise<unknown>,
): Pick<HostHandlers, M> {
  const proxy: Partial<Record<M, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of methods) proxy[method] = (...args: unknown[]) => call(method, args);
  // Each method forwards exactly the arguments HostApi declares for it, so the shape holds.
  return proxy as unknown as Pick<HostHandlers, M>;
}
