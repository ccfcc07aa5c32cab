/** Japanese words for the CLI's usage errors (see cli-en.ts); ja.ts spreads them in. */
import type { cliMessagesEn } from './cli-en.js';
import type { Words } from './words.js';

type CliCatalogue = {
  [C in keyof typeof cliMessagesEn]: (params: Parameters<(typeof cliMessagesEn)[C]>[0], words: Words) => string;
};

const JSON_FILE = {
  payload: 'ペイロード',
  parameters: 'パラメーター',
  mock: 'モックファイル',
  export: 'エクスポート',
} as const;

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
  'cli.json-too-deep': (p) =>
    `${p.file}: ${JSON_FILE[p.what]}の入れ子が ${p.limit} 段を超えています（オブジェクトや配列が互いの中に入っています）。Flowdesk はこれより深い JSON を受け付けません（${p.line} 行 ${p.column} 列）`,
  'cli.json-empty': (p) => `${p.file}: ${JSON_FILE[p.what]}が空です`,
  'cli.json-invalid': (p) =>
    `${p.file}: ${JSON_FILE[p.what]}が正しい JSON ではありません: ${p.line !== undefined ? `${p.line} 行 ${p.column ?? 1} 列: ` : ''}${p.reason}`,
  'cli.field-choice': (p) => `${p.field} は ${p.choices.join('、')} のいずれかにしてください`,
  'cli.allowed-origin': (p) =>
    `--allowed-origin「${p.value}」は https://api.example.com のようなオリジンではありません`,
  'cli.credential-needs': (p) =>
    `認証情報「${p.name}」（${p.kind}）には ${p.fields.join('、')} が必要です。--field、--from-env（${p.envVars.join('、')}）、入力プロンプトまたは標準入力で渡してください`,
  'cli.fired-at': (p) =>
    `--at: 実行時刻「${p.value}」はタイムゾーン付きの ISO 8601 の日時ではありません（例：2026-04-01T02:00:00+09:00）`,
  'cli.params-file': (p) => `${p.file}: ${p.problem}`,
  'cli.reporter': (p) => `不明なレポーター「${p.reporter}」です。default か junit を使ってください`,
  'cli.import-refused': (p) => `${p.file}: ${p.reason}`,
};
