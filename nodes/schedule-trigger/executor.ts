/**
 * Runtime half of the Schedule trigger. The host starts the run with the firing in
 * `trigger.body` (`{ firedAt, scheduledFor }`: the scheduler's tick, `flowdesk run --at`, a test
 * case's pinned `firedAt`); the node adds the local time in the trigger's zone, so templates can
 * use either (`{{ trigger.body.local.date }}` for "yesterday's calls" in Tokyo). A run started
 * without a firing (the designer's plain run) fires now, by the run's clock.
 */
import { NodeError, type NodeExecutor, type NodeResult } from '../../core/node-type.js';
import { message } from '../../core/messages/make.js';
import { localParts, parseInstant } from '../../core/schedule/schedule.js';
import { isRecord } from '../node-kit.js';
import { scheduleTriggerManifest, type ScheduleTriggerConfig } from './manifest.js';

/** What the trigger gives the run (`trigger.body` and `steps.<trigger>`). */
export interface ScheduleFiring {
  firedAt: string;
  scheduledFor: string;
  timeZone: string;
  cron: string;
  /** The tick in the trigger's zone: `date` YYYY-MM-DD, `time` HH:MM:SS, `weekday` 0 (Sunday)–6. */
  local: { date: string; time: string; weekday: number };
}

const two = (n: number) => String(n).padStart(2, '0');

function instantOf(body: Record<string, unknown>, key: 'firedAt' | 'scheduledFor'): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const ms = parseInstant(value);
  if (ms === undefined) {
    const m = message('schedule.fired-at', { value: String(value) });
    throw new NodeError(m.message, 'schedule-fired-at', undefined, { detail: m });
  }
  return ms;
}

export const scheduleTriggerExecutor: NodeExecutor<ScheduleTriggerConfig> = {
  type: scheduleTriggerManifest.type,
  prepare(node) {
    const { cron, timeZone } = node.config;
    return {
      async run(ctx): Promise<NodeResult> {
        const body = isRecord(ctx.scope.trigger.body) ? ctx.scope.trigger.body : {};
        const firedAt = instantOf(body, 'firedAt') ?? ctx.now();
        const scheduledFor = instantOf(body, 'scheduledFor') ?? firedAt;
        const local = localParts(scheduledFor, timeZone);
        const firing: ScheduleFiring = {
          firedAt: new Date(firedAt).toISOString(),
          scheduledFor: new Date(scheduledFor).toISOString(),
          timeZone,
          cron,
          local: {
            date: `${local.year}-${two(local.month)}-${two(local.day)}`,
            time: `${two(local.hour)}:${two(local.minute)}:${two(local.second)}`,
            weekday: local.weekday,
          },
        };
        return { port: 'out', output: firing, triggerBody: firing };
      },
    };
  },
};
