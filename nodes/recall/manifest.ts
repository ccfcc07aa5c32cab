/**
 * Recall: reads what a Remember node stored under a key, in this run or an earlier one of the
 * same flow (the case a call's start opened, for the run handling its end). Found or Not found.
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { recallMessages } from './messages.js';

export const FOUND_PORT = 'found';
export const NOT_FOUND_PORT = 'notFound';
export const ERROR_PORT = 'error';

export const recallConfigSchema = {
  type: 'object',
  title: 'Recall',
  additionalProperties: false,
  required: ['key'],
  properties: {
    key: {
      type: 'string',
      title: 'Key',
      description:
        'The name a Remember node of this flow used, built the same way, e.g. task:{{ trigger.body.TaskSid }}.',
      'x-template': 'text',
    },
  },
} as const;

/**
 * Config of a Recall node (v1).
 *
 * ```json
 * { "key": "task:{{ trigger.body.TaskSid }}" }
 * ```
 */
export type RecallConfig = ConfigOf<typeof recallConfigSchema>;

addMessages(recallMessages);

export const recallManifest = defineManifest<RecallConfig>()({
  type: 'recall',
  version: 1,
  category: 'logic',
  title: 'Recall',
  configSchema: recallConfigSchema,
  defaults: { key: '' },
  ports: [FOUND_PORT, NOT_FOUND_PORT, ERROR_PORT],
  errorPort: ERROR_PORT,
  credentialSlots: [],
  trace: { showOutput: true },
  usesState: true,
  check(config): NodeConfigIssue[] {
    if (typeof config.key === 'string' && config.key.trim() !== '') return [];
    return [{ pointer: '/key', code: 'recall.key-required', message: recallMessages.en['recall.key-required']() }];
  },
});
