/** Renderer half of the Apply to each node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { applyToEachFieldTexts } from './i18n.js';
import { applyToEachManifest, DONE_PORT, EACH_PORT } from './manifest.js';

/** A template as the summary shows it: one line, at most 48 characters. */
function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}

export const applyToEachEditor: NodeEditorInfo = {
  type: applyToEachManifest.type,
  icon: [
    { d: 'M4 11a7 7 0 0 1 12.5-4.3L19 9' },
    { d: 'M19 4v5h-5' },
    { d: 'M20 13a7 7 0 0 1-12.5 4.3L5 15' },
    { d: 'M5 20v-5h5' },
  ],
  color: '#b0621a',
  title: { en: 'Apply to each', ja: '各項目に適用' },
  description: {
    en: 'Runs the steps connected to “Each item” once per item of a list (users, search results, messages), then goes on through “Done” with every item’s result.',
    ja: 'リスト（ユーザー、検索結果、メッセージなど）の項目ごとに「各項目」につないだステップを実行し、すべての結果を持って「完了」に進みます。',
  },
  portLabels: {
    [EACH_PORT]: { en: 'Each item', ja: '各項目' },
    [DONE_PORT]: { en: 'Done', ja: '完了' },
  },
  uiSchema: {
    'ui:order': ['items', 'concurrency', 'onItemError', 'maxItems', 'tooMany', 'result'],
    onItemError: { 'ui:widget': 'radio' },
    tooMany: { 'ui:widget': 'radio' },
  },
  fields: [
    { pointer: '/items', widget: 'template', placeholder: '{{ trigger.body.users }}' },
    { pointer: '/concurrency', placeholder: '1' },
    { pointer: '/maxItems', placeholder: '1000' },
    { pointer: '/result', widget: 'template', placeholder: '{{ steps.upsert.body.id }}' },
  ],
  help: {
    en: [
      'Runs part of the flow once for every item of a list: an initial sync of users, the records a search returned, the messages of a chat transcript.',
      '',
      '- **Items**: a template giving the list, e.g. `{{ trigger.body.users }}` or `{{ steps.getUsers.body.entities }}`. Nothing (a missing path, a filter that matched nothing) runs no item; anything else than a list fails the node, saying what it got. A filter that matches one item gives that item, not a list: add `[]` after it (`participants[purpose = "agent"][]`).',
      '- Connect **Each item** to the steps that handle one item. They run inside the frame drawn around them, once per item; in them, `{{ item }}` is the item (`{{ item.id }}`) and `{{ index }}` its position from 0, and `steps` holds this item’s steps besides the earlier ones.',
      '- **Done** is taken after the last item, with `steps.<this node>.results`: what each item gave, in the list’s order — the output of its last step, or what **Result per item** says.',
      '- **Items at a time**: 1 runs the items one after the other, in order; more runs that many at once (mind the other system’s rate limits).',
      '- **When an item fails**: *stop* starts no more items and fails (through **Error** when connected); *skip* leaves it out; *collect* leaves it out and lists it in `errors` (index, item, step and message).',
      '- **Item limit** (at most 10,000): a longer list fails the node, or only its first items run, as you choose.',
      '- The steps inside cannot be reached from outside the frame, and lead nowhere outside it: what comes after the loop hangs off **Done**. A Respond to webhook or another Apply to each cannot be inside.',
      '- The test report lists every item’s run (the first 20 with their steps, and failed ones) and lets you open one.',
    ].join('\n'),
    ja: [
      'リストの項目ごとに、フローの一部を 1 回ずつ実行します。ユーザーの初回同期、検索で見つかったレコード、チャット履歴のメッセージなどに使います。',
      '',
      '- **項目の一覧**：リストを返すテンプレートです。例：`{{ trigger.body.users }}`、`{{ steps.getUsers.body.entities }}`。値がない（パスがない、フィルターに一致しない）ときは項目を実行しません。リスト以外の値だと、何が返ったかを示してノードは失敗します。1 件だけに一致したフィルターはリストではなくその項目を返すので、後ろに `[]` を付けてください（`participants[purpose = "agent"][]`）。',
      '- **各項目** に、1 つの項目を処理するステップをつなぎます。それらは周りに描かれた枠の中にあり、項目ごとに 1 回実行されます。その中では `{{ item }}` が項目（`{{ item.id }}`）、`{{ index }}` が 0 から数えた位置で、`steps` には前のステップに加えてこの項目のステップの出力が入ります。',
      '- 最後の項目のあと **完了** に進みます。`steps.<このノード>.results` には各項目の結果がリストの順に入ります。結果は最後に実行したステップの出力、または **項目ごとの結果** で指定した値です。',
      '- **同時に処理する数**：1 なら項目を順に 1 つずつ、それより大きければその数だけ同時に処理します（相手のシステムのレート制限に注意してください）。',
      '- **項目が失敗したとき**：*停止* は新しい項目を始めずに失敗します（**エラー** がつながっていればそちらへ）。*スキップ* はその項目を結果から除きます。*収集* は除いたうえで `errors` に記録します（インデックス・項目・ステップ・メッセージ）。',
      '- **項目数の上限**（最大 10,000）：それより長いリストは、選んだとおり失敗にするか、最初の項目だけを処理します。',
      '- 枠の中のステップへは枠の外からつなげず、枠の外へもつなげません。ループのあとの処理は **完了** につなぎます。Webhook への応答と別の「各項目に適用」は中に置けません。',
      '- テストのレポートには項目ごとの実行が並び（最初の 20 件はステップ付き、失敗したものも）、1 つずつ開けます。',
    ].join('\n'),
  },
  fieldTexts: applyToEachFieldTexts,
  texts: {
    en: {
      summary: 'For each of {items}, {rate}',
      oneAtATime: 'one at a time',
      atATime: '{n} at a time',
      noItems: 'Choose the items',
    },
    ja: {
      summary: '{items} の各項目に、{rate}',
      oneAtATime: '1 件ずつ順に',
      atATime: '{n} 件ずつ同時に',
      noItems: '項目の一覧を指定してください',
    },
  },
  summary(config, words) {
    const items = typeof config.items === 'string' ? short(config.items) : '';
    if (items === '') return words.text('noItems');
    const n = typeof config.concurrency === 'number' ? config.concurrency : 1;
    const rate = n > 1 ? words.text('atATime', { n }) : words.text('oneAtATime');
    return words.text('summary', { items, rate });
  },
  outputShape: () => ({
    kind: 'object',
    fields: {
      results: { kind: 'any', detail: 'what each item gave, in the list’s order (failed items left out)' },
      total: { kind: 'number', detail: 'items in the list' },
      processed: { kind: 'number', detail: 'items run' },
      succeeded: { kind: 'number' },
      failed: { kind: 'number' },
      errors: { kind: 'any', detail: 'failed items (with “collect”): index, item, node, message' },
      truncated: { kind: 'boolean', detail: 'true when only the first items (the limit) ran' },
    },
  }),
};
