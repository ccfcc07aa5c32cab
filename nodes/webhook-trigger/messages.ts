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
  },
} as const;

export type WebhookMessageCode = keyof (typeof webhookMessages)['en'];

/** A message of this node's own catalogue with its English sentence filled in. */
export function webhookMessage<C extends WebhookMessageCode>(
  code: C,
  params: Parameters<(typeof webhookMessages)['en'][C]>[0],
): Message & { message: string } {
  const word = webhookMessages.en[code] as (p: typeof params) => string;
  return { code, params: params as Message['params'], message: word(params) };
}
