/**
 * Widgets of schedule settings (a field hint's `cron` and `timeZone`): a cron expression typed
 * as text with the next five firings under it, and a pick of the IANA time zones this browser
 * knows. The firings come from core/schedule — cron-parser, the parser the server and BullMQ
 * use — over the schedule the node's manifest reads from its config (`scheduleOf`), so the
 * preview shows what the server will do.
 */
import { useMemo } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { nextFirings, type TriggerSchedule } from '../../core/schedule/schedule.js';
import { useLocale } from '../i18n/index.js';
import { inspectorContext } from './form-context.js';

const PREVIEW_COUNT = 5;

/** The firings as the admin reads them: weekday, date and time in the schedule's zone. */
function formatFiring(ms: number, schedule: TriggerSchedule, locale: string, seconds: boolean): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: schedule.timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(ms);
}

export function CronWidget(props: WidgetProps) {
  const ctx = inspectorContext(props.registry.formContext);
  const locale = useLocale();
  const schedule = ctx.schedule;
  // Recomputed when the schedule changes, not on every render (each firing parses in the zone).
  const firings = useMemo(() => (schedule ? nextFirings(schedule, Date.now(), PREVIEW_COUNT) : []), [schedule]);
  const seconds = schedule ? schedule.cron.trim().split(/\s+/).length === 6 || schedule.cron === '@secondly' : false;
  const listId = `${props.id}__next`;
  return (
    <>
      <input
        id={props.id}
        type="text"
        className="fd-input fd-mono"
        value={typeof props.value === 'string' ? props.value : ''}
        placeholder={props.placeholder}
        disabled={props.disabled || props.readonly}
        aria-describedby={listId}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={() => props.onBlur(props.id, props.value)}
        onFocus={() => props.onFocus(props.id, props.value)}
      />
      <div className="fd-next-runs" id={listId} data-testid="schedule-next-runs" role="status">
        {schedule ? (
          <>
            <div className="fd-label">{ctx.t('schedule.nextRuns', { zone: schedule.timeZone })}</div>
            {firings.length === 0 ? (
              <p className="fd-muted">{ctx.t('schedule.nextRunsNone')}</p>
            ) : (
              <ol>
                {firings.map((ms) => (
                  <li key={ms}>
                    <time dateTime={new Date(ms).toISOString()}>{formatFiring(ms, schedule, locale, seconds)}</time>
                  </li>
                ))}
              </ol>
            )}
          </>
        ) : (
          <p className="fd-muted">{ctx.t('schedule.nextRunsFix')}</p>
        )}
      </div>
    </>
  );
}

let zones: string[] | undefined;

/** UTC, then every zone this browser's Intl knows, by name. */
function knownZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

export function TimeZoneWidget(props: WidgetProps) {
  const ctx = inspectorContext(props.registry.formContext);
  const value = typeof props.value === 'string' ? props.value : '';
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = knownZones();
  // A zone typed into the file that this browser does not list still shows (its error says why).
  const options = value !== '' && !all.includes(value) ? [value, ...all] : all;
  return (
    <select
      id={props.id}
      className="fd-input"
      value={value}
      disabled={props.disabled || props.readonly}
      onChange={(e) => props.onChange(e.target.value)}
      onBlur={() => props.onBlur(props.id, props.value)}
      onFocus={() => props.onFocus(props.id, props.value)}
    >
      {local && all.includes(local) && <option value={local}>{ctx.t('schedule.zoneLocal', { zone: local })}</option>}
      {options
        .filter((zone) => zone !== local)
        .map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
    </select>
  );
}
