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
    en: 'Starts the flow when an event is POSTed as JSON or a form (Qualtrics survey response, Genesys EventBridge event, Twilio TaskRouter callback, …).',
    ja: 'イベントが JSON またはフォームで POST されるとフローを開始します（Qualtrics のアンケート回答、Genesys の EventBridge イベント、Twilio TaskRouter のコールバックなど）。',
  },
  portLabels: {
    out: { en: 'Received', ja: '受信' },
  },
  uiSchema: {
    'ui:order': ['auth', 'preset', 'fields', 'jsonFields', 'inputSchema', 'samplePayload', '*'],
    auth: {
      'ui:order': [
        'type',
        'headerName',
        'signatureFormat',
        'algorithm',
        'signaturePrefix',
        'signedTimestamp',
        'signatureHeader',
        'timestampHeader',
        'toleranceSeconds',
      ],
    },
    fields: { items: { 'ui:order': ['name', 'from', 'path'] } },
  },
  fields: [
    { pointer: '/fields/*/name', placeholder: 'conversationId' },
    {
      pointer: '/fields/*/path',
      widget: 'jsonpath',
      placeholder: '$.ConversationID',
      help: 'JSONPath into the body ($. may be left out), or the name of the header or query parameter.',
    },
    { pointer: '/jsonFields/*', placeholder: 'TaskAttributes' },
    { pointer: '/auth/signaturePrefix', placeholder: 'sha256=' },
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
      'Starts the flow when a caller POSTs JSON or a form (`application/x-www-form-urlencoded`, as Twilio TaskRouter and Studio send), like a Qualtrics **JSON event** or a Genesys Cloud **EventBridge** rule. A form arrives as an object of its fields.',
      '',
      "- **Caller authentication**: none, an API token header (default `X-API-TOKEN`), Basic user/password, an HMAC signature of the body (hash SHA-256 by default, or SHA-1 or SHA-512; format hex — with a prefix you set, or an optional `sha256=` as GitHub sends it, default header `X-Signature` — base64, Slack `v0=` or Stripe `t=…,v1=…`; the last two refuse a timestamp outside the replay window, 300 s by default), or Twilio's `X-Twilio-Signature`, which covers the URL: the server checks it against its `--public-url`. The secret is the credential chosen for this node; requests that fail the check are refused before the flow runs.",
      '- **Event format**: *Genesys EventBridge* checks that the body is a Genesys Cloud event from Amazon EventBridge and puts its usual fields into `vars` (`conversationId`, `eventType`, `topicName`, `eventTime`, `participantId`, `userId`, `queueId`, `mediaType`, `direction`, `eventBody`).',
      '- **Fields** copy values into `vars`: from the body by JSONPath, e.g. `$.ConversationID` → `vars.conversationId`, or from a request header or query parameter by its name. A value that is not there gives `null`.',
      '- **JSON text fields**: body fields that hold JSON written as text, such as `TaskAttributes` in a TaskRouter callback, read as JSON before anything else sees the body (`trigger.body.TaskAttributes.zd_ticket_id`). Text that is not JSON fails the run naming the field.',
      '- **Input schema** (optional): a JSON Schema the body must match. A body that does not match fails the run with where and why, e.g. `/detail/eventBody/conversationId must be string`.',
      "- The node's output is the body: later steps read it as `trigger.body.…` or `steps.<this node>.…`.",
      '- **Sample payload**: a JSON file next to the flow for previews and tests.',
    ].join('\n'),
    ja: [
      '呼び出し元が JSON またはフォーム（`application/x-www-form-urlencoded`。Twilio の TaskRouter や Studio が送る形式）を POST するとフローを開始します。Qualtrics の **JSON イベント** や Genesys Cloud の **EventBridge** ルールと同じ役割です。フォームは項目のオブジェクトとして届きます。',
      '',
      '- **呼び出し元の認証**：なし、API トークンヘッダー（既定 `X-API-TOKEN`）、Basic（ユーザー名/パスワード）、本文の HMAC 署名（ハッシュは既定の SHA-256、または SHA-1、SHA-512。形式は 16 進 — 設定した接頭辞付き、または GitHub 方式の `sha256=` 付きも可、既定ヘッダー `X-Signature` — base64、Slack の `v0=`、Stripe の `t=…,v1=…`。後の二つはリプレイ許容時間（既定 300 秒）外のタイムスタンプを拒否します）、または URL を含む Twilio の `X-Twilio-Signature`（サーバーは `--public-url` に対して確認します）。秘密情報はこのノードに選んだ認証情報を使います。認証に失敗したリクエストはフローを実行せずに拒否されます。',
      '- **イベントの形式**：*Genesys EventBridge* を選ぶと、本文が Amazon EventBridge から届く Genesys Cloud のイベントであることを確かめ、よく使う項目（`conversationId`、`eventType`、`topicName`、`eventTime`、`participantId`、`userId`、`queueId`、`mediaType`、`direction`、`eventBody`）を `vars` に入れます。',
      '- **フィールド** は値を `vars` にコピーします。本文からは JSONPath で（例：`$.ConversationID` → `vars.conversationId`）、リクエストヘッダーやクエリパラメーターからはその名前で取ります。値がなければ `null` になります。',
      '- **JSON 文字列の項目**：TaskRouter のコールバックの `TaskAttributes` のように、JSON を文字列で持つ本文の項目です。ほかの処理より先に JSON として読みます（`trigger.body.TaskAttributes.zd_ticket_id`）。JSON でなければ項目名を示して実行が失敗します。',
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
