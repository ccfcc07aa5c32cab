/**
 * The Ticket node's own message codes (its semantic checks and its run errors), in English and
 * Japanese, added to the catalogues when this module loads; the validator and the engine prefix
 * the node's name. Providers are named by id and worded per language.
 */
import { addMessages, formatMessage } from '../../core/messages/format.js';
import type { MessageParams } from '../../core/messages/message.js';
import type { Words } from '../../core/messages/words.js';
import { VENDOR_EXAMPLE_BASE, VENDOR_LABELS } from '../shared/vendors.js';

type Provider = 'zendesk' | 'servicenow' | 'salesforce' | 'rest';

const PROVIDER_WORDS: Record<'en' | 'ja', Record<Provider, string>> = {
  en: VENDOR_LABELS,
  ja: { zendesk: 'Zendesk', servicenow: 'ServiceNow', salesforce: 'Salesforce', rest: 'REST サービス' },
};

const en = (p: Provider) => PROVIDER_WORDS.en[p] ?? p;
const ja = (p: Provider) => PROVIDER_WORDS.ja[p] ?? p;

interface KindParams {
  name: string;
  provider: Provider;
  kind: string;
  allowed: readonly string[];
}

export const ticketMessages = {
  en: {
    'ticket.base-url-required': (p: { provider: Provider }) =>
      `instance address is required (e.g. ${VENDOR_EXAMPLE_BASE[p.provider] ?? VENDOR_EXAMPLE_BASE.rest})`,
    'ticket.base-url-scheme': () => 'instance address must start with https:// (or be a {{ }} template that gives one)',
    'ticket.add-tags-zendesk-only': (p: { provider: Provider }) =>
      `"add tags" is only available for Zendesk; use update on ${en(p.provider)}`,
    'ticket.record-id-required': () => 'the ticket to update is required (its id, usually a {{ }} template)',
    'ticket.tags-required': () => 'add at least one tag to add',
    'ticket.no-tags': (p: { provider: Provider }) => `${en(p.provider)} has no tags here; use a field instead`,
    'ticket.zendesk-comment': () =>
      'Zendesk needs a first comment to create a ticket: fill in the comment or the description',
    'ticket.requester-zendesk-only': (p: { provider: Provider }) =>
      p.provider === 'servicenow'
        ? 'the requester is used by Zendesk only; for ServiceNow put the contact sys_id in a "contact" field'
        : 'the requester is used by Zendesk only; for Salesforce put the contact id in a "ContactId" field',
    'ticket.field-twice': (p: { name: string; first: number; row: number }) =>
      `field "${p.name}" is set twice (rows ${p.first} and ${p.row})`,
    'ticket.rest-required': () => 'the REST request is required',
    'ticket.rest-url-required': () => 'the URL or path is required',
    'ticket.rest-id-path-required': () => 'the JSONPath of the id is required',
    // Run errors.
    'ticket.credential-missing': (p: { provider: Provider }) =>
      `${en(p.provider)} needs a credential: choose one for this node`,
    'ticket.credential-unknown': (p: { name: string }) => `credential "${p.name}" could not be found`,
    'ticket.credential-kind': (p: KindParams, w: Words) =>
      `credential "${p.name}": ${en(p.provider)} does not accept ${w.kind(p.kind)}; use ${w.list(p.allowed.map(w.kind), 'or')}`,
  },
  ja: {
    'ticket.base-url-required': (p: { provider: Provider }) =>
      `インスタンスのアドレスを入力してください（例：${VENDOR_EXAMPLE_BASE[p.provider] ?? VENDOR_EXAMPLE_BASE.rest}）`,
    'ticket.base-url-scheme': () =>
      'インスタンスのアドレスは https:// で始めてください（またはそうなる {{ }} テンプレート）',
    'ticket.add-tags-zendesk-only': (p: { provider: Provider }) =>
      `「タグを追加」は Zendesk だけで使えます。${ja(p.provider)} では「更新」を使ってください`,
    'ticket.record-id-required': () => '更新するチケットを指定してください（その ID。ふつうは {{ }} テンプレートです）',
    'ticket.tags-required': () => '追加するタグを 1 つ以上入力してください',
    'ticket.no-tags': (p: { provider: Provider }) =>
      `${ja(p.provider)} にはここで使えるタグがありません。代わりにフィールドを使ってください`,
    'ticket.zendesk-comment': () =>
      'Zendesk でチケットを作るには最初のコメントが必要です。コメントか説明を入力してください',
    'ticket.requester-zendesk-only': (p: { provider: Provider }) =>
      p.provider === 'servicenow'
        ? '依頼者は Zendesk だけで使います。ServiceNow では連絡先の sys_id を「contact」フィールドに入れてください'
        : '依頼者は Zendesk だけで使います。Salesforce では取引先責任者の ID を「ContactId」フィールドに入れてください',
    'ticket.field-twice': (p: { name: string; first: number; row: number }) =>
      `フィールド「${p.name}」が 2 回設定されています（${p.first} 行目と ${p.row} 行目）`,
    'ticket.rest-required': () => 'REST リクエストを設定してください',
    'ticket.rest-url-required': () => 'URL またはパスを入力してください',
    'ticket.rest-id-path-required': () => 'ID の JSONPath を入力してください',
    'ticket.credential-missing': (p: { provider: Provider }) =>
      `${ja(p.provider)} には認証情報が必要です。このノードの認証情報を選んでください`,
    'ticket.credential-unknown': (p: { name: string }) => `認証情報「${p.name}」が見つかりません`,
    'ticket.credential-kind': (p: KindParams, w: Words) =>
      `認証情報「${p.name}」: ${ja(p.provider)} は ${w.kind(p.kind)} を使えません。${w.list(p.allowed.map(w.kind), 'or')} を使ってください`,
  },
} as const;

// Registered where they are defined, so `ticketText` can word a code whoever loads this first.
addMessages(ticketMessages);

export type TicketMessageCode = keyof typeof ticketMessages.en;

type TicketParams<C extends TicketMessageCode> =
  Parameters<(typeof ticketMessages.en)[C]> extends [infer P, ...unknown[]] ? P : Record<string, never>;

/** A check's or run error's message: its code, params and English words. */
export function ticketMessage<C extends TicketMessageCode>(
  code: C,
  params: TicketParams<C>,
): { code: C; params: MessageParams; message: string } {
  const asParams = params as unknown as MessageParams;
  return { code, params: asParams, message: formatMessage({ code, params: asParams }, 'en') };
}
