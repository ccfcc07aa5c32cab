/**
 * The Ticket node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

export const ticketFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/provider': {
      options: {
        zendesk: 'Zendesk',
        servicenow: 'ServiceNow',
        salesforce: 'Salesforce',
        rest: 'Other (REST API)',
      },
    },
    '/operation': {
      options: {
        create: 'Create a ticket',
        update: 'Update a ticket',
        addTags: 'Add tags (Zendesk)',
      },
    },
  },
  ja: {
    '/provider': {
      title: 'チケットシステム',
      description: 'チケットがあるシステムです。Zendesk、ServiceNow、Salesforce、またはその他の REST サービス。',
      options: {
        zendesk: 'Zendesk',
        servicenow: 'ServiceNow',
        salesforce: 'Salesforce',
        rest: 'その他（REST API）',
      },
    },
    '/operation': {
      title: '操作',
      description: '新しいチケットを作る、既存のチケットを更新する、または（Zendesk）タグを追加します。',
      options: {
        create: 'チケットを作成',
        update: 'チケットを更新',
        addTags: 'タグを追加（Zendesk）',
      },
    },
    '/baseUrl': {
      title: 'インスタンスのアドレス',
      description: 'お使いのインスタンスのアドレスで、https:// で始まります。',
    },
    '/recordId': {
      title: '更新するチケット',
      description: 'チケット ID、ServiceNow の sys_id、Salesforce のケース ID です。ふつうは {{ }} テンプレートです。',
      help: '更新するチケットの ID（Zendesk）、sys_id（ServiceNow）、ケース ID（Salesforce）です。',
    },
    '/subject': {
      title: '件名',
      description: '1 行の要約です（ServiceNow では short description）。',
    },
    '/description': {
      title: '説明',
      description: 'チケットの詳しい本文です。Zendesk ではコメントがないとき最初のコメントになります。',
    },
    '/comment': {
      title: 'コメント',
      description: 'チケットに追加するコメントです。',
    },
    '/comment/body': {
      title: 'コメント本文',
      description: '{{ }} テンプレートを使えます。',
      help: '社内メモにするには「顧客に公開」をオフにします（ServiceNow では作業メモ）。',
    },
    '/comment/public': {
      title: '顧客に公開',
      description: 'オフにすると、エージェントだけが見る社内メモになります（ServiceNow では作業メモ）。',
    },
    '/priority': {
      title: '優先度',
      description:
        'Zendesk: low・normal・high・urgent。ServiceNow: 1（重大）〜 5（計画）。Salesforce: High・Medium・Low。',
    },
    '/tags': {
      title: 'タグ',
      description: 'Zendesk のタグです。更新では既存のタグに追加され、置き換えません。',
    },
    '/tags/*': {
      title: 'タグ',
      description: 'タグです。{{ }} を使えます。',
    },
    '/requester': {
      title: '依頼者',
      description: 'Zendesk のみ: チケットの依頼者である顧客です。',
    },
    '/requester/name': {
      title: '名前',
      description: '顧客の名前です。',
    },
    '/requester/email': {
      title: 'メール',
      description: '顧客のメールアドレスです。',
    },
    '/fields': {
      title: 'その他の項目',
      description:
        'Zendesk: カスタムフィールドの ID（数値）またはチケットのプロパティ。ServiceNow: u_recording_url のような列名。Salesforce: Origin や Recording_URL__c のような項目の API 名。',
    },
    '/fields/*/name': {
      title: '項目',
      description: '項目 ID、列名、または API 名です。',
    },
    '/fields/*/value': {
      title: '値',
      description: 'テキスト、数値、true/false、または JSON。{{ }} を使えます。',
    },
    '/table': {
      title: 'テーブル',
      description:
        'レコードがある ServiceNow のテーブルです（カスタマーサービスのケース: sn_customerservice_case、インシデント: incident）。',
    },
    '/displayValue': {
      title: '表示値を返す',
      description: 'ServiceNow の sysparm_display_value です。false = 保存値、true = 表示値、all = 両方。',
      options: {
        false: '保存値（false）',
        true: '表示値（true）',
        all: '両方（all）',
      },
    },
    '/returnFields': {
      title: '返す列',
      description: 'ServiceNow の sysparm_fields です。空ならすべての列を返します。',
    },
    '/returnFields/*': {
      title: '列',
      description: '列名です。',
    },
    '/apiVersion': {
      title: 'API バージョン',
      description: 'Salesforce REST API のバージョンです。例: v60.0。',
    },
    '/rest': {
      title: 'REST リクエスト',
      description: 'その他のチケットシステム用: 送るリクエストと、応答の中で新しい ID がある場所です。',
    },
    '/rest/method': {
      title: 'メソッド',
      description: 'POST は作成、PUT または PATCH は更新です。',
    },
    '/rest/url': {
      title: 'URL またはパス',
      description: 'https:// で始まる完全な URL、または /api/tickets のようにインスタンスのアドレスに付けるパスです。',
    },
    '/rest/headers': {
      title: 'ヘッダー',
      description: '追加のヘッダーです。秘密の値は認証情報に入れます。',
    },
    '/rest/headers/*/name': {
      title: '名前',
      description: 'ヘッダー名です。',
    },
    '/rest/headers/*/value': {
      title: '値',
      description: '{{ }} テンプレートを使えます。',
    },
    '/rest/body': {
      title: 'JSON ボディ',
      description: '送る JSON です。中のテキストには {{ }} を使えます。',
    },
    '/rest/idPath': {
      title: '応答内の ID',
      description: '応答の中の ID の JSONPath です。例: $.id。',
    },
    '/rest/numberPath': {
      title: '応答内のチケット番号',
      description: '省略可。人に見せるチケット番号の JSONPath です。',
    },
    '/rest/apiKeyHeader': {
      title: 'API キーのヘッダー',
      description: 'API キーの認証情報を運ぶヘッダーです。既定は X-API-Key です。',
    },
    '/timeoutMs': {
      title: 'タイムアウト（ms）',
      description: '1 回の試行で応答を待つ時間です。',
    },
    '/retry': {
      title: '再試行',
      description: '429・5xx・ネットワークエラーのときに、毎回待ち時間を延ばし Retry-After に従って再試行します。',
    },
    '/retry/maxRetries': {
      title: '再試行',
      description: '最初の試行のあとに再試行する回数です。',
    },
    '/retry/initialDelayMs': {
      title: '最初の待ち時間（ms）',
      description: '最初の再試行までの待ち時間です。毎回 2 倍になります。',
    },
    '/retry/maxDelayMs': {
      title: '最長の待ち時間（ms）',
      description: '1 回の待ち時間の上限です。',
    },
    '/maxResponseBytes': {
      title: '最大レスポンスサイズ（バイト）',
      description: 'これより大きい応答は失敗になります。既定は 1048576（1 MB）です。',
    },
  },
};
