/** Japanese words for the state store (see state-en.ts); ja.ts spreads them in. */
import type { stateMessagesEn } from './state-en.js';
import type { Words } from './words.js';

type StateCatalogue = {
  [C in keyof typeof stateMessagesEn]: (params: Parameters<(typeof stateMessagesEn)[C]>[0], words: Words) => string;
};

const grouped = (n: number) => n.toLocaleString('ja-JP');

export const stateMessagesJa: StateCatalogue = {
  'state.key-empty': () => 'キーが空です。キーは覚える内容の名前です。例: task:{{ trigger.body.TaskSid }}',
  'state.key-too-long': (p) =>
    `キー「${p.key}」は ${grouped(p.length)} 文字あります。キーは ${grouped(p.max)} 文字までです`,
  'state.no-value': (p) => `「${p.key}」に覚える値がありません（値のテンプレートが何も返しませんでした）`,
  'state.not-json': (p) => `「${p.key}」の値を JSON として保存できません: ${p.error}`,
  'state.value-too-large': (p) =>
    `「${p.key}」の値は JSON で ${grouped(p.bytes)} バイトあります。覚える値は ${grouped(p.max)} バイトまでです（ペイロード全体ではなく ID を覚えてください）`,
  'state.bad-ttl': (p) =>
    `「${p.key}」を覚えておく時間（${p.ttl} ミリ秒）は 1 ミリ秒から ${grouped(p.maxDays)} 日までの整数にしてください`,
  'state.bad-increment': (p) => `「${p.key}」を増やす量は整数にしてください（${p.by} は使えません）`,
  'state.not-a-number': (p) => `「${p.key}」の値 ${p.value} は整数ではないため、増やせません`,
  'state.increment-overflow': (p) =>
    `「${p.key}」を増やすと、フローで扱える最大の整数（9,007,199,254,740,991）を超えます`,
  'state.unavailable': (p) => `状態ストアに接続できませんでした: ${p.error}`,
};
