/**
 * Wait: holds the run for a while, or until a time, then goes on. Genesys analytics details are
 * often not there right after a call ends and recordings appear minutes later; a Wait before the
 * request gives them time. On a server a long wait holds no worker: the run is saved and resumed
 * when due (docs/resumable-runs.md, "Waits").
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { hasTemplate } from '../../core/expressions/parse-template.js';
import { formatDuration, MAX_WAIT_MS, parseDuration, parseWakeTime } from './duration.js';
import { waitMessage, waitMessages, type WaitMessageCode } from './messages.js';

export const waitConfigSchema = {
  type: 'object',
  title: 'Wait',
  additionalProperties: false,
  required: ['mode'],
  properties: {
    mode: {
      type: 'string',
      title: 'Wait',
      description: 'For a while (e.g. 10 minutes), or until a date and time, which may come from the run.',
      enum: ['delay', 'until'],
    },
    delay: {
      type: 'string',
      title: 'Wait for',
      description: 'How long: a number and a unit, e.g. 30 seconds, 10 minutes, 2 hours, 1 h 30 min. At most 24 days.',
      'x-template': 'none',
    },
    until: {
      type: 'string',
      title: 'Until',
      description:
        'A date and time in ISO-8601 with its zone, e.g. 2026-12-07T14:30:00Z, or a {{ template }} giving one (or epoch milliseconds). A time already past goes on at once.',
      'x-template': 'value',
    },
  },
} as const;

/**
 * Config of a Wait node (v1).
 *
 * ```json
 * { "mode": "delay", "delay": "10 minutes" }
 * { "mode": "until", "until": "{{ trigger.body.recordingReadyAt }}" }
 * ```
 */
export type WaitConfig = ConfigOf<typeof waitConfigSchema>;

addMessages(waitMessages);

export const waitManifest = defineManifest<WaitConfig>()({
  type: 'wait',
  version: 1,
  category: 'logic',
  title: 'Wait',
  configSchema: waitConfigSchema,
  defaults: { mode: 'delay', delay: '1 minute' },
  ports: ['out'],
  credentialSlots: [],
  // Time slept is not slept again when a run resumes after it.
  sideEffects: true,
  check: checkWait,
});

/** Semantic checks the JSON Schema cannot express: the duration's words, a fixed time's form, the longest wait. */
export function checkWait(config: WaitConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const say = <C extends WaitMessageCode>(
    pointer: string,
    code: C,
    params: Parameters<(typeof waitMessages)['en'][C]>[0],
  ) => {
    const m = waitMessage(code, params);
    issues.push({ pointer, code, params: m.params, message: m.message });
  };
  if (config.mode === 'until') {
    const until = typeof config.until === 'string' ? config.until.trim() : '';
    if (until === '') say('/until', 'wait.no-until', {});
    else if (!hasTemplate(until)) {
      const parsed = parseWakeTime(until);
      if ('problem' in parsed) say('/until', 'wait.bad-until', { text: until, problem: parsed.problem });
    }
    return issues;
  }
  const text = typeof config.delay === 'string' ? config.delay.trim() : '';
  if (text === '') {
    say('/delay', 'wait.no-delay', {});
    return issues;
  }
  const ms = parseDuration(text);
  if (ms === undefined) say('/delay', 'wait.bad-delay', { text });
  else if (ms === 0) say('/delay', 'wait.zero-delay', {});
  else if (ms > MAX_WAIT_MS) say('/delay', 'wait.too-long', { text, max: formatDuration(MAX_WAIT_MS) });
  return issues;
}
