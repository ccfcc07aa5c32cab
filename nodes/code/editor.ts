/** Renderer half of the Code node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { codeFieldTexts } from './i18n.js';
import { codeManifest } from './manifest.js';

export const codeEditor: NodeEditorInfo = {
  type: codeManifest.type,
  icon: [{ d: 'm8 7-5 5 5 5' }, { d: 'm16 7 5 5-5 5' }, { d: 'm14 4-4 16' }],
  color: '#7b4fd6',
  title: { en: 'Code', ja: 'コード' },
  description: {
    en: 'Runs a short JavaScript function to clean up or reshape data, like the Qualtrics Code task.',
    ja: '短い JavaScript 関数でデータを整形・加工します（Qualtrics のコードタスクと同じ役割）。',
  },
  portLabels: {
    success: { en: 'Success', ja: '成功' },
    error: { en: 'Error', ja: 'エラー' },
  },
  uiSchema: {
    'ui:order': ['source', 'timeoutMs', 'memoryMB'],
    timeoutMs: { 'ui:options': { collapsible: true } },
  },
  fields: [
    {
      pointer: '/source',
      widget: 'code',
      placeholder:
        "const details = steps.getDetails.fields;\nconst agentId = details.agentIds[0] ?? null;\nconsole.log('agent', agentId);\nreturn { agentId };",
      help: 'A function body: use trigger, steps, vars and params, and return the result.',
    },
    { pointer: '/timeoutMs', placeholder: '1000' },
    { pointer: '/memoryMB', placeholder: '32' },
  ],
  help: {
    en: [
      'Runs JavaScript to turn data into the shape the next step needs, like the Qualtrics **Code** task.',
      '',
      "- Write the **body of a function**: `trigger` (the webhook body, headers and query), `steps` (each earlier node's output by name), `vars` and `params` (the flow parameters) are available, e.g. `return { agent: steps.getDetails.fields.agentIds[0] };`.",
      '- Qualtrics style works too: define `function codeTask() { … return { … }; }` and it is called.',
      '- Return **JSON data** (objects, arrays, text, numbers, true/false, null). Returning nothing gives `null`; functions cannot be returned.',
      '- `console.log`, `console.warn` and `console.error` write to the run log (up to 100 lines).',
      '- The code has **no network, files or timers**: call APIs with a Web Service node. `async`/`await` works for promises that settle on their own.',
      '- Each run starts clean: nothing is kept between runs, and built-in objects cannot be changed.',
      '- The code is stopped after the **time limit** (default 1000 ms) or when it needs more than the **memory limit** (default 32 MB). Errors, including syntax errors with their line, take the **Error** port; if that port is not wired, the run fails.',
    ].join('\n'),
    ja: [
      'JavaScript でデータを次のステップが必要とする形に変換します。Qualtrics の **コード** タスクと同じ役割です。',
      '',
      '- **関数の本体** を書きます。`trigger`（Webhook のボディ・ヘッダー・クエリ）、`steps`（前のノードの出力を名前で参照）、`vars`、`params`（フローのパラメーター）が使えます。例：`return { agent: steps.getDetails.fields.agentIds[0] };`',
      '- Qualtrics 形式も使えます：`function codeTask() { … return { … }; }` を定義すると呼び出されます。',
      '- **JSON データ**（オブジェクト・配列・文字列・数値・true/false・null）を返してください。何も返さないと `null` になります。関数は返せません。',
      '- `console.log`・`console.warn`・`console.error` の出力は実行ログに記録されます（最大 100 行）。',
      '- コードから **ネットワーク・ファイル・タイマーは使えません**。API の呼び出しには Web サービスノードを使います。自然に完了する Promise なら `async`/`await` も使えます。',
      '- 実行ごとにまっさらな状態で始まります。実行間で値は保持されず、組み込みオブジェクトも変更できません。',
      '- **時間制限**（既定 1000 ms）を超えるか **メモリ制限**（既定 32 MB）を超えるとコードは停止されます。構文エラー（行番号付き）を含むエラーは **エラー** ポートに進みます。そのポートが未接続なら実行は失敗します。',
    ].join('\n'),
  },
  fieldTexts: codeFieldTexts,
  texts: { en: { lines: '{lines} line(s) of JavaScript' }, ja: { lines: 'JavaScript {lines} 行' } },
  summary(config, words) {
    const source = typeof config.source === 'string' ? config.source.trim() : '';
    return source ? words.text('lines', { lines: source.split('\n').length }) : '';
  },
  // Code returns whatever its source builds: the step itself is all that can be named.
};
