/**
 * Remember: writes to the flow's state store, the keys that outlive a run (set, set only if
 * not yet remembered, increase a counter, delete). With Recall, the run for a call's end finds
 * the case the run for its start opened. "Set if not yet remembered" is atomic on every store,
 * and takes the Already remembered port when another run was first: two events racing for the
 * same call open one case.
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { unusedSetting } from '../node-kit.js';
import {
  FORGET_MAX,
  forgetAfterSchema,
  forgetAfterTooLong,
  forgetUnitSchema,
  type ForgetUnit,
} from '../shared/state/forget-after.js';
import { rememberMessages } from './messages.js';

/** Taken after the write; with set-if-absent, only when this run was first. */
export const DONE_PORT = 'done';
/** Set-if-absent only: another run remembered the key first. */
export const ALREADY_PORT = 'already';
export const ERROR_PORT = 'error';

export const REMEMBER_OPERATIONS = ['set', 'setIfAbsent', 'increment', 'delete'] as const;

export const rememberConfigSchema = {
  type: 'object',
  title: 'Remember',
  additionalProperties: false,
  required: ['operation', 'key'],
  properties: {
    operation: {
      type: 'string',
      title: 'Operation',
      description:
        'What to do with the key: remember the value, replacing what was there; remember it only if nothing is remembered under the key yet (a run that comes second takes Already remembered); add to a whole number; or forget the key.',
      enum: REMEMBER_OPERATIONS,
    },
    key: {
      type: 'string',
      title: 'Key',
      description:
        'The name it is remembered under, usually built from the event, e.g. task:{{ trigger.body.TaskSid }}. Keys are this flow’s own: another flow cannot read them.',
      'x-template': 'text',
    },
    value: {
      type: 'string',
      title: 'Value',
      description:
        'What is remembered, e.g. {{ steps.createTicket.id }}. A value that is exactly one {{ }} keeps its type (a number stays a number, an object an object); other text is remembered as text.',
      'x-template': 'value',
    },
    by: {
      type: 'integer',
      title: 'Increase by',
      description: 'For increment: the whole number to add (negative to decrease). A key holding nothing starts at 0.',
    },
    forgetAfter: forgetAfterSchema,
    forgetUnit: forgetUnitSchema,
  },
  allOf: [
    {
      if: { required: ['operation'], properties: { operation: { enum: ['set', 'setIfAbsent'] } } },
      else: { properties: { value: unusedSetting } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'increment' } } },
      else: { properties: { by: unusedSetting } },
    },
    {
      if: { required: ['operation'], properties: { operation: { const: 'delete' } } },
      then: { properties: { forgetAfter: unusedSetting, forgetUnit: unusedSetting } },
    },
  ],
} as const;

/**
 * Config of a Remember node (v1). Derived from the schema without `allOf`, whose branches only
 * say which settings apply to which operation (form annotations).
 *
 * ```json
 * { "operation": "setIfAbsent", "key": "task:{{ trigger.body.TaskSid }}",
 *   "value": "{{ trigger.body.TaskSid }}", "forgetAfter": 7, "forgetUnit": "days" }
 * ```
 */
export type RememberConfig = ConfigOf<Omit<typeof rememberConfigSchema, 'allOf'>>;

addMessages(rememberMessages);

export const rememberManifest = defineManifest<RememberConfig>()({
  type: 'remember',
  version: 1,
  category: 'logic',
  title: 'Remember',
  configSchema: rememberConfigSchema,
  defaults: { operation: 'set', key: '', value: '', forgetAfter: 7, forgetUnit: 'days' },
  ports: [DONE_PORT, ERROR_PORT],
  portsFor: (config) =>
    config.operation === 'setIfAbsent' ? [DONE_PORT, ALREADY_PORT, ERROR_PORT] : [DONE_PORT, ERROR_PORT],
  errorPort: ERROR_PORT,
  credentialSlots: [],
  trace: { showOutput: true },
  usesState: true,
  sideEffects: true,
  check: checkRemember,
});

export function checkRemember(config: RememberConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const say = (
    pointer: string,
    code: keyof (typeof rememberMessages)['en'],
    params: { max: number; unit: string } | Record<string, never> = {},
  ) => issues.push({ pointer, code, params, message: rememberMessages.en[code](params as never) });
  if (typeof config.key !== 'string' || config.key.trim() === '') say('/key', 'remember.key-required');
  const writes = config.operation === 'set' || config.operation === 'setIfAbsent';
  if (writes && (typeof config.value !== 'string' || config.value.trim() === '')) {
    say('/value', 'remember.value-required');
  }
  if (config.operation !== 'delete' && forgetAfterTooLong(config.forgetAfter, config.forgetUnit)) {
    const unit: ForgetUnit = config.forgetUnit ?? 'days';
    say('/forgetAfter', 'remember.forget-too-long', { max: FORGET_MAX[unit], unit });
  }
  return issues;
}
