/**
 * Apply to each: runs the part of the flow behind its `each` output once per item of a list
 * (an initial sync of users, the records a search returned, the messages of a transcript),
 * up to N items at a time, and goes on through `done` with what each item gave, as a list.
 *
 * On the canvas it is a node with two outputs, `each` (the body) and `done`; the body is
 * everything `each` leads to, drawn inside a frame, and it must be closed: nothing outside it
 * leads in, and it leads nowhere outside (docs/flow-file.md, "Apply to each", says why this form).
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { hasTemplate } from '../../core/expressions/parse-template.js';
import { applyToEachMessages } from './messages.js';

/** The output whose part of the flow runs per item. */
export const EACH_PORT = 'each';
/** The output taken after every item ran, with the results. */
export const DONE_PORT = 'done';
export const ERROR_PORT = 'error';

/** The most items one node goes through in a run, whatever its limit says: a payload must not make a million iterations. */
export const MAX_ITEMS = 10_000;
/** The most items running at once. */
export const MAX_CONCURRENCY = 20;

export const applyToEachConfigSchema = {
  type: 'object',
  title: 'Apply to each',
  additionalProperties: false,
  required: ['items', 'concurrency', 'maxItems', 'tooMany', 'onItemError'],
  properties: {
    items: {
      type: 'string',
      title: 'Items',
      description:
        'The list to go through, as a template: {{ trigger.body.users }}, {{ steps.getUsers.body.entities }}. Inside the loop, {{ item }} is the current item and {{ index }} its position (from 0).',
      'x-template': 'value',
    },
    concurrency: {
      type: 'integer',
      title: 'Items at a time',
      description: `How many items run at once (1 to ${MAX_CONCURRENCY}). 1 runs them one after the other, in the list's order.`,
      minimum: 1,
      maximum: MAX_CONCURRENCY,
    },
    maxItems: {
      type: 'integer',
      title: 'Item limit',
      description: `The most items this node goes through in one run (at most ${MAX_ITEMS.toLocaleString('en-US')}).`,
      minimum: 1,
      maximum: MAX_ITEMS,
    },
    tooMany: {
      type: 'string',
      title: 'When the list is longer than the limit',
      description: 'fail: the node fails and processes none; truncate: it processes the first items up to the limit.',
      enum: ['fail', 'truncate'],
    },
    onItemError: {
      type: 'string',
      title: 'When an item fails',
      description:
        'stop: start no more items and fail (through Error, when connected); skip: leave the item out of the results and go on; collect: leave it out, list it under errors, and go on.',
      enum: ['stop', 'skip', 'collect'],
    },
    result: {
      type: 'string',
      title: 'Result per item',
      description:
        'What to collect for each item, as a template over that item’s steps, e.g. {{ steps.upsert.body.id }}. Empty: the output of the last node that ran for the item.',
      'x-template': 'value',
      // Evaluated in each iteration's scope, after its body: body steps, item and index are there.
      'x-scope': 'body',
    },
  },
} as const;

/**
 * Config of an Apply to each node (v1).
 *
 * ```json
 * { "items": "{{ steps.getUsers.body.entities }}", "concurrency": 4, "maxItems": 1000,
 *   "tooMany": "fail", "onItemError": "collect", "result": "{{ steps.upsert.body.id }}" }
 * ```
 */
export type ApplyToEachConfig = ConfigOf<typeof applyToEachConfigSchema>;

addMessages(applyToEachMessages);

export const applyToEachManifest = defineManifest<ApplyToEachConfig>()({
  type: 'applyToEach',
  version: 1,
  category: 'logic',
  title: 'Apply to each',
  configSchema: applyToEachConfigSchema,
  defaults: { items: '', concurrency: 1, maxItems: 1000, tooMany: 'fail', onItemError: 'stop' },
  ports: [EACH_PORT, DONE_PORT, ERROR_PORT],
  errorPort: ERROR_PORT,
  bodyPort: EACH_PORT,
  // Its body may send requests; the loop is resumed as one node.
  sideEffects: true,
  credentialSlots: [],
  check: checkApplyToEach,
  trace: { showOutput: true },
});

/** Semantic checks the JSON Schema cannot express. */
export function checkApplyToEach(config: ApplyToEachConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  // Empty (a node just dropped) or plain text: the list comes from the run's data.
  if (typeof config.items !== 'string' || !hasTemplate(config.items)) {
    const code = 'applyToEach.items-not-template';
    issues.push({ pointer: '/items', code, params: {}, message: applyToEachMessages.en[code]() });
  }
  return issues;
}
