/** Japanese words for imports and "Test connection" (see imports-en.ts); ja.ts spreads them in. */
import type { ConnectionService, ImportPlace, importMessagesEn } from './imports-en.js';
import type { Words } from './words.js';

type ImportCatalogue = {
  [C in keyof typeof importMessagesEn]: (params: Parameters<(typeof importMessagesEn)[C]>[0], words: Words) => string;
};

const SERVICE: Record<ConnectionService, string> = {
  genesys: 'Genesys Cloud',
  zendesk: 'Zendesk',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
  aws: 'AWS',
};

const PLACE: Record<ImportPlace, string> = {
  url: 'URL',
  header: 'ヘッダー',
  body: '本文',
  query: 'クエリ',
  user: '-u オプション',
};

export const importMessagesJa: ImportCatalogue = {
  'import.not-json': (p) => `ファイルが JSON ではなく (${p.error})、cURL コマンドでもありません。`,
  'import.not-data-action': () =>
    'この JSON は Genesys Cloud のデータアクションのエクスポートではありません (config.request がありません)。「管理 › 統合 › アクション › エクスポート」で書き出してください。',
  'import.integration-type': (p) =>
    p.reason === 'lambda'
      ? `このアクションは「${p.type}」統合のもので、HTTP リクエストではなく AWS Lambda 関数を呼び出します。Flowdesk からは呼べません。Lambda の HTTP エンドポイント (API Gateway または関数 URL) を Web サービスノードから呼び出してください。`
      : p.reason === 'static'
        ? `これは「${p.type}」の組み込み (static) アクションで、リクエストがエクスポートに含まれていないため変換できません。`
        : `「${p.type}」統合のアクションは取り込めません。取り込めるのは、リクエストが REST である Web Services (custom-rest-actions)、Genesys Cloud、Salesforce、Zendesk のデータアクションです。`,
  'import.bad-method': (p) =>
    `アクションのリクエスト種別「${p.method}」は Web サービスノードが送れるもの (GET・PUT・POST・PATCH・DELETE) ではありません。`,
  'import.no-url': () => 'アクションに requestUrlTemplate がなく、呼び出す先がありません。',
  'import.relative-url': (p) =>
    `アクションの URL「${p.url}」は絶対 URL ではありません。Web Services アクションには https://… が必要です (相対 URL が使えるのは Genesys Cloud・Salesforce・Zendesk の統合だけです)。`,
  'import.velocity-placeholder': (p) =>
    `未変換 ${p.index} (${PLACE[p.place]}): Velocity の「${p.source}」に相当するものが Flowdesk にないため、[[NOT CONVERTED ${p.index}]] と印を付けました。{{ }} テンプレートに書き直すか、この前の Code ノードで値を計算してください。`,
  'import.credential-not-header': (p) =>
    `${PLACE[p.place]}で認証情報の値 \${credentials.${p.name}} を使っていますが、Flowdesk はそこには送れません。ノードが送る認証情報は 1 つで、送り先は認証ヘッダーだけです (URL や本文には入れません)。[[NOT CONVERTED credentials.${p.name}]] と印を付けました。サービスが受け付けるなら、ヘッダーで送ってください。`,
  'import.success-template': (p) =>
    `成功テンプレート「${p.template}」は変換していません。ノードの出力は応答本文 (steps.<ノード>.body) と取り出した項目 (steps.<ノード>.fields) です。別の形が必要なら Code ノードで組み立ててください。`,
  'import.field-renamed': (p) =>
    `変換マップの名前「${p.from}」は項目名「${p.to}」にしました (項目名に使えるのは英数字と _ だけです)。`,
  'import.bad-jsonpath': (p) =>
    `変換マップの「${p.field}」のパス (${p.path}) は使えません: ${p.problem}。ノードの応答マッピングで直してください。`,
  'import.base-url': (p) =>
    `アクションの URL は ${p.service} のアドレスからの相対パスなので、${p.origin} から始まる URL にしました。組織が別のアドレスやリージョンを使う場合は、URL と認証情報の許可オリジンを変更してください。`,
  'import.secret-extracted': (p) =>
    `${PLACE[p.place]}${p.name ? ` ${p.name}` : ''} の秘密情報はフローに書き込んでいません。代わりにノードは認証情報「${p.credential}」を使います。`,
  'import.credential-to-create': (p, w) =>
    p.valueFound
      ? `フローを実行する前に、取り込んだ値で認証情報「${p.credential}」(${w.kind(p.kind)}) を作成してください。`
      : `フローを実行する前に、認証情報「${p.credential}」(${w.kind(p.kind)}) を作成し、秘密情報を入力してください。`,
  'import.body-text': () =>
    '変換後のリクエストテンプレートが JSON ではないため、アクションの Content-Type ヘッダーを付けてテキストとして送ります。',
  'import.header-dropped': (p) => `ヘッダー ${p.name} は外しました。Flowdesk が本文の種類から設定します。`,
  'curl.not-curl': () => 'cURL コマンドではありません。curl で始まる必要があります。',
  'curl.unclosed-quote': () => 'コマンドに閉じられていない引用符があります。',
  'curl.unknown-option': (p) => `オプション ${p.option} は解釈できません。外すか、ノードを手で作成してください。`,
  'curl.missing-value': (p) => `オプション ${p.option} の後に値が必要です。`,
  'curl.no-url': () => 'コマンドに URL がありません。',
  'curl.two-urls': () => 'コマンドに URL が複数あります。Web サービスノードが呼び出すのは 1 つです。',
  'curl.invalid-url': (p) => `「${p.url}」は http または https の URL ではありません。`,
  'curl.bad-method': (p) =>
    `メソッド ${p.method} は Web サービスノードが送れるもの (GET・PUT・POST・PATCH・DELETE) ではありません。`,
  'curl.bad-header': (p) => `ヘッダー「${p.header}」が「名前: 値」の形ではありません。`,
  'curl.file-data': (p) =>
    `${p.option} は本文をファイル (@…) から読みますが、貼り付けたコマンドではファイルを渡せません。本文そのものを貼り付けてください。`,
  'curl.multipart': () =>
    'マルチパートのフォーム送信 (-F/--form) は変換できません。Web サービスノードが送るのは JSON・フォーム・テキストの本文です。',
  'curl.two-secrets': (p) =>
    `コマンドに秘密情報が 2 つあります (${p.first} と ${p.second})。Web サービスノードが使える認証情報は 1 つです。1 つを外してからもう一度取り込んでください。`,
  'curl.secret-in-query': (p) =>
    `クエリパラメーター ${p.name} は秘密情報のようです。Flowdesk は秘密情報を URL に書き込みません。サービスが受け付けるならヘッダーで送るか、外してからもう一度取り込んでください。`,
  'curl.ignored-option': (p) =>
    p.reason === 'insecure'
      ? `${p.option} は無視しました。Flowdesk は常にサーバーの証明書を確認します。`
      : p.reason === 'output'
        ? `${p.option} は無視しました。ノードは応答を出力として保持します。`
        : `${p.option} は無視しました。接続方法はランタイムが選びます。`,
  'curl.cookie': () =>
    'Cookie ヘッダーはヘッダーのまま残しました。セッションを運ぶものなら、代わりに認証情報を使ってください。',
  'connection.ok': (p) =>
    `接続できました: ${SERVICE[p.service]} が認証情報を受け付けました (GET ${p.url} の応答 ${p.status})。`,
  'connection.ok-no-user': (p) =>
    `接続できました: Genesys Cloud が OAuth クライアントにトークンを発行しました。users/me の応答が ${p.status} なのは、クライアントクレデンシャルのトークンにユーザーがないためで、この付与方式では想定どおりです。`,
  'connection.wrong-secret': (p) =>
    p.stage === 'token'
      ? `秘密情報が違います: トークンエンドポイントがクライアント ID またはシークレットを拒否しました (${p.status})。認証情報の値を確認してください。`
      : `秘密情報が違います: ${SERVICE[p.service]} の応答は ${p.status} (認証されていません) でした。認証情報の値を確認してください。`,
  'connection.forbidden': (p) =>
    `秘密情報は有効ですが、${SERVICE[p.service]} はこのリクエストを許可していません (${p.status})。アカウントまたは OAuth クライアントに必要な権限を与えてください。`,
  'connection.unreachable': (p) =>
    `到達できません: ${p.url} に接続できませんでした (${p.error})。アドレスとネットワークを確認してください。`,
  'connection.origin-not-allowed': (p) =>
    `許可されていないオリジンです: この認証情報を送れるのは ${p.allowed.join('、')} だけで、${p.origin} には送れません。認証情報にオリジンを追加するか、許可されている先でテストしてください。`,
  'connection.unexpected': (p) =>
    `${SERVICE[p.service]} は GET ${p.url} に ${p.status} を返しました。アドレスが ${SERVICE[p.service]} のものか確認してください。`,
  'connection.bad-url': (p) => `「${p.url}」はテストに使える https のアドレスではありません。`,
  'connection.no-credential': (p) => `「${p.name}」という認証情報は保存されていません。`,
  'connection.kind': (p, w) =>
    `認証情報「${p.name}」は ${w.kind(p.kind)} で、受信する Webhook の署名に使うものです。テストする接続はありません。`,
};
