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
