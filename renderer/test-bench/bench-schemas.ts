/**
 * JSON Schemas the test bench's JSON editors validate against (squiggles and completion in
 * Monaco), mirroring `RecordedResponse` and `TestExpectations` in core/flow.ts.
 */
const headers = { type: 'object', additionalProperties: { type: 'string' } };

export const recordedResponsesSchema = {
  type: 'array',
  description: 'Responses answered in order; the last one repeats.',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'integer', minimum: 100, maximum: 599, description: 'HTTP status, 200 when absent.' },
      headers,
      body: { description: 'The response body (JSON).' },
      bodyFile: { type: 'string', description: 'A JSON file, relative to the flow file, used as the body.' },
      simulate: { enum: ['timeout', 'networkError'], description: 'Fail instead of answering.' },
    },
  },
} as const;

export const expectationsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    outcome: { enum: ['success', 'failed'], description: 'How the run ends (success when absent).' },
    path: {
      type: 'array',
      items: { type: 'string' },
      description: 'Node names in the order they ran, trigger included.',
    },
    notVisited: { type: 'array', items: { type: 'string' }, description: 'Node names that must not run.' },
    steps: { type: 'object', description: 'Partial match against steps.<name> outputs.' },
    vars: { type: 'object', description: 'Partial match against vars at the end of the run.' },
    requests: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['node'],
        properties: {
          node: { type: 'string' },
          method: { type: 'string' },
          url: { type: 'string' },
          headers,
          body: {},
          count: { type: 'integer', minimum: 0 },
        },
      },
    },
    error: { type: 'string', description: 'Text the run error must contain (outcome failed).' },
    response: {
      type: 'object',
      additionalProperties: false,
      description: 'What a Respond to webhook node answered: status exactly, headers and body partially.',
      properties: { status: { type: 'integer', minimum: 100, maximum: 599 }, headers, body: {} },
    },
    state: {
      type: 'object',
      description: 'Partial match against the state store after the run (Remember / Recall); null: nothing kept.',
    },
    iterations: {
      type: 'object',
      description: 'Per Apply to each node (by name): what it ran per item.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          count: { type: 'integer', minimum: 0, description: 'How many items ran.' },
          failed: { type: 'integer', minimum: 0, description: 'How many of them failed.' },
          items: {
            type: 'object',
            description: 'Per item index ("0", "3"): the path through the loop, outputs, outcome, error.',
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              properties: {
                outcome: { enum: ['success', 'failed'] },
                path: { type: 'array', items: { type: 'string' } },
                steps: { type: 'object' },
                error: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** A test case's state store before the run: key → value (Remember / Recall). */
export const stateSeedSchema = {
  type: 'object',
  description: 'What earlier runs of the flow remembered, key → value, e.g. {"task:WT123": 35436}.',
  propertyNames: { minLength: 1, maxLength: 512 },
} as const;
