/**
 * The Web Service node's "Retry until ready" setting: its JSON Schema and defaults (declarative
 * half, loaded everywhere); retry-until.ts runs it.
 */
import { ruleSchema } from '../shared/rule-builder/rules.js';

export const DEFAULT_RETRY_EVERY_SECONDS = 10;
export const DEFAULT_RETRY_ATTEMPTS = 5;

export const retryUntilSchema = {
  type: 'object',
  title: 'Retry until ready',
  description:
    'Calls again, every few seconds, while the answer is not ready yet: on the statuses listed (404 right after a Genesys call ends) and/or until the "ready when" rules about the response hold. After the last attempt the node takes its error port.',
  additionalProperties: false,
  properties: {
    statuses: {
      type: 'array',
      title: 'Again on status',
      description: 'Statuses that mean "not ready yet", e.g. 404 or 202.',
      items: { type: 'integer', minimum: 100, maximum: 599 },
      uniqueItems: true,
    },
    combinator: {
      type: 'string',
      title: 'Ready when',
      description: 'all: every rule must hold; any: one is enough.',
      enum: ['all', 'any'],
    },
    rules: {
      type: 'array',
      title: 'Ready when these hold',
      description:
        'Rules about the attempt’s response: response.status, response.body.…, response.fields.… (the mapped fields), e.g. response.body.state equals available.',
      items: ruleSchema,
    },
    everySeconds: {
      type: 'number',
      title: 'Every (seconds)',
      description: `Seconds between attempts (default ${DEFAULT_RETRY_EVERY_SECONDS}). The attempts count in the run's time limit: for a long wait put a Wait node before the call.`,
      minimum: 1,
      maximum: 300,
    },
    maxAttempts: {
      type: 'integer',
      title: 'At most (attempts)',
      description: `Calls in all, the first one included (default ${DEFAULT_RETRY_ATTEMPTS}).`,
      minimum: 2,
      maximum: 20,
    },
  },
} as const;

/** True when the setting asks for anything: a status to retry on or a rule. */
export function retryUntilActive(
  config: { statuses?: readonly unknown[]; rules?: readonly unknown[] } | undefined,
): boolean {
  return (config?.statuses?.length ?? 0) > 0 || (config?.rules?.length ?? 0) > 0;
}
