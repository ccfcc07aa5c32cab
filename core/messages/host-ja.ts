/** Japanese words for what the hosts refuse (see host-en.ts); ja.ts spreads them in. */
import {
  credentialFieldLabel,
  type DeployAction,
  type hostMessagesEn,
  type PrivateFile,
  type RecordsAt,
} from './host-en.js';
import type { Words } from './words.js';

type HostCatalogue = {
  [C in keyof typeof hostMessagesEn]: (params: Parameters<(typeof hostMessagesEn)[C]>[0], words: Words) => string;
};

const FILE_WORDS: Readonly<Record<string, string>> = {
  file: 'ファイル',
  'flow file': 'フローファイル',
  'payload file': 'ペイロードファイル',
  'recorded response file': '記録済みレスポンスのファイル',
  'test file': 'テストファイル',
  'sample payload': 'サンプルペイロード',
  input: '入力',
};
const file = (what: string) => FILE_WORDS[what] ?? what;

const PRIVATE_FILE_JA: Record<PrivateFile, string> = {
  credentials: '認証情報ファイル',
  'designer-key': 'デザイナーの鍵ファイル',
};
const recordsAtJa = (p: RecordsAt) => p.path ?? '書き込む認証情報';

const ACTION_WORDS: Record<DeployAction, (p: { version?: number; id?: string }) => string> = {
  deploy: () => 'デプロイ',
  versions: () => 'デプロイ済みバージョンの一覧取得',
  rollback: (p) => `バージョン ${p.version ?? '?'} へのロールバック`,
  executions: () => '実行の一覧取得',
  execution: (p) => `実行 ${p.id ?? '?'} の読み込み`,
  cancel: (p) => `実行 ${p.id ?? '?'} のキャンセル`,
};

const NOT_REGULAR = {
  directory: 'フォルダー',
  fifo: '名前付きパイプ (FIFO)',
  device: 'デバイス',
  socket: 'ソケット',
  other: '通常のファイルではないもの',
} as const;

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
  'host.no-open-links': (p) => `${p.url} はブラウザーで開いてください。デザイナーのサーバーはリンクを開きません。`,
  'host.token': () => 'デザイナーのトークンがないか、違います。`flowdesk designer` が表示した URL を開いてください。',
  'host.host-not-allowed': (p) =>
    `ホスト「${p.host}」からは使えません。デザイナーは http://127.0.0.1:${p.port}/ で開いてください`,
  'host.origin-not-allowed': (p) => `${p.origin} からのリクエストは受け付けません。`,
  'host.unknown-method': (p) => `ホストのメソッド「${p.method}」はありません。`,
  'host.foreign-sender': (p) => `${p.channel} を拒否しました。要求が Flowdesk のウィンドウから来ていません。`,
  'host.bad-body': () => 'リクエストの本文は JSON オブジェクト {"args": [...]} にしてください。',
  'host.too-large': () => 'リクエストが大きすぎます。',
  'host.internal': () => 'デザイナーのサーバーで内部エラーが起きました。',
  'host.not-found': () => '見つかりません。',
  'host.not-a-method': (p) => `「${p.method}」はホストのメソッドではありません`,
  'host.args-not-list': (p) => `${p.method}: 引数はリストで渡してください`,
  'host.arity': (p) => `${p.method} の引数は (${p.names.join(', ')}) ですが、${p.count} 個で呼ばれました`,
  'host.argument': (p) => `${p.method} の引数が正しくありません: ${p.detail}`,

  'path.empty': () => 'ファイルのパスが空です。',
  'path.nul': (p) => `ファイルのパス「${p.path}」に NUL 文字が含まれています。`,
  'path.dot-dot': (p) =>
    `パス「${p.path}」に「..」が含まれています。開いたり保存したりできるのは、ワークスペース ${p.root} の中のファイルだけです。`,
  'path.outside-workspace': (p) =>
    `パス「${p.path}」はワークスペース ${p.root} の外にあります。開いたり保存したりできるのは、その中のファイルだけです。`,
  'path.link-outside-workspace': (p) =>
    `パス「${p.path}」はシンボリックリンクを通ってワークスペース ${p.root} の外を指しています。`,
  'path.not-flow-file': (p) =>
    `「${p.path}」はフローファイルではありません。フローファイルの名前は ${p.extension} で終わります。`,
  'path.named-empty': (p) => `${file(p.what)}のパスが空です。`,
  'path.named-nul': (p) => `${file(p.what)}のパス「${p.name}」に NUL 文字が含まれています。`,
  'path.absolute': (p) =>
    `${file(p.what)}「${p.name}」は絶対パスです。フローのフォルダー（${p.root}）からの相対パスにしてください。`,
  'path.leaves-folder': (p) =>
    `${file(p.what)}「${p.name}」は「..」でフローのフォルダー（${p.root}）の外に出ています。`,
  'path.hidden': (p) =>
    `${file(p.what)}「${p.name}」は隠しファイルまたは隠しフォルダー（「.」で始まる名前）を指しています。`,
  'path.link-outside': (p) =>
    `${file(p.what)}「${p.name}」はフローのフォルダー（${p.root}）の外を指すシンボリックリンク（またはその中）です。`,
  'path.link-hidden': (p) =>
    `${file(p.what)}「${p.name}」は隠しファイルまたは隠しフォルダーへのシンボリックリンクです。`,
  'file.not-found': (p) => `ファイル ${p.path} はありません。`,
  'file.missing': (p) => `${p.shown}: ${file(p.what)}が見つかりません`,
  'file.is-directory': (p) => `${p.shown}: ${file(p.what)}ではなくフォルダーです`,
  'file.not-regular': (p) =>
    `${p.shown}: ${file(p.what)}ではなく${NOT_REGULAR[p.kind]}です。読み込めるのは通常のファイルだけです`,
  'file.unreadable': (p) => `${p.shown}: ${file(p.what)}を読み込めません（${p.error}）`,
  'file.too-large': (p) =>
    p.size !== undefined
      ? `${p.shown}: ${file(p.what)}は ${p.size} バイトあり、上限の ${p.limit} を超えています`
      : `${p.shown}: ${file(p.what)}が上限の ${p.limit} を超えています`,
  'file.not-absolute': (p) => `「${p.path}」はファイルの絶対パスではありません。`,
  'file.not-flow': (p) =>
    `「${p.path}」はフローファイルではありません（フローファイルの名前は .flow.json で終わります）。`,
  'file.not-chosen': (p) => `Flowdesk が開くのは、選んだファイルだけです（ファイル › 開く…）: ${p.path}`,
  'file.save-not-chosen': (p) =>
    `Flowdesk が保存するのは、選んだ場所だけです（ファイル › 名前を付けて保存…）: ${p.path}`,
  'vault.unavailable': () =>
    'このコンピューターには認証情報を保存できません。OS が Flowdesk に暗号化を提供していません' +
    '（Linux では GNOME Keyring や KWallet などのキーリングが動いている必要があります）。' +
    '代わりに環境変数（FLOWDESK_CRED_<NAME>_<FIELD>、README を参照）で認証情報を渡してください。',
  'run.no-test-case': (p) =>
    `フローに「${p.name}」という名前のテストケースはありません${p.names.length ? `（あるのは ${p.names.map((n) => `「${n}」`).join('、')}）` : ''}。`,

  'deploy.bad-url': (p) =>
    `サーバーの URL「${p.url}」は URL ではありません。https://flows.example.com のように入力してください`,
  'deploy.bad-scheme': (p) =>
    `サーバーの URL「${p.url}」は https:// で始めてください（このコンピューター上のサーバーなら http:// も使えます）。`,
  'deploy.url-with-path': (p) =>
    `サーバーの URL「${p.url}」はサーバーのアドレスだけにしてください（https://flows.example.com のように、パスは付けません）。`,
  'deploy.bad-id': (p) => `${p.what === 'flow' ? 'フロー ID' : '実行 ID'}「${p.value}」は正しくありません。`,
  'deploy.no-target': () => 'デプロイ先のサーバーが設定されていません。先に URL と管理トークンを入力してください。',
  'deploy.no-token': (p) =>
    `${p.url} の管理トークンが保存されていません。deploy ロールを持つトークンを入力してください。`,
  'deploy.token-needed': (p) =>
    `${p.url} の管理トークンを入力してください（deploy ロールを持つ FLOWDESK_ADMIN_TOKENS のトークン）。`,
  'deploy.unreachable': (p) =>
    `デプロイ先のサーバー ${p.url} に接続できません${p.error ? `（${p.error}）` : ''}。そこで \`flowdesk serve\` は動いていますか？`,
  'deploy.too-large': (p) => `${p.method} ${p.path} へのデプロイ先サーバーの応答が 32 MB を超えています。`,
  'deploy.token-refused': (p) =>
    `デプロイ先のサーバー ${p.url} が管理トークンを拒否しました (401)。正しいトークンを入力してください。`,
  'deploy.forbidden': (p) =>
    `この管理トークンでは ${p.url} でこの操作はできません (403)。デプロイには deploy ロールを持つトークンが必要です。`,
  'deploy.no-admin-api': (p) =>
    `${p.url} には管理 API がありません (404)。FLOWDESK_ADMIN_TOKENS を付けて起動した \`flowdesk serve\` ですか？`,
  'deploy.failed': (p) =>
    `${ACTION_WORDS[p.action](p)}に失敗しました: サーバーの応答は ${p.status} でした${p.reason ? `: ${p.reason}` : ''}。`,
  'deploy.not-json': () => 'フローが正しい JSON ではありません。直してからデプロイしてください。',

  'credentials-file.no-key': () =>
    'FLOWDESK_CREDENTIALS_KEY が設定されていません。これがないと認証情報ファイルを開けません',
  'credentials-file.wrong-key': (p) =>
    `${p.path} を復号できません。FLOWDESK_CREDENTIALS_KEY が違いませんか？（またはファイルが変更・破損しています）`,
  'credentials-file.raw-key': (p) =>
    `${p.path} を復号できません。このファイルは 32 バイトの鍵で書かれていますが、FLOWDESK_CREDENTIALS_KEY が 32 バイトの base64 ではありません（FLOWDESK_CREDENTIALS_KEY が違いませんか？）`,
  'credentials-file.not-json': (p) => `${p.path} は Flowdesk の認証情報ファイルではありません（JSON ではありません）`,
  'credentials-file.version': (p) =>
    `${p.path} は、このビルドが読めるバージョンの Flowdesk 認証情報ファイルではありません（"version": 1 が必要です）`,
  'credentials-file.damaged': (p) =>
    `${p.path} は破損しています。kdf、iv、tag、data のいずれかがないか、正しくありません`,
  'credentials-file.tag': (p) =>
    `${p.path} は破損しています。認証タグは ${p.bytes} バイトのはずです（ファイルが切れているか、改ざんされています）`,
  'credentials-file.scrypt': (p) =>
    `${p.path} は許容範囲外の scrypt パラメーター（N は 2^14〜2^17 の 2 のべき乗、r ≤ ${p.maxR}、p ≤ ${p.maxP}、最大 ${p.maxMiB} MiB）を求めているため、鍵を導く前に拒否しました（破損または細工されたファイル？）`,
  'credentials-file.not-credentials': (p) => `${p.path} は復号できましたが、中身が認証情報の JSON ではありません`,
  'credentials-file.unreadable': (p) => `認証情報ファイル ${p.path} を読めません（${p.error}）`,
  'credentials-file.not-a-file': (p) =>
    `${p.path} は認証情報ファイルではありません（通常のファイルでないか、4 MiB を超えています）`,
  'credentials-file.readable-by-others': (p) =>
    `${PRIVATE_FILE_JA[p.file]} ${p.path} はほかのユーザーも読めます（モード ${p.mode}）。\`chmod 600 ${p.path}\` を実行してからやり直してください`,
  'credentials-file.not-records': (p) => `${recordsAtJa(p)}: 名前ごとの認証情報のオブジェクトが必要です`,
  'credentials-file.record-not-object': (p) => `${recordsAtJa(p)}: 認証情報「${p.name}」がオブジェクトではありません`,
  'credentials-file.record-kind': (p) => `${recordsAtJa(p)}: 認証情報「${p.name}」の種類「${p.kind}」は不明です`,
  'credentials-file.record-fields': (p) =>
    `${recordsAtJa(p)}: 認証情報「${p.name}」の fields は値がすべて文字列でなければなりません`,
  'credentials-file.record-origins': (p) =>
    `${recordsAtJa(p)}: 認証情報「${p.name}」の allowedOrigins がオリジンのリストではありません`,
};
