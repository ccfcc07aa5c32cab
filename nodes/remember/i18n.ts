/**
 * The Remember node's form in the UI languages, by config pointer: field titles, help under the
 * fields, enum option labels. English keeps the schema's words and names the options plainly.
 */
import type { FieldText } from '../../core/node-type.js';

export const rememberFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/operation': {
      options: {
        set: 'Remember the value',
        setIfAbsent: 'Remember only if not yet remembered (first run wins)',
        increment: 'Increase a counter',
        delete: 'Forget the key',
      },
    },
    '/forgetUnit': { options: { minutes: 'minutes', hours: 'hours', days: 'days' } },
  },
  ja: {
    '/operation': {
      title: '操作',
      description:
        '値を記憶（あった値は置き換え）／まだ記憶されていないときだけ記憶（ほかの実行が先なら「記憶済み」に進む）／整数に加算／キーを削除。',
      options: {
        set: '値を記憶する',
        setIfAbsent: 'まだ記憶されていないときだけ記憶する（最初の実行が勝つ）',
        increment: 'カウンターを増やす',
        delete: 'キーを削除する',
      },
    },
    '/key': {
      title: 'キー',
      description:
        '記憶する名前です。ふつうはイベントから作ります。例: task:{{ trigger.body.TaskSid }}。キーはこのフロー専用で、ほかのフローからは読めません。',
    },
    '/value': {
      title: '値',
      description:
        '記憶する内容です。例: {{ steps.createTicket.id }}。{{ }} 1 つだけの値は型を保ちます（数値は数値、オブジェクトはオブジェクト）。それ以外はテキストとして記憶します。',
    },
    '/by': {
      title: '増やす量',
      description: '加算のときに足す整数です（負の数で減らします）。何も記憶されていないキーは 0 から始まります。',
    },
    '/forgetAfter': {
      title: '忘れるまでの時間',
      description:
        'キーを今から何単位のあいだ覚えておくかです。0 なら「記憶」ノードで削除するまで覚えています。使い終わったキーは消えるようにしてください。通話やタスクなら 7 日で十分です。',
    },
    '/forgetUnit': {
      title: '単位',
      description: '「忘れるまでの時間」の単位です。',
      options: { minutes: '分', hours: '時間', days: '日' },
    },
  },
};
