/**
 * The Apply to each node's form in the UI languages, by config pointer: field titles, help
 * under the fields, enum option labels. English keeps the schema's words and names the
 * options plainly.
 */
import type { FieldText } from '../../core/node-type.js';

export const applyToEachFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/tooMany': {
      options: { fail: 'Fail and process none', truncate: 'Process the first items up to the limit' },
    },
    '/onItemError': {
      options: {
        stop: 'Stop (no more items; the node fails)',
        skip: 'Skip the item and go on',
        collect: 'Collect the error and go on',
      },
    },
  },
  ja: {
    '/items': {
      title: '項目の一覧',
      description:
        '処理するリストをテンプレートで指定します：{{ trigger.body.users }}、{{ steps.getUsers.body.entities }}。ループの中では {{ item }} が現在の項目、{{ index }} が 0 から数えた位置です。',
    },
    '/concurrency': {
      title: '同時に処理する数',
      description: '同時に実行する項目の数（1〜20）。1 ならリストの順に 1 つずつ実行します。',
    },
    '/maxItems': {
      title: '項目数の上限',
      description: '1 回の実行でこのノードが処理する項目の最大数（最大 10,000）。',
    },
    '/tooMany': {
      title: 'リストが上限より長いとき',
      description: '失敗：ノードは失敗し、どの項目も処理しません。切り詰め：上限までの最初の項目を処理します。',
      options: { fail: '失敗にして何も処理しない', truncate: '上限までの最初の項目を処理する' },
    },
    '/onItemError': {
      title: '項目が失敗したとき',
      description:
        '停止：新しい項目を始めずに失敗します（エラーがつながっていればそちらへ）。スキップ：その項目を結果から除いて続けます。収集：除いたうえで errors に記録して続けます。',
      options: {
        stop: '停止（以降の項目を処理せず、ノードは失敗）',
        skip: 'その項目をスキップして続ける',
        collect: 'エラーを記録して続ける',
      },
    },
    '/result': {
      title: '項目ごとの結果',
      description:
        '項目ごとに集める値を、その項目のステップを使うテンプレートで指定します。例：{{ steps.upsert.body.id }}。空なら、その項目で最後に実行したステップの出力です。',
    },
  },
};
