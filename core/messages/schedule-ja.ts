/** Japanese words for schedules (see schedule-en.ts); ja.ts spreads them in. */
import type { CronField } from '../schedule/cron-fields.js';
import type { scheduleMessagesEn } from './schedule-en.js';
import type { Words } from './words.js';

type ScheduleCatalogue = {
  [C in keyof typeof scheduleMessagesEn]: (
    params: Parameters<(typeof scheduleMessagesEn)[C]>[0],
    words: Words,
  ) => string;
};

const CRON_FIELD_WORDS_JA: Record<CronField, string> = {
  second: '秒',
  minute: '分',
  hour: '時',
  dayOfMonth: '日',
  month: '月',
  dayOfWeek: '曜日',
};

const UNIT_WORDS: Record<CronField, string> = {
  second: '秒',
  minute: '分',
  hour: '時',
  dayOfMonth: '日',
  month: '月',
  dayOfWeek: '曜日（0 と 7 は日曜日）',
};

const field = (f: CronField) => `${CRON_FIELD_WORDS_JA[f]}のフィールド`;

export const scheduleMessagesJa: ScheduleCatalogue = {
  'cron.empty': () => 'cron 式が空です。5 つのフィールド（分 時 日 月 曜日）を書いてください（例：0 2 * * 1-5）',
  'cron.field-count': (p) =>
    `cron 式のフィールドは 5 つ（分 時 日 月 曜日）か 6 つ（先頭が秒）ですが、この式には ${p.count} つあります`,
  'cron.alias': (p) =>
    `「${p.alias}」は cron の省略形ではありません。@yearly、@monthly、@weekly、@daily、@hourly、@weekdays、@weekends のいずれかを使うか、フィールドを書いてください`,
  'cron.empty-item': (p) =>
    `${field(p.part)}「${p.value}」の一覧に空の項目があります。値をカンマで区切って書いてください（例：1,15）`,
  'cron.not-a-value': (p) =>
    `${field(p.part)}の「${p.value}」は数値、範囲（1-5）、間隔（*/15）、一覧（1,15）のいずれでもありません`,
  'cron.out-of-range': (p) =>
    `${field(p.part)}の ${p.value} は範囲外です。${UNIT_WORDS[p.part]}は ${p.min} から ${p.max} までです`,
  'cron.backwards': (p) => `${field(p.part)}の範囲「${p.value}」が逆順です。小さい値を先に書いてください`,
  'cron.step': (p) => `${field(p.part)}の「${p.value}」：/ の後の間隔は 1 以上の整数にしてください（例：*/15）`,
  'cron.random': (p) =>
    `${field(p.part)}で H（ランダムな値）が使われています。プレビュー、テスト、サーバーで値が変わってしまうので、数値を書いてください`,
  'cron.special': (p) =>
    `${field(p.part)}の「${p.value}」：L は日のフィールドに単独で、または曜日の後（5L＝最終金曜日）に使えます。# は 曜日#1 から 曜日#5（1#1＝第 1 月曜日）の形でだけ使えます`,
  'cron.invalid': (p) => `cron 式を読めません：${p.detail}`,
  'schedule.time-zone': (p) =>
    `「${p.zone}」はタイムゾーン名ではありません。Asia/Tokyo、Europe/Berlin、America/New_York、UTC のような IANA の名前を書いてください`,
  'schedule.window-time': (p) =>
    `「この時間帯だけ」の${p.which === 'from' ? '開始' : '終了'}「${p.value}」は時刻ではありません。00:00 から 23:59 の HH:MM で書いてください`,
  'schedule.never': () => 'cron 式のどの実行時刻も「この時間帯だけ」の範囲に入らないため、このフローは実行されません',
  'schedule.fired-at': (p) =>
    `実行時刻「${p.value}」はタイムゾーン付きの ISO 8601 の日時ではありません（例：2026-04-01T02:00:00+09:00）`,
  'test-fired-at': (p, w) =>
    `${w.test(p.test)}: 実行時刻「${p.value}」はタイムゾーン付きの ISO 8601 の日時ではありません（例：2026-04-01T02:00:00+09:00）`,
  'test-fired-at-missing': (p, w) =>
    `${w.test(p.test)}: このフローはスケジュールで開始します。いつ実行しても同じ結果になるよう、実行時刻（trigger.firedAt、例：2026-04-01T02:00:00+09:00）を設定してください`,
  'test-fired-at-webhook': (p, w) =>
    `${w.test(p.test)}: 実行時刻がありますが、このフローは Webhook で開始します。代わりに本文を指定してください`,
};
