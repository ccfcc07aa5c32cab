/**
 * Small stand-ins for the real node types, so core's validator tests do not depend on the
 * nodes/ folders (which other layers own). Shapes follow the team's v1 config decisions.
 */
import type { FlowFile } from '../../flow.js';
import { namesInRows, type NodeTypeManifest } from '../../node-type.js';

export const hookManifest: NodeTypeManifest = {
  type: 'hook',
  version: 1,
  category: 'trigger',
  title: 'Webhook',
  trigger: true,
  ports: ['out'],
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['auth'],
    properties: {
      auth: {
        type: 'object',
        title: 'Authentication',
        required: ['type'],
        properties: {
          type: { title: 'Type', enum: ['none', 'apiToken'] },
          headerName: { type: 'string', title: 'Header name' },
        },
      },
      inputSchema: { type: 'object', title: 'Input schema' },
      fields: {
        type: 'array',
        title: 'Fields',
        items: { type: 'object', properties: { name: { type: 'string' }, path: { type: 'string' } } },
      },
    },
  },
  defaults: { auth: { type: 'none' } },
  credentialSlots: [
    {
      name: 'auth',
      label: 'Webhook authentication',
      kinds: ['apiKey', 'hmac'],
      required: (config) => (config.auth as { type?: string } | undefined)?.type !== 'none',
    },
  ],
  rawFields: ['/inputSchema'],
  varsOut: (config) => namesInRows(config.fields, 'name'),
};

export const serviceManifest: NodeTypeManifest = {
  type: 'service',
  version: 2,
  category: 'integration',
  title: 'Web Service',
  ports: ['success', 'error'],
  errorPort: 'error',
  configSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['method', 'url'],
    properties: {
      method: { title: 'Method', enum: ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'] },
      url: { type: 'string', title: 'URL', minLength: 1 },
      headers: { type: 'array', title: 'Headers', items: { $ref: '#/$defs/pair' } },
      body: {},
      auth: {
        type: 'object',
        title: 'Authentication',
        properties: {
          type: { enum: ['none', 'apiKey', 'bearer'] },
          apiKey: { type: 'string', title: 'API key', 'x-secret': true },
        },
      },
      retry: {
        type: 'object',
        title: 'Retry',
        properties: { maxRetries: { type: 'integer', minimum: 0, maximum: 10 } },
      },
    },
    $defs: {
      pair: {
        type: 'object',
        required: ['name', 'value'],
        properties: {
          name: { type: 'string', title: 'Name', minLength: 1 },
          value: { type: 'string', title: 'Value' },
        },
      },
    },
  },
  defaults: { method: 'GET', url: 'https://example.com' },
  credentialSlots: [
    {
      name: 'auth',
      label: 'Authentication',
      kinds: ['apiKey', 'bearer', 'oauth2'],
      required: (config) => ((config.auth as { type?: string } | undefined)?.type ?? 'none') !== 'none',
    },
  ],
  urlFields: ['/url'],
  migrations: {
    // v1 called the URL `uri`.
    2: (config) => {
      const { uri, ...rest } = config;
      return { ...rest, url: uri };
    },
  },
  check: (config) =>
    String(config.url).startsWith('ftp:') ? [{ pointer: '/url', message: 'URL must use http or https' }] : [],
};

export const branchManifest: NodeTypeManifest = {
  type: 'branch',
  version: 1,
  category: 'logic',
  title: 'Condition',
  ports: ['true', 'false'],
  configSchema: {
    type: 'object',
    required: ['rules'],
    properties: {
      rules: {
        type: 'array',
        title: 'Rules',
        items: {
          type: 'object',
          required: ['left'],
          properties: { left: { type: 'string', title: 'Left' }, right: {} },
        },
      },
    },
  },
  defaults: { rules: [] },
  credentialSlots: [],
  expressionFields: ['/rules/*/left'],
};

export const scriptManifest: NodeTypeManifest = {
  type: 'script',
  version: 1,
  category: 'logic',
  title: 'Code',
  ports: ['success', 'error'],
  configSchema: { type: 'object', required: ['source'], properties: { source: { type: 'string', title: 'Source' } } },
  defaults: { source: 'return 1;' },
  credentialSlots: [],
  rawFields: ['/source'],
};

export const FAKE_MANIFESTS: readonly NodeTypeManifest[] = [
  hookManifest,
  serviceManifest,
  branchManifest,
  scriptManifest,
];

/** A valid flow: hook → getDetails → check → (true) putResponse. */
export function sampleFlow(): FlowFile {
  return {
    $schema: 'https://flowdesk.dev/schema/flow-v1.json',
    schemaVersion: 1,
    id: 'sample',
    name: 'Sample',
    credentials: { 'genesys-prod': { kind: 'oauth2' } },
    nodes: [
      {
        id: 'n1',
        type: 'hook',
        version: 1,
        name: 'hook',
        config: { auth: { type: 'none' }, fields: [{ name: 'x', path: '$.x' }] },
      },
      {
        id: 'n2',
        type: 'service',
        version: 2,
        name: 'getDetails',
        credentials: { auth: 'genesys-prod' },
        config: {
          method: 'GET',
          url: 'https://api.example.com/users/{{ trigger.body.userId }}',
          headers: [{ name: 'Authorization', value: 'Bearer {{ steps.hook.token }}' }],
          auth: { type: 'bearer' },
        },
      },
      {
        id: 'n3',
        type: 'branch',
        version: 1,
        name: 'check',
        config: { rules: [{ left: 'steps.getDetails.status', right: 200 }] },
      },
      {
        id: 'n4',
        type: 'service',
        version: 2,
        name: 'putResponse',
        config: {
          method: 'PUT',
          url: 'https://q.example.com/{{ steps.getDetails.body.id }}',
          body: { id: '{{ vars.x }}' },
        },
      },
    ],
    edges: [
      { from: 'n1', port: 'out', to: 'n2' },
      { from: 'n2', port: 'success', to: 'n3' },
      { from: 'n3', port: 'true', to: 'n4' },
    ],
    tests: [
      {
        name: 'happy path',
        trigger: { body: { userId: 'u1' } },
        responses: { getDetails: [{ status: 200, body: { id: 'x' } }] },
        expect: {
          path: ['hook', 'getDetails', 'check', 'putResponse'],
          requests: [{ node: 'putResponse', method: 'PUT' }],
        },
      },
    ],
    layout: { nodes: { n1: { x: 0, y: 0 }, n2: { x: 200, y: 0 }, n3: { x: 400, y: 0 }, n4: { x: 600, y: 0 } } },
  };
}
