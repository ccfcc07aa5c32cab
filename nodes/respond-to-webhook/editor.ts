/** Renderer half of Respond to webhook: labels (en/ja), form hints and help. */
import { respondToWebhookFieldTexts } from './i18n.js';
import type { NodeEditorInfo } from '../../core/node-type.js';

export const respondToWebhookEditor: NodeEditorInfo = {
  type: 'respondToWebhook',
  fieldTexts: respondToWebhookFieldTexts,
  icon: [{ d: 'M9 14 4 9l5-5' }, { d: 'M4 9h10a6 6 0 0 1 0 12h-3' }],
  color: '#1f7a8c',
  title: { en: 'Respond to webhook', ja: 'Webhook に応答' },
  description: {
    en: 'Answers the system that called the webhook (status, headers, body) while the flow goes on.',
    ja: 'Webhook を呼び出したシステムに応答（ステータス、ヘッダー、本文）を返し、フローは続行します。',
  },
  portLabels: { out: { en: 'Answered', ja: '応答済み' } },
  uiSchema: {
    'ui:order': ['status', 'headers', 'body'],
    headers: { items: { 'ui:order': ['name', 'value'] } },
  },
  fields: [
    { pointer: '/status', placeholder: '200' },
    { pointer: '/headers/*/name', placeholder: 'Cache-Control' },
    { pointer: '/headers/*/value', placeholder: 'no-store' },
    {
      pointer: '/body',
      widget: 'json',
      placeholder: '{ "customerName": "{{ steps.lookup.body.name }}" }',
      help: 'JSON with {{ templates }}; a value that is exactly one template keeps its type.',
    },
  ],
  texts: {
    en: { status: 'Answers {status}', withBody: 'Answers {status} with {keys}' },
    ja: { status: '{status} で応答', withBody: '{status} で応答（{keys}）' },
  },
  summary(config, words) {
    const status = config.status;
    if (typeof status !== 'number' && (typeof status !== 'string' || status.trim() === '')) return '';
    const body = config.body;
    // The body's top-level names say what the caller gets; a scalar or list body says nothing more.
    const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
    if (keys.length === 0) return words.text('status', { status: String(status).trim() });
    const shown = keys.slice(0, 3).join(', ') + (keys.length > 3 ? ', …' : '');
    return words.text('withBody', { status: String(status).trim(), keys: shown });
  },
  help: {
    en: [
      'Gives the caller of the webhook its answer, for systems that wait for a result: Genesys Cloud **data actions**, screen pops, CXone Studio **REST** actions.',
      '',
      "- Set the trigger's **Answer to the caller** to *sync*: the caller then waits for this node (every path of the flow must reach one). After the trigger's timeout it gets 504 and the flow goes on.",
      '- **Status**: a number such as 200, or a template such as `{{ vars.found ? 200 : 404 }}`.',
      '- **Body**: JSON with templates, e.g. `{"name": "{{ steps.lookup.body.name }}"}`; a value that is exactly one template keeps its type.',
      '- The flow goes on after answering: later steps (a ticket, a survey update) do not make the caller wait.',
      '- The first Respond node a run reaches answers; later ones are recorded but not sent.',
    ].join('\n'),
    ja: [
      'Webhook の呼び出し元に応答を返します。結果を待つシステム（Genesys Cloud の**データアクション**、スクリーンポップ、CXone Studio の **REST** アクション）向けです。',
      '',
      '- トリガーの**呼び出し元への応答**を *sync* にすると、呼び出し元はこのノードを待ちます（フローのすべての経路がこのノードに到達する必要があります）。トリガーのタイムアウト後は 504 が返り、フローは続行します。',
      '- **ステータス**：200 などの数値、または `{{ vars.found ? 200 : 404 }}` のようなテンプレート。',
      '- **本文**：テンプレートを含む JSON。例：`{"name": "{{ steps.lookup.body.name }}"}`。1 つのテンプレートだけの値は型を保ちます。',
      '- 応答後もフローは続行します。後続のステップ（チケット作成、アンケート更新）で呼び出し元を待たせません。',
      '- 実行中に最初に到達した応答ノードが応答します。以降のノードは記録されますが送信されません。',
    ].join('\n'),
  },
};
