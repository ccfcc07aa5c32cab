/**
 * The Webhook trigger's own message codes (reading the body a caller sent, and its semantic
 * checks), in English and Japanese. The manifest adds them to the catalogues (`addMessages`);
 * the validator and the run's failure message add the node's name.
 */
import type { Message } from '../../core/messages/message.js';

export const webhookMessages = {
  en: {
    'webhook.json-field-not-json': (p: { field: string; error: string }) =>
      `body field '${p.field}' should hold JSON written as text, but it is not JSON: ${p.error}`,
    'webhook.json-field-too-deep': (p: { field: string; limit: number }) =>
      `body field '${p.field}' holds JSON nested deeper than ${p.limit} levels`,
    'webhook.not-eventbridge': (p: { missing: string }) =>
      `the body is not a Genesys Cloud EventBridge event: ${p.missing} is missing (expected {"detail-type", "detail": {"topicName", "eventBody"}})`,
    'webhook.header-name': (p: { name: string }) =>
      `'${p.name}' is not a header name: write the name alone, e.g. X-Request-Id`,
    'webhook.query-name': (_p?: Record<string, never>) => 'write the name of the query parameter, e.g. source',
    'webhook.auth-no-credential': (_p: Record<string, never>) =>
      'the webhook has no credential to check callers against',
    'webhook.auth-wrong-kind': (p: { name: string; kind: string; type: string }) =>
      `credential "${p.name}" is a ${p.kind} credential, which cannot check ${p.type} callers`,
    'webhook.auth-credential-empty': (p: { name: string; field: 'value' | 'secret' | 'user name or password' }) =>
      p.field === 'user name or password'
        ? `credential "${p.name}" lacks a user name or password`
        : `credential "${p.name}" has no ${p.field}`,
    'webhook.auth-missing-header': (p: { header: string }) => `missing ${p.header} header`,
    'webhook.auth-token-mismatch': (p: { header: string }) => `${p.header} header does not match`,
    'webhook.auth-basic-mismatch': (_p: Record<string, never>) => 'user name or password does not match',
    'webhook.auth-unknown': (p: { setting: 'authentication type' | 'signature format'; value: string }) =>
      `unknown ${p.setting} "${p.value}"`,
    'webhook.auth-prefix': (p: { header: string; prefix: string }) =>
      `${p.header} header does not start with ${p.prefix}`,
    'webhook.auth-signature-form': (p: { header: string; form: string }) =>
      `${p.header} header is not a ${p.form} signature`,
    'webhook.auth-signature-mismatch': (p: {
      header: string;
      covers: 'body' | 'timestamp and body' | 'URL and parameters';
    }) => `${p.header} signature does not match the ${p.covers}`,
    'webhook.auth-stripe-form': (p: { header: string }) => `${p.header} header has no t= timestamp or v1= signature`,
    'webhook.auth-timestamp-form': (p: { header: string; iso?: boolean }) =>
      `${p.header} is not a Unix time in seconds${p.iso ? ' or an ISO 8601 time' : ''}`,
    'webhook.auth-timestamp-stale': (p: { header: string; skew: number; tolerance: number }) =>
      `${p.header} is ${p.skew} s away from now, outside the ${p.tolerance} s replay window`,
    'webhook.auth-no-public-url': (_p: Record<string, never>) =>
      'the server does not know the URL callers use (set --public-url) to check a Twilio signature',
    'webhook.auth-bad-url': (p: { url: string }) => `the request URL "${p.url}" is not a URL`,
    'webhook.auth-body-sha': (_p: Record<string, never>) => 'bodySHA256 does not match the body',
    'webhook.field-twice': (p: { name: string; first: number; row: number }) =>
      `field name "${p.name}" is used twice (rows ${p.first} and ${p.row})`,
    'webhook.schema-pattern': (p: { problem: string }) => `the input schema's pattern cannot be used: ${p.problem}`,
    'webhook.schema-draft': (p: { declared: string }) =>
      `the input schema uses "${p.declared}"; write JSON Schema draft 2020-12`,
    'webhook.sample-absolute': (_p: Record<string, never>) =>
      'the sample payload must be a path relative to the flow file, e.g. payloads/sample.json',
  },
  ja: {
    'webhook.json-field-not-json': (p: { field: string; error: string }) =>
      `本文の項目「${p.field}」は JSON を文字列で持つはずですが、JSON ではありません：${p.error}`,
    'webhook.json-field-too-deep': (p: { field: string; limit: number }) =>
      `本文の項目「${p.field}」の JSON は ${p.limit} 段より深く入れ子になっています`,
    'webhook.not-eventbridge': (p: { missing: string }) =>
      `本文が Genesys Cloud の EventBridge イベントではありません：${p.missing} がありません（{"detail-type", "detail": {"topicName", "eventBody"}} の形が必要です）`,
    'webhook.header-name': (p: { name: string }) =>
      `「${p.name}」はヘッダー名ではありません。名前だけを書いてください（例：X-Request-Id）`,
    'webhook.query-name': (_p?: Record<string, never>) => 'クエリパラメーターの名前を書いてください（例：source）',
    'webhook.auth-no-credential': (_p: Record<string, never>) => 'Webhook に呼び出し元を確かめる認証情報がありません',
    'webhook.auth-wrong-kind': (p: { name: string; kind: string; type: string }) =>
      `認証情報「${p.name}」は ${p.kind} の認証情報なので、${p.type} の呼び出し元を確かめられません`,
    'webhook.auth-credential-empty': (p: { name: string; field: 'value' | 'secret' | 'user name or password' }) =>
      `認証情報「${p.name}」に${p.field === 'value' ? '値' : p.field === 'secret' ? '秘密の値' : 'ユーザー名またはパスワード'}がありません`,
    'webhook.auth-missing-header': (p: { header: string }) => `${p.header} ヘッダーがありません`,
    'webhook.auth-token-mismatch': (p: { header: string }) => `${p.header} ヘッダーが一致しません`,
    'webhook.auth-basic-mismatch': (_p: Record<string, never>) => 'ユーザー名またはパスワードが一致しません',
    'webhook.auth-unknown': (p: { setting: 'authentication type' | 'signature format'; value: string }) =>
      `${p.setting === 'authentication type' ? '認証方式' : '署名の形式'}「${p.value}」は不明です`,
    'webhook.auth-prefix': (p: { header: string; prefix: string }) =>
      `${p.header} ヘッダーが ${p.prefix} で始まっていません`,
    'webhook.auth-signature-form': (p: { header: string; form: string }) =>
      `${p.header} ヘッダーが ${p.form} の署名ではありません`,
    'webhook.auth-signature-mismatch': (p: {
      header: string;
      covers: 'body' | 'timestamp and body' | 'URL and parameters';
    }) =>
      `${p.header} の署名が${p.covers === 'body' ? '本文' : p.covers === 'timestamp and body' ? 'タイムスタンプと本文' : 'URL とパラメーター'}と一致しません`,
    'webhook.auth-stripe-form': (p: { header: string }) =>
      `${p.header} ヘッダーに t= のタイムスタンプか v1= の署名がありません`,
    'webhook.auth-timestamp-form': (p: { header: string; iso?: boolean }) =>
      `${p.header} が秒単位の Unix 時刻${p.iso ? 'でも ISO 8601 の時刻でも' : 'では'}ありません`,
    'webhook.auth-timestamp-stale': (p: { header: string; skew: number; tolerance: number }) =>
      `${p.header} は現在から ${p.skew} 秒離れていて、リプレイ許容時間 ${p.tolerance} 秒の外です`,
    'webhook.auth-no-public-url': (_p: Record<string, never>) =>
      'Twilio の署名を確かめるには、呼び出し元が使う URL をサーバーが知る必要があります（--public-url を設定してください）',
    'webhook.auth-bad-url': (p: { url: string }) => `リクエストの URL「${p.url}」は URL ではありません`,
    'webhook.auth-body-sha': (_p: Record<string, never>) => 'bodySHA256 が本文と一致しません',
    'webhook.field-twice': (p: { name: string; first: number; row: number }) =>
      `フィールド名「${p.name}」が 2 回使われています（${p.first} 行目と ${p.row} 行目）`,
    'webhook.schema-pattern': (p: { problem: string }) => `入力スキーマのパターンは使えません: ${p.problem}`,
    'webhook.schema-draft': (p: { declared: string }) =>
      `入力スキーマは「${p.declared}」を使っています。JSON Schema draft 2020-12 で書いてください`,
    'webhook.sample-absolute': (_p: Record<string, never>) =>
      'サンプルのペイロードはフローファイルからの相対パスにしてください（例：payloads/sample.json）',
  },
} as const;

export type WebhookMessageCode = keyof (typeof webhookMessages)['en'];

/** The codes of a refused caller (`verifyWebhookRequest`). */
export type WebhookAuthCode = Extract<WebhookMessageCode, `webhook.auth-${string}`>;

/** A message of this node's own catalogue with its English sentence filled in. */
export function webhookMessage<C extends WebhookMessageCode>(
  code: C,
  params: Parameters<(typeof webhookMessages)['en'][C]>[0],
): Message & { message: string } {
  const word = webhookMessages.en[code] as (p: typeof params) => string;
  return { code, params: params as Message['params'], message: word(params) };
}
