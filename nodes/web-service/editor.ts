/** Renderer half of the Web Service node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo, OutputShape, OutputShapeSources } from '../../core/node-type.js';
import { webServiceFieldTexts } from './i18n.js';
import { namesInRows } from '../../core/node-type.js';
import { isRecord } from '../node-kit.js';
import { ruleFieldHints } from '../shared/rule-builder/texts.js';
import { webServiceManifest } from './manifest.js';

/** True when the node reads pages (its body is then the collected list). */
function paged(config: Record<string, unknown>): boolean {
  const pagination = config.pagination;
  return isRecord(pagination) && typeof pagination.style === 'string' && pagination.style !== 'none';
}

/** True when the node keeps the response's bytes (its body is then {base64, contentType, bytes}). */
function binary(config: Record<string, unknown>): boolean {
  return config.responseAs === 'base64';
}

/** What `steps.<node>.body` holds: the response, the collected pages, or the kept bytes. */
function bodyShape(config: Record<string, unknown>, sources: OutputShapeSources): OutputShape {
  if (binary(config)) {
    return {
      kind: 'object',
      detail: 'bytes',
      fields: { base64: { kind: 'string' }, contentType: { kind: 'string' }, bytes: { kind: 'number' } },
    };
  }
  if (paged(config)) {
    return {
      kind: 'object',
      detail: 'pages',
      fields: {
        items: { kind: 'any', detail: "every page's items" },
        pages: { kind: 'number' },
        truncated: { kind: 'string', detail: 'maxPages, maxItems or null' },
        first: { kind: 'any', detail: 'first page', example: sources.recordedBody },
      },
    };
  }
  return { kind: 'any', detail: 'response', example: sources.recordedBody };
}

export const webServiceEditor: NodeEditorInfo = {
  type: webServiceManifest.type,
  icon: [{ circle: [12, 12, 9] }, { d: 'M3 12h18' }, { d: 'M12 3a14 14 0 0 1 0 18a14 14 0 0 1 0-18' }],
  color: '#2f6fdd',
  title: { en: 'Web Service', ja: 'Web サービス' },
  description: {
    en: 'Calls an HTTP API (GET, PUT, POST, PATCH, DELETE) and maps fields out of the response.',
    ja: 'HTTP API を呼び出し（GET・PUT・POST・PATCH・DELETE）、応答から項目を取り出します。',
  },
  portLabels: {
    success: { en: 'Success', ja: '成功' },
    error: { en: 'Error', ja: 'エラー' },
  },
  uiSchema: {
    'ui:order': [
      'method',
      'url',
      'query',
      'headers',
      'body',
      'auth',
      'pagination',
      'retryUntil',
      'responseAs',
      'mapping',
      'idempotencyKey',
      'timeoutMs',
      'retry',
      'maxResponseBytes',
    ],
    body: {
      'ui:order': ['type', 'json', 'form', 'text', 'base64', 'contentType'],
      text: { 'ui:widget': 'textarea' },
    },
    idempotencyKey: { 'ui:placeholder': '{{ trigger.body.ResponseID }}' },
    retry: { 'ui:options': { collapsible: true } },
    retryUntil: {
      'ui:options': { collapsible: true },
      'ui:order': ['statuses', 'rules', 'combinator', 'everySeconds', 'maxAttempts'],
      combinator: { 'ui:widget': 'radio' },
      rules: { items: { 'ui:order': ['left', 'operator', 'right'] } },
    },
    pagination: {
      'ui:order': [
        'style',
        'itemsPath',
        'nextUrlPath',
        'hasMorePath',
        'cursorPath',
        'cursorParam',
        'pageParam',
        'firstPage',
        'pageCountPath',
        'offsetParam',
        'pageSize',
        'maxPages',
        'maxItems',
      ],
    },
  },
  fields: [
    {
      pointer: '/url',
      widget: 'template',
      placeholder: 'https://api.mypurecloud.com/api/v2/conversations/{{ trigger.body.ConversationID }}',
      // No help here: the schema's description already says {{ }} parts are URL-encoded.
    },
    { pointer: '/query/*/value', widget: 'template', placeholder: '{{ vars.conversationId }}' },
    { pointer: '/headers/*/value', widget: 'template', help: 'Secrets go in a credential, not in a header value.' },
    {
      pointer: '/body/json',
      widget: 'json',
      placeholder: '{ "surveyId": "SV_…", "embeddedData": { "Agent": "{{ vars.agentName }}" } }',
      help: 'A whole-value {{ }} keeps its JSON type (number, list, object).',
    },
    { pointer: '/body/form/*/value', widget: 'template' },
    { pointer: '/body/text', widget: 'template' },
    { pointer: '/body/base64', widget: 'template', placeholder: '{{ steps.getRecording.body.base64 }}' },
    { pointer: '/body/contentType', widget: 'template', placeholder: 'audio/wav' },
    { pointer: '/idempotencyKey', widget: 'template' },
    {
      pointer: '/mapping/*/path',
      widget: 'jsonpath',
      placeholder: "$.participants[?(@.purpose=='agent')].userId",
      help: 'JSONPath into the response body; $. may be left out.',
    },
    { pointer: '/mapping/*/field', placeholder: 'agentId' },
    { pointer: '/pagination/itemsPath', widget: 'jsonpath', placeholder: '$.entities' },
    { pointer: '/pagination/nextUrlPath', widget: 'jsonpath', placeholder: '$.links.next' },
    { pointer: '/pagination/hasMorePath', widget: 'jsonpath', placeholder: '$.meta.has_more' },
    { pointer: '/pagination/cursorPath', widget: 'jsonpath', placeholder: '$.meta.after_cursor' },
    { pointer: '/pagination/pageCountPath', widget: 'jsonpath', placeholder: '$.pageCount' },
    { pointer: '/mapping/*/default', widget: 'json', placeholder: '""' },
    ...ruleFieldHints('/retryUntil/rules').map((hint) =>
      hint.pointer.endsWith('/left')
        ? {
            ...hint,
            placeholder: 'response.body.state',
            help: 'A path into the attempt’s response (response.status, response.body, response.fields), trigger, steps or vars (JSONata), without {{ }}.',
          }
        : hint,
    ),
  ],
  help: {
    en: [
      'Calls a web API, like the Qualtrics **Web Service** task or a Genesys Cloud **data action**.',
      '',
      '- **URL, query, headers, body** may use `{{ }}` templates over `trigger`, `steps` and `vars`; Qualtrics piped text such as `${e://Field/ConversationID}` works too.',
      '- **Authentication** uses the credential chosen for this node: API key header (Qualtrics `X-API-TOKEN`), Basic, Bearer or OAuth 2.0 client credentials (Genesys Cloud; the token is cached until it expires).',
      '- **Retries** happen on 429, 5xx and network errors, honouring `Retry-After`. POST/PATCH are retried only when an idempotency key is set.',
      "- **Response mapping**: each row takes a JSONPath (`$.conversationStart`) into a field. A filter such as `$.participants[?(@.purpose=='agent')].userId` gives a list. The default is used only when the path finds nothing; a `null` value stays `null`.",
      "- **Pages**: a list that comes in pages is read page by page and its items collected into one list, `steps.<node>.body.items` (presets for Genesys Cloud, ServiceNow, Salesforce and Zendesk; generic next-URL, Link header, page number, offset and cursor styles), up to the most pages and items set. Every page stays on the first page's origin; a next page elsewhere stops the node. Mapping paths then read `{ items, pages, truncated, first }`, e.g. `$.items[*].id`.",
      '- **Files**: *Response body: bytes as base64* keeps a download (a call recording) as `{ base64, contentType, bytes }`, up to the largest response and at most 7,500,000 bytes; the body type *bytes from base64* uploads such bytes, e.g. `{{ steps.getRecording.body.base64 }}` with its content type.',
      '- **Retry until ready**: calls again every few seconds while the answer is not ready yet: on the statuses listed (a Genesys 404 right after a call ends) and/or until rules about `response.status`, `response.body`, `response.fields` hold; up to the attempts set, then the error port ("still not ready after 5 attempts…"). Every attempt is in the step report. The attempts count in the run\'s time limit: for minutes, put a Wait node before the call.',
      '- The output is `{ status, headers, body, fields }`; mapped fields are also in `vars`.',
      '- On an HTTP error, a timeout or a network failure the node takes its **Error** port with `{ status, body, message }`; if that port is not wired, the run fails.',
    ].join('\n'),
    ja: [
      'Web API を呼び出します。Qualtrics の **Web サービス** タスクや Genesys Cloud の **データアクション** と同じ役割です。',
      '',
      '- **URL・クエリ・ヘッダー・ボディ** では `trigger`・`steps`・`vars` を参照する `{{ }}` テンプレートが使えます。`${e://Field/ConversationID}` のような Qualtrics の差し込みテキストも使えます。',
      '- **認証** はこのノードに選んだ認証情報を使います：API キーヘッダー（Qualtrics の `X-API-TOKEN`）、Basic、Bearer、OAuth 2.0 クライアントクレデンシャル（Genesys Cloud。トークンは有効期限までキャッシュ）。',
      '- **再試行** は 429・5xx・ネットワークエラーのときに行い、`Retry-After` に従います。POST/PATCH は冪等キーを設定したときだけ再試行します。',
      "- **応答マッピング**：各行で JSONPath（`$.conversationStart`）の値を項目に入れます。`$.participants[?(@.purpose=='agent')].userId` のようなフィルターは一覧を返します。既定値はパスが何も見つけなかったときだけ使われ、値が `null` のときは `null` のままです。",
      '- **ページ**：ページに分かれて返る一覧をページごとに読み、項目を 1 つの一覧 `steps.<ノード>.body.items` に集めます（Genesys Cloud・ServiceNow・Salesforce・Zendesk のプリセットと、次ページ URL・Link ヘッダー・ページ番号・オフセット・カーソルの汎用方式）。設定した最大ページ数・最大項目数まで読みます。どのページも最初のページと同じオリジンでなければならず、ほかのオリジンの次ページがあればノードを止めます。このときマッピングのパスは `{ items, pages, truncated, first }` を読みます（例：`$.items[*].id`）。',
      '- **ファイル**：*応答ボディ：base64 のバイト列* を選ぶと、ダウンロード（通話録音など）を `{ base64, contentType, bytes }` として残します（最大応答サイズまで、かつ 7,500,000 バイトまで）。ボディの種類 *base64 のバイト列* はそのバイト列をアップロードします（例：`{{ steps.getRecording.body.base64 }}` とそのコンテンツタイプ）。',
      '- **準備ができるまで再試行**：応答の準備ができていない間、数秒おきに呼び出しを繰り返します。挙げたステータス（通話終了直後の Genesys の 404 など）のとき、または `response.status`・`response.body`・`response.fields` についての条件を満たすまでです。設定した回数まで試し、それでもだめならエラーポートに進みます（「5 回呼び出しましたが、まだ準備ができていません…」）。すべての試行がステップレポートに表示されます。試行は実行の制限時間に含まれるので、数分待つときは呼び出しの前に「待機」ノードを置いてください。',
      '- 出力は `{ status, headers, body, fields }` で、マッピングした項目は `vars` にも入ります。',
      '- HTTP エラー・タイムアウト・ネットワーク障害のときは **エラー** ポートに `{ status, body, message }` を出します。このポートがつながっていなければ実行は失敗します。',
    ].join('\n'),
  },
  fieldTexts: webServiceFieldTexts,
  summary(config) {
    const method = typeof config.method === 'string' && config.method ? config.method : 'GET';
    const url = typeof config.url === 'string' ? config.url : '';
    return url ? `${method} ${url}` : method;
  },
  outputShape(config, sources) {
    const fields = Object.fromEntries(
      namesInRows(config.mapping, 'field').map((field) => [field, { kind: 'any', detail: 'mapped' } as const]),
    );
    return {
      kind: 'object',
      fields: {
        status: { kind: 'number' },
        headers: { kind: 'record', of: { kind: 'string' } },
        body: bodyShape(config, sources),
        fields: { kind: 'object', fields, open: true },
      },
    };
  },
};
