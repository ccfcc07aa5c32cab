/** Renderer half of the Ticket node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { ticketFieldTexts } from './i18n.js';

/** Short provider names for the one-line summary. */
const SUMMARY_PROVIDERS: Record<string, string> = {
  zendesk: 'Zendesk',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
  rest: 'REST',
};
import { ticketManifest } from './manifest.js';

export const ticketEditor: NodeEditorInfo = {
  type: ticketManifest.type,
  icon: [
    {
      d: 'M3 8V6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v2a2.5 2.5 0 0 0 0 5v5a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-5a2.5 2.5 0 0 0 0-5z',
    },
    { d: 'M9 9h6M9 13h6' },
  ],
  color: '#c2571a',
  title: { en: 'Ticket', ja: 'チケット' },
  description: {
    en: 'Creates or updates a ticket on Zendesk, a ServiceNow record, a Salesforce case, or a ticket on another REST service.',
    ja: 'Zendesk のチケット、ServiceNow のレコード、Salesforce のケース、またはほかの REST サービスのチケットを作成・更新します。',
  },
  portLabels: {
    success: { en: 'Success', ja: '成功' },
    error: { en: 'Error', ja: 'エラー' },
  },
  uiSchema: {
    'ui:order': [
      'provider',
      'operation',
      'baseUrl',
      'recordId',
      'table',
      'apiVersion',
      'subject',
      'description',
      'comment',
      'priority',
      'tags',
      'requester',
      'fields',
      'rest',
      'displayValue',
      'returnFields',
      'timeoutMs',
      'retry',
      'maxResponseBytes',
    ],
    description: { 'ui:widget': 'textarea' },
    comment: { body: { 'ui:widget': 'textarea' } },
    retry: { 'ui:options': { collapsible: true } },
  },
  fields: [
    // The instance placeholder comes from the schema's per-provider `examples`.
    { pointer: '/baseUrl', widget: 'template' },
    {
      pointer: '/recordId',
      widget: 'template',
      placeholder: '{{ trigger.body.zd_ticket_id }}',
      help: 'The ticket id (Zendesk), sys_id (ServiceNow) or Case id (Salesforce) to update.',
    },
    { pointer: '/subject', widget: 'template', placeholder: 'Dissatisfied customer: {{ vars.conversationId }}' },
    { pointer: '/description', widget: 'template' },
    {
      pointer: '/comment/body',
      widget: 'template',
      help: 'Turn off "Visible to the customer" for an internal note (ServiceNow: work note).',
    },
    { pointer: '/priority', widget: 'template', placeholder: 'high' },
    { pointer: '/tags/*', widget: 'template', placeholder: 'csat_low' },
    { pointer: '/requester/name', widget: 'template' },
    { pointer: '/requester/email', widget: 'template', placeholder: '{{ trigger.body.email }}' },
    { pointer: '/fields/*/name', placeholder: 'u_recording_url' },
    { pointer: '/fields/*/value', widget: 'template', placeholder: '{{ steps.getRecording.fields.url }}' },
    { pointer: '/rest/url', widget: 'template', placeholder: '/api/tickets' },
    { pointer: '/rest/headers/*/value', widget: 'template' },
    { pointer: '/rest/body', widget: 'json', placeholder: '{ "title": "{{ vars.subject }}" }' },
    { pointer: '/rest/idPath', placeholder: '$.id' },
  ],
  help: {
    en: [
      'Opens or updates a ticket in your ticketing system, in the way its own API expects.',
      '',
      '| | Zendesk | ServiceNow | Salesforce |',
      '|---|---|---|---|',
      '| Create | `POST /api/v2/tickets.json` | `POST /api/now/table/{table}` | `POST /services/data/v60.0/sobjects/Case/` |',
      '| Update | `PUT /api/v2/tickets/{id}.json` | `PATCH /api/now/table/{table}/{sys_id}` | `PATCH …/sobjects/Case/{id}` |',
      '| Credential | Zendesk API token or OAuth bearer token | Basic or OAuth 2.0 | OAuth 2.0 or bearer token |',
      '',
      '- **Comment**: turn off *Visible to the customer* for an internal note (ServiceNow work note; on Salesforce a case comment that is not published).',
      "- **Tags** (Zendesk) are added to the ticket's tags, never replace them. *Add tags* only adds tags.",
      '- **More fields**: Zendesk custom field ids (numbers) or ticket properties such as `status`; ServiceNow columns such as `u_recording_url`; Salesforce field API names such as `Origin` or `Recording_URL__c`.',
      '- **No duplicates on retry**: every create sends an `Idempotency-Key` made from the run, the same on each retry. Zendesk uses it to return the first ticket instead of opening a second; ServiceNow and Salesforce ignore it, so set retries to 0 there if a duplicate is worse than a missing ticket.',
      '- The output is `{ provider, id, number, url, status, body }`; `url` opens the ticket in the browser. Failures take the **Error** port with `{ status, body, message }`.',
    ].join('\n'),
    ja: [
      'チケット管理システムに、その API が求める形でチケットを作成・更新します。',
      '',
      '| | Zendesk | ServiceNow | Salesforce |',
      '|---|---|---|---|',
      '| 作成 | `POST /api/v2/tickets.json` | `POST /api/now/table/{table}` | `POST /services/data/v60.0/sobjects/Case/` |',
      '| 更新 | `PUT /api/v2/tickets/{id}.json` | `PATCH /api/now/table/{table}/{sys_id}` | `PATCH …/sobjects/Case/{id}` |',
      '| 認証情報 | Zendesk API トークンまたは OAuth Bearer トークン | Basic または OAuth 2.0 | OAuth 2.0 または Bearer トークン |',
      '',
      '- **コメント**：「お客様に公開」をオフにすると内部メモになります（ServiceNow は作業メモ、Salesforce は非公開のケースコメント）。',
      '- **タグ**（Zendesk）は既存のタグに追加され、置き換えません。「タグを追加」はタグの追加だけを行います。',
      '- **その他の項目**：Zendesk はカスタムフィールド ID（数値）または `status` などのチケット項目、ServiceNow は `u_recording_url` などの列名、Salesforce は `Origin` や `Recording_URL__c` などの API 参照名です。',
      '- **再試行で重複しない**：作成のたびに実行から作った `Idempotency-Key` を送り、再試行でも同じ値です。Zendesk はこれで 2 件目を作らず最初のチケットを返します。ServiceNow と Salesforce はこのヘッダーを使わないため、重複が困る場合は再試行回数を 0 にしてください。',
      '- 出力は `{ provider, id, number, url, status, body }` で、`url` でブラウザからチケットを開けます。失敗したときは **エラー** ポートに `{ status, body, message }` を出します。',
    ].join('\n'),
  },
  fieldTexts: ticketFieldTexts,
  texts: { en: { provider: '{provider} · {operation}' }, ja: { provider: '{provider}・{operation}' } },
  summary(config, words) {
    const provider = typeof config.provider === 'string' ? config.provider : '';
    const operation = typeof config.operation === 'string' ? config.operation : '';
    if (!provider) return '';
    const name = SUMMARY_PROVIDERS[provider] ?? provider;
    return words.text('provider', { provider: name, operation: words.option('/operation', operation) });
  },
  outputShape: () => ({
    kind: 'object',
    fields: {
      id: { kind: 'string', detail: 'ticket' },
      number: { kind: 'string', detail: 'ticket', optional: true },
      url: { kind: 'string', detail: 'ticket', optional: true },
    },
    open: true,
  }),
};
