/**
 * JSON Schema (draft 2020-12) of the flow file envelope: everything except node configs,
 * which each node type's manifest describes. `title`s are the words validation errors use.
 */
import { CREDENTIAL_KIND_NAMES, CREDENTIAL_NAME_PATTERN } from '../credentials.js';
import { FLOW_SCHEMA_ID, FLOW_SCHEMA_VERSION, NODE_NAME_PATTERN, PARAM_NAME_PATTERN } from '../flow.js';
import type { JsonSchema } from '../json-schema.js';
import { STATE_KEY_MAX_CHARS } from '../state-store.js';

/** Node ids are stable keys for edges and layout; kept simple so they read well in diffs. */
export const NODE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };

const recordedResponse: JsonSchema = {
  type: 'object',
  title: 'Recorded response',
  additionalProperties: false,
  properties: {
    status: { type: 'integer', title: 'Status', minimum: 100, maximum: 599 },
    headers: { ...stringMap, title: 'Headers' },
    body: { title: 'Body' },
    bodyFile: { type: 'string', title: 'Body file', minLength: 1 },
    bodyBase64: {
      type: 'string',
      title: 'Binary body (base64)',
      pattern: '^[A-Za-z0-9+/\\s]*={0,2}\\s*$',
      'x-patternMessage': 'must be base64 (A–Z, a–z, 0–9, + and /, padded with =)',
    },
    simulate: { title: 'Simulate', enum: ['timeout', 'networkError'] },
  },
};

const expectedRequest: JsonSchema = {
  type: 'object',
  title: 'Expected request',
  additionalProperties: false,
  required: ['node'],
  properties: {
    node: { type: 'string', title: 'Node' },
    method: { type: 'string', title: 'Method' },
    url: { type: 'string', title: 'URL' },
    headers: { ...stringMap, title: 'Headers' },
    body: { title: 'Body' },
    count: { type: 'integer', title: 'Count', minimum: 0 },
  },
};

const nodeNameList: JsonSchema = { type: 'array', items: { type: 'string' } };

const flowTest: JsonSchema = {
  type: 'object',
  title: 'Test',
  additionalProperties: false,
  required: ['name', 'trigger'],
  properties: {
    name: { type: 'string', title: 'Test name', minLength: 1 },
    description: { type: 'string', title: 'Description' },
    trigger: {
      type: 'object',
      title: 'Trigger',
      additionalProperties: false,
      properties: {
        body: { title: 'Body' },
        payloadFile: { type: 'string', title: 'Payload file', minLength: 1 },
        headers: { ...stringMap, title: 'Headers' },
        query: { ...stringMap, title: 'Query' },
        firedAt: { type: 'string', title: 'Firing time', minLength: 1 },
      },
    },
    params: {
      type: 'object',
      title: 'Parameter values',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    state: {
      type: 'object',
      title: 'Remembered before the run',
      description: 'What the flow’s state store holds when the case starts (Remember / Recall), key → value.',
      propertyNames: { minLength: 1, maxLength: STATE_KEY_MAX_CHARS },
    },
    responses: {
      type: 'object',
      title: 'Recorded responses',
      additionalProperties: { type: 'array', items: recordedResponse },
    },
    expect: {
      type: 'object',
      title: 'Expectations',
      additionalProperties: false,
      properties: {
        outcome: { title: 'Outcome', enum: ['success', 'failed'] },
        path: { ...nodeNameList, title: 'Path' },
        notVisited: { ...nodeNameList, title: 'Not visited' },
        steps: { type: 'object', title: 'Step outputs' },
        vars: { type: 'object', title: 'Variables' },
        requests: { type: 'array', title: 'Requests', items: expectedRequest },
        error: { type: 'string', title: 'Error' },
        state: {
          type: 'object',
          title: 'Remembered after the run',
          description: 'Partial match against the state store after the run; null: the key holds nothing.',
          propertyNames: { minLength: 1, maxLength: STATE_KEY_MAX_CHARS },
        },
        iterations: {
          type: 'object',
          title: 'Iterations',
          additionalProperties: {
            type: 'object',
            title: 'Loop',
            additionalProperties: false,
            properties: {
              count: { type: 'integer', title: 'Items run', minimum: 0 },
              failed: { type: 'integer', title: 'Items failed', minimum: 0 },
              items: {
                type: 'object',
                title: 'Items',
                propertyNames: { pattern: '^(0|[1-9][0-9]{0,4})$' },
                additionalProperties: {
                  type: 'object',
                  title: 'Item',
                  additionalProperties: false,
                  properties: {
                    outcome: { title: 'Outcome', enum: ['success', 'failed'] },
                    path: { ...nodeNameList, title: 'Path' },
                    steps: { type: 'object', title: 'Step outputs' },
                    error: { type: 'string', title: 'Error' },
                  },
                },
              },
            },
          },
        },
        response: {
          type: 'object',
          title: 'Answer to the caller',
          additionalProperties: false,
          properties: {
            status: { type: 'integer', title: 'Status', minimum: 100, maximum: 599 },
            headers: { ...stringMap, title: 'Headers' },
            body: { title: 'Body' },
          },
        },
      },
    },
  },
};

const point: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['x', 'y'],
  properties: { x: { type: 'number' }, y: { type: 'number' } },
};

/** The envelope; `nodeItem` lets the published schema swap in per-type node schemas. */
export function envelopeSchema(nodeItem: JsonSchema = { $ref: '#/$defs/node' }): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: FLOW_SCHEMA_ID,
    title: 'Flowdesk flow',
    description: 'A Flowdesk flow file (*.flow.json).',
    type: 'object',
    additionalProperties: false,
    required: ['$schema', 'schemaVersion', 'id', 'name', 'nodes', 'edges'],
    properties: {
      $schema: { type: 'string', title: '$schema' },
      schemaVersion: { title: 'Schema version', const: FLOW_SCHEMA_VERSION },
      id: { type: 'string', title: 'Flow id', minLength: 1 },
      name: { type: 'string', title: 'Flow name', minLength: 1 },
      description: { type: 'string', title: 'Description' },
      credentials: {
        type: 'object',
        title: 'Credentials',
        propertyNames: {
          pattern: CREDENTIAL_NAME_PATTERN,
          'x-patternMessage': 'must start with a letter and hold only letters, digits, - and _',
        },
        additionalProperties: { $ref: '#/$defs/credential' },
      },
      params: {
        type: 'object',
        title: 'Parameters',
        propertyNames: {
          pattern: PARAM_NAME_PATTERN,
          'x-patternMessage': 'must start with a letter and hold only letters, digits and _ (at most 64)',
        },
        additionalProperties: { $ref: '#/$defs/param' },
      },
      nodes: { type: 'array', title: 'Nodes', items: nodeItem },
      edges: { type: 'array', title: 'Connections', items: { $ref: '#/$defs/edge' } },
      tests: { type: 'array', title: 'Tests', items: flowTest },
      layout: {
        type: 'object',
        title: 'Layout',
        additionalProperties: false,
        required: ['nodes'],
        properties: {
          nodes: { type: 'object', additionalProperties: point },
          viewport: {
            type: 'object',
            additionalProperties: false,
            required: ['x', 'y', 'zoom'],
            properties: { x: { type: 'number' }, y: { type: 'number' }, zoom: { type: 'number', exclusiveMinimum: 0 } },
          },
        },
      },
    },
    $defs: {
      param: {
        type: 'object',
        title: 'Parameter',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { title: 'Type', enum: ['string', 'number', 'boolean'] },
          default: { title: 'Default', type: ['string', 'number', 'boolean'] },
          description: { type: 'string', title: 'Description' },
          enum: {
            type: 'array',
            title: 'Allowed values',
            minItems: 1,
            items: { type: ['string', 'number', 'boolean'] },
          },
          secret: { type: 'boolean', title: 'Secret' },
        },
      },
      credential: {
        type: 'object',
        title: 'Credential',
        additionalProperties: false,
        required: ['kind'],
        properties: {
          kind: { title: 'Kind', enum: [...CREDENTIAL_KIND_NAMES] },
          description: { type: 'string', title: 'Description' },
          allowedOrigins: {
            type: 'array',
            title: 'Allowed origins',
            items: {
              type: 'string',
              pattern: '^https?://[^/?#\\s]+$',
              'x-patternMessage': 'must be an origin like https://api.example.com (no path)',
            },
          },
        },
      },
      node: {
        type: 'object',
        title: 'Node',
        additionalProperties: false,
        required: ['id', 'type', 'version', 'name', 'config'],
        properties: {
          id: {
            type: 'string',
            title: 'Node id',
            pattern: NODE_ID_PATTERN,
            'x-patternMessage': 'must be 1 to 64 letters, digits, - or _',
          },
          type: { type: 'string', title: 'Node type', minLength: 1 },
          version: { type: 'integer', title: 'Node version', minimum: 1 },
          name: {
            type: 'string',
            title: 'Name',
            pattern: NODE_NAME_PATTERN,
            'x-patternMessage':
              'must start with a letter or _ and hold only letters, digits and _ (templates use it as steps.<name>)',
          },
          label: {
            type: 'string',
            title: 'Label',
            description: 'What people call the node, in any words; templates use the name.',
            maxLength: 200,
          },
          description: { type: 'string', title: 'Description' },
          credentials: {
            type: 'object',
            title: 'Credentials',
            additionalProperties: { type: 'string', minLength: 1 },
          },
          config: { type: 'object', title: 'Settings' },
        },
      },
      edge: {
        type: 'object',
        title: 'Connection',
        additionalProperties: false,
        required: ['from', 'port', 'to'],
        properties: {
          from: { type: 'string', title: 'Source node', minLength: 1 },
          port: { type: 'string', title: 'Output port', minLength: 1 },
          to: { type: 'string', title: 'Target node', minLength: 1 },
        },
      },
    },
  };
}
