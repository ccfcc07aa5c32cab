/**
 * The Web Service node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';
import { ruleFieldTexts } from '../shared/rule-builder/texts.js';

const readyRules = ruleFieldTexts('/retryUntil/rules');

export const webServiceFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    ...readyRules.en,
    '/retryUntil/combinator': { options: { all: 'All rules (AND)', any: 'Any rule (OR)' } },
    '/retryUntil/rules/*/left': {
      description:
        "Where the value is in the attempt's response, e.g. response.body.state or response.fields.recordingId.",
    },
    '/pagination/style': {
      options: {
        none: 'One response',
        genesys: 'Genesys Cloud (entities, nextUri, pageNumber)',
        servicenow: 'ServiceNow (Link header, sysparm_offset)',
        salesforce: 'Salesforce (nextRecordsUrl)',
        zendesk: 'Zendesk (links.next, meta.has_more)',
        nextUrl: 'Next URL in the body',
        linkHeader: 'Link header (rel="next")',
        pageNumber: 'Page number parameter',
        offset: 'Offset parameter',
        cursor: 'Cursor parameter',
      },
    },
    '/body/type': {
      options: {
        none: 'No body',
        json: 'JSON',
        form: 'Form fields (URL-encoded)',
        text: 'Plain text',
        base64: 'Bytes from base64 (upload a file)',
      },
    },
    '/responseAs': {
      options: { auto: 'JSON or text', base64: 'Bytes as base64 (download a file)' },
    },
    '/auth/type': {
      options: {
        none: 'None',
        apiKey: 'API key in a header',
        basic: 'Basic (user and password)',
        bearer: 'Bearer token',
        oauth2: 'OAuth 2.0 client credentials',
        awsSigV4: 'AWS Signature V4',
        salesforceJwt: 'Salesforce JWT bearer',
      },
    },
  },
  ja: {
    '/method': {
      title: 'メソッド',
      description: 'HTTP メソッドです。GET は読み取り、POST は作成、PUT/PATCH は更新、DELETE は削除です。',
    },
    '/query': {
      title: 'クエリパラメーター',
      description: 'URL の「?」のあとに付けます。エンコードは自動です。',
    },
    '/query/*/name': {
      title: '名前',
      description: 'サービスが求める名前のとおりに書きます。',
    },
    '/query/*/value': {
      title: '値',
      description: 'テキスト。{{ }} テンプレートを使えます。',
    },
    '/headers': {
      title: 'ヘッダー',
      description: '追加のリクエストヘッダーです。秘密の値はここではなく認証情報に入れてください。',
    },
    '/headers/*/name': {
      title: '名前',
      description: 'サービスが求める名前のとおりに書きます。',
    },
    '/headers/*/value': {
      title: '値',
      description: 'テキスト。{{ }} テンプレートを使えます。',
      help: '秘密の値はヘッダーの値ではなく認証情報に入れます。',
    },
    '/body': {
      title: 'ボディ',
      description: 'リクエストで送る内容です。ボディを送るのは PUT・POST・PATCH だけです。',
    },
    '/body/type': {
      title: 'ボディの種類',
      description:
        'なし、JSON、URL エンコードしたフォーム項目、プレーンテキスト、または base64 で与えるバイト列（アップロードする録音や添付ファイル）のいずれかです。',
      options: {
        none: 'ボディなし',
        json: 'JSON',
        form: 'フォーム項目（URL エンコード）',
        text: 'プレーンテキスト',
        base64: 'base64 のバイト列（ファイルのアップロード）',
      },
    },
    '/body/base64': {
      title: 'バイト列（base64）',
      description:
        '送るバイト列を base64 で指定します。通常は前のダウンロードへの {{ }} です（例：{{ steps.getRecording.body.base64 }}）。デコードしてそのまま送ります。',
    },
    '/body/contentType': {
      title: 'コンテンツタイプ',
      description:
        'バイト列の Content-Type です（例：audio/wav、{{ steps.getRecording.body.contentType }}）。既定は application/octet-stream です。',
    },
    '/responseAs': {
      title: '応答ボディ',
      description:
        'auto は JSON またはテキストとして読みます。base64 はバイト列（録音や添付ファイル）を {base64, contentType, bytes} として steps.<ノード>.body に残します。最大応答サイズまで、かつ 7,500,000 バイトまでです。',
      options: { auto: 'JSON またはテキスト', base64: 'base64 のバイト列（ファイルのダウンロード）' },
    },
    '/body/json': {
      title: 'JSON ボディ',
      description:
        'JSON の値です。中のテキストには {{ }} テンプレートを使えます（値全体が {{ }} なら型が保たれます）。',
      help: '値全体が {{ }} のときは JSON の型（数値・一覧・オブジェクト）が保たれます。',
    },
    '/body/form': {
      title: 'フォーム項目',
      description: 'application/x-www-form-urlencoded として送ります。',
    },
    '/body/form/*/name': {
      title: '名前',
      description: 'サービスが求める名前のとおりに書きます。',
    },
    '/body/form/*/value': {
      title: '値',
      description: 'テキスト。{{ }} テンプレートを使えます。',
    },
    '/body/text': {
      title: 'テキストボディ',
      description: 'プレーンテキストとして送ります。{{ }} を使えます。',
    },
    '/auth': {
      title: '認証',
      description: 'リクエストが誰からかを示す方法です。秘密の値はこのノードに選んだ認証情報から取ります。',
    },
    '/auth/type': {
      title: '認証方式',
      description:
        'なし、ヘッダーの API キー（Qualtrics の X-API-TOKEN）、Basic のユーザー/パスワード、Bearer トークン、OAuth 2.0 クライアントクレデンシャル（Genesys Cloud）、AWS 署名バージョン 4（S3 の録音リンク、API Gateway）、Salesforce JWT ベアラーのいずれかです。',
      options: {
        none: 'なし',
        apiKey: 'ヘッダーの API キー',
        basic: 'Basic（ユーザーとパスワード）',
        bearer: 'Bearer トークン',
        oauth2: 'OAuth 2.0 クライアントクレデンシャル',
        awsSigV4: 'AWS 署名バージョン 4',
        salesforceJwt: 'Salesforce JWT ベアラー',
      },
    },
    '/auth/headerName': {
      title: 'API キーのヘッダー',
      description: 'API キーを運ぶヘッダーです（例: X-API-TOKEN）。既定は X-API-Key です。',
    },
    '/timeoutMs': {
      title: 'タイムアウト（ms）',
      description: '1 回の試行で応答を待つ時間です（Qualtrics の上限は 16000 ms）。',
    },
    '/retry': {
      title: '再試行',
      description:
        '429・5xx・ネットワークエラーのときに、毎回待ち時間を延ばし Retry-After に従って再試行します。POST と PATCH は冪等キーがあるときだけ再試行します。',
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
      description: 'これより大きい応答は失敗になります（Qualtrics の上限は 1 MB = 1048576 バイト）。',
    },
    '/idempotencyKey': {
      title: '冪等キー',
      description:
        '省略可。Idempotency-Key ヘッダーとして送り、サービスが重複を捨てられるようにします。{{ }} を使えます。',
    },
    '/pagination': {
      title: 'ページ',
      description:
        'ページに分かれて返る一覧を読み、項目を 1 つの一覧（steps.<ノード>.body.items）に集めます。各ページは同じメソッド・ヘッダー・認証情報で要求し、どのページも最初のページと同じオリジンでなければなりません。',
    },
    '/pagination/style': {
      title: 'ページの方式',
      description:
        'none は応答を 1 つだけ読みます。プリセット：genesys（entities。nextUri、なければ pageCount まで pageNumber）、servicenow（result。sysparm_offset を含む Link ヘッダーの rel="next"）、salesforce（records。done まで nextRecordsUrl）、zendesk（meta.has_more の間 links.next、なければ next_page）。汎用：nextUrl（本文の次ページ URL）、linkHeader（Link: <…>; rel="next"）、pageNumber（ページ番号のクエリパラメーター）、offset（オフセットのクエリパラメーター）、cursor（本文のカーソルをクエリパラメーターで送り返す）。',
      options: {
        none: '応答 1 つ',
        genesys: 'Genesys Cloud（entities、nextUri、pageNumber）',
        servicenow: 'ServiceNow（Link ヘッダー、sysparm_offset）',
        salesforce: 'Salesforce（nextRecordsUrl）',
        zendesk: 'Zendesk（links.next、meta.has_more）',
        nextUrl: '本文の次ページ URL',
        linkHeader: 'Link ヘッダー（rel="next"）',
        pageNumber: 'ページ番号のパラメーター',
        offset: 'オフセットのパラメーター',
        cursor: 'カーソルのパラメーター',
      },
    },
    '/pagination/itemsPath': {
      title: '項目のパス',
      description:
        '各ページで一覧がある場所の JSONPath です（例：$.entities、$.result、$.records、$.tickets）。空のときはプリセットの一覧、またはページの最上位にある 1 つの一覧です。',
    },
    '/pagination/nextUrlPath': {
      title: '次ページ URL のパス',
      description:
        'nextUrl の場合：本文の中の次ページ URL の JSONPath です（例：$.next、$.links.next）。相対 URL はそのページの URL を基準に読みます。空なら読み終わります。',
    },
    '/pagination/hasMorePath': {
      title: '続きの有無のパス',
      description:
        'nextUrl と cursor の場合（省略可）：次のページがあるかを true/false で示す本文の JSONPath です（例：$.meta.has_more）。',
    },
    '/pagination/cursorPath': {
      title: 'カーソルのパス',
      description:
        'cursor の場合：本文の中の次のカーソルの JSONPath です（例：$.meta.after_cursor）。空なら読み終わります。',
    },
    '/pagination/cursorParam': {
      title: 'カーソルのパラメーター',
      description: 'cursor の場合：カーソルを送るクエリパラメーターです。',
    },
    '/pagination/pageParam': {
      title: 'ページのパラメーター',
      description: 'pageNumber の場合：ページ番号のクエリパラメーターです。',
    },
    '/pagination/firstPage': {
      title: '最初のページ番号',
      description: 'pageNumber の場合：最初のページの番号です（最初の要求では送りません）。',
    },
    '/pagination/pageCountPath': {
      title: 'ページ数のパス',
      description:
        'pageNumber の場合（省略可）：ページ数の JSONPath です（例：$.pageCount）。なければ、空または短いページで読み終わります。',
    },
    '/pagination/offsetParam': {
      title: 'オフセットのパラメーター',
      description: 'offset の場合：オフセットのクエリパラメーターです。',
    },
    '/pagination/pageSize': {
      title: 'ページサイズ',
      description:
        'pageNumber と offset の場合：サービスが 1 ページで返す項目数です（クエリパラメーターはご自分で送ってください）。これより短いページが最後のページです。',
    },
    '/pagination/maxPages': {
      title: '最大ページ数',
      description: 'このページ数を読んだら止めます（途中で止めたことは出力に示されます）。既定は 10 です。',
    },
    '/pagination/maxItems': {
      title: '最大項目数',
      description: 'この数の項目を集めたら止めます（途中で止めたことは出力に示されます）。既定は 10000 です。',
    },
    '/mapping': {
      title: '応答マッピング',
      description:
        '応答から値を取り出して名前付きの項目にします（steps.<ノード>.fields.<項目> と vars.<項目>）。ページを読むときは、パスは {items, pages, truncated, first} を読みます（$.items[*].id）。',
    },
    '/mapping/*/field': {
      title: '項目名',
      description: 'あとで vars.<項目> として使う名前です。英字・数字・_ だけです。',
    },
    '/mapping/*/default': {
      title: '既定値',
      description: 'パスが何も見つけなかったときだけ使います（値が null なら null のままです）。',
    },
    '/url': {
      title: 'URL',
      description:
        '呼び出すアドレスで、https://（または http://）で始まります。{{ }} の部分は値が入り URL エンコードされます。例: https://api.mypurecloud.com/api/v2/conversations/{{trigger.body.ConversationID}}。',
    },
    '/mapping/*/path': {
      title: 'JSONPath',
      description:
        "応答の中で値がある場所です。例: $.conversationStart。$.participants[?(@.purpose=='agent')].userId のようなフィルターは一覧を返します。",
      help: '応答ボディへの JSONPath です。先頭の $. は省略できます。',
    },
    ...readyRules.ja,
    '/retryUntil': {
      title: '準備ができるまで再試行',
      description:
        '応答の準備ができていない間、数秒おきに同じ呼び出しを繰り返します。挙げたステータス（通話終了直後の Genesys の 404 など）のとき、または「準備完了の条件」を満たすまでです。最後の試行でも準備ができなければエラーポートに進みます。',
    },
    '/retryUntil/statuses': {
      title: '再試行するステータス',
      description: '「まだ準備ができていない」を意味するステータスです。例: 404、202。',
    },
    '/retryUntil/combinator': {
      title: '準備完了とする条件',
      description: 'すべて: すべての条件を満たすこと。いずれか: 1 つ満たせば十分です。',
      options: { all: 'すべての条件（AND）', any: 'いずれかの条件（OR）' },
    },
    '/retryUntil/rules': {
      title: '準備完了の条件',
      description:
        'その試行の応答についての条件です。response.status、response.body.…、response.fields.…（マッピングした項目）。例: response.body.state が available に等しい。',
    },
    '/retryUntil/rules/*/left': {
      title: '調べる値',
      description: '試行の応答の中で値がある場所です。例: response.body.state、response.fields.recordingId。',
      help: 'response・trigger・steps・vars へのパス（JSONata）です。{{ }} は付けません。',
    },
    '/retryUntil/everySeconds': {
      title: '間隔（秒）',
      description:
        '試行の間の秒数です（既定 10）。試行は実行の制限時間に含まれます。長く待つときは呼び出しの前に「待機」ノードを置いてください。',
    },
    '/retryUntil/maxAttempts': {
      title: '最大試行回数',
      description: '最初の呼び出しを含めた呼び出しの回数です（既定 5）。',
    },
  },
};
