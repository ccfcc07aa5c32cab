/** Japanese words for the CLI's usage errors (see cli-en.ts); ja.ts spreads them in. */
import type { cliMessagesEn } from './cli-en.js';
import type { Words } from './words.js';

type CliCatalogue = {
  [C in keyof typeof cliMessagesEn]: (params: Parameters<(typeof cliMessagesEn)[C]>[0], words: Words) => string;
};

const didYouMean = (suggestion?: string) => (suggestion ? `\n（${suggestion} のことですか？）` : '');

export const cliMessagesJa: CliCatalogue = {
  'cli.unknown-option': (p) => `不明なオプション「${p.option}」です${didYouMean(p.suggestion)}`,
  'cli.unknown-command': (p) => `不明なコマンド「${p.command}」です${didYouMean(p.suggestion)}`,
  'cli.missing-argument': (p) => `必須の引数「${p.argument}」がありません`,
  'cli.option-missing-argument': (p) => `オプション「${p.option}」に値がありません`,
  'cli.missing-option': (p) => `必須のオプション「${p.option}」が指定されていません`,
  'cli.too-many-arguments': (p) =>
    `${p.command !== undefined ? `「${p.command}」の` : ''}引数が多すぎます。${p.expected} 個のところ ${p.received} 個あります。`,
  'cli.bad-choice': (p) =>
    `オプション「${p.option}」の値「${p.value}」は使えません。使えるのは ${p.choices.join('、')} です。`,
  'cli.conflicting-options': (p) => `${p.first} と ${p.second} は一緒に使えません`,
  'cli.whole-number': (p) =>
    `${p.option} は ${p.min} から ${p.max} までの整数にしてください（「${p.value}」は使えません）`,
  'cli.port': (p) => `--port はポート番号（0〜65535）にしてください（「${p.value}」は使えません）`,
  'cli.public-url': (p) =>
    `--public-url は https://flows.example.com のような http(s) の URL にしてください（「${p.value}」は使えません）`,
  'cli.port-in-use': (p) => `ポート ${p.port} は使用中です。--port で別のポートを選んでください`,
  'cli.live-and-mock': () => '--live と --mock は一緒に使えません',
  'cli.form-needs-payload': () => '--form には --payload <ファイル> が必要です',
  'cli.dir-missing': (p) =>
    `--dir ${p.dir}: そのフォルダーはありません（先に作るか、既存のワークスペースを選んでください）`,
  'cli.dir-unreadable': (p) => `--dir ${p.dir}: フォルダーを開けません（${p.error}）`,
  'cli.dir-is-file': (p) => `--dir ${p.dir}: フォルダーではなくファイルです`,
  'cli.out-exists': (p) =>
    `${p.file} はすでにあります。--out には別のファイルを選んでください（import は上書きしません）`,
};
