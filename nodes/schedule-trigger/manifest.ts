/**
 * Schedule trigger: starts the flow on a cron schedule in an IANA time zone (an initial sync
 * every night, a reconciliation every hour), optionally only between two times of day. The run's
 * `trigger.body` holds the firing time (`firedAt`, `scheduledFor`). Hosts read the schedule
 * through `scheduleOf` — never this type's id — and compute firings with core/schedule, the
 * parser BullMQ uses too.
 */
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { message } from '../../core/messages/make.js';
import { cronProblem, minutesOfDay, timeZoneProblem, windowNeverMatches } from '../../core/schedule/schedule.js';
import type { TriggerSchedule } from '../../core/schedule/schedule.js';
import { isRecord } from '../node-kit.js';

export const scheduleTriggerConfigSchema = {
  type: 'object',
  title: 'Schedule',
  additionalProperties: false,
  required: ['cron', 'timeZone'],
  properties: {
    cron: {
      type: 'string',
      title: 'Cron expression',
      description:
        'When the flow runs: minute hour day-of-month month day-of-week (a sixth field in front for seconds), e.g. 0 2 * * 1-5 for every weekday at 02:00. Shorthands: @daily, @hourly, @weekdays…',
      maxLength: 200,
      'x-template': 'none',
    },
    timeZone: {
      type: 'string',
      title: 'Time zone',
      description: 'The IANA time zone the cron expression is read in, e.g. Asia/Tokyo; daylight saving is followed.',
      maxLength: 64,
      'x-template': 'none',
    },
    onlyBetween: {
      type: 'object',
      title: 'Only between',
      description:
        'Optional: run only at ticks between these local times of day (both included); a start after the end spans midnight.',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: {
        from: { type: 'string', title: 'From', description: 'HH:MM, e.g. 08:00', maxLength: 5, 'x-template': 'none' },
        to: { type: 'string', title: 'To', description: 'HH:MM, e.g. 18:00', maxLength: 5, 'x-template': 'none' },
      },
    },
  },
} as const;

/**
 * Config of a Schedule trigger (v1).
 *
 * ```json
 * { "cron": "0 2 * * 1-5", "timeZone": "Asia/Tokyo" }
 * ```
 */
export type ScheduleTriggerConfig = ConfigOf<typeof scheduleTriggerConfigSchema>;

export const scheduleTriggerManifest = defineManifest<ScheduleTriggerConfig>()({
  type: 'scheduleTrigger',
  version: 1,
  category: 'trigger',
  title: 'Schedule',
  triggerKind: 'schedule',
  configSchema: scheduleTriggerConfigSchema,
  defaults: { cron: '0 2 * * 1-5', timeZone: 'UTC' },
  ports: ['out'],
  credentialSlots: [],
  check: checkScheduleTrigger,
  scheduleOf: scheduleOfConfig,
  // The CLI's trace shows which tick ran (the test bench shows every step's output).
  trace: { showOutput: true },
});

/** The schedule a config describes, when it can run (every part reads); undefined otherwise. */
export function scheduleOfConfig(config: ScheduleTriggerConfig): TriggerSchedule | undefined {
  if (!isRecord(config) || typeof config.cron !== 'string' || typeof config.timeZone !== 'string') return undefined;
  if (cronProblem(config.cron) || timeZoneProblem(config.timeZone)) return undefined;
  const window = config.onlyBetween;
  if (window && (minutesOfDay(window.from) === undefined || minutesOfDay(window.to) === undefined)) return undefined;
  return {
    cron: config.cron.trim(),
    timeZone: config.timeZone,
    ...(window ? { onlyBetween: { from: window.from, to: window.to } } : {}),
  };
}

/** Semantic checks the JSON Schema cannot express: the cron expression, the zone, the window. */
export function checkScheduleTrigger(config: ScheduleTriggerConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  if (typeof config.cron === 'string') {
    const problem = cronProblem(config.cron);
    if (problem) issues.push({ pointer: '/cron', ...message(problem.code, problem.params as never) });
  }
  if (typeof config.timeZone === 'string') {
    const problem = timeZoneProblem(config.timeZone);
    if (problem) issues.push({ pointer: '/timeZone', ...message('schedule.time-zone', { zone: config.timeZone }) });
  }
  const window = config.onlyBetween;
  if (isRecord(window)) {
    for (const which of ['from', 'to'] as const) {
      const value = window[which];
      if (typeof value === 'string' && minutesOfDay(value) === undefined)
        issues.push({ pointer: `/onlyBetween/${which}`, ...message('schedule.window-time', { which, value }) });
    }
  }
  if (issues.length === 0 && window) {
    const schedule = scheduleOfConfig(config);
    if (schedule && windowNeverMatches(schedule))
      issues.push({ pointer: '/onlyBetween', ...message('schedule.never', {}) });
  }
  return issues;
}
