/**
 * The Code node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

export const codeFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {},
  ja: {
    '/timeoutMs': {
      title: '制限時間（ms）',
      description: 'これより長く動くとコードは止められます（1000 ms = 1 秒）。最大 10000 です。',
    },
    '/memoryMB': {
      title: 'メモリー上限（MB）',
      description: 'これより多くのメモリーが必要になるとコードは止められます。最大 128 です。',
    },
    '/source': {
      title: 'JavaScript',
      description:
        'trigger・steps・vars・params（フローのパラメーター）を受け取って結果を返す関数の本体です。例: return { agentId: steps.getDetails.fields.agentIds[0] }。Qualtrics 形式の function codeTask() { … return {…} } も定義すれば呼ばれます。ネットワーク・ファイル・タイマーは使えません。実行ログには console.log で書きます。',
      help: '関数の本体です。trigger・steps・vars・params を使い、結果を return します。',
    },
  },
};
