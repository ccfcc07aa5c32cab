/**
 * The Schedule trigger's form in the UI languages, by config pointer: field titles, help under
 * the fields. English keeps the schema's words.
 */
import type { FieldText } from '../../core/node-type.js';

export const scheduleTriggerFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {},
  ja: {
    '/cron': {
      title: 'cron 式',
      description:
        '実行するタイミング：分 時 日 月 曜日（先頭に秒のフィールドを足すこともできます）。例：0 2 * * 1-5 は平日の毎日 02:00。省略形：@daily、@hourly、@weekdays など。',
    },
    '/timeZone': {
      title: 'タイムゾーン',
      description: 'cron 式を読むときの IANA タイムゾーン（例：Asia/Tokyo）。夏時間にも従います。',
    },
    '/onlyBetween': {
      title: 'この時間帯だけ',
      description:
        '任意：この範囲（両端を含む現地時刻）の実行時刻だけ実行します。開始が終了より後なら日付をまたぎます。',
    },
    '/onlyBetween/from': { title: '開始', description: 'HH:MM（例：08:00）' },
    '/onlyBetween/to': { title: '終了', description: 'HH:MM（例：18:00）' },
  },
};
