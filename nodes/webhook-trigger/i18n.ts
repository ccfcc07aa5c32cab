/**
 * The Webhook trigger node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

export const webhookTriggerFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/auth/type': {
      options: {
        none: 'None',
        apiToken: 'API token in a header',
        basic: 'Basic (user and password)',
        hmac: 'HMAC signature of the body',
        twilio: 'Twilio signature (X-Twilio-Signature)',
      },
    },
    '/auth/algorithm': { options: { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } },
    '/auth/signedTimestamp': {
      options: { none: 'None', before: 'Timestamp, then body', after: 'Body, then timestamp (older Zendesk)' },
    },
    '/preset': { options: { none: 'Any JSON or form', genesysEventBridge: 'Genesys Cloud event (EventBridge)' } },
    '/fields/*/from': { options: { body: 'Body', headers: 'Header', query: 'Query parameter' } },
    '/auth/signatureFormat': {
      options: {
        hex: 'Hex, optionally sha256= (GitHub style)',
        base64: 'Base64 (Shopify style)',
        slack: 'Slack v0= with timestamp',
        stripe: 'Stripe t=…,v1=…',
      },
    },
    '/response/mode': {
      options: {
        async: 'Async (answer 202 at once)',
        sync: 'Sync (wait for a Respond node)',
      },
    },
  },
  ja: {
    '/auth': {
      title: '呼び出し元の認証',
      description:
        '呼び出し元が誰かを確かめる方法です。なし、ヘッダーの API トークン（Qualtrics の X-API-TOKEN など）、Basic のユーザー/パスワード、またはボディの HMAC-SHA256 署名。秘密の値はこのノードに選んだ認証情報から取ります。',
    },
    '/auth/headerName': {
      title: 'トークンのヘッダー',
      description: 'API トークンを運ぶヘッダーです。既定は X-API-TOKEN です。',
    },
    '/auth/type': {
      title: '認証方式',
      description: 'なし、API トークンのヘッダー、Basic、HMAC 署名、Twilio 署名のいずれかです。',
      options: {
        none: 'なし',
        apiToken: 'ヘッダーの API トークン',
        basic: 'Basic（ユーザーとパスワード）',
        hmac: 'ボディの HMAC 署名',
        twilio: 'Twilio 署名（X-Twilio-Signature）',
      },
    },
    '/auth/signatureHeader': {
      title: '署名のヘッダー',
      description:
        '署名を運ぶヘッダーです。既定は X-Signature（16 進、base64）、X-Slack-Signature（slack）、Stripe-Signature（stripe）、X-Twilio-Signature（Twilio）です。',
    },
    '/auth/signatureFormat': {
      title: '署名の形式',
      description:
        'HMAC の場合：hex（ボディの HMAC を 16 進で。sha256= 付きも可、GitHub 方式。既定）、base64（ボディを base64 で。Shopify 方式）、slack（タイムスタンプのヘッダーと v0:タイムスタンプ:ボディ に対する v0=。Slack 方式）、stripe（タイムスタンプ.ボディ に対する t=…,v1=…。Stripe 方式）。後の二つはリプレイ許容時間外のタイムスタンプを拒否します。',
      options: {
        hex: '16 進（sha256= 付きも可、GitHub 方式）',
        base64: 'Base64（Shopify 方式）',
        slack: 'Slack の v0=（タイムスタンプ付き）',
        stripe: 'Stripe の t=…,v1=…',
      },
    },
    '/auth/algorithm': {
      title: 'ハッシュ',
      description:
        'hex と base64 形式の場合：HMAC のハッシュです。通常は SHA-256（GitHub、Shopify）。SHA-1（GitHub の旧 X-Hub-Signature）や SHA-512 を使う送信元もあります。',
      options: { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' },
    },
    '/auth/signaturePrefix': {
      title: '署名の接頭辞',
      description:
        'hex と base64 形式の場合：送信元が署名の前に付ける文字列です（例：sha1=、v1=）。空のときは <ハッシュ>=（GitHub 方式の sha256= など）があってもなくても受け付けます。',
    },
    '/preset': {
      title: 'イベントの形式',
      description:
        'genesysEventBridge：本文が Amazon EventBridge から届く Genesys Cloud のイベント（detail.topicName、detail.eventBody）でなければなりません。よく使う項目（conversationId、eventType、topicName、eventTime、participantId、userId、queueId、mediaType、direction、eventBody）を、行を作らなくても vars に入れます。同じ名前の行を作るとそちらが優先されます。',
      options: { none: '任意の JSON またはフォーム', genesysEventBridge: 'Genesys Cloud のイベント（EventBridge）' },
    },
    '/jsonFields': {
      title: 'JSON 文字列の項目',
      description:
        'JSON を文字列で持つ本文の項目です。ほかの処理より先に JSON として読みます。例：Twilio TaskRouter や Studio のコールバックの TaskAttributes、WorkerAttributes。JSON でない文字列なら項目名を示して実行が失敗します。',
    },
    '/jsonFields/*': { title: '本文の項目' },
    '/fields/*/from': {
      title: '取り出し元',
      description: '値をどこから取るか：本文（既定）、リクエストヘッダー、Webhook URL のクエリパラメーター。',
      options: { body: '本文', headers: 'ヘッダー', query: 'クエリパラメーター' },
    },
    '/auth/signedTimestamp': {
      title: '署名するタイムスタンプ',
      description:
        'hex と base64 形式の場合：送信元がタイムスタンプのヘッダーの時刻を本文と一緒に署名するかどうかです。本文の前（タイムスタンプ、本文の順。現在の Zendesk の説明どおり）か後（本文、タイムスタンプの順）。リプレイ許容時間外のタイムスタンプは拒否します。',
      options: {
        none: 'なし',
        before: 'タイムスタンプ、本文の順',
        after: '本文、タイムスタンプの順（以前の Zendesk）',
      },
    },
    '/auth/timestampHeader': {
      title: 'タイムスタンプのヘッダー',
      description:
        'slack 形式、または署名するタイムスタンプの場合：呼び出し元が署名した時刻を運ぶヘッダーです（秒単位の Unix 時刻。署名するタイムスタンプでは ISO 8601 も可。例：Zendesk の X-Zendesk-Webhook-Signature-Timestamp）。既定は X-Slack-Request-Timestamp です。',
    },
    '/auth/toleranceSeconds': {
      title: 'リプレイ許容時間（秒）',
      description:
        'slack と stripe 形式、および署名するタイムスタンプの場合：タイムスタンプが現在からこれ以上離れた署名は拒否します。盗まれたリクエストを後から再送されないためです。既定は 300 です。',
    },
    '/inputSchema': {
      title: '入力スキーマ',
      description:
        '受け取るボディが満たすべき JSON Schema（省略可）です。例: {"type":"object","required":["ConversationID"]}。合わないボディは、場所と理由を示して実行を失敗させます。',
      help: '省略可。ボディが満たすべき JSON Schema（draft 2020-12）です。',
    },
    '/fields': {
      title: '項目',
      description:
        'ボディ（またはヘッダー、クエリ）から vars に取り出す値です（Qualtrics の JSON イベントの項目と同じ）。値がなければ null になります。',
    },
    '/samplePayload': {
      title: 'サンプルペイロード',
      description:
        'フローの隣にある JSON ファイル（例: payloads/survey-response.json）。項目のプレビューとテストの実行に使います。',
    },
    '/path': {
      title: '追加のパス',
      description:
        'サーバーでは /hooks/<フロー ID>/<このパス> でも受け付けます。例: genesys/call-end。英字・数字・-・_ と / だけです。',
    },
    '/response': {
      title: '呼び出し元への応答',
      description:
        'async: すぐに 202 と実行 ID を返します。sync: 「Webhook に応答」ノードを待ちます（すべての経路がそのノードに到達する必要があります）。タイムアウト後は 504 を返し、実行は続きます。',
    },
    '/response/mode': {
      title: 'モード',
      description: 'async はすぐに受け付けを返し、sync は「Webhook に応答」ノードの答えを返します。',
      options: {
        async: '非同期（202 を返す）',
        sync: '同期（応答ノードを待つ）',
      },
    },
    '/response/timeoutMs': {
      title: '応答のタイムアウト（ミリ秒）',
      description: 'sync の呼び出し元が答えを待つ時間です。既定は 10000 です。',
    },
    '/orderingKey': {
      title: '順序キー',
      description:
        'トリガーに対する {{ テンプレート }} です。例: {{ trigger.body.conversationId }}。同じキーの配信は届いた順に 1 件ずつ実行され、ほかは並行して実行されます。',
    },
    '/deduplicate': {
      title: '再配信を実行しない',
      description:
        'サーバーでは、期間内に同じキーの配信が届いても 2 回目は実行せず、呼び出し元には最初の実行 ID とともに 200 を返します。キーはここで指定したヘッダー、なければボディのハッシュです。',
    },
    '/deduplicate/header': {
      title: '配信キーのヘッダー',
      description:
        '送信元が配信 ID を入れるヘッダーです。例: X-GitHub-Delivery、Zendesk の X-Zendesk-Webhook-Invocation-Id。空ならボディのハッシュを使います。',
    },
    '/deduplicate/windowSeconds': {
      title: '期間（秒）',
      description: 'キーを覚えておく時間です。既定は 86400（1 日）です。',
    },
    '/personalFields': {
      title: '個人情報の項目',
      description:
        'ボディの中の個人情報への JSONPath です（例: $.customer.email）。サーバーが保存する実行履歴では値が伏せられます。',
    },
    '/fields/*/name': {
      title: '項目名',
      description: 'あとで vars.<名前> として使います。英字・数字・_ だけです。',
    },
    '/fields/*/path': {
      title: 'JSONPath',
      description:
        '値がある場所です。本文なら JSONPath（例: $.ConversationID、$.detail.eventBody.conversationId）、ヘッダーやクエリパラメーターならその名前（例: X-Request-Id、source）。',
      help: '本文への JSONPath（先頭の $. は省略可）、またはヘッダーかクエリパラメーターの名前です。',
    },
  },
};
