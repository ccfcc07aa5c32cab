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
      },
    },
  },
  ja: {
    '/auth': {
      title: '呼び出し元の認証',
      description:
        '呼び出し元が誰かを確かめる方法です。なし、ヘッダーの API トークン（Qualtrics の X-API-TOKEN など）、Basic のユーザー/パスワード、またはボディの HMAC-SHA256 署名。秘密の値はこのノードに選んだ認証情報から取ります。',
    },
    '/auth/type': {
      title: '認証方式',
      description: 'なし、API トークンのヘッダー、Basic、HMAC 署名のいずれかです。',
      options: {
        none: 'なし',
        apiToken: 'ヘッダーの API トークン',
        basic: 'Basic（ユーザーとパスワード）',
        hmac: 'ボディの HMAC 署名',
      },
    },
    '/auth/headerName': {
      title: 'トークンのヘッダー',
      description: 'API トークンを運ぶヘッダーです。既定は X-API-TOKEN です。',
    },
    '/auth/signatureHeader': {
      title: '署名のヘッダー',
      description:
        'ボディの HMAC-SHA256（16 進数、先頭に sha256= を付けてもよい）を運ぶヘッダーです。既定は X-Signature です。',
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
        'ボディから vars に取り出す値です（Qualtrics の JSON イベントの項目と同じ）。パスが何も見つけなければ null になります。',
    },
    '/fields/*/name': {
      title: '項目名',
      description: 'あとで vars.<名前> として使います。英字・数字・_ だけです。',
    },
    '/samplePayload': {
      title: 'サンプルペイロード',
      description:
        'フローの隣にある JSON ファイル（例: payloads/survey-response.json）。項目のプレビューとテストの実行に使います。',
    },
    '/fields/*/path': {
      description: 'ボディの中で値がある場所です。例: $.ConversationID、$.detail.eventBody.conversationId。',
      help: 'ボディへの JSONPath です。先頭の $. は省略できます。',
    },
  },
};
