/** Renderer half of the Schedule trigger: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { isRecord } from '../node-kit.js';
import { describeCron } from './describe.js';
import { scheduleTriggerFieldTexts } from './i18n.js';
import { scheduleTriggerManifest } from './manifest.js';

/** `trigger.body` of a firing, for template suggestions. */
const FIRING_BODY_SCHEMA = {
  type: 'object',
  properties: {
    firedAt: { type: 'string', format: 'date-time' },
    scheduledFor: { type: 'string', format: 'date-time' },
    timeZone: { type: 'string' },
    cron: { type: 'string' },
    local: {
      type: 'object',
      properties: { date: { type: 'string' }, time: { type: 'string' }, weekday: { type: 'integer' } },
    },
  },
};

const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS_JA = ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'];

export const scheduleTriggerEditor: NodeEditorInfo = {
  type: scheduleTriggerManifest.type,
  icon: [{ circle: [12, 12, 8.5] }, { d: 'M12 7v5l3.5 2' }],
  color: '#2a7f9d',
  title: { en: 'Schedule', ja: 'スケジュール' },
  description: {
    en: 'Starts the flow on a schedule (cron in a time zone): nightly syncs, hourly reconciliations.',
    ja: 'スケジュール（タイムゾーン付きの cron）でフローを開始します。夜間の同期や毎時の突き合わせに使います。',
  },
  portLabels: { out: { en: 'Fired', ja: '実行' } },
  uiSchema: {
    'ui:order': ['cron', 'timeZone', 'onlyBetween'],
    onlyBetween: { 'ui:order': ['from', 'to'] },
  },
  fields: [
    // The schema's description already says the fields and gives examples.
    { pointer: '/cron', widget: 'cron', placeholder: '0 2 * * 1-5' },
    { pointer: '/timeZone', widget: 'timeZone' },
    { pointer: '/onlyBetween/from', placeholder: '08:00' },
    { pointer: '/onlyBetween/to', placeholder: '18:00' },
  ],
  help: {
    en: [
      'Starts the flow on a schedule instead of a webhook: an initial sync every night, a reconciliation every hour.',
      '',
      '- **Cron expression**: five fields — minute, hour, day of month, month, day of week — or six with seconds first. `0 2 * * 1-5` runs every weekday at 02:00; `*/15 * * * *` every 15 minutes; `0 9 1 * *` on the first of each month at 09:00. Shorthands: `@daily`, `@hourly`, `@weekdays`, `@weekends`, `@weekly`, `@monthly`.',
      '- **Time zone**: the cron is read in this IANA zone (`Asia/Tokyo`, `Europe/Berlin`); daylight saving is followed.',
      '- **Only between** (optional): ticks outside these local times are skipped, e.g. every 15 minutes between 08:00 and 18:00.',
      '- **Next runs** shows the next five firings in the chosen zone, computed by the same parser the server uses.',
      '- The run gets the firing in `trigger.body`: `firedAt` and `scheduledFor` (ISO, UTC), and `local.date`, `local.time`, `local.weekday` in the zone.',
      '- **Run now** in the test bench (and `flowdesk run <flow> [--at <time>]`) fires it once. Test cases pin the firing time (`firedAt`), so they give the same result whenever they run.',
      '- On `flowdesk serve` it fires on schedule, each firing an execution in the history; with `--queue`, exactly one server fires each tick.',
    ].join('\n'),
    ja: [
      'Webhook の代わりにスケジュールでフローを開始します。毎晩の初期同期や毎時の突き合わせなどに使います。',
      '',
      '- **cron 式**：分、時、日、月、曜日の 5 つのフィールド（先頭に秒を足して 6 つも可）。`0 2 * * 1-5` は平日の毎日 02:00、`*/15 * * * *` は 15 分ごと、`0 9 1 * *` は毎月 1 日の 09:00。省略形：`@daily`、`@hourly`、`@weekdays`、`@weekends`、`@weekly`、`@monthly`。',
      '- **タイムゾーン**：cron 式はこの IANA タイムゾーン（`Asia/Tokyo`、`Europe/Berlin`）で読みます。夏時間にも従います。',
      '- **この時間帯だけ**（任意）：この現地時刻の範囲外の実行時刻は飛ばします。例：08:00 から 18:00 の間だけ 15 分ごと。',
      '- **次の実行** には、選んだタイムゾーンでの次の 5 回の実行時刻を、サーバーと同じパーサーで計算して表示します。',
      '- 実行には `trigger.body` に実行時刻が入ります：`firedAt` と `scheduledFor`（ISO、UTC）、タイムゾーンでの `local.date`、`local.time`、`local.weekday`。',
      '- テストベンチの **今すぐ実行**（と `flowdesk run <flow> [--at <日時>]`）で 1 回実行します。テストケースは実行時刻（`firedAt`）を固定するので、いつ実行しても同じ結果になります。',
      '- `flowdesk serve` ではスケジュールどおりに実行し、実行ごとに履歴に残ります。`--queue` では各時刻に 1 台のサーバーだけが実行します。',
    ].join('\n'),
  },
  fieldTexts: scheduleTriggerFieldTexts,
  texts: {
    en: {
      everySecond: 'Every second',
      everyNSeconds: 'Every {n} seconds',
      everyMinute: 'Every minute',
      everyNMinutes: 'Every {n} minutes',
      everyHour: 'Every hour at minute {minute}',
      daily: 'Every day at {time}',
      weekdays: 'Every weekday at {time}',
      weekends: 'Every Saturday and Sunday at {time}',
      weekly: 'Every {days} at {time}',
      monthly: 'Monthly on day {day} at {time}',
      zone: '{when} {zone}',
      between: '{when}, {from}–{to}',
      ...Object.fromEntries(WEEKDAYS_EN.map((d, i) => [`day${i}`, d])),
    },
    ja: {
      everySecond: '毎秒',
      everyNSeconds: '{n} 秒ごと',
      everyMinute: '毎分',
      everyNMinutes: '{n} 分ごと',
      everyHour: '毎時 {minute} 分',
      daily: '毎日 {time}',
      weekdays: '平日 {time}',
      weekends: '毎週土曜日・日曜日 {time}',
      weekly: '毎週{days} {time}',
      monthly: '毎月 {day} 日 {time}',
      zone: '{when}（{zone}）',
      between: '{when}、{from}〜{to}',
      ...Object.fromEntries(WEEKDAYS_JA.map((d, i) => [`day${i}`, d])),
    },
  },
  summary(config, words) {
    const cron = typeof config.cron === 'string' ? config.cron.trim() : '';
    if (cron === '') return '';
    let when = describeCron(cron, words) ?? cron;
    const window = config.onlyBetween;
    if (isRecord(window) && typeof window.from === 'string' && typeof window.to === 'string')
      when = words.text('between', { when, from: window.from, to: window.to });
    const zone = typeof config.timeZone === 'string' ? config.timeZone : '';
    return zone ? words.text('zone', { when, zone }) : when;
  },
  bodySchema: () => FIRING_BODY_SCHEMA,
  outputShape: () => ({
    kind: 'object',
    fields: {
      firedAt: { kind: 'string', detail: 'when the run was started (ISO 8601, UTC)' },
      scheduledFor: { kind: 'string', detail: 'the tick it was started for (ISO 8601, UTC)' },
      timeZone: { kind: 'string' },
      cron: { kind: 'string' },
      local: {
        kind: 'object',
        detail: 'the tick in the trigger’s time zone',
        fields: {
          date: { kind: 'string', detail: 'YYYY-MM-DD' },
          time: { kind: 'string', detail: 'HH:MM:SS' },
          weekday: { kind: 'number', detail: '0 (Sunday) to 6' },
        },
      },
    },
  }),
};
