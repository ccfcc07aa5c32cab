/**
 * "Forget after": how long a remembered key lives, as the Remember node's form asks for it (an
 * amount and a unit rather than milliseconds), and the milliseconds the state store takes.
 */
import { STATE_TTL_MAX_MS } from '../../../core/state-store.js';

export const FORGET_UNITS = ['minutes', 'hours', 'days'] as const;
export type ForgetUnit = (typeof FORGET_UNITS)[number];

const UNIT_MS: Record<ForgetUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The longest "forget after", in each unit (the store's ten years). */
export const FORGET_MAX: Record<ForgetUnit, number> = {
  minutes: Math.floor(STATE_TTL_MAX_MS / UNIT_MS.minutes),
  hours: Math.floor(STATE_TTL_MAX_MS / UNIT_MS.hours),
  days: Math.floor(STATE_TTL_MAX_MS / UNIT_MS.days),
};

export const forgetAfterSchema = {
  type: 'integer',
  title: 'Forget after',
  description:
    'How long the key is kept, counted from now, in the unit below; 0 keeps it until a Remember node deletes it. Keys a flow no longer needs should go: 7 days is plenty for a call or a task.',
  minimum: 0,
} as const;

export const forgetUnitSchema = {
  type: 'string',
  title: 'Unit',
  description: 'The unit of Forget after.',
  enum: FORGET_UNITS,
} as const;

function unitOf(unit: unknown): ForgetUnit {
  return typeof unit === 'string' && (FORGET_UNITS as readonly string[]).includes(unit) ? (unit as ForgetUnit) : 'days';
}

/** The store's TTL for a config's amount and unit; undefined keeps the key until deleted. */
export function forgetAfterMs(amount: unknown, unit: unknown): number | undefined {
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return undefined;
  return amount * UNIT_MS[unitOf(unit)];
}

/** True when the amount is more than the store keeps anything for. */
export function forgetAfterTooLong(amount: unknown, unit: unknown): boolean {
  return typeof amount === 'number' && amount > FORGET_MAX[unitOf(unit)];
}
