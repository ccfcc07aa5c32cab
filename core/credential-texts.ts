/**
 * Credential kinds in the UI's words: the kind names, their help and their field labels, for the
 * credentials dialog and for messages that name a kind. The English side is read from
 * CREDENTIAL_KINDS (one source); Japanese sits beside it.
 * Keys: `credKind.<kind>`, `credKind.<kind>.help`, `credField.<kind>.<field>`,
 * `credField.<kind>.<field>.help`.
 */
import { CREDENTIAL_KINDS } from './credentials.js';

function englishFromCore(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of Object.values(CREDENTIAL_KINDS)) {
    out[`credKind.${spec.kind}`] = spec.label;
    out[`credKind.${spec.kind}.help`] = spec.description;
    for (const field of spec.fields) {
      out[`credField.${spec.kind}.${field.name}`] = field.label;
      if (field.description) out[`credField.${spec.kind}.${field.name}.help`] = field.description;
    }
  }
  return out;
}

const en = englishFromCore();

const ja: Record<string, string> = {
  'credKind.apiKey': 'API キー（ヘッダー）',
  'credKind.apiKey.help': 'ヘッダーで送るトークンです（例：Qualtrics の X-API-TOKEN）。',
  'credField.apiKey.value': 'API キー',
  'credKind.basic': 'Basic 認証',
  'credKind.basic.help': 'ユーザー名とパスワードを HTTP Basic で送ります（例：ServiceNow）。',
  'credField.basic.username': 'ユーザー名',
  'credField.basic.password': 'パスワード',
  'credKind.bearer': 'Bearer トークン',
  'credKind.bearer.help': '固定のトークンを `Authorization: Bearer …` として送ります。',
  'credField.bearer.token': 'トークン',
  'credKind.oauth2': 'OAuth 2.0',
  'credKind.oauth2.help':
    'クライアントクレデンシャル（Genesys Cloud、Salesforce）またはパスワードグラント（ServiceNow）。トークンは有効期限までキャッシュされます。',
  'credField.oauth2.tokenUrl': 'トークンエンドポイント',
  'credField.oauth2.tokenUrl.help': '例：https://login.mypurecloud.com/oauth/token',
  'credField.oauth2.clientId': 'クライアント ID',
  'credField.oauth2.clientSecret': 'クライアントシークレット',
  'credField.oauth2.grantType': 'グラントタイプ',
  'credField.oauth2.grantType.help': '省略時は client_credentials です。',
  'credField.oauth2.username': 'ユーザー名（パスワードグラント）',
  'credField.oauth2.password': 'パスワード（パスワードグラント）',
  'credField.oauth2.scope': 'スコープ',
  'credField.oauth2.clientAuthentication': 'クライアント認証情報の送り方',
  'credField.oauth2.clientAuthentication.help':
    'basic：Authorization ヘッダー（Genesys）、body：フォーム項目（ServiceNow）。省略時は basic です。',
  'credKind.zendeskApiToken': 'Zendesk API トークン',
  'credKind.zendeskApiToken.help': 'Basic base64("{email}/token:{api_token}") として送ります。',
  'credField.zendeskApiToken.email': 'エージェントのメールアドレス',
  'credField.zendeskApiToken.token': 'API トークン',
  'credKind.awsSigV4': 'AWS 署名バージョン 4',
  'credKind.awsSigV4.help':
    'IAM のアクセスキーで各リクエストに署名します（Amazon S3 の録音リンク、API Gateway、任意の AWS API）。シークレットはこのマシンから出ず、送るのは署名だけです。',
  'credField.awsSigV4.accessKeyId': 'アクセスキー ID',
  'credField.awsSigV4.accessKeyId.help': '例：AKIAIOSFODNN7EXAMPLE',
  'credField.awsSigV4.secretAccessKey': 'シークレットアクセスキー',
  'credField.awsSigV4.sessionToken': 'セッショントークン',
  'credField.awsSigV4.sessionToken.help': '一時的な認証情報（STS、引き受けたロール）のときだけ入力します。',
  'credField.awsSigV4.region': 'リージョン',
  'credField.awsSigV4.region.help': '例：us-east-1、ap-northeast-1',
  'credField.awsSigV4.service': 'サービス',
  'credField.awsSigV4.service.help': 'AWS サービスの署名名です（例：s3、execute-api、sts）。',
  'credKind.salesforceJwt': 'Salesforce JWT ベアラー',
  'credKind.salesforceJwt.help':
    '接続アプリケーションの証明書の鍵で、連携ユーザーの短い JWT に署名します。Salesforce はアクセストークンと組織のインスタンスのアドレスを返します。パスワードやクライアントシークレットは保存しません。',
  'credField.salesforceJwt.clientId': 'コンシューマー鍵',
  'credField.salesforceJwt.clientId.help': '接続アプリケーションのコンシューマー鍵（クライアント ID）です。',
  'credField.salesforceJwt.username': 'ユーザー名',
  'credField.salesforceJwt.username.help':
    '連携が代わりに操作する Salesforce ユーザーです。接続アプリケーションで事前に承認しておきます。',
  'credField.salesforceJwt.privateKey': '秘密鍵（PEM）',
  'credField.salesforceJwt.privateKey.help':
    '接続アプリケーションにアップロードした証明書の RSA 秘密鍵です（-----BEGIN PRIVATE KEY-----…）。',
  'credField.salesforceJwt.loginUrl': 'ログインのアドレス',
  'credField.salesforceJwt.loginUrl.help':
    'https://login.salesforce.com（本番）または https://test.salesforce.com（Sandbox）。',
  'credKind.hmac': 'HMAC 署名シークレット',
  'credKind.hmac.help': 'Webhook の署名を検証する共有シークレットです。',
  'credField.hmac.secret': 'シークレット',
};

export const credentialTexts: { en: Readonly<Record<string, string>>; ja: Readonly<Record<string, string>> } = {
  en,
  ja,
};

/** A credential kind's name in a language ("Basic 認証"); English when the language has none. */
export function credentialKindName(lang: 'en' | 'ja', kind: string): string | undefined {
  return credentialTexts[lang][`credKind.${kind}`] ?? en[`credKind.${kind}`];
}
