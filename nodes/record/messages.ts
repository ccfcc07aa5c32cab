/**
 * The Record node's own message codes (its semantic checks and its run errors), in English and
 * Japanese, added to the catalogues (`addMessages`) when this module loads; the validator and the
 * engine prefix the node's name.
 */
import { addMessages, formatMessage } from '../../core/messages/format.js';
import type { MessageParams } from '../../core/messages/message.js';
import type { Words } from '../../core/messages/words.js';

interface CredentialKindParams {
  name: string;
  provider: string;
  kind: string;
  allowed: readonly string[];
}

export const recordMessages = {
  en: {
    'record.base-url-required': (p: { example: string }) => `instance address is required (e.g. ${p.example})`,
    'record.base-url-scheme': () => 'instance address must start with https:// (or be a {{ }} template that gives one)',
    'record.record-id-required': () => 'the record id is required (usually a {{ }} template)',
    'record.match-required': () => 'add at least one "Find by" row: the field to search and its value',
    'record.any-on-zendesk': () =>
      'Zendesk search cannot combine different fields with "any"; use "all", or one row per Record node',
    'record.key-required': () => 'upsert needs a key: the field that identifies the record and its value',
    'record.zendesk-upsert-key': (p: { object: string; keys: readonly string[] }) =>
      `Zendesk matches a ${p.object} for create-or-update by ${p.keys.join(' or ')} only`,
    'record.fields-required': () => 'add at least one field to update',
    'record.note-required': () => 'the note text is required',
    'record.note-zendesk-ticket': () => 'on Zendesk, notes are added to tickets only',
    'record.tags-zendesk-only': (p: { provider: string }) =>
      `${p.provider} has no tags; use update with a field instead`,
    'record.tags-required': () => 'add at least one tag',
    'record.correlation-incomplete': () =>
      '"Create only once per" needs both the field and its value (e.g. the conversation id)',
    'record.field-twice': (p: { name: string; first: number; second: number }) =>
      `field "${p.name}" is set twice (rows ${p.first} and ${p.second})`,
    'record.match-field-dotted': (p: { provider: string; field: string }) =>
      `"${p.field}": ${p.provider} searches its own fields only; a name with a dot (a related record's field) cannot be searched here`,
    // Run errors.
    'record.credential-missing': (p: { provider: string }) =>
      `${p.provider} needs a credential: choose one for this node`,
    'record.credential-unknown': (p: { name: string }) => `credential "${p.name}" could not be found`,
    'record.credential-kind': (p: CredentialKindParams, w: Words) =>
      `credential "${p.name}": ${p.provider} does not accept ${w.kind(p.kind)}; use ${w.list(p.allowed.map(w.kind), 'or')}`,
    'record.bad-base-url': (p: { url: string }) => `the instance address "${p.url}" is not an http(s) address`,
    'record.instance-unknown': (p: { example: string }) =>
      `instance address is required (e.g. ${p.example}): it may stay empty only with a Salesforce JWT bearer credential, whose token names the instance`,
    'record.empty-id': (p: { source: string }) => `the record id is empty: "${p.source}" gave no id`,
    'record.empty-value': (p: { field: string }) =>
      `the value to find "${p.field}" by is empty; a search for nothing could match the wrong record, so nothing was searched`,
    'record.bad-phone': (p: { field: string; value: string }) =>
      `"${p.value}" (for "${p.field}") is not a phone number that can be written as E.164 (+ and country code); set the country calling code for national numbers`,
    'record.no-id': (p: { provider: string; status: number }) =>
      `${p.provider} answered ${p.status} but the response holds no record id`,
    'record.vendor-refused': (p: { provider: string; status: number; vendor: string }) =>
      `${p.provider} refused the request (HTTP ${p.status}): ${p.vendor}`,
    'record.template': (p: { what: string; error: string }) => `the ${p.what} could not be filled in: ${p.error}`,
  },
  ja: {
    'record.base-url-required': (p: { example: string }) =>
      `インスタンスのアドレスを入力してください（例: ${p.example}）`,
    'record.base-url-scheme': () =>
      'インスタンスのアドレスは https:// で始めてください（または、それを返す {{ }} テンプレート）',
    'record.record-id-required': () => 'レコード ID を入力してください（ふつうは {{ }} テンプレート）',
    'record.match-required': () => '「検索条件」を 1 行以上追加してください（検索する項目とその値）',
    'record.any-on-zendesk': () =>
      'Zendesk の検索では別々の項目を「いずれか」で組み合わせられません。「すべて」にするか、行ごとに Record ノードを分けてください',
    'record.key-required': () => 'アップサートにはキー（レコードを特定する項目とその値）が必要です',
    'record.zendesk-upsert-key': (p: { object: string; keys: readonly string[] }) =>
      `Zendesk の作成または更新で ${p.object} を照合できるのは ${p.keys.join('、または')} だけです`,
    'record.fields-required': () => '更新する項目を 1 つ以上追加してください',
    'record.note-required': () => 'メモの本文を入力してください',
    'record.note-zendesk-ticket': () => 'Zendesk ではメモを追加できるのはチケットだけです',
    'record.tags-zendesk-only': (p: { provider: string }) =>
      `${p.provider} にはタグがありません。項目を指定した更新を使ってください`,
    'record.tags-required': () => 'タグを 1 つ以上追加してください',
    'record.correlation-incomplete': () => '「1 回だけ作成する単位」には項目と値（例: 会話 ID）の両方が必要です',
    'record.field-twice': (p: { name: string; first: number; second: number }) =>
      `項目「${p.name}」が 2 回指定されています（${p.first} 行目と ${p.second} 行目）`,
    'record.match-field-dotted': (p: { provider: string; field: string }) =>
      `「${p.field}」: ${p.provider} で検索できるのはそのレコード自身の項目だけです。ドットを含む名前（関連レコードの項目）はここでは検索できません`,
    'record.credential-missing': (p: { provider: string }) =>
      `${p.provider} には認証情報が必要です。このノードの認証情報を選んでください`,
    'record.credential-unknown': (p: { name: string }) => `認証情報「${p.name}」が見つかりません`,
    'record.credential-kind': (p: CredentialKindParams, w: Words) =>
      `認証情報「${p.name}」: ${p.provider} は ${w.kind(p.kind)} を使えません。${w.list(p.allowed.map(w.kind), 'or')} を使ってください`,
    'record.bad-base-url': (p: { url: string }) =>
      `インスタンスのアドレス「${p.url}」は http(s) のアドレスではありません`,
    'record.instance-unknown': (p: { example: string }) =>
      `インスタンスのアドレスを入力してください（例: ${p.example}）。空にできるのは、トークンがインスタンスを示す Salesforce JWT ベアラーの認証情報のときだけです`,
    'record.empty-id': (p: { source: string }) => `レコード ID が空です。「${p.source}」から ID が得られませんでした`,
    'record.empty-value': (p: { field: string }) =>
      `「${p.field}」を検索する値が空です。空の値で検索すると別のレコードに一致するおそれがあるため、検索しませんでした`,
    'record.bad-phone': (p: { field: string; value: string }) =>
      `「${p.value}」（「${p.field}」の値）は E.164（+ と国番号）で表せる電話番号ではありません。国内番号には国番号を設定してください`,
    'record.no-id': (p: { provider: string; status: number }) =>
      `${p.provider} は ${p.status} を返しましたが、応答にレコード ID がありません`,
    'record.vendor-refused': (p: { provider: string; status: number; vendor: string }) =>
      `${p.provider} がリクエストを拒否しました（HTTP ${p.status}）: ${p.vendor}`,
    'record.template': (p: { what: string; error: string }) => `${p.what} を埋め込めませんでした: ${p.error}`,
  },
} as const;

// Registered where they are defined, so `recordText` can word a code whoever loads this first.
addMessages(recordMessages);

export type RecordMessageCode = keyof typeof recordMessages.en;

/** The params a code takes (`{}` for a code without any). */
export type RecordParams<C extends RecordMessageCode> =
  Parameters<(typeof recordMessages.en)[C]> extends [infer P, ...unknown[]] ? P : Record<string, never>;

/** The English sentence of a code, as `message` beside the code. */
export function recordText<C extends RecordMessageCode>(code: C, params: RecordParams<C>): string {
  return formatMessage({ code, params: params as MessageParams }, 'en');
}
