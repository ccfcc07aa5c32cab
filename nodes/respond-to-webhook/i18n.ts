/**
 * The Respond to webhook node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

export const respondToWebhookFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {},
  ja: {
    '/status': {
      title: 'ステータス',
      description: '呼び出し元に返す HTTP ステータスです。例: 200。値を返す {{ テンプレート }} も使えます。',
    },
    '/headers': {
      title: 'ヘッダー',
      description: '応答ヘッダーです。例: Cache-Control: no-store。値には {{ テンプレート }} を使えます。',
    },
    '/headers/*/name': {
      title: '名前',
      description: 'ヘッダー名です。例: Cache-Control。',
    },
    '/headers/*/value': {
      title: '値',
      description: 'ヘッダーの値です。{{ テンプレート }} を使えます。',
    },
    '/body': {
      title: 'ボディ',
      description:
        '返す JSON で、{{ テンプレート }} を使えます（1 つのテンプレートだけの値は型を保ちます）。例: {"name": "{{ steps.lookup.body.name }}"}。テキストは text/plain で送ります。',
      help: '{{ テンプレート }} を含む JSON です。1 つのテンプレートだけの値は型を保ちます。',
    },
  },
};
