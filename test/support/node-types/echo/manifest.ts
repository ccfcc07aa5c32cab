/**
 * Echo: a test-only node type that follows docs/adding-a-node-type.md step by step. It puts
 * a templated text into its output (`steps.<name>.text`) and into `vars.echo`.
 */
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../../../core/node-type.js';

export const echoConfigSchema = {
  type: 'object',
  title: 'Echo',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: {
      type: 'string',
      title: 'Text',
      description: 'What to echo; may hold {{ }} templates.',
      'x-template': 'text',
    },
  },
} as const;

/** Derived from the schema: a schema change the executor does not follow fails type-checking. */
export type EchoConfig = ConfigOf<typeof echoConfigSchema>;

export const echoManifest = defineManifest<EchoConfig>()({
  type: 'testEcho',
  version: 1,
  category: 'logic',
  title: 'Echo',
  configSchema: echoConfigSchema,
  defaults: { text: 'hello' },
  ports: ['out'],
  credentialSlots: [],
  varsOut: () => ['echo'],
  trace: { showOutput: true },
  check(config): NodeConfigIssue[] {
    return typeof config.text === 'string' && config.text.trim() === ''
      ? [{ pointer: '/text', message: 'Text is required' }]
      : [];
  },
});
