/**
 * Words of File › Import…, Edit › Paste cURL… and the credentials screen's "Test connection",
 * in English and Japanese (same keys in both; `{name}` marks a value filled in). What an
 * import or a test reports comes from core/messages as codes; these are the screens' own words.
 */
const en = {
  'toolbar.import': 'Import',
  'toolbar.import.tip': 'Import…: a Genesys Cloud data-action export or a cURL command becomes a Web Service node',
  'import.title': 'Import a data action or a cURL command',
  'import.curlTitle': 'Paste a cURL command',
  'import.intro':
    'Paste a Genesys Cloud data-action export (JSON) or a cURL command, or choose the export file. It becomes a Web Service node in this flow; a secret in it becomes a credential, never part of the flow.',
  'import.text': 'Export or cURL command',
  'import.file': 'Export file',
  'import.run': 'Import',
  'import.empty': 'Paste an export or a command first.',
  'import.done': "Added the Web Service node '{name}'.",
  'import.notes': 'What to check',
  'import.saveCredential': 'Store a secret found in it as a credential in the vault (the flow only names it)',
  'import.credentialSaved': "Stored the credential '{name}' in the vault.",
  'import.credentialExists': "A credential named '{name}' is already stored; it was kept as it is.",
  'palette.pasteCurl': 'Paste cURL…',
  'palette.pasteCurl.tip': 'Make a Web Service node from a cURL command',
  'cred.test.title': 'Test connection',
  'cred.test.credential': 'Credential',
  'cred.test.service': 'Service',
  'cred.test.address': 'Service address',
  'cred.test.addressHelp':
    "e.g. https://api.mypurecloud.com, https://acme.zendesk.com, https://acme.service-now.com, https://acme.my.salesforce.com, https://sts.us-east-1.amazonaws.com (AWS: the STS endpoint of the key's region)",
  'cred.test.request': 'Sends GET {path} once with the stored secret, from this computer, not from the page.',
  'cred.test.run': 'Test connection',
  'cred.test.running': 'Testing…',
  'cred.test.service.genesys': 'Genesys Cloud',
  'cred.test.service.zendesk': 'Zendesk',
  'cred.test.service.servicenow': 'ServiceNow',
  'cred.test.service.salesforce': 'Salesforce',
  'cred.test.service.aws': 'AWS (STS GetCallerIdentity)',
};

const ja: Record<keyof typeof en, string> = {
  'toolbar.import': '取り込み',
  'toolbar.import.tip':
    '取り込み…：Genesys Cloud のデータアクションのエクスポートや cURL コマンドから Web サービスノードを作ります',
  'import.title': 'データアクションまたは cURL コマンドの取り込み',
  'import.curlTitle': 'cURL コマンドの貼り付け',
  'import.intro':
    'Genesys Cloud のデータアクションのエクスポート (JSON) か cURL コマンドを貼り付けるか、エクスポートファイルを選んでください。このフローの Web サービスノードになります。含まれる秘密情報は認証情報になり、フローには書き込まれません。',
  'import.text': 'エクスポートまたは cURL コマンド',
  'import.file': 'エクスポートファイル',
  'import.run': '取り込む',
  'import.empty': '先にエクスポートかコマンドを貼り付けてください。',
  'import.done': 'Web サービスノード「{name}」を追加しました。',
  'import.notes': '確認すること',
  'import.saveCredential':
    '含まれていた秘密情報を認証情報として認証情報ストアに保存する (フローには名前だけを書きます)',
  'import.credentialSaved': '認証情報「{name}」を認証情報ストアに保存しました。',
  'import.credentialExists': '認証情報「{name}」はすでに保存されているため、そのままにしました。',
  'palette.pasteCurl': 'cURL を貼り付け…',
  'palette.pasteCurl.tip': 'cURL コマンドから Web サービスノードを作ります',
  'cred.test.title': '接続テスト',
  'cred.test.credential': '認証情報',
  'cred.test.service': 'サービス',
  'cred.test.address': 'サービスのアドレス',
  'cred.test.addressHelp':
    '例：https://api.mypurecloud.com、https://acme.zendesk.com、https://acme.service-now.com、https://acme.my.salesforce.com、https://sts.ap-northeast-1.amazonaws.com（AWS：キーのリージョンの STS エンドポイント）',
  'cred.test.request':
    '保存された秘密情報を使って GET {path} を 1 回送ります。送るのはこのページではなく、このコンピューターです。',
  'cred.test.run': '接続テスト',
  'cred.test.running': 'テスト中…',
  'cred.test.service.genesys': 'Genesys Cloud',
  'cred.test.service.zendesk': 'Zendesk',
  'cred.test.service.servicenow': 'ServiceNow',
  'cred.test.service.salesforce': 'Salesforce',
  'cred.test.service.aws': 'AWS（STS GetCallerIdentity）',
};

export default { en, ja };
