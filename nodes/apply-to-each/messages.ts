/**
 * The Apply to each node's own message codes (its config checks and what stops it at run
 * time), in English and Japanese. The manifest adds them to the catalogues (`addMessages`).
 */
import { formatMessage } from '../../core/messages/format.js';
import type { Message, NodeRef } from '../../core/messages/message.js';
import type { Words } from '../../core/messages/words.js';

/** What a template gave instead of a list: its JSON type and a short preview. */
type Seen = { kind: 'string' | 'number' | 'boolean' | 'object'; preview: string };

const KIND_EN: Record<Seen['kind'], string> = {
  string: 'the text',
  number: 'the number',
  boolean: 'the value',
  object: 'an object',
};
const KIND_JA: Record<Seen['kind'], string> = {
  string: 'テキスト',
  number: '数値',
  boolean: '真偽値',
  object: 'オブジェクト',
};

/**
 * Items are named as a person counts them, from 1 ("item 2"), with the 0-based `index` that
 * templates, results and test expectations use beside it ("item 2 (index 1)").
 */
const itemEn = (index: number) => `item ${index + 1} (index ${index})`;
const itemJa = (index: number) => `${index + 1} 件目の項目（インデックス ${index}）`;

/** The body node that failed, and what went wrong there. */
type ItemFailed = { index: number; node: NodeRef; detail: Message };

export const applyToEachMessages = {
  en: {
    'applyToEach.items-not-template': () =>
      'Items must be a template giving a list, such as {{ trigger.body.users }} or {{ steps.getUsers.body.entities }}',
    'applyToEach.not-a-list': (p: Seen & { template: string }) =>
      `Items ${p.template} gave ${KIND_EN[p.kind]} ${p.preview}, not a list; point it at a list (a JSON array)${p.kind === 'object' ? '. A filter that matches one item gives that item: add [] after the filter to keep a list, e.g. participants[purpose = "agent"][]' : ''}`,
    'applyToEach.nothing': (p: { template: string }) =>
      `Items ${p.template} gave nothing (the path is not in this run’s data, or a filter matched nothing), so no item ran`,
    'applyToEach.too-many': (p: { count: number; limit: number }) =>
      `the list has ${p.count} items, more than the item limit of ${p.limit}; raise the limit (at most 10,000) or choose “Process the first ${p.limit}”`,
    'applyToEach.truncated': (p: { count: number; limit: number }) =>
      `the list has ${p.count} items; only the first ${p.limit} (the item limit) were processed`,
    'applyToEach.item-failed': (p: ItemFailed, w: Words) =>
      `${itemEn(p.index)} failed at ${w.node(p.node)}: ${w.msg(p.detail)}`,
    'applyToEach.results-too-large': (p: { limit: number; index: number }) =>
      `the collected results passed ${p.limit.toLocaleString('en-US')} characters of JSON at ${itemEn(p.index)}; collect less per item with “Result per item”`,
    'applyToEach.result-failed': (p: { index: number; error: string }) =>
      `“Result per item” could not be worked out for ${itemEn(p.index)}: ${p.error}`,
    'applyToEach.nested': () =>
      'an Apply to each cannot run inside another one’s body; process the inner list with a Code task, or in a second flow',
    'applyToEach.skipped': (p: { count: number; items: string }, w: Words) =>
      `${p.count} ${w.plural(p.count, { one: 'item', other: 'items' })} failed and ${w.plural(p.count, { one: 'was', other: 'were' })} left out of the results (${w.plural(p.count, { one: 'item', other: 'items' })} ${p.items})`,
  },
  ja: {
    'applyToEach.items-not-template': () =>
      '項目の一覧は、{{ trigger.body.users }} や {{ steps.getUsers.body.entities }} のように、リストを返すテンプレートで指定してください',
    'applyToEach.not-a-list': (p: Seen & { template: string }) =>
      `項目の一覧 ${p.template} の値が${KIND_JA[p.kind]} ${p.preview} で、リストではありません。リスト（JSON の配列）を指定してください${p.kind === 'object' ? '。1 件だけに一致したフィルターはその項目そのものを返すので、リストのままにするにはフィルターの後ろに [] を付けてください（例: participants[purpose = "agent"][]）' : ''}`,
    'applyToEach.nothing': (p: { template: string }) =>
      `項目の一覧 ${p.template} の値がありません（この実行のデータにそのパスがないか、フィルターに一致するものがありません）。どの項目も実行しませんでした`,
    'applyToEach.too-many': (p: { count: number; limit: number }) =>
      `リストの項目数 ${p.count} が上限 ${p.limit} を超えています。上限を上げる（最大 10,000）か、「最初の ${p.limit} 件を処理」を選んでください`,
    'applyToEach.truncated': (p: { count: number; limit: number }) =>
      `リストには ${p.count} 件ありますが、上限の最初の ${p.limit} 件だけを処理しました`,
    'applyToEach.item-failed': (p: ItemFailed, w: Words) =>
      `${itemJa(p.index)}が ${w.node(p.node)} で失敗しました: ${w.msg(p.detail)}`,
    'applyToEach.results-too-large': (p: { limit: number; index: number }) =>
      `${itemJa(p.index)}で、集めた結果が JSON で ${p.limit.toLocaleString('ja-JP')} 文字を超えました。「項目ごとの結果」で集める内容を減らしてください`,
    'applyToEach.result-failed': (p: { index: number; error: string }) =>
      `${itemJa(p.index)}の「項目ごとの結果」を求められませんでした: ${p.error}`,
    'applyToEach.nested': () =>
      '「各項目に適用」の中で、別の「各項目に適用」は実行できません。内側のリストはコードタスクか別のフローで処理してください',
    'applyToEach.skipped': (p: { count: number; items: string }) =>
      `${p.count} 件の項目が失敗し、結果から除きました（${p.items} 件目）`,
  },
} as const;

export type ApplyToEachMessageCode = keyof (typeof applyToEachMessages)['en'];

/** A message of this node's catalogue with its English sentence filled in. */
export function applyToEachMessage<C extends ApplyToEachMessageCode>(
  code: C,
  params: Parameters<(typeof applyToEachMessages)['en'][C]>[0],
): Message & { message: string } {
  const m = { code, params: params as Message['params'] };
  // Through the catalogues (the manifest added these codes), so nested messages and node names get their words.
  return { ...m, message: formatMessage(m, 'en') };
}
