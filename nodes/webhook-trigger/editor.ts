/** Renderer half of the Webhook trigger: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { webhookTriggerFieldTexts } from './i18n.js';
import { isRecord } from '../node-kit.js';
import { webhookTriggerManifest } from './manifest.js';

export const webhookTriggerEditor: NodeEditorInfo = {
  type: webhookTriggerManifest.type,
  icon: [
    { d: 'M9 7.5a3.5 3.5 0 1 1 5.5 2.9L17 15' },
    { d: 'M7 17.5a3.5 3.5 0 1 1 .9-6.9L10.5 15h6' },
    { d: 'M17 19.5a3.5 3.5 0 1 0 0-7' },
  ],
  color: '#2a9d6f',
  title: { en: 'Webhook', ja: 'Webhook' },
  description: {
    en: 'Starts the flow when a JSON event is POSTed (Qualtrics survey response, Genesys EventBridge event, …).',
    ja: 'JSON イベントが POST されるとフローを開始します（Qualtrics のアンケート回答、Genesys の EventBridge イベントなど）。',
  },
  portLabels: {
    out: { en: 'Received', ja: '受信' },
  },
  uiSchema: {
    'ui:order': ['auth', 'fields', 'inputSchema', 'samplePayload', '*'],
    auth: {
      'ui:order': ['type', 'headerName', 'signatureFormat', 'signatureHeader', 'timestampHeader', 'toleranceSeconds'],
    },
    fields: { items: { 'ui:order': ['name', 'path'] } },
  },
  fields: [
    { pointer: '/fields/*/name', placeholder: 'conversationId' },
    {
      pointer: '/fields/*/path',
      widget: 'jsonpath',
      placeholder: '$.ConversationID',
      help: 'JSONPath into the body; $. may be left out.',
    },
    {
      pointer: '/inputSchema',
      widget: 'json',
      placeholder:
        '{ "type": "object", "required": ["ConversationID"], "properties": { "ConversationID": { "type": "string" } } }',
      help: 'Optional JSON Schema (draft 2020-12) the body must match.',
    },
    { pointer: '/samplePayload', widget: 'sample', placeholder: 'payloads/survey-response.json' },
  ],
  help: {
    en: [
      'Starts the flow when a caller POSTs JSON, like a Qualtrics **JSON event** or a Genesys Cloud **EventBridge** rule.',
      '',
      "- **Caller authentication**: none, an API token header (default `X-API-TOKEN`), Basic user/password, an HMAC-SHA256 signature of the body (format hex — optionally `sha256=`, GitHub style, default header `X-Signature` — base64, Slack `v0=` or Stripe `t=…,v1=…`; the last two refuse a timestamp outside the replay window, 300 s by default), or Twilio's `X-Twilio-Signature`, which covers the URL: the server checks it against its `--public-url`. The secret is the credential chosen for this node; requests that fail the check are refused before the flow runs.",
      '- **Fields** copy values from the body into `vars`, e.g. `$.ConversationID` → `vars.conversationId`. A path that finds nothing gives `null`.',
      '- **Input schema** (optional): a JSON Schema the body must match. A body that does not match fails the run with where and why, e.g. `/detail/eventBody/conversationId must be string`.',
      "- The node's output is the body: later steps read it as `trigger.body.…` or `steps.<this node>.…`.",
      '- **Sample payload**: a JSON file next to the flow for previews and tests.',
    ].join('\n'),
    ja: [
      '呼び出し元が JSON を POST するとフローを開始します。Qualtrics の **JSON イベント** や Genesys Cloud の **EventBridge** ルールと同じ役割です。',
      '',
      '- **呼び出し元の認証**：なし、API トークンヘッダー（既定 `X-API-TOKEN`）、Basic（ユーザー名/パスワード）、本文の HMAC-SHA256 署名（形式は 16 進 — `sha256=` 付きも可、GitHub 方式、既定ヘッダー `X-Signature` — base64、Slack の `v0=`、Stripe の `t=…,v1=…`。後の二つはリプレイ許容時間（既定 300 秒）外のタイムスタンプを拒否します）、または URL を含む Twilio の `X-Twilio-Signature`（サーバーは `--public-url` に対して確認します）。秘密情報はこのノードに選んだ認証情報を使います。認証に失敗したリクエストはフローを実行せずに拒否されます。',
      '- **フィールド** は本文の値を `vars` にコピーします。例：`$.ConversationID` → `vars.conversationId`。見つからないパスは `null` になります。',
      '- **入力スキーマ**（任意）：本文が満たすべき JSON Schema。満たさない場合は場所と理由（例：`/detail/eventBody/conversationId must be string`）を示して実行が失敗します。',
      '- このノードの出力は本文です。後続のステップでは `trigger.body.…` または `steps.<このノード>.…` で参照します。',
      '- **サンプルペイロード**：プレビューやテストに使う、フローと同じ場所にある JSON ファイル。',
    ].join('\n'),
  },
  fieldTexts: webhookTriggerFieldTexts,
  texts: { en: { auth: 'Auth: {type}' }, ja: { auth: '認証：{type}' } },
  summary(config, words) {
    const auth = isRecord(config.auth) && typeof config.auth.type === 'string' ? config.auth.type : '';
    return words.text('auth', { type: words.option('/auth/type', auth || 'none') });
  },
  // The output is the body, already offered as trigger.body…: the step itself is all to name.
  bodySchema: (config) => config.inputSchema,
  samplePayload: (config) => (typeof config.samplePayload === 'string' ? config.samplePayload : undefined),
};
