/** The OpenAPI 3.1 description of `flowdesk serve`, served at /api/openapi.json. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Flowdesk server',
    version: '1',
    description:
      'Webhooks of the served flows, and the admin API (bearer tokens from FLOWDESK_ADMIN_TOKENS: `read` or `deploy`).',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: error,
      FlowIssue: {
        type: 'object',
        required: ['severity', 'code', 'message', 'pointer'],
        properties: {
          severity: { enum: ['error', 'warning'] },
          code: { type: 'string' },
          message: { type: 'string' },
          pointer: { type: 'string' },
          nodeId: { type: 'string' },
          field: { type: 'string' },
          params: { type: 'object' },
        },
      },
      Deployed: {
        type: 'object',
        required: ['id', 'version', 'webhookUrls'],
        properties: {
          id: { type: 'string' },
          version: { type: 'integer' },
          webhookUrls: { type: 'array', items: { type: 'string' } },
        },
      },
      Execution: {
        type: 'object',
        required: ['id', 'flowId', 'flowVersion', 'status', 'startedAt', 'finishedAt', 'durationMs'],
        properties: {
          id: { type: 'string' },
          flowId: { type: 'string' },
          flowVersion: { type: 'integer' },
          status: {
            enum: ['queued', 'running', 'waiting', 'success', 'failed', 'cancelled', 'timeout', 'interrupted'],
          },
          wakeAt: { type: 'string', format: 'date-time', description: 'a waiting execution: when it goes on' },
          receivedAt: { type: 'string', format: 'date-time' },
          startedAt: { type: ['string', 'null'], format: 'date-time' },
          finishedAt: { type: ['string', 'null'], format: 'date-time' },
          durationMs: { type: ['number', 'null'] },
          attempts: { type: 'integer' },
          error: {
            type: 'object',
            properties: {
              message: { type: 'string' },
              nodeId: { type: 'string' },
              nodeName: { type: 'string' },
              code: { type: 'string' },
            },
          },
        },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/hooks/{flowId}': {
      post: {
        summary: "Deliver an event to a flow's webhook",
        security: [],
        parameters: [idParam('flowId', 'the flow id')],
        requestBody: {
          content: {
            'application/json': { schema: {} },
            'application/x-www-form-urlencoded': { schema: { type: 'object' } },
          },
        },
        responses: {
          '202': {
            description: 'accepted and stored (async trigger)',
            ...json({ type: 'object', properties: { executionId: { type: 'string' } } }),
          },
          '200': {
            description:
              "the flow's Respond to webhook answer (sync trigger; any status it sets), or, for a trigger that drops redeliveries, `{ executionId, duplicate: true }`: this delivery key was seen within the window and nothing ran",
          },
          '400': { description: 'bad JSON, or the input schema refused the body', ...json(error) },
          '401': { description: 'missing or wrong caller credential', ...json(error) },
          '404': { description: 'no such flow', ...json(error) },
          '413': { description: 'body too large', ...json(error) },
          '415': { description: 'not JSON or a form', ...json(error) },
          '503': { description: 'shutting down', ...json(error) },
          '504': { description: 'sync trigger: no answer within its timeout (the run goes on)', ...json(error) },
        },
      },
    },
    '/api/flows': {
      get: {
        summary:
          'Served flows with version, status and webhook URLs (scheduled flows: their schedule and nextRunAt instead); flows that could not be loaded',
        responses: { '200': { description: 'the flows' } },
      },
    },
    '/api/flows/{id}': {
      put: {
        summary: 'Deploy a flow (a new version)',
        parameters: [idParam('id', 'the flow id (must equal the file’s id)')],
        requestBody: json({ type: 'object', description: 'the flow file' }),
        responses: {
          '200': { description: 'deployed', ...json(ref('Deployed')) },
          '401': { description: 'no or wrong token', ...json(error) },
          '403': { description: 'read token', ...json(error) },
          '422': {
            description: 'invalid flow',
            ...json({
              type: 'object',
              properties: { error: { const: 'invalid flow' }, issues: { type: 'array', items: ref('FlowIssue') } },
            }),
          },
        },
      },
      delete: {
        summary: 'Stop serving a flow (its versions and history stay)',
        parameters: [idParam('id', 'the flow id')],
        responses: { '204': { description: 'removed' }, '404': { description: 'not served', ...json(error) } },
      },
    },
    '/api/flows/{id}/versions': {
      get: {
        summary: 'Deployed versions and the audit trail',
        parameters: [idParam('id', 'the flow id')],
        responses: { '200': { description: 'versions' } },
      },
    },
    '/api/flows/{id}/rollback': {
      post: {
        summary: 'Serve an earlier version again',
        parameters: [idParam('id', 'the flow id')],
        requestBody: json({ type: 'object', required: ['version'], properties: { version: { type: 'integer' } } }),
        responses: { '200': { description: 'rolled back', ...json(ref('Deployed')) } },
      },
    },
    '/api/flows/{id}/run': {
      post: {
        summary: 'Run a scheduled flow now: one firing at this moment, stored like a scheduled one (deploy token)',
        parameters: [idParam('id', 'the flow id')],
        responses: {
          '202': {
            description: 'stored; it runs like any execution',
            ...json({ type: 'object', properties: { executionId: { type: 'string' } } }),
          },
          '404': { description: 'not served', ...json(error) },
          '409': { description: 'the flow starts on a webhook', ...json(error) },
        },
      },
    },
    '/api/executions': {
      get: {
        summary: 'Executions, newest first',
        parameters: ['flow', 'status', 'since', 'until', 'limit'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
        responses: {
          '200': {
            description: 'executions',
            ...json({ type: 'object', properties: { executions: { type: 'array', items: ref('Execution') } } }),
          },
        },
      },
      delete: {
        summary: 'Erase finished executions of a flow and/or before a time (deploy token)',
        parameters: ['flow', 'before'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
        responses: { '200': { description: 'how many were erased' } },
      },
    },
    '/api/dead-letters': {
      get: { summary: 'Failed executions (the dead-letter view)', responses: { '200': { description: 'executions' } } },
    },
    '/api/executions/{id}': {
      get: {
        summary: 'One execution with its redacted trace',
        parameters: [idParam('id', 'execution id')],
        responses: { '200': { description: 'the execution and its trace' } },
      },
    },
    '/api/executions/{id}/cancel': {
      post: {
        summary: 'Cancel a waiting execution',
        description:
          'A waiting execution (saved at a Wait node) ends cancelled and never resumes; its saved state is kept for a re-run from there.',
        parameters: [idParam('id', 'execution id')],
        responses: {
          '200': {
            description: 'cancelled',
            ...json({ type: 'object', properties: { id: { type: 'string' }, status: { const: 'cancelled' } } }),
          },
          '404': { description: 'no such execution' },
          '409': { description: 'the execution is not waiting' },
        },
      },
    },
    '/api/executions/{id}/rerun': {
      post: {
        summary: 'Run an execution again as a new execution',
        description:
          'from "start" (default) runs it from the trigger; from "failed" runs it from the step that failed, with the earlier steps\' outputs taken from the run state saved when it failed (those steps do not run again).',
        parameters: [idParam('id', 'execution id')],
        requestBody: json({ type: 'object', properties: { from: { enum: ['start', 'failed'] } } }),
        responses: {
          '202': {
            description: 'accepted',
            ...json({ type: 'object', properties: { executionId: { type: 'string' } } }),
          },
          '409': { description: 'from "failed" of an execution that did not fail or has no saved run state' },
        },
      },
    },
    '/healthz': { get: { security: [], summary: 'The process is up', responses: { '200': { description: 'ok' } } } },
    '/readyz': {
      get: {
        security: [],
        summary: 'Ready to take deliveries (flows loaded, workers up, database open)',
        responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } },
      },
    },
    '/metrics': {
      get: { security: [], summary: 'Prometheus metrics', responses: { '200': { description: 'metrics' } } },
    },
  },
} as const;
