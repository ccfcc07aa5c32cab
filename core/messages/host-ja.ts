/** Japanese words for what the hosts refuse (see host-en.ts); ja.ts spreads them in. */
import { credentialFieldLabel, type hostMessagesEn } from './host-en.js';
import type { Words } from './words.js';

type HostCatalogue = {
  [C in keyof typeof hostMessagesEn]: (params: Parameters<(typeof hostMessagesEn)[C]>[0], words: Words) => string;
};

export const hostMessagesJa: HostCatalogue = {
  'credential.bad-name': (p) =>
    `認証情報の名前「${p.name}」は使えません。英字で始め、英数字・「-」・「_」だけで 64 文字以内にしてください。`,
  'credential.reserved-name': (p) =>
    `名前「${p.name}」はデプロイ先サーバー用に予約されています（「サーバーへデプロイ」で設定してください）。`,
  'credential.unknown-kind': (p) => `認証情報「${p.name}」: 種類「${p.kind}」はありません。`,
  'credential.unknown-field': (p, w) =>
    `認証情報「${p.name}」（${w.kind(p.kind)}）に項目「${p.field}」はありません。項目は ${p.fields.join('、')} です。`,
  'credential.missing-fields': (p, w) =>
    `認証情報「${p.name}」（${w.kind(p.kind)}）には次の入力が必要です: ${p.fields.map((f) => credentialFieldLabel(w, p.kind, f)).join('、')}`,
  'credential.bad-url': (p, w) =>
    `認証情報「${p.name}」（${w.kind(p.kind)}）: ${credentialFieldLabel(w, p.kind, p.field)}「${p.value}」は Web アドレスではありません。https:// から始めて省略せずに入力してください。`,
  'credential.bad-option': (p, w) =>
    `認証情報「${p.name}」（${w.kind(p.kind)}）: ${credentialFieldLabel(w, p.kind, p.field)}は ${w.list(p.options, 'or')} のいずれかにしてください（「${p.value}」は使えません）。`,
  'credential.bad-origin': (p) =>
    `認証情報「${p.name}」: 許可するオリジン「${p.origin}」は https://ホスト または https://ホスト:ポート の形にしてください（パスは付けません）。`,
  'host.unreachable': () => 'デザイナーのサーバーに接続できません。`flowdesk designer` は動いていますか？',
  'host.answered': (p) => `デザイナーのサーバーが ${p.method} に ${p.status} を返しました。`,
  'host.link-not-http': (p) => `開けるのは http と https のリンクだけです（${p.protocol} は開けません）。`,
};
