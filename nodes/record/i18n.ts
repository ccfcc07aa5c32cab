/**
 * The Record node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's words and
 * only names enum options more plainly; whatever is missing in a language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

const OPERATIONS_EN = {
  search: 'Search',
  get: 'Get by id',
  create: 'Create',
  update: 'Update',
  findOrCreate: 'Find or create',
  upsert: 'Create or update by key (upsert)',
  addNote: 'Add a note',
  addTags: 'Add tags (Zendesk)',
};

export const recordFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/provider': {
      options: { zendesk: 'Zendesk', servicenow: 'ServiceNow', salesforce: 'Salesforce', dynamics: 'Dynamics 365' },
    },
    '/operation': { options: OPERATIONS_EN },
    '/zendeskObject': { options: { ticket: 'Ticket', user: 'User', organization: 'Organization' } },
    '/match/*/operator': { options: { equals: 'equals', contains: 'contains', phone: 'is the phone number' } },
    '/matchMode': { options: { all: 'all rows', any: 'any row' } },
  },
  ja: {
    '/provider': {
      title: 'システム',
      description: 'レコードがあるシステムです。Zendesk、ServiceNow、Salesforce、Microsoft Dynamics 365。',
      options: { zendesk: 'Zendesk', servicenow: 'ServiceNow', salesforce: 'Salesforce', dynamics: 'Dynamics 365' },
    },
    '/operation': {
      title: '操作',
      description: 'レコードに対して行うことです。',
      options: {
        search: '検索',
        get: 'ID で取得',
        create: '作成',
        update: '更新',
        findOrCreate: '検索して、なければ作成',
        upsert: 'キーで作成または更新（アップサート）',
        addNote: 'メモを追加',
        addTags: 'タグを追加（Zendesk）',
      },
    },
    '/baseUrl': {
      title: 'インスタンスのアドレス',
      description:
        'お使いのインスタンスのアドレスで、https:// で始まります。Salesforce で JWT ベアラーの認証情報を使うときは空のままでかまいません（トークンがインスタンスを示します）。',
    },
    '/zendeskObject': {
      title: 'Zendesk のオブジェクト',
      description: 'チケット、ユーザー（エンドユーザーとエージェント）、または組織です。',
      options: { ticket: 'チケット', user: 'ユーザー', organization: '組織' },
    },
    '/table': {
      title: 'テーブル',
      description: 'ServiceNow のテーブルです。例: sn_customerservice_case、customer_contact、incident。',
    },
    '/sobject': {
      title: 'オブジェクト',
      description: 'Salesforce のオブジェクトの API 参照名です。例: Contact、Case、Task、Lead、My_Object__c。',
    },
    '/apiVersion': { title: 'API バージョン', description: 'Salesforce REST API のバージョンです。例: v60.0。' },
    '/entitySet': {
      title: 'エンティティ セット',
      description: 'Dynamics 365 Web API のエンティティ セットです。例: contacts、incidents、phonecalls。',
    },
    '/idField': {
      title: 'ID の列',
      description: 'エンティティ セットの主キーの列です。contactid、incidentid、activityid（電話）。',
    },
    '/recordId': {
      title: 'レコード ID',
      description: 'Zendesk の ID、ServiceNow の sys_id、Salesforce の ID です。ふつうは {{ }} テンプレートです。',
    },
    '/match': { title: '検索条件', description: 'レコードを特定する項目です。例: phone が発信者番号に等しい。' },
    '/match/*/field': { title: '項目', description: '比べる項目・列・API 参照名です。例: phone、email、Phone。' },
    '/match/*/operator': {
      title: '比較',
      description: '等しい: 値全体。含む: 値の一部。電話番号: 両方を E.164 にして比べます。',
      options: { equals: '等しい', contains: '含む', phone: '電話番号が同じ' },
    },
    '/match/*/value': { title: '値', description: 'ふつうは {{ }} テンプレートです。' },
    '/matchMode': {
      title: '一致の条件',
      description: 'すべて: すべての行に一致。いずれか: どれか 1 行に一致（ServiceNow、Salesforce）。',
      options: { all: 'すべての行', any: 'いずれかの行' },
    },
    '/countryCode': {
      title: '国番号',
      description:
        '国内形式の電話番号を E.164 にするための国番号です。例: 1（米国）、81（日本）。空なら +… の番号だけ扱います。',
    },
    '/key': { title: 'キー', description: 'アップサートでレコードを特定する項目（外部 ID など）とその値です。' },
    '/key/field': {
      title: '項目',
      description: 'Salesforce の外部 ID 項目、Zendesk の email または external_id、ServiceNow の列名です。',
    },
    '/key/value': { title: '値', description: 'ふつうは {{ }} テンプレートです。' },
    '/correlation': {
      title: '1 回だけ作成する単位',
      description:
        '会話 ID や通話 ID を入れる項目です。作成の前にこの値のレコードを探し、見つかればそれを返して 2 件目を作りません。',
    },
    '/correlation/field': { title: '項目', description: '例: u_conversation_id、Conversation_Id__c、external_id。' },
    '/correlation/value': { title: '値', description: '例: {{ vars.conversationId }}。' },
    '/fields': {
      title: '項目',
      description:
        '書き込む内容です。Zendesk: プロパティ（a.b で入れ子。例: comment.body、user_fields.plan。数値はチケットのカスタムフィールド）。ServiceNow: 列名。Salesforce: 項目の API 参照名。',
    },
    '/fields/*/name': { title: '項目', description: '項目 ID、列名、または API 参照名です。' },
    '/fields/*/value': { title: '値', description: 'テキスト、数値、true/false、または JSON。{{ }} を使えます。' },
    '/note': {
      title: 'メモ',
      description:
        'Zendesk のチケットコメント、ServiceNow の作業メモまたはコメント、Salesforce のケースコメントまたはメモです。',
    },
    '/note/body': { title: '本文', description: '{{ }} テンプレートを使えます。' },
    '/note/public': {
      title: '顧客に公開',
      description: 'オフにすると社内メモになります（ServiceNow の作業メモ、非公開のケースコメント）。',
    },
    '/tags': {
      title: 'タグ',
      description: 'チケット・ユーザー・組織に追加する Zendesk のタグです（既存のタグは置き換えません）。',
    },
    '/tags/*': { title: 'タグ', description: 'タグです。{{ }} を使えます。' },
    '/returnFields': {
      title: '返す項目',
      description:
        'Salesforce: クエリで取得する項目（Id は常に含みます）。ServiceNow: sysparm_fields。Dynamics 365: $select。空なら Salesforce は Id だけ、ほかはすべての列です。',
    },
    '/returnFields/*': { title: '項目', description: '項目名または列名です。' },
    '/limit': { title: '最大件数', description: '検索で返すレコードの最大数です。' },
    '/timeoutMs': { title: 'タイムアウト（ms）', description: '1 回の試行で応答を待つ時間です。' },
    '/retry': {
      title: '再試行',
      description:
        '429・5xx・ネットワークエラーのときに再試行します。ServiceNow と Salesforce での作成は「1 回だけ作成する単位」を設定したときだけ再試行し、毎回その前にレコードを探し直します。',
    },
    '/retry/maxRetries': { title: '再試行', description: '最初の試行のあとに再試行する回数です。' },
    '/retry/initialDelayMs': {
      title: '最初の待ち時間（ms）',
      description: '最初の再試行までの待ち時間です。毎回 2 倍になります。',
    },
    '/retry/maxDelayMs': { title: '最長の待ち時間（ms）', description: '1 回の待ち時間の上限です。' },
    '/maxResponseBytes': {
      title: '最大レスポンスサイズ（バイト）',
      description: 'これより大きい応答は失敗になります。既定は 1048576（1 MB）です。',
    },
  },
};
