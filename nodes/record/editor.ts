/** Renderer half of the Record node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { recordFieldTexts } from './i18n.js';
import { recordManifest } from './manifest.js';

const SUMMARY_PROVIDERS: Record<string, string> = {
  zendesk: 'Zendesk',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
  dynamics: 'Dynamics 365',
};

/** The object the node works on, as the summary names it. */
function objectOf(config: Record<string, unknown>): string {
  const value =
    config.provider === 'zendesk'
      ? (config.zendeskObject ?? 'ticket')
      : config.provider === 'servicenow'
        ? (config.table ?? 'sn_customerservice_case')
        : config.provider === 'dynamics'
          ? (config.entitySet ?? 'contacts')
          : (config.sobject ?? 'Contact');
  return typeof value === 'string' ? value : '';
}

export const recordEditor: NodeEditorInfo = {
  type: recordManifest.type,
  icon: [{ d: 'M4 5h16v14H4z' }, { d: 'M8 9h8M8 13h5' }, { d: 'm15 15 2 2 3-3' }],
  color: '#0f766e',
  title: { en: 'Record', ja: 'レコード' },
  description: {
    en: 'Finds, creates or updates a record on Zendesk, ServiceNow, Salesforce or Dynamics 365: find or create, upsert, notes and tags.',
    ja: 'Zendesk・ServiceNow・Salesforce・Dynamics 365 のレコードを検索・作成・更新します。検索して作成、アップサート、メモ、タグも扱います。',
  },
  portLabels: {
    success: { en: 'Success', ja: '成功' },
    notFound: { en: 'Not found', ja: '見つからない' },
    error: { en: 'Error', ja: 'エラー' },
  },
  uiSchema: {
    'ui:order': [
      'provider',
      'operation',
      'baseUrl',
      'zendeskObject',
      'table',
      'sobject',
      'apiVersion',
      'entitySet',
      'idField',
      'recordId',
      'match',
      'matchMode',
      'countryCode',
      'key',
      'correlation',
      'fields',
      'note',
      'tags',
      'returnFields',
      'limit',
      'timeoutMs',
      'retry',
      'maxResponseBytes',
    ],
    note: { body: { 'ui:widget': 'textarea' } },
    retry: { 'ui:options': { collapsible: true } },
  },
  fields: [
    { pointer: '/baseUrl', widget: 'template' },
    { pointer: '/recordId', widget: 'template', placeholder: '{{ steps.findContact.id }}' },
    { pointer: '/match/*/field', placeholder: 'phone' },
    { pointer: '/match/*/value', widget: 'template', placeholder: '{{ trigger.body.ani }}' },
    { pointer: '/key/field', placeholder: 'External_Id__c' },
    { pointer: '/key/value', widget: 'template', placeholder: '{{ vars.customerId }}' },
    { pointer: '/correlation/field', placeholder: 'u_conversation_id' },
    { pointer: '/correlation/value', widget: 'template', placeholder: '{{ vars.conversationId }}' },
    { pointer: '/fields/*/name', placeholder: 'Subject' },
    { pointer: '/fields/*/value', widget: 'template', placeholder: '{{ trigger.body.subject }}' },
    { pointer: '/note/body', widget: 'template' },
    { pointer: '/tags/*', widget: 'template', placeholder: 'ivr' },
  ],
  help: {
    en: [
      'Works on any record the way the system’s own API expects. **Find or create** and **upsert** first look for the record, so a retried run uses the record it made the first time.',
      '',
      '| | Zendesk | ServiceNow | Salesforce |',
      '|---|---|---|---|',
      '| Search | `GET /api/v2/search.json?query=type:user phone:"…"` | `GET /api/now/table/{table}?sysparm_query=phone=…^ORmobile_phone=…` | `GET /services/data/v60.0/query?q=SELECT Id FROM Contact WHERE Phone = \'…\'` |',
      '| Get | `GET /api/v2/{tickets,users,organizations}/{id}.json` | `GET /api/now/table/{table}/{sys_id}` | `GET …/sobjects/{Object}/{Id}` |',
      '| Create | `POST /api/v2/tickets.json` | `POST /api/now/table/{table}` | `POST …/sobjects/{Object}/` |',
      '| Update | `PUT /api/v2/tickets/{id}.json` | `PATCH /api/now/table/{table}/{sys_id}` | `PATCH …/sobjects/{Object}/{Id}` |',
      '| Upsert | `POST /api/v2/users/create_or_update.json` | search, then update or create | `PATCH …/sobjects/{Object}/{KeyField}/{value}` |',
      '| Note | ticket comment | `work_notes` / `comments` | `CaseComment` (Case) or `Note` |',
      '',
      "**Dynamics 365** (Web API v9.2, OAuth 2.0 client credentials against Entra ID): search `GET /api/data/v9.2/contacts?$filter=telephone1 eq '…'`, get `GET …/contacts({id})`, create `POST …/contacts`, update `PATCH …/contacts({id})`, upsert `PATCH …/contacts(key='…')` (an alternate key), note `POST …/annotations`.",
      '',
      '- **Find by**: *equals* the whole value, *contains* a part of it, *phone number* compares both sides as E.164 (`tel:+1 (555) 123-4567` → `+15551234567`; set the country calling code for national numbers). Values are escaped for each query language, so a quote or a `^` in a value is searched for, never obeyed.',
      '- **Search** and **Get** take **Not found** when nothing matches.',
      '- **Create only once per** (create): a field holding the conversation or call id. The node looks for a record with that id before creating, and again before a retry, so a run for the same call reuses the first record. Two events for the same call at the same moment can still both create: run such flows on the server with an ordering key on that id.',
      '- The output is `{ provider, object, operation, id, record, records, count, created, url }`.',
    ].join('\n'),
    ja: [
      'システムの API が求める形で、あらゆるレコードを扱います。**検索して作成** と **アップサート** はまずレコードを探すので、再実行しても最初に作ったレコードを使います。',
      '',
      '| | Zendesk | ServiceNow | Salesforce |',
      '|---|---|---|---|',
      '| 検索 | `GET /api/v2/search.json?query=type:user phone:"…"` | `GET /api/now/table/{table}?sysparm_query=phone=…^ORmobile_phone=…` | `GET /services/data/v60.0/query?q=SELECT Id FROM Contact WHERE Phone = \'…\'` |',
      '| 取得 | `GET /api/v2/{tickets,users,organizations}/{id}.json` | `GET /api/now/table/{table}/{sys_id}` | `GET …/sobjects/{Object}/{Id}` |',
      '| 作成 | `POST /api/v2/tickets.json` | `POST /api/now/table/{table}` | `POST …/sobjects/{Object}/` |',
      '| 更新 | `PUT /api/v2/tickets/{id}.json` | `PATCH /api/now/table/{table}/{sys_id}` | `PATCH …/sobjects/{Object}/{Id}` |',
      '| アップサート | `POST /api/v2/users/create_or_update.json` | 検索して更新または作成 | `PATCH …/sobjects/{Object}/{KeyField}/{value}` |',
      '| メモ | チケットのコメント | `work_notes` / `comments` | `CaseComment`（ケース）または `Note` |',
      '',
      "**Dynamics 365**（Web API v9.2、Entra ID に対する OAuth 2.0 クライアント認証情報）：検索 `GET /api/data/v9.2/contacts?$filter=telephone1 eq '…'`、取得 `GET …/contacts({id})`、作成 `POST …/contacts`、更新 `PATCH …/contacts({id})`、アップサート `PATCH …/contacts(key='…')`（代替キー）、メモ `POST …/annotations`。",
      '',
      '- **検索条件**：「等しい」は値全体、「含む」は一部、「電話番号」は両方を E.164 にして比べます（`tel:+1 (555) 123-4567` → `+15551234567`。国内番号には国番号を設定）。値は各クエリ言語に合わせてエスケープされるので、値の中の引用符や `^` は検索される文字として扱われます。',
      '- **検索** と **取得** は、一致するものがないと **見つからない** に進みます。',
      '- **1 回だけ作成する単位**（作成）：会話 ID や通話 ID を入れる項目です。作成の前と再試行の前にその ID のレコードを探すので、同じ通話の実行は最初のレコードを使います。同じ通話のイベントが同時に 2 つ届くと両方が作成する可能性が残るため、サーバーではその ID を順序キーにして実行してください。',
      '- 出力は `{ provider, object, operation, id, record, records, count, created, url }` です。',
    ].join('\n'),
  },
  fieldTexts: recordFieldTexts,
  // The summary words the action in lower case in English (the form's option labels are
  // sentence case), and as the form does in Japanese.
  texts: {
    en: {
      summary: '{provider} · {object} · {operation}',
      'op.search': 'search',
      'op.get': 'get by id',
      'op.create': 'create',
      'op.update': 'update',
      'op.findOrCreate': 'find or create',
      'op.upsert': 'upsert',
      'op.addNote': 'add a note',
      'op.addTags': 'add tags',
    },
    ja: {
      summary: '{provider}・{object}・{operation}',
      'op.search': '検索',
      'op.get': 'ID で取得',
      'op.create': '作成',
      'op.update': '更新',
      'op.findOrCreate': '検索して作成',
      'op.upsert': 'アップサート',
      'op.addNote': 'メモを追加',
      'op.addTags': 'タグを追加',
    },
  },
  summary(config, words) {
    const provider = typeof config.provider === 'string' ? config.provider : '';
    if (!provider) return '';
    const operation = typeof config.operation === 'string' ? config.operation : '';
    return words.text('summary', {
      provider: SUMMARY_PROVIDERS[provider] ?? provider,
      object: objectOf(config),
      operation: operation ? words.text(`op.${operation}`) : '',
    });
  },
  outputShape: () => ({
    kind: 'object',
    fields: {
      id: { kind: 'string', detail: 'record' },
      record: { kind: 'object', fields: {}, open: true, optional: true },
      records: { kind: 'any', detail: 'list of records', optional: true },
      count: { kind: 'number', optional: true },
      created: { kind: 'boolean', optional: true },
      url: { kind: 'string', optional: true },
    },
    open: true,
  }),
};
