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
      description: 'What a Respond to webhook node answered: status exactly, headers and body partially.',
    },
    state: {
      type: 'object',
      description: 'Partial match against the state store after the run (Remember / Recall); null: nothing kept.',
    },
  },
} as const;

/** A test case's state store before the run: key → value (Remember / Recall). */
export const stateSeedSchema = {
  type: 'object',
  description: 'What earlier runs of the flow remembered, key → value, e.g. {"task:WT123": 35436}.',
  propertyNames: { minLength: 1, maxLength: 512 },
} as const;
