/**
 * Words of the Schedule trigger's widgets (the cron field's "next runs", the time-zone pick) and
 * the test bench's "Run now" and firing time, in English and Japanese (same keys in both).
 */
const en = {
  'schedule.nextRuns': 'Next runs ({zone})',
  'schedule.nextRunsNone': 'No run: no tick of this schedule falls in the chosen times.',
  'schedule.nextRunsFix': 'Next runs appear here once the schedule reads.',
  'schedule.zoneLocal': '{zone} (this computer)',
  'tb.runNow': 'Run now',
  'tb.runNowTip': 'Fire the scheduled flow once, now (the firing time is this moment)',
  'tb.firedAt': 'Firing time',
  'tb.firedAtHelp':
    'The time this case runs at, ISO 8601 with a zone, e.g. 2026-04-01T02:00:00+09:00: the flow sees it as trigger.body.firedAt whenever the test runs.',
  'tb.firedAtNotValid': 'Not a date and time with a zone yet, e.g. 2026-04-01T02:00:00+09:00.',
};

const ja: Record<keyof typeof en, string> = {
  'schedule.nextRuns': '次の実行（{zone}）',
  'schedule.nextRunsNone': '実行されません。このスケジュールのどの時刻も指定した時間帯に入りません。',
  'schedule.nextRunsFix': 'スケジュールを正しく読めると、ここに次の実行が表示されます。',
  'schedule.zoneLocal': '{zone}（このコンピューター）',
  'tb.runNow': '今すぐ実行',
  'tb.runNowTip': 'スケジュールのフローを今すぐ 1 回実行します（実行時刻は今）',
  'tb.firedAt': '実行時刻',
  'tb.firedAtHelp':
    'このケースを実行する時刻です。タイムゾーン付きの ISO 8601（例：2026-04-01T02:00:00+09:00）。テストをいつ実行しても、フローには trigger.body.firedAt としてこの時刻が渡ります。',
  'tb.firedAtNotValid': 'まだタイムゾーン付きの日時ではありません（例：2026-04-01T02:00:00+09:00）。',
};

export default { en, ja };
