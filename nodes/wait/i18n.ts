/**
 * The Wait node's form in the UI languages, by config pointer: field titles, help under the
 * fields, enum option labels. English keeps the schema's words and names the choices plainly;
 * whatever is missing in a language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

export const waitFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/mode': { options: { delay: 'For a while', until: 'Until a date and time' } },
  },
  ja: {
    '/mode': {
      title: '待ち方',
      description:
        '一定時間: しばらく待ちます（例: 10分）。日時まで: 指定した日時まで待ちます（実行中のデータから取れます）。',
      options: { delay: '一定時間', until: '日時まで' },
    },
    '/delay': {
      title: '待つ時間',
      description:
        '数と単位で書きます。例: 30秒、10分、2時間、1時間30分（30 seconds、10 minutes のような英語も可）。最長 24 日です。',
    },
    '/until': {
      title: '待つ日時',
      description:
        'タイムゾーン付きの ISO-8601 の日時（例: 2026-12-07T14:30:00Z、2026-12-07T23:30:00+09:00）、またはそれを返す {{ テンプレート }}（エポックからのミリ秒も可）。過ぎた日時ならすぐに続行します。',
      help: 'タイムゾーン付きの ISO-8601（…Z や …+09:00）、またはエポックからのミリ秒です。',
    },
  },
};
