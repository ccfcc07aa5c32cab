/**
 * Words of the inspector, the editors, the credentials picker/dialog and the test bench, in
 * English and Japanese (identical keys). `schema.<English title>` keys translate the field
 * titles of node config schemas; a title without an entry shows as written.
 */
const en = {
  'common.close': 'Close',
  'common.cancel': 'Cancel',

  'inspector.label': 'Inspector',
  'inspector.nodeLabel': 'Label',
  'inspector.nodeLabelHelp':
    'What you call this step, in any words. Shown on the canvas; the name below is set from it once.',
  'inspector.name': 'Name',
  'inspector.nameHelp': 'Later steps refer to this node as steps.{name}. Renaming updates every reference.',
  'inspector.description': 'Description',
  'inspector.help': 'About this node',
  'inspector.lastRun': 'Last run of this node',
  'inspector.multiple': '{count} nodes selected. Select one node to edit it.',
  'inspector.unknownType': 'Unknown node type "{type}": this version of Flowdesk cannot edit it.',

  'flowset.settings': 'Flow settings',
  'flowset.name': 'Flow name',
  'flowset.description': 'Description',
  'flowset.id': 'ID',
  'flowset.idHelp':
    'The stable id servers, logs and traces know this flow by. Keep it once the flow is deployed: renaming the flow does not change it.',
  'flowset.idFollows': 'Until the flow is first saved or exported, it follows the flow name.',
  'flowset.idInvalid':
    'Use lower-case letters a–z, digits and single hyphens between them (for example qualtrics-genesys), at most 64 characters.',
  'flowset.credentials': 'Credentials used by this flow',
  'flowset.credentialsHelp':
    'Only names and kinds are saved in the flow; values stay in the vault or the server environment.',
  'flowset.noCredentials': 'No credentials declared yet. Pick one on a node to declare it.',
  'flowset.usedBy': 'Used by',
  'flowset.anyOrigin': 'any origin',
  'flowset.undeclare': 'Remove',
  'flowset.credentialInUse': 'A node still uses this credential.',
  'flowset.manageCredentials': 'Manage credentials…',

  'form.addItem': 'Add',
  'form.removeItem': 'Remove',
  'form.moveUp': 'Move up',
  'form.moveDown': 'Move down',
  'form.copyItem': 'Copy',
  'form.pathList': 'Available data',
  'form.pathsNotWired':
    "This node is not connected yet: only the trigger's data is offered. Connect it after other steps to use their results.",
  'form.pathsNoSample':
    'Pick a sample payload (or add an input schema) in the Webhook to see the fields its events carry.',
  'form.jsonNotValid': 'Not valid JSON yet: the last valid value is kept.',

  'editor.codeAria': 'JavaScript code',
  'editor.jsonAria': 'JSON',
  'editor.loading': 'Loading editor…',
  'editor.plainText': 'Plain text',
  'editor.richText': 'Code editor',

  'cred.title': 'Credentials',
  'cred.intro': 'Secrets are stored encrypted by the app. They are sent once when saved and never shown again.',
  'cred.stored': 'Stored credentials',
  'cred.empty': 'No credentials stored yet.',
  'cred.name': 'Name',
  'cred.nameHelp': 'Letters, digits, - and _; e.g. genesys-prod. On a server it becomes FLOWDESK_CRED_GENESYS_PROD_….',
  'cred.kind': 'Kind',
  'cred.description': 'Description in this flow',
  'cred.descriptionPlaceholder': 'e.g. Genesys Cloud OAuth client with analytics:readonly',
  'cred.descriptionHelp':
    'Saved in the flow (the values are not): tells whoever deploys it what this credential is and where to get it.',
  'cred.fieldsSet': 'Values set',
  'cred.origins': 'Allowed origins',
  'cred.originsHelp':
    'Where this credential may be sent, e.g. https://api.mypurecloud.com (one per line). Empty: anywhere.',
  'cred.default': '(default)',
  'cred.save': 'Save credential',
  'cred.delete': 'Delete',
  'cred.deleteConfirm': 'Really delete',
  'cred.new': 'New credential…',
  'cred.none': '(none)',
  'cred.notInVault': 'not in this vault',
  'cred.wrongKind': '{name} (kind not accepted here)',
  'cred.notNeeded': 'No credential needed with this authentication type.',
  'cred.accepts': 'Accepts: {kinds}',
  'list.or': ' or ',
  'cred.badName': 'The name must start with a letter and use only letters, digits, - and _ (up to 64).',
  'cred.missingFields': 'Fill in: {fields}',
  'cred.badOrigin': '"{origin}" is not an origin: write it as https://host or https://host:port, without a path.',

  'tb.title': 'Test bench',
  'tb.cases': 'Test cases',
  'tb.noCases': 'No test cases yet. Add one to run the flow on a sample payload.',
  'tb.addCase': 'Add test case',
  'tb.newCase': 'New case',
  'tb.delete': 'Delete test case',
  'tb.deleteConfirm': 'Delete?',
  'tb.caseName': 'Test case name',
  'tb.rename.empty': 'A test case needs a name.',
  'tb.rename.taken': 'Another test case already has this name.',
  'tb.sample': 'Sample payload',
  'tb.samplePick': 'Use a sample payload…',
  'tb.sampleHelp':
    'The case refers to the sample file (payloads/…) rather than copying it; the inspector also offers its fields as trigger.body.…',
  'tb.sampleNotJson': 'The sample {name} is not JSON.',
  'tb.payload': 'Trigger payload (JSON body)',
  'tb.payloadFile': 'The payload is read from {file} each time the case runs.',
  'tb.payloadFileMissing': 'No sample named {file} was found; pick another or type a payload.',
  'tb.payloadCopy': 'Copy into the case to edit',
  'tb.headers': 'Trigger headers (JSON)',
  'tb.headersHelp':
    'Headers the webhook receives, e.g. {"X-Source": "qualtrics"}. Leave empty for none. The file is shared: use test values, never a real token.',
  'tb.headersNotValid': 'Headers must be a JSON object of text values, e.g. {"X-Source": "qualtrics"}.',
  'tb.responses': 'Recorded responses',
  'tb.responsesHelp':
    'Per calling node, a list of responses answered in order (the last repeats), e.g. [{"status": 200, "body": {…}}]. Without one the call fails in a test.',
  'tb.noCallingNodes': 'No node in this flow calls a service.',
  'tb.expect': 'Expectations',
  'tb.expectPath': 'Path the run must take',
  'tb.expectPathHelp': 'Node names in the order they run, trigger included, separated by commas.',
  'tb.expectJson': 'All expectations (JSON)',
  'tb.expectJsonHelp': 'outcome, path, notVisited, steps, vars, requests, error: see the flow file documentation.',
  'tb.runAll': 'Run all',
  'tb.runCase': 'Run',
  'tb.mode': 'How calls are answered',
  'tb.modeRecorded': 'Recorded responses',
  'tb.modeLive': 'Live services',
  'tb.runPayload': 'Run with payload',
  'tb.running': 'Running…',
  'tb.noReport': 'Run the tests to see each step here.',
  'tb.summary': '{passed} passed, {failed} failed ({ms})',
  'tb.showOnCanvas': 'Show on canvas',
  'tb.expected': 'expected',
  'tb.actual': 'actual',
  'tb.status.success': 'Succeeded',
  'tb.status.failed': 'Failed',
  'tb.status.cancelled': 'Cancelled',
  'tb.status.timeout': 'Timed out',
  'tb.tokenRequest': 'token',
  'tb.attempt': 'attempt {n}',
  'tb.retryIn': 'retry in {ms} ms',
  'tb.requestBody': 'Request body',
  'tb.responseBody': 'Response body',
  'tb.mapped': 'Mapped fields',
  'tb.ruleLeft': 'Field',
  'tb.ruleOperator': 'Operator',
  'tb.ruleRight': 'Value',
  'tb.ruleValue': 'Saw',
  'tb.undefined': '(nothing)',
  'tb.details': 'Details',
  'tb.input': 'Input',
  'tb.output': 'Output',
  'tb.vars': 'Variables at the end',

  'schema.Method': 'Method',
  'schema.URL': 'URL',
  'schema.Query parameters': 'Query parameters',
  'schema.Headers': 'Headers',
  'schema.Body': 'Body',
  'schema.Body type': 'Body type',
  'schema.JSON body': 'JSON body',
  'schema.Form fields': 'Form fields',
  'schema.Text body': 'Text body',
  'schema.Authentication': 'Authentication',
  'schema.Authentication type': 'Authentication type',
  'schema.API key header': 'API key header',
  'schema.Timeout (ms)': 'Timeout (ms)',
  'schema.Retries': 'Retries',
  'schema.First wait (ms)': 'First wait (ms)',
  'schema.Longest wait (ms)': 'Longest wait (ms)',
  'schema.Largest response (bytes)': 'Largest response (bytes)',
  'schema.Idempotency key': 'Idempotency key',
  'schema.Response mapping': 'Response mapping',
  'schema.JSONPath': 'JSONPath',
  'schema.Field name': 'Field name',
  'schema.Default': 'Default',
  'schema.Name': 'Name',
  'schema.Value': 'Value',
  'schema.Ticketing system': 'Ticketing system',
  'schema.Action': 'Action',
  'schema.Instance address': 'Instance address',
  'schema.Ticket to update': 'Ticket to update',
  'schema.Subject': 'Subject',
  'schema.Description': 'Description',
  'schema.Comment': 'Comment',
  'schema.Comment text': 'Comment text',
  'schema.Visible to the customer': 'Visible to the customer',
  'schema.Priority': 'Priority',
  'schema.Tags': 'Tags',
  'schema.Tag': 'Tag',
  'schema.Requester': 'Requester',
  'schema.Email': 'Email',
  'schema.More fields': 'More fields',
  'schema.Table': 'Table',
  'schema.Decide with': 'Decide with',
  'schema.Match': 'Match',
  'schema.Ignore upper/lower case': 'Ignore upper/lower case',
  'schema.Rules': 'Rules',
  'schema.Value to check': 'Value to check',
  'schema.Operator': 'Operator',
  'schema.Compare with': 'Compare with',
  'schema.Expression': 'Expression',
  'schema.JavaScript': 'JavaScript',
  'schema.Time limit (ms)': 'Time limit (ms)',
  'schema.Memory limit (MB)': 'Memory limit (MB)',
  'slot.Credential': 'Credential',
  'slot.Caller credential': 'Caller credential',
  'schema.Caller authentication': 'Caller authentication',
  'schema.Token header': 'Token header',
  'schema.Signature header': 'Signature header',
  'schema.Input schema': 'Input schema',
  'schema.Fields': 'Fields',
  'schema.Sample payload': 'Sample payload',
  'schema.Extra path': 'Extra path',
  'schema.Answer to the caller': 'Answer to the caller',
  'schema.Mode': 'Mode',
  'schema.Response timeout (ms)': 'Response timeout (ms)',
  'schema.Ordering key': 'Ordering key',
  'schema.Personal fields': 'Personal fields',
  'schema.Respond to webhook': 'Respond to webhook',
  'schema.Status': 'Status',
  'schema.Field': 'Field',
  'schema.Return display values': 'Return display values',
  'schema.Columns to return': 'Columns to return',
  'schema.Column': 'Column',
  'schema.API version': 'API version',
  'schema.REST request': 'REST request',
  'schema.URL or path': 'URL or path',
  'schema.Id in the response': 'Id in the response',
  'schema.Number in the response': 'Number in the response',
};

const ja: Record<keyof typeof en, string> = {
  'common.close': '閉じる',
  'common.cancel': 'キャンセル',

  'inspector.label': 'インスペクター',
  'inspector.nodeLabel': 'ラベル',
  'inspector.nodeLabelHelp':
    'このステップの呼び名です（自由な言葉で）。キャンバスに表示され、最初の一度だけ下の名前の元になります。',
  'inspector.name': '名前',
  'inspector.nameHelp':
    '後続のステップはこのノードを steps.{name} で参照します。名前を変えるとすべての参照が更新されます。',
  'inspector.description': '説明',
  'inspector.help': 'このノードについて',
  'inspector.lastRun': 'このノードの前回の実行',
  'inspector.multiple': '{count} 個のノードを選択中です。編集するにはノードを 1 つだけ選んでください。',
  'inspector.unknownType': '不明なノード種別「{type}」：このバージョンの Flowdesk では編集できません。',

  'flowset.settings': 'フローの設定',
  'flowset.name': 'フロー名',
  'flowset.description': '説明',
  'flowset.id': 'ID',
  'flowset.idHelp':
    'サーバー、ログ、トレースがこのフローを識別する固定の ID です。配備後は変えないでください。フロー名を変えても ID は変わりません。',
  'flowset.idFollows': '最初に保存またはエクスポートするまでは、フロー名に合わせて変わります。',
  'flowset.idInvalid':
    '半角英小文字 a–z・数字と、その間の単一のハイフンだけを使ってください（例: qualtrics-genesys）。64 文字以内です。',
  'flowset.credentials': 'このフローが使う認証情報',
  'flowset.credentialsHelp': 'フローには名前と種類だけが保存されます。値は保管庫またはサーバーの環境変数にあります。',
  'flowset.noCredentials': '宣言された認証情報はまだありません。ノードで選ぶと宣言されます。',
  'flowset.usedBy': '使用ノード',
  'flowset.anyOrigin': 'すべての送信先',
  'flowset.undeclare': '削除',
  'flowset.credentialInUse': 'この認証情報を使っているノードがあります。',
  'flowset.manageCredentials': '認証情報を管理…',

  'form.addItem': '追加',
  'form.removeItem': '削除',
  'form.moveUp': '上へ',
  'form.moveDown': '下へ',
  'form.copyItem': 'コピー',
  'form.pathList': '使えるデータ',
  'form.pathsNotWired':
    'このノードはまだ接続されていないため、トリガーのデータだけを表示しています。前のステップにつなぐと、その結果も使えます。',
  'form.pathsNoSample':
    'Webhook でサンプルペイロード（または入力スキーマ）を選ぶと、イベントに含まれる項目が表示されます。',
  'form.jsonNotValid': 'まだ正しい JSON ではありません。最後に正しかった値を保持しています。',

  'editor.codeAria': 'JavaScript コード',
  'editor.jsonAria': 'JSON',
  'editor.loading': 'エディターを読み込み中…',
  'editor.plainText': 'テキストで編集',
  'editor.richText': 'コードエディター',

  'cred.title': '認証情報',
  'cred.intro': 'シークレットはアプリが暗号化して保存します。保存時に一度だけ送られ、二度と表示されません。',
  'cred.stored': '保存済みの認証情報',
  'cred.empty': '保存済みの認証情報はまだありません。',
  'cred.name': '名前',
  'cred.nameHelp':
    '英数字・-・_ が使えます（例：genesys-prod）。サーバーでは FLOWDESK_CRED_GENESYS_PROD_… になります。',
  'cred.kind': '種類',
  'cred.description': 'このフローでの説明',
  'cred.descriptionPlaceholder': '例: analytics:readonly 権限の Genesys Cloud OAuth クライアント',
  'cred.descriptionHelp':
    'フローに保存されます（値は保存されません）。配備する人に、この認証情報が何で、どこで入手するかを伝えます。',
  'cred.fieldsSet': '設定済みの値',
  'cred.origins': '送信を許可するオリジン',
  'cred.originsHelp':
    'この認証情報を送ってよい先（例：https://api.mypurecloud.com、1 行に 1 つ）。空欄ならどこへでも送ります。',
  'cred.default': '（既定）',
  'cred.save': '認証情報を保存',
  'cred.delete': '削除',
  'cred.deleteConfirm': '本当に削除',
  'cred.new': '新しい認証情報…',
  'cred.none': '（なし）',
  'cred.notInVault': 'この保管庫にはありません',
  'cred.wrongKind': '{name}（ここでは使えない種類）',
  'cred.notNeeded': 'この認証方式では認証情報は不要です。',
  'cred.accepts': '使える種類：{kinds}',
  'list.or': '、',
  'cred.badName': '名前は英字で始め、英数字・-・_ だけを使ってください（64 文字まで）。',
  'cred.missingFields': '入力してください：{fields}',
  'cred.badOrigin':
    '「{origin}」はオリジンではありません。パスを付けずに https://ホスト または https://ホスト:ポート と書いてください。',

  'tb.title': 'テストベンチ',
  'tb.cases': 'テストケース',
  'tb.noCases': 'テストケースはまだありません。追加するとサンプルのペイロードでフローを実行できます。',
  'tb.addCase': 'テストケースを追加',
  'tb.newCase': '新しいケース',
  'tb.delete': 'テストケースを削除',
  'tb.deleteConfirm': '削除しますか？',
  'tb.caseName': 'テストケース名',
  'tb.rename.empty': 'テストケースには名前が必要です。',
  'tb.rename.taken': '同じ名前のテストケースがすでにあります。',
  'tb.sample': 'サンプルペイロード',
  'tb.samplePick': 'サンプルペイロードを使う…',
  'tb.sampleHelp':
    'ケースはサンプルファイル（payloads/…）をコピーせずに参照します。インスペクターもその項目を trigger.body.… として候補に出します。',
  'tb.sampleNotJson': 'サンプル {name} は JSON ではありません。',
  'tb.payload': 'トリガーのペイロード（JSON ボディ）',
  'tb.payloadFile': 'ペイロードはケースを実行するたびに {file} から読み込まれます。',
  'tb.payloadFileMissing':
    '{file} という名前のサンプルが見つかりません。別のものを選ぶか、ペイロードを入力してください。',
  'tb.payloadCopy': 'ケースにコピーして編集',
  'tb.headers': 'トリガーのヘッダー（JSON）',
  'tb.headersHelp':
    'Webhook が受け取るヘッダーです。例: {"X-Source": "qualtrics"}。なければ空のままにします。ファイルは共有されるので、本物のトークンではなくテスト用の値を使ってください。',
  'tb.headersNotValid': 'ヘッダーはテキスト値の JSON オブジェクトにしてください。例: {"X-Source": "qualtrics"}。',
  'tb.responses': '記録済みの応答',
  'tb.responsesHelp':
    '呼び出しを行うノードごとに、順に返す応答の一覧です（最後の応答が繰り返されます）。例：[{"status": 200, "body": {…}}]。ない場合、テストではその呼び出しが失敗します。',
  'tb.noCallingNodes': 'このフローにはサービスを呼び出すノードがありません。',
  'tb.expect': '期待する結果',
  'tb.expectPath': '実行が通るべき経路',
  'tb.expectPathHelp': '実行順のノード名（トリガーを含む）をカンマで区切って書きます。',
  'tb.expectJson': 'すべての期待値（JSON）',
  'tb.expectJsonHelp':
    'outcome・path・notVisited・steps・vars・requests・error：フローファイルの説明を参照してください。',
  'tb.runAll': 'すべて実行',
  'tb.runCase': '実行',
  'tb.mode': '呼び出しへの応答',
  'tb.modeRecorded': '記録済みの応答',
  'tb.modeLive': '実際のサービス',
  'tb.runPayload': 'ペイロードで実行',
  'tb.running': '実行中…',
  'tb.noReport': 'テストを実行すると、各ステップがここに表示されます。',
  'tb.summary': '成功 {passed} 件、失敗 {failed} 件（{ms}）',
  'tb.showOnCanvas': 'キャンバスに表示',
  'tb.expected': '期待値',
  'tb.actual': '実際',
  'tb.status.success': '成功',
  'tb.status.failed': '失敗',
  'tb.status.cancelled': '中止',
  'tb.status.timeout': 'タイムアウト',
  'tb.tokenRequest': 'トークン',
  'tb.attempt': '{n} 回目',
  'tb.retryIn': '{ms} ms 後に再試行',
  'tb.requestBody': 'リクエストボディ',
  'tb.responseBody': 'レスポンスボディ',
  'tb.mapped': 'マッピングした項目',
  'tb.ruleLeft': '項目',
  'tb.ruleOperator': '演算子',
  'tb.ruleRight': '値',
  'tb.ruleValue': '実際の値',
  'tb.undefined': '（なし）',
  'tb.details': '詳細',
  'tb.input': '入力',
  'tb.output': '出力',
  'tb.vars': '終了時の変数',

  'schema.Method': 'メソッド',
  'schema.URL': 'URL',
  'schema.Query parameters': 'クエリパラメーター',
  'schema.Headers': 'ヘッダー',
  'schema.Body': 'ボディ',
  'schema.Body type': 'ボディの種類',
  'schema.JSON body': 'JSON ボディ',
  'schema.Form fields': 'フォーム項目',
  'schema.Text body': 'テキストボディ',
  'schema.Authentication': '認証',
  'schema.Authentication type': '認証方式',
  'schema.API key header': 'API キーのヘッダー',
  'schema.Timeout (ms)': 'タイムアウト（ms）',
  'schema.Retries': '再試行',
  'schema.First wait (ms)': '最初の待ち時間（ms）',
  'schema.Longest wait (ms)': '最長の待ち時間（ms）',
  'schema.Largest response (bytes)': '最大レスポンスサイズ（バイト）',
  'schema.Idempotency key': '冪等キー',
  'schema.Response mapping': '応答マッピング',
  'schema.JSONPath': 'JSONPath',
  'schema.Field name': '項目名',
  'schema.Default': '既定値',
  'schema.Name': '名前',
  'schema.Value': '値',
  'schema.Ticketing system': 'チケットシステム',
  'schema.Action': '操作',
  'schema.Instance address': 'インスタンスのアドレス',
  'schema.Ticket to update': '更新するチケット',
  'schema.Subject': '件名',
  'schema.Description': '説明',
  'schema.Comment': 'コメント',
  'schema.Comment text': 'コメント本文',
  'schema.Visible to the customer': '顧客に公開',
  'schema.Priority': '優先度',
  'schema.Tags': 'タグ',
  'schema.Tag': 'タグ',
  'schema.Requester': '依頼者',
  'schema.Email': 'メール',
  'schema.More fields': 'その他の項目',
  'schema.Table': 'テーブル',
  'schema.Decide with': '判定方法',
  'schema.Match': '一致条件',
  'schema.Ignore upper/lower case': '大文字と小文字を区別しない',
  'schema.Rules': 'ルール',
  'schema.Value to check': '調べる値',
  'schema.Operator': '演算子',
  'schema.Compare with': '比較する値',
  'schema.Expression': '式',
  'schema.JavaScript': 'JavaScript',
  'schema.Time limit (ms)': '制限時間（ms）',
  'schema.Memory limit (MB)': 'メモリー上限（MB）',
  'slot.Credential': '認証情報',
  'slot.Caller credential': '呼び出し元の認証情報',
  'schema.Caller authentication': '呼び出し元の認証',
  'schema.Token header': 'トークンのヘッダー',
  'schema.Signature header': '署名のヘッダー',
  'schema.Input schema': '入力スキーマ',
  'schema.Fields': '項目',
  'schema.Sample payload': 'サンプルペイロード',
  'schema.Extra path': '追加のパス',
  'schema.Answer to the caller': '呼び出し元への応答',
  'schema.Mode': 'モード',
  'schema.Response timeout (ms)': '応答のタイムアウト（ミリ秒）',
  'schema.Ordering key': '順序キー',
  'schema.Personal fields': '個人情報の項目',
  'schema.Respond to webhook': 'Webhook に応答',
  'schema.Status': 'ステータス',
  'schema.Field': '項目',
  'schema.Return display values': '表示値を返す',
  'schema.Columns to return': '返す列',
  'schema.Column': '列',
  'schema.API version': 'API バージョン',
  'schema.REST request': 'REST リクエスト',
  'schema.URL or path': 'URL またはパス',
  'schema.Id in the response': '応答内の ID',
  'schema.Number in the response': '応答内のチケット番号',
};

/** How one config field reads in a UI language, beyond its title (titles use `schema.<title>`). */
export interface FieldText {
  /** Replaces the schema's `description` (the help under the field). */
  description?: string;
  /** Replaces the node editor's hint (`FieldHint.help`). */
  help?: string;
  /** Labels of enum values; a value without one shows as itself. The stored value never changes. */
  options?: Record<string, string>;
}

const AUTH_OPTIONS_EN = {
  none: 'None',
  apiKey: 'API key in a header',
  basic: 'Basic (user and password)',
  bearer: 'Bearer token',
  oauth2: 'OAuth 2.0 client credentials',
};
const AUTH_OPTIONS_JA = {
  none: 'なし',
  apiKey: 'ヘッダーの API キー',
  basic: 'Basic（ユーザーとパスワード）',
  bearer: 'Bearer トークン',
  oauth2: 'OAuth 2.0 クライアントクレデンシャル',
};
const OPERATOR_OPTIONS_EN = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  startsWith: 'starts with',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  exists: 'exists',
  gt: '> greater than',
  gte: '≥ at least',
  lt: '< less than',
  lte: '≤ at most',
  matches: 'matches (regular expression)',
  in: 'is one of (list)',
};
const OPERATOR_OPTIONS_JA = {
  equals: '等しい',
  notEquals: '等しくない',
  contains: '含む',
  startsWith: 'で始まる',
  isEmpty: '空である',
  isNotEmpty: '空でない',
  exists: '存在する',
  gt: '> より大きい',
  gte: '≥ 以上',
  lt: '< より小さい',
  lte: '≤ 以下',
  matches: '一致する（正規表現）',
  in: 'いずれかである（一覧）',
};
const NAME_VALUE_JA: Record<string, FieldText> = {
  name: { description: 'サービスが求める名前のとおりに書きます。' },
  value: { description: 'テキスト。{{ }} テンプレートを使えます。' },
};
const RETRY_JA = (pointer: string): Record<string, FieldText> => ({
  [`${pointer}/maxRetries`]: { description: '最初の試行のあとに再試行する回数です。' },
  [`${pointer}/initialDelayMs`]: { description: '最初の再試行までの待ち時間です。毎回 2 倍になります。' },
  [`${pointer}/maxDelayMs`]: { description: '1 回の待ち時間の上限です。' },
});
/** The same texts for the cells of every row of an array (name and value of each query row…). */
const rows = (pointer: string, texts: Record<string, FieldText>): Record<string, FieldText> =>
  Object.fromEntries(Object.entries(texts).map(([key, text]) => [`${pointer}/*/${key}`, text]));
const prefixed = (type: string, texts: Record<string, FieldText>): Record<string, FieldText> =>
  Object.fromEntries(Object.entries(texts).map(([pointer, text]) => [`${type}:${pointer}`, text]));

/**
 * Node config fields by `<node type>:<JSON pointer>` (`*` for any array item). English keeps
 * the schema's and the editor's own words and only names enum options more plainly; Japanese
 * has the help texts and option labels of every built-in node. Whatever is missing shows in
 * English.
 */
export const fieldTexts: Record<'en' | 'ja', Record<string, FieldText>> = {
  en: {
    'webhookTrigger:/auth/type': {
      options: {
        none: 'None',
        apiToken: 'API token in a header',
        basic: 'Basic (user and password)',
        hmac: 'HMAC signature of the body',
      },
    },
    'webhookTrigger:/response/mode': {
      options: { async: 'Async (answer 202 at once)', sync: 'Sync (wait for a Respond node)' },
    },
    'webService:/body/type': {
      options: { none: 'No body', json: 'JSON', form: 'Form fields (URL-encoded)', text: 'Plain text' },
    },
    'webService:/auth/type': { options: AUTH_OPTIONS_EN },
    'condition:/mode': { options: { rules: 'Rules', expression: 'Expression (JSONata)' } },
    'condition:/combinator': { options: { all: 'All rules (AND)', any: 'Any rule (OR)' } },
    'condition:/rules/*/operator': { options: OPERATOR_OPTIONS_EN },
    'ticket:/provider': {
      options: { zendesk: 'Zendesk', servicenow: 'ServiceNow', salesforce: 'Salesforce', rest: 'Other (REST API)' },
    },
    'ticket:/operation': {
      options: { create: 'Create a ticket', update: 'Update a ticket', addTags: 'Add tags (Zendesk)' },
    },
  },
  ja: {
    ...prefixed('webhookTrigger', {
      '/auth': {
        description:
          '呼び出し元が誰かを確かめる方法です。なし、ヘッダーの API トークン（Qualtrics の X-API-TOKEN など）、Basic のユーザー/パスワード、またはボディの HMAC-SHA256 署名。秘密の値はこのノードに選んだ認証情報から取ります。',
      },
      '/auth/type': {
        description: 'なし、API トークンのヘッダー、Basic、HMAC 署名のいずれかです。',
        options: {
          none: 'なし',
          apiToken: 'ヘッダーの API トークン',
          basic: 'Basic（ユーザーとパスワード）',
          hmac: 'ボディの HMAC 署名',
        },
      },
      '/auth/headerName': { description: 'API トークンを運ぶヘッダーです。既定は X-API-TOKEN です。' },
      '/auth/signatureHeader': {
        description:
          'ボディの HMAC-SHA256（16 進数、先頭に sha256= を付けてもよい）を運ぶヘッダーです。既定は X-Signature です。',
      },
      '/inputSchema': {
        description:
          '受け取るボディが満たすべき JSON Schema（省略可）です。例: {"type":"object","required":["ConversationID"]}。合わないボディは、場所と理由を示して実行を失敗させます。',
        help: '省略可。ボディが満たすべき JSON Schema（draft 2020-12）です。',
      },
      '/fields': {
        description:
          'ボディから vars に取り出す値です（Qualtrics の JSON イベントの項目と同じ）。パスが何も見つけなければ null になります。',
      },
      '/fields/*/name': { description: 'あとで vars.<名前> として使います。英字・数字・_ だけです。' },
      '/fields/*/path': {
        description: 'ボディの中で値がある場所です。例: $.ConversationID、$.detail.eventBody.conversationId。',
        help: 'ボディへの JSONPath です。先頭の $. は省略できます。',
      },
      '/samplePayload': {
        description:
          'フローの隣にある JSON ファイル（例: payloads/survey-response.json）。項目のプレビューとテストの実行に使います。',
      },
      '/path': {
        description:
          'サーバーでは /hooks/<フロー ID>/<このパス> でも受け付けます。例: genesys/call-end。英字・数字・-・_ と / だけです。',
      },
      '/response': {
        description:
          'async: すぐに 202 と実行 ID を返します。sync: 「Webhook に応答」ノードを待ちます（すべての経路がそのノードに到達する必要があります）。タイムアウト後は 504 を返し、実行は続きます。',
      },
      '/response/mode': {
        description: 'async はすぐに受け付けを返し、sync は「Webhook に応答」ノードの答えを返します。',
        options: { async: '非同期（202 を返す）', sync: '同期（応答ノードを待つ）' },
      },
      '/response/timeoutMs': { description: 'sync の呼び出し元が答えを待つ時間です。既定は 10000 です。' },
      '/orderingKey': {
        description:
          'トリガーに対する {{ テンプレート }} です。例: {{ trigger.body.conversationId }}。同じキーの配信は届いた順に 1 件ずつ実行され、ほかは並行して実行されます。',
      },
      '/personalFields': {
        description:
          'ボディの中の個人情報への JSONPath です（例: $.customer.email）。サーバーが保存する実行履歴では値が伏せられます。',
      },
    }),
    ...prefixed('respondToWebhook', {
      '/status': {
        description: '呼び出し元に返す HTTP ステータスです。例: 200。値を返す {{ テンプレート }} も使えます。',
      },
      '/headers': {
        description: '応答ヘッダーです。例: Cache-Control: no-store。値には {{ テンプレート }} を使えます。',
      },
      '/headers/*/name': { description: 'ヘッダー名です。例: Cache-Control。' },
      '/headers/*/value': { description: 'ヘッダーの値です。{{ テンプレート }} を使えます。' },
      '/body': {
        description:
          '返す JSON で、{{ テンプレート }} を使えます（1 つのテンプレートだけの値は型を保ちます）。例: {"name": "{{ steps.lookup.body.name }}"}。テキストは text/plain で送ります。',
        help: '{{ テンプレート }} を含む JSON です。1 つのテンプレートだけの値は型を保ちます。',
      },
    }),
    ...prefixed('webService', {
      '/method': {
        description: 'HTTP メソッドです。GET は読み取り、POST は作成、PUT/PATCH は更新、DELETE は削除です。',
      },
      '/url': {
        description:
          '呼び出すアドレスで、https://（または http://）で始まります。{{ }} の部分は値が入り URL エンコードされます。例: https://api.mypurecloud.com/api/v2/conversations/{{trigger.body.ConversationID}}。',
      },
      '/query': { description: 'URL の「?」のあとに付けます。エンコードは自動です。' },
      ...rows('/query', NAME_VALUE_JA),
      '/headers': { description: '追加のリクエストヘッダーです。秘密の値はここではなく認証情報に入れてください。' },
      ...rows('/headers', NAME_VALUE_JA),
      '/headers/*/value': {
        description: 'テキスト。{{ }} テンプレートを使えます。',
        help: '秘密の値はヘッダーの値ではなく認証情報に入れます。',
      },
      '/body': { description: 'リクエストで送る内容です。ボディを送るのは PUT・POST・PATCH だけです。' },
      '/body/type': {
        description: 'なし、JSON、URL エンコードしたフォーム項目、プレーンテキストのいずれかです。',
        options: { none: 'ボディなし', json: 'JSON', form: 'フォーム項目（URL エンコード）', text: 'プレーンテキスト' },
      },
      '/body/json': {
        description:
          'JSON の値です。中のテキストには {{ }} テンプレートを使えます（値全体が {{ }} なら型が保たれます）。',
        help: '値全体が {{ }} のときは JSON の型（数値・一覧・オブジェクト）が保たれます。',
      },
      '/body/form': { description: 'application/x-www-form-urlencoded として送ります。' },
      ...rows('/body/form', NAME_VALUE_JA),
      '/body/text': { description: 'プレーンテキストとして送ります。{{ }} を使えます。' },
      '/auth': {
        description: 'リクエストが誰からかを示す方法です。秘密の値はこのノードに選んだ認証情報から取ります。',
      },
      '/auth/type': {
        description:
          'なし、ヘッダーの API キー（Qualtrics の X-API-TOKEN）、Basic のユーザー/パスワード、Bearer トークン、OAuth 2.0 クライアントクレデンシャル（Genesys Cloud）のいずれかです。',
        options: AUTH_OPTIONS_JA,
      },
      '/auth/headerName': { description: 'API キーを運ぶヘッダーです（例: X-API-TOKEN）。既定は X-API-Key です。' },
      '/timeoutMs': { description: '1 回の試行で応答を待つ時間です（Qualtrics の上限は 16000 ms）。' },
      '/retry': {
        description:
          '429・5xx・ネットワークエラーのときに、毎回待ち時間を延ばし Retry-After に従って再試行します。POST と PATCH は冪等キーがあるときだけ再試行します。',
      },
      ...RETRY_JA('/retry'),
      '/maxResponseBytes': {
        description: 'これより大きい応答は失敗になります（Qualtrics の上限は 1 MB = 1048576 バイト）。',
      },
      '/idempotencyKey': {
        description:
          '省略可。Idempotency-Key ヘッダーとして送り、サービスが重複を捨てられるようにします。{{ }} を使えます。',
      },
      '/mapping': {
        description: '応答から値を取り出して名前付きの項目にします（steps.<ノード>.fields.<項目> と vars.<項目>）。',
      },
      '/mapping/*/path': {
        description:
          "応答の中で値がある場所です。例: $.conversationStart。$.participants[?(@.purpose=='agent')].userId のようなフィルターは一覧を返します。",
        help: '応答ボディへの JSONPath です。先頭の $. は省略できます。',
      },
      '/mapping/*/field': { description: 'あとで vars.<項目> として使う名前です。英字・数字・_ だけです。' },
      '/mapping/*/default': {
        description: 'パスが何も見つけなかったときだけ使います（値が null なら null のままです）。',
      },
    }),
    ...prefixed('condition', {
      '/mode': {
        description: 'ルール: 項目から作る比較の一覧。式: true か false になる JSONata の式 1 つ。',
        options: { rules: 'ルール', expression: '式（JSONata）' },
      },
      '/combinator': {
        description: 'すべて: どのルールも一致すること（AND）。いずれか: 1 つ以上のルールが一致すること（OR）。',
        options: { all: 'すべてのルール（AND）', any: 'いずれかのルール（OR）' },
      },
      '/caseInsensitive': {
        description:
          '大文字と小文字を区別せずにテキストを比べます。"CHAT" と "chat" は等しくなります（Genesys の分析 API は小文字、イベントのペイロードは大文字）。',
      },
      '/rules': { description: '各ルールはフローの値を別の値と比べます。' },
      '/rules/*/left': {
        description: '値をどこから取るかです。例: trigger.body.ConversationID、steps.getDetails.fields.mediaType。',
        help: 'trigger・steps・vars へのパス（JSONata）です。{{ }} は付けません。',
      },
      '/rules/*/operator': {
        description:
          '等しい、等しくない、含む（テキストまたは一覧）、で始まる、空である、空でない、存在する、より大きい/小さい（数値または日時）、一致する（正規表現）、いずれかである（一覧）。',
        options: OPERATOR_OPTIONS_JA,
      },
      '/rules/*/right': {
        description:
          '比べる相手の値です。テキスト、数値、true/false、または「いずれかである」なら一覧。テキストには {{ }} を使えます（例: {{ vars.expectedQueue }}）。「空である」「空でない」「存在する」では使いません。',
        help: 'テキスト、数値、true/false、または「いずれかである」なら一覧（カンマ区切りのテキストでも可）。{{ }} を使えます。',
      },
      '/expression': {
        description:
          '式で判定するときに使います。JSONata の式、例: trigger.body.Q1 <= 2 and $exists(trigger.body.ConversationID)。結果が true（空でない、0 でない）なら True ポートに進みます。',
        help: 'JSONata の式です。結果が true・空でない・0 でないなら True ポートに進みます。',
      },
    }),
    ...prefixed('code', {
      '/source': {
        description:
          'trigger・steps・vars を受け取って結果を返す関数の本体です。例: return { agentId: steps.getDetails.fields.agentIds[0] }。Qualtrics 形式の function codeTask() { … return {…} } も定義すれば呼ばれます。ネットワーク・ファイル・タイマーは使えません。実行ログには console.log で書きます。',
        help: '関数の本体です。trigger・steps・vars を使い、結果を return します。',
      },
      '/timeoutMs': { description: 'これより長く動くとコードは止められます（1000 ms = 1 秒）。最大 10000 です。' },
      '/memoryMB': { description: 'これより多くのメモリーが必要になるとコードは止められます。最大 128 です。' },
    }),
    ...prefixed('ticket', {
      '/provider': {
        description: 'チケットがあるシステムです。Zendesk、ServiceNow、Salesforce、またはその他の REST サービス。',
        options: { zendesk: 'Zendesk', servicenow: 'ServiceNow', salesforce: 'Salesforce', rest: 'その他（REST API）' },
      },
      '/operation': {
        description: '新しいチケットを作る、既存のチケットを更新する、または（Zendesk）タグを追加します。',
        options: { create: 'チケットを作成', update: 'チケットを更新', addTags: 'タグを追加（Zendesk）' },
      },
      '/baseUrl': {
        description:
          'お使いのインスタンスです。例: https://acme.zendesk.com、https://acme.service-now.com、https://acme.my.salesforce.com。',
      },
      '/recordId': {
        description:
          'チケット ID、ServiceNow の sys_id、Salesforce のケース ID です。ふつうは {{ }} テンプレートです。',
        help: '更新するチケットの ID（Zendesk）、sys_id（ServiceNow）、ケース ID（Salesforce）です。',
      },
      '/subject': { description: '1 行の要約です（ServiceNow では short description）。' },
      '/description': {
        description: 'チケットの詳しい本文です。Zendesk ではコメントがないとき最初のコメントになります。',
      },
      '/comment': { description: 'チケットに追加するコメントです。' },
      '/comment/body': {
        description: '{{ }} テンプレートを使えます。',
        help: '社内メモにするには「顧客に公開」をオフにします（ServiceNow では作業メモ）。',
      },
      '/comment/public': {
        description: 'オフにすると、エージェントだけが見る社内メモになります（ServiceNow では作業メモ）。',
      },
      '/priority': {
        description:
          'Zendesk: low・normal・high・urgent。ServiceNow: 1（重大）〜 5（計画）。Salesforce: High・Medium・Low。',
      },
      '/tags': { description: 'Zendesk のタグです。更新では既存のタグに追加され、置き換えません。' },
      '/tags/*': { description: 'タグです。{{ }} を使えます。' },
      '/requester': { description: 'Zendesk のみ: チケットの依頼者である顧客です。' },
      '/requester/name': { description: '顧客の名前です。' },
      '/requester/email': { description: '顧客のメールアドレスです。' },
      '/fields': {
        description:
          'Zendesk: カスタムフィールドの ID（数値）またはチケットのプロパティ。ServiceNow: u_recording_url のような列名。Salesforce: Origin や Recording_URL__c のような項目の API 名。',
      },
      '/fields/*/name': { description: '項目 ID、列名、または API 名です。' },
      '/fields/*/value': { description: 'テキスト、数値、true/false、または JSON。{{ }} を使えます。' },
      '/table': {
        description:
          'レコードがある ServiceNow のテーブルです（カスタマーサービスのケース: sn_customerservice_case、インシデント: incident）。',
      },
      '/displayValue': {
        description: 'ServiceNow の sysparm_display_value です。false = 保存値、true = 表示値、all = 両方。',
        options: { false: '保存値（false）', true: '表示値（true）', all: '両方（all）' },
      },
      '/returnFields': { description: 'ServiceNow の sysparm_fields です。空ならすべての列を返します。' },
      '/returnFields/*': { description: '列名です。' },
      '/apiVersion': { description: 'Salesforce REST API のバージョンです。例: v60.0。' },
      '/rest': { description: 'その他のチケットシステム用: 送るリクエストと、応答の中で新しい ID がある場所です。' },
      '/rest/method': { description: 'POST は作成、PUT または PATCH は更新です。' },
      '/rest/url': {
        description:
          'https:// で始まる完全な URL、または /api/tickets のようにインスタンスのアドレスに付けるパスです。',
      },
      '/rest/headers': { description: '追加のヘッダーです。秘密の値は認証情報に入れます。' },
      '/rest/headers/*/name': { description: 'ヘッダー名です。' },
      '/rest/headers/*/value': { description: '{{ }} テンプレートを使えます。' },
      '/rest/body': { description: '送る JSON です。中のテキストには {{ }} を使えます。' },
      '/rest/idPath': { description: '応答の中の ID の JSONPath です。例: $.id。' },
      '/rest/numberPath': { description: '省略可。人に見せるチケット番号の JSONPath です。' },
      '/rest/apiKeyHeader': { description: 'API キーの認証情報を運ぶヘッダーです。既定は X-API-Key です。' },
      '/timeoutMs': { description: '1 回の試行で応答を待つ時間です。' },
      '/retry': {
        description: '429・5xx・ネットワークエラーのときに、毎回待ち時間を延ばし Retry-After に従って再試行します。',
      },
      ...RETRY_JA('/retry'),
      '/maxResponseBytes': { description: 'これより大きい応答は失敗になります。既定は 1048576（1 MB）です。' },
    }),
  },
};

export default { en, ja };
