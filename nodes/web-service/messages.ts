/**
 * The Web Service node's own message codes (reading a list page by page), in English and
 * Japanese. The manifest adds them to the catalogues (`addMessages`); a run's failure message
 * adds the node's name.
 */
import type { Message } from '../../core/messages/message.js';

/** Pagination settings a message may name, by language (the form's titles). */
const SETTING_TITLES = {
  en: { nextUrlPath: 'Next URL path', cursorPath: 'Cursor path' },
  ja: { nextUrlPath: '次ページ URL のパス', cursorPath: 'カーソルのパス' },
} as const;

type PageSetting = keyof (typeof SETTING_TITLES)['en'];

export const webServiceMessages = {
  en: {
    'webService.page-origin': (p: { page: number; url: string; origin: string }) =>
      `page ${p.page} is at ${p.url}, outside ${p.origin} where the first page was read; the node stops rather than send the request (and its credential) elsewhere`,
    'webService.page-repeat': (p: { page: number; url: string }) =>
      `page ${p.page} would read ${p.url} again, which an earlier page already read; the service keeps sending the same next page`,
    'webService.page-bad-url': (p: { page: number; url: string }) =>
      `the next page's address after page ${p.page} is not a URL: ${p.url}`,
    'webService.page-no-items': (p: { page: number; path: string }) =>
      `page ${p.page} has no list at ${p.path}; set "Items path" to where the list is in each page`,
    'webService.page-items-unknown': (p: { page: number }) =>
      `page ${p.page} holds no single list to collect; set "Items path" to where the list is in each page, e.g. $.entities`,
    'webService.page-needs': (p: { style: string; setting: PageSetting; example: string }) =>
      `the ${p.style} page style needs "${SETTING_TITLES.en[p.setting]}", e.g. ${p.example}`,
    'webService.base64-empty': (_p: Record<string, never>) =>
      'Bytes (base64) is empty; give the bytes to send, e.g. {{ steps.getRecording.body.base64 }}',
    'webService.url-required': (_p: Record<string, never>) => 'URL is required',
    'webService.url-scheme': (_p: Record<string, never>) =>
      'URL must start with https:// or http:// (or be a {{ }} template that gives one)',
    'webService.body-not-allowed': (p: { method: string }) =>
      `a ${p.method} request cannot send a body; choose PUT, POST or PATCH, or set the body type to none`,
    'webService.json-empty': (_p: Record<string, never>) => 'JSON body is empty; write the JSON to send',
    'webService.text-empty': (_p: Record<string, never>) => 'Text body is empty; write the text to send',
    'webService.field-twice': (p: { field: string; first: number; row: number }) =>
      `field name "${p.field}" is used twice in the response mapping (rows ${p.first} and ${p.row})`,
    'webService.not-base64': (p: { length: number; at: number }) =>
      `the bytes to send are not base64 (${p.length} characters; the first one that is not base64 is at ${p.at}); give base64 such as a download's body.base64`,
    'webService.not-ready': (p: { attempts: number; seconds: number; last: 'status' | 'rules'; status?: number }) =>
      `still not ready after ${p.attempts} attempts, ${p.seconds} s apart (the last one ${p.last === 'status' ? `answered ${p.status ?? '?'}` : 'did not meet the "ready when" rules'})`,
    'webService.retry-until-nothing': (_p: Record<string, never>) =>
      '"Retry until ready" has no status to retry on and no "ready when" rule, so it never retries; add a status such as 404, a rule, or clear it',
  },
  ja: {
    'webService.page-origin': (p: { page: number; url: string; origin: string }) =>
      `${p.page} ページ目は ${p.url} にあり、最初のページを読んだ ${p.origin} の外です。リクエスト（と認証情報）をほかへ送らないよう、ノードを止めます`,
    'webService.page-repeat': (p: { page: number; url: string }) =>
      `${p.page} ページ目で、前のページで読んだ ${p.url} をもう一度読むことになります。サービスが同じ次ページを返し続けています`,
    'webService.page-bad-url': (p: { page: number; url: string }) =>
      `${p.page} ページ目の次ページのアドレスが URL ではありません：${p.url}`,
    'webService.page-no-items': (p: { page: number; path: string }) =>
      `${p.page} ページ目の ${p.path} にリストがありません。「項目のパス」に各ページでリストがある場所を設定してください`,
    'webService.page-items-unknown': (p: { page: number }) =>
      `${p.page} ページ目に集めるリストが 1 つに決まりません。「項目のパス」に各ページでリストがある場所を設定してください（例：$.entities）`,
    'webService.page-needs': (p: { style: string; setting: PageSetting; example: string }) =>
      `ページの方式 ${p.style} には「${SETTING_TITLES.ja[p.setting]}」が必要です（例：${p.example}）`,
    'webService.base64-empty': (_p: Record<string, never>) =>
      '「バイト列（base64）」が空です。送るバイト列を指定してください（例：{{ steps.getRecording.body.base64 }}）',
    'webService.url-required': (_p: Record<string, never>) => 'URL を入力してください',
    'webService.url-scheme': (_p: Record<string, never>) =>
      'URL は https:// か http:// で始めてください（またはそれを返す {{ }} テンプレートにします）',
    'webService.body-not-allowed': (p: { method: string }) =>
      `${p.method} リクエストは本文を送れません。PUT・POST・PATCH を選ぶか、本文の種類を「なし」にしてください`,
    'webService.json-empty': (_p: Record<string, never>) => 'JSON 本文が空です。送る JSON を書いてください',
    'webService.text-empty': (_p: Record<string, never>) => 'テキスト本文が空です。送るテキストを書いてください',
    'webService.field-twice': (p: { field: string; first: number; row: number }) =>
      `項目名「${p.field}」がレスポンスのマッピングで 2 回使われています（${p.first} 行目と ${p.row} 行目）`,
    'webService.not-base64': (p: { length: number; at: number }) =>
      `送るバイト列が base64 ではありません（${p.length} 文字。base64 でない最初の文字は ${p.at} 文字目）。ダウンロードの body.base64 のような base64 を指定してください`,
    'webService.not-ready': (p: { attempts: number; seconds: number; last: 'status' | 'rules'; status?: number }) =>
      `${p.seconds} 秒おきに ${p.attempts} 回呼び出しましたが、まだ準備ができていません（最後の応答は${p.last === 'status' ? ` ${p.status ?? '?'} でした` : '「準備完了の条件」を満たしませんでした'}）`,
    'webService.retry-until-nothing': (_p: Record<string, never>) =>
      '「準備ができるまで再試行」に、再試行するステータスも「準備完了の条件」もないため、再試行しません。404 などのステータスか条件を追加するか、設定を消してください',
  },
} as const;

export type WebServiceMessageCode = keyof (typeof webServiceMessages)['en'];

/** A message of this node's own catalogue with its English sentence filled in. */
export function webServiceMessage<C extends WebServiceMessageCode>(
  code: C,
  params: Parameters<(typeof webServiceMessages)['en'][C]>[0],
): Message & { message: string } {
  const word = webServiceMessages.en[code] as (p: typeof params) => string;
  return { code, params: params as Message['params'], message: word(params) };
}
