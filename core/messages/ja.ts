/**
 * The Japanese catalogue. Its type is derived from the English one: a code missing here, or an
 * entry reading a param the English one does not have, fails type-checking.
 */
import type { Loop, MessageCode, ParamsOf, TestExpectation } from './en.js';
import type { Words } from './words.js';
import { cliMessagesJa } from './cli-ja.js';
import { hostMessagesJa } from './host-ja.js';
import { importMessagesJa } from './imports-ja.js';
import { scheduleMessagesJa } from './schedule-ja.js';
import { stateMessagesJa } from './state-ja.js';
import { expectMessagesJa } from './expect-ja.js';

export type Catalogue = { [C in MessageCode]: (params: ParamsOf<C>, words: Words) => string };

const ADVICE =
  'フローファイルに秘密情報を含めてはいけません。認証情報を作成し、「認証情報」セクションで選択してください';

const TYPE_WORDS: Record<string, string> = {
  string: 'テキスト',
  number: '数値',
  integer: '整数',
  boolean: 'true または false',
  array: 'リスト',
  object: 'フィールドのまとまり',
  null: '空 (null)',
};

const FORMAT_WORDS: Record<string, string> = {
  uri: 'URL',
  url: 'URL',
  'uri-reference': 'URL',
  email: 'メールアドレス',
  'date-time': '日時 (ISO 8601)',
  date: '日付 (YYYY-MM-DD)',
  uuid: 'UUID',
  hostname: 'ホスト名',
  regex: '正規表現',
};

const EXPECTS: Record<TestExpectation, string> = {
  responses: 'の記録済みレスポンスがあります',
  path: 'を通る経路を期待しています',
  notVisited: 'を通らないことを期待しています',
  steps: 'の出力を期待しています',
  requests: 'からのリクエストを期待しています',
  iterations: 'の項目ごとの実行を期待しています',
};

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} 秒`;
}

const quoted = (items: readonly string[]) => items.map((i) => `「${i}」`).join('、');

/** 出力「完了」: where what runs after a loop hangs, by the port's label. */
const afterLoop = (p: Loop, w: Words) => (p.after !== undefined ? `出力「${w.port(p.loop, p.after)}」` : 'ほかの出力');

export const ja: Catalogue = {
  ...importMessagesJa,
  ...scheduleMessagesJa,
  ...stateMessagesJa,
  ...expectMessagesJa,
  ...hostMessagesJa,
  ...cliMessagesJa,
  text: (p) => p.text,

  'json-syntax': (p) => {
    const what = p.file ?? 'フローファイル';
    if (p.kind === 'empty') return `${what} が空です。`;
    if (p.kind === 'at') return `${what} は正しい JSON ではありません: ${p.line} 行 ${p.column} 列: ${p.error}。`;
    return `${what} は正しい JSON ではありません: ${p.error}`;
  },
  'flow.not-valid': (p, w) => {
    const only = p.issues.length === 1 ? p.issues[0] : undefined;
    if (only && (only.code === 'json-syntax' || only.code === 'too-deep')) return w.msg(only);
    const head =
      p.file !== undefined
        ? `${p.file} は正しいフローではありません（問題 ${p.issues.length} 件）`
        : `フローが正しくありません（問題 ${p.issues.length} 件）`;
    return [head, ...p.issues.map((i) => `  ${i.pointer ? `${w.msg(i)}（${i.pointer}）` : w.msg(i)}`)].join('\n');
  },
  'duplicate-key': (p) =>
    `${p.file ?? 'フローファイル'} の同じオブジェクトにキー「${p.key}」が 2 回あります (${p.pointer})。最後のものだけが有効です。`,
  'not-a-flow': () => 'このファイルはフローではありません。nodes と edges を持つ JSON オブジェクトが必要です。',
  'newer-schema-version': (p) =>
    `このフローは新しい Flowdesk で作成されています (フロー形式バージョン ${p.version}。この Flowdesk はバージョン ${p.known} まで読めます)。開くには Flowdesk を更新してください。`,
  'migration-failed': (p, w) =>
    `${w.node(p.node)} をバージョン ${p.from} から ${p.to} に更新できませんでした: ${p.error}`,

  schema: (p, w) => (p.owner ? `${w.msg(p.owner)}: ${w.msg(p.detail)}` : w.msg(p.detail)),
  'owner.node': (p, w) => w.node(p.node),
  'owner.node-number': (p) => `ノード ${p.number}`,
  'owner.edge': (p) => `接続 ${p.number}`,
  'owner.test': (p, w) => w.test(p.test),
  'owner.credential': (p) => `認証情報「${p.name}」`,

  'schema.property-name': (p) => `${p.field}: 名前「${p.name}」${p.hint !== undefined ? ` ${p.hint}` : 'は使えません'}`,
  'schema.required': (p) => `${p.field} は必須です`,
  'schema.dependent-required': (p) => `${p.other} を設定した場合、${p.field} は必須です`,
  'schema.type': (p) => `${p.field} は${p.types.map((t) => TYPE_WORDS[t] ?? t).join('または')}でなければなりません`,
  'schema.enum': (p) =>
    p.hint !== undefined
      ? `${p.field} ${p.hint}`
      : `${p.field} は ${p.values.join('、')} のいずれかでなければなりません`,
  'schema.const': (p) => `${p.field} は ${p.value} でなければなりません`,
  'schema.min-length': (p) =>
    p.limit === 1 ? `${p.field} を空にはできません` : `${p.field} は ${p.limit} 文字以上でなければなりません`,
  'schema.max-length': (p) => `${p.field} は ${p.limit} 文字以下でなければなりません`,
  'schema.minimum': (p) => `${p.field} は ${p.limit} 以上でなければなりません`,
  'schema.maximum': (p) => `${p.field} は ${p.limit} 以下でなければなりません`,
  'schema.exclusive-minimum': (p) => `${p.field} は ${p.limit} より大きくなければなりません`,
  'schema.exclusive-maximum': (p) => `${p.field} は ${p.limit} より小さくなければなりません`,
  'schema.multiple-of': (p) => `${p.field} は ${p.limit} の倍数でなければなりません`,
  'schema.pattern': (p) =>
    p.hint !== undefined ? `${p.field} ${p.hint}` : `${p.field} の形式が正しくありません (${p.pattern})`,
  'schema.format': (p) => `${p.field} は正しい${FORMAT_WORDS[p.format] ?? p.format}でなければなりません`,
  'schema.unknown-field': (p) => `${p.field} に Flowdesk が知らないフィールドがあります:「${p.name}」`,
  'schema.min-items': (p) => `${p.field} には ${p.limit} 件以上の項目が必要です`,
  'schema.max-items': (p) => `${p.field} の項目は ${p.limit} 件までです`,
  'schema.unique-items': (p) => `${p.field} に同じ項目が 2 つあります (項目 ${p.first} と ${p.second})`,
  'schema.min-properties': (p) => `${p.field} には ${p.limit} 件以上のエントリが必要です`,
  'schema.max-properties': (p) => `${p.field} のエントリは ${p.limit} 件までです`,
  'schema.not': (p) => `${p.field} はここでは使えません`,
  'schema.any-of': (p) =>
    p.many ? `${p.field} は許可された形式の複数に一致します` : `${p.field} は許可された形式のどれにも一致しません`,
  'schema.other': (p) => `${p.field}: ${p.error ?? '正しくありません'}`,

  'duplicate-node-id': (p, w) =>
    `${w.node(p.node)}: ID「${p.id}」は ${w.node(p.first)} で使われています。ID は一意でなければなりません`,
  'duplicate-node-name': (p, w) =>
    `${w.node(p.node)}: 名前「${p.name}」はノード ${p.first} で使われています。テンプレートは steps.${p.name} で参照するため、名前は一意でなければなりません`,
  'unknown-node-type': (p, w) =>
    `${w.node(p.node)}:「${p.type}」はこの Flowdesk が知らないノードタイプです (既知のタイプ: ${p.known.join('、')})`,
  'newer-node-version': (p, w) =>
    `${w.node(p.node)}: このノードは新しい Flowdesk で作成されています (${p.title} バージョン ${p.version}。この Flowdesk はバージョン ${p.known} までです)。このフローを開くには Flowdesk を更新してください。`,
  'old-node-version': (p, w) =>
    `${w.node(p.node)}: このノードは古いバージョン ${p.version} の形式で、この Flowdesk では更新できません (バージョン ${p.missing} への更新がありません)。ノードを作り直してください。`,
  'outdated-node-version': (p, w) =>
    `${w.node(p.node)}: このノードはバージョン ${p.version} の形式です。フローを開いて保存するとバージョン ${p.target} に更新されます`,
  'manifest-schema': (p, w) =>
    `${w.node(p.node)}: ${p.title} ノードタイプの設定スキーマが壊れているため、設定を確認できません (${p.error})`,
  config: (p, w) => `${w.node(p.node)}: ${w.msg(p.detail)}`,
  'node-check': (p, w) => `${w.node(p.node)}: ${w.msg(p.detail)}`,
  'node-check.failed': (p) => `設定を確認できませんでした: ${p.error}`,
  'check.json-path': (p) => `JSONPath「${p.path}」が正しくありません: ${p.error}`,
  'check.retry-shrinks': () => '最長の待ち時間が最初の待ち時間より短くなっています',

  'no-trigger': (p) =>
    p.kind === 'no-nodes'
      ? 'フローにノードがありません。実行の起点となるトリガーノードを追加してください。'
      : p.kind === 'no-trigger'
        ? 'フローにトリガーがありません。実行の起点となるトリガーノード (例: Webhook) を 1 つ追加してください。'
        : 'フローにトリガーがありません',
  'several-triggers': (p, w) =>
    `${w.node(p.node)}: フローのトリガーは 1 つだけですが、このフローには ${p.triggers.length} 個あります (${p.triggers.map((t) => w.node(t)).join('、')})。1 つを残して削除してください`,
  'dangling-edge': (p) =>
    p.end === 'from'
      ? `接続 ${p.edge} の始点はノード ID「${p.id}」ですが、その ID のノードはありません。`
      : `接続 ${p.edge} の終点はノード ID「${p.id}」ですが、その ID のノードはありません。`,
  'unknown-port': (p, w) =>
    `${w.node(p.node)}: 接続 ${p.edge} は出力「${w.port(p.node, p.port)}」から出ていますが、このノードの出力は${p.ports.length ? ` ${quoted(p.ports)} だけです` : 'ありません'}`,
  'edge-into-trigger': (p, w) =>
    `${w.node(p.node)}: 接続 ${p.edge} がこのトリガーに入っていますが、トリガーには入力がありません。実行はここから始まります`,
  'duplicate-edge': (p, w) =>
    `${w.node(p.node)}: 接続 ${p.edge} は出力「${p.port}」から ${w.node(p.target)} への接続と重複しています`,
  cycle: (p, w) => {
    const names = p.names.map((n) => `「${n}」`);
    const words = (p.more > 0 ? [...names.slice(0, 6), `… ほか ${p.more} 個 …`, ...names.slice(6)] : names).join(' → ');
    return `${w.node(p.node)}: これらのノードはループになっています。フローではループは使えません: ${words}`;
  },
  'run.params': (p) =>
    `フローのパラメーターがそろっていません: ${p.problems
      .map((x) =>
        x.kind === 'missing'
          ? `「${x.name}」に値がありません（環境変数かパラメーターファイルで指定してください）`
          : x.kind === 'unknown'
            ? `「${x.name}」が指定されていますが、フローにそのパラメーターはありません`
            : x.kind === 'type'
              ? `「${x.name}」は ${x.type} でなければなりません（"${x.value}" は使えません）`
              : `「${x.name}」は ${x.allowed.map((a) => `「${a}」`).join('、')} のどれかでなければなりません（"${x.value}" は使えません）`,
      )
      .join('。')}`,
  'param-default': (p) =>
    p.problem === 'secret'
      ? `パラメーター「${p.name}」は秘密の値なので、フローに値を書けません。既定値を削除し、環境変数かパラメーターファイルで値を渡してください`
      : p.problem === 'type'
        ? `パラメーター「${p.name}」: 既定値の型が ${p.type} ではありません`
        : `パラメーター「${p.name}」: 既定値が許可された値（${(p.allowed ?? []).join('、')}）のどれでもありません`,
  unreachable: (p, w) => `${w.node(p.node)}: トリガーからここへの経路がないため、このノードは実行されません`,
  'decision-without-effect': (p, w) =>
    `${w.node(p.node)}: 出力 ${quoted(p.ports.map((x) => w.port(p.node, x)))} がすべて ${p.next.map((n) => w.node(n)).join('、')} につながっているため、判定の結果にかかわらず同じノードが実行されます。意図したものでなければ、どれかの出力を別のノードにつないでください`,
  'branches-both-create': (p, w) =>
    `${w.node(p.node)}: 出力「${w.port(p.node, p.port)}」から分かれた枝はすべて実行され、${w.list(
      p.creators.map((c) => w.node(c)),
    )} がそれぞれレコードを作成するため、1 件のイベントで ${p.creators.length} 件作成されます。片方の枝だけを実行するなら条件ノードで選んでください`,
  'loop-body-entered': (p, w) =>
    `${w.node(p.node)}: このノードは ${w.node(p.loop)} のループの中にあります（出力「${w.port(p.loop, p.port)}」からつながっています）が、接続 ${p.edge} がループの外の ${w.node(p.from)} からもつながっています。ループの中のステップは項目ごとに実行され、ループからだけ到達できます。${w.node(p.from)} を別のノードにつなぐか、ループのあとの処理は${afterLoop(p, w)}につないでください`,
  'loop-nested': (p, w) =>
    `${w.node(p.node)}: ${w.node(p.loop)} のループの中にあります。ループの中のループは使えません。内側のリストはコードタスクか別のフローで処理してください`,
  'loop-body-respond': (p, w) =>
    `${w.node(p.node)}: ${w.node(p.loop)} のループの中にあるため、項目ごとに呼び出し元へ応答することになります。応答は実行ごとに 1 回なので、ループの前か${afterLoop(p, w)}のあとに置いてください`,
  'loop-body-empty': (p, w) =>
    `${w.node(p.node)}: 出力「${w.port(p.node, p.port)}」に何もつながっていないため、項目ごとに実行されるものがありません。1 つの項目を処理するステップをつないでください`,

  'unknown-step': (p, w) =>
    `${w.node(p.node)}: ${p.field} は steps.${p.name} を使っていますが、「${p.name}」という名前のノードはありません`,
  'not-upstream': (p, w) =>
    p.self
      ? `${w.node(p.node)}: ${p.field} は steps.${p.name} を使っていますが、これはこのノード自身の出力です。使えるのはこのノードより前に実行されるノードの出力だけです`
      : `${w.node(p.node)}: ${p.field} は steps.${p.name} を使っていますが、「${p.name}」はこのノードより上流にないため、このノードの実行時にはまだ実行されていません`,
  'unknown-param': (p, w) =>
    `${w.node(p.node)}: ${p.field} は params.${p.name} を使っていますが、フローにパラメーター「${p.name}」はありません${p.known.length ? `（あるのは ${p.known.map((k) => `「${k}」`).join('、')}）` : ''}。フローのパラメーターに追加してください`,
  'step-on-some-branches': (p, w) =>
    `${w.node(p.node)}: ${p.field} は steps.${p.name} を使っていますが、このノードに合流するブランチの一部しか「${p.name}」を通りません。ほかの経路で来たときは steps.${p.name} は空です（想定どおりなら {{ steps.${p.name} ? … : … }} のように代わりの値を指定してください）`,
  'step-in-loop-body': (p, w) =>
    `${w.node(p.node)}: ${p.field} は steps.${p.name} を使っていますが、「${p.name}」は ${w.node(p.loop)} のループの中で項目ごとに実行されます。ループのあとでは、各項目の結果を steps.${p.loopName}.results から読んでください`,
  'loop-output-in-body': (p, w) =>
    `${w.node(p.node)}: ${p.field} は steps.${p.name} を使っていますが、これはこのステップを実行しているループです。その出力は最後の項目のあと（${afterLoop(p, w)}から）にしかありません。ループの中では item と index を使ってください`,
  'item-outside-loop': (p, w) =>
    `${w.node(p.node)}: ${p.field} は item または index を使っていますが、これらは「各項目に適用」のループの中（項目ごとに実行するステップ）でだけ値があります。ここでは空です`,
  'expression-syntax': (p, w) =>
    p.kind === 'braced'
      ? `${w.node(p.node)}: ${p.field} はすでに式です。{{ }} を付けずに ${p.expression} と書いてください`
      : `${w.node(p.node)}: ${p.field} は正しい式ではありません${p.position !== undefined ? ` (${p.position} 文字目)` : ''}: ${p.detail ? w.msg(p.detail) : p.error}`,
  'unknown-var': (p, w) =>
    `${w.node(p.node)}: ${p.field} は vars.${p.name} を使っていますが、vars に「${p.name}」というフィールドを入れるノードはありません (Webhook のフィールドか Web Service のレスポンスマッピングでマッピングしてください)`,
  'var-not-upstream': (p, w) =>
    `${w.node(p.node)}: ${p.field} は vars.${p.name} を使っていますが、これをマッピングする ${p.producers.map((n) => w.node(n)).join('、')} はこのノードより前に実行されません`,
  'path-requirement': (p, w) => `${w.node(p.node)}: ${p.explain}。しかし ${p.gap}`,
  'reserved-name': (p, w) => {
    const reserved = p.reserved.map((n) => `"${n}"`).join('、');
    return p.kind === 'node'
      ? `${w.node(p.node)}: ノード名 "${p.name}" は使えません。${reserved} は JavaScript の予約語です。ノード名を変えてください`
      : `${w.node(p.node)}: ${p.field} "${p.name}" は使えません。${reserved} は JavaScript の予約語です。別の名前にしてください`;
  },
  'credential-origin': (p, w) =>
    `${w.node(p.node)}: ${p.field} のオリジン (スキーム、ホスト、ポート) は {{ ${p.expression} }} から決まり、ペイロードや応答が制御できます。このノードは認証情報「${p.name}」を送るため、その認証情報の許可オリジン (allowedOrigins) に送信先を列挙するか、ホストを URL に直接書いてください`,
  'template-syntax': (p, w) =>
    `${w.node(p.node)}: ${p.field} の ${p.at} 文字目にテンプレートの誤りがあります: ${p.detail ? w.msg(p.detail) : p.error}`,

  'syntax.dot-at-end': () => '最後のドットのあとにフィールド名がありません',
  'syntax.operand-missing': (p) => `末尾の「${p.operator}」のあとに、比べる値またはつなぐ値がありません`,
  'syntax.ends-early': () => '式が途中で終わっています。末尾に何かが足りません',
  'syntax.closer-missing': (p) => `閉じる「${p.closer}」がありません`,
  'syntax.end-missing': () => '式の末尾に何かが足りません',
  'syntax.quote-open': () => '引用符で囲んだテキストが閉じていません。対になる引用符を付けてください',
  'syntax.backtick-open': () =>
    'バッククォート（`…`）で囲んだ名前が閉じていません。閉じるバッククォートを付けてください',
  'syntax.two-dots': () => 'ドットが 2 つ続いています。あいだにフィールド名がありません',
  'syntax.stray-closer': (p) => `対応する開きかっこのない「${p.closer}」があります`,
  'syntax.stops-early': () => '式が途中で終わっています',
  'syntax.unexpected': (p) => `ここに「${p.token}」は来ません。前に演算子（= や & など）かドットが抜けていませんか`,
  'syntax.missing-before': (p) => `ここに「${p.token}」は来ません。前に何かが抜けています`,
  'syntax.expected': (p) => `ここには「${p.expected}」が必要です`,
  'syntax.expected-instead': (p) => `ここには「${p.token}」ではなく「${p.expected}」が必要です`,

  'literal-secret': (p, w) => {
    const at = w.node(p.node);
    switch (p.where) {
      case 'field':
        return `${at}: ${p.field} にフローに直接入力された秘密情報があります。${ADVICE}。`;
      case 'url-password':
        return `${at}: ${p.field} の URL にパスワードが直接入力されています。${ADVICE}。`;
      case 'url-user':
        return `${at}: ${p.field} の URL (@ の前) に認証情報が直接入力されています。${ADVICE}。`;
      case 'url-query':
        return `${at}: ${p.field} にクエリパラメーター ${p.name} が直接入力されています。${ADVICE}。`;
      default: {
        const what =
          p.where === 'header'
            ? `ヘッダー ${p.name}`
            : p.where === 'query'
              ? `クエリパラメーター ${p.name}`
              : `フォームフィールド ${p.name}`;
        return `${at}: ${what} にリテラル値が入っています。${ADVICE} (またはトリガーや前のステップから値を読むテンプレートを使ってください)。`;
      }
    }
  },
  'possible-secret': (p, w) =>
    `${w.node(p.node)}: ${p.field} の "${p.key}" はフローに直接入力された秘密情報のようです。そうであれば、認証情報に保存する (またはテンプレートで読む) ようにしてください。`,

  'unknown-credential-slot': (p, w) =>
    `${w.node(p.node)}: スロット「${p.slot}」に認証情報がありますが、${p.title} ノードには${p.slots.length ? ` ${quoted(p.slots)} しかありません` : '認証情報がありません'}`,
  'undeclared-credential': (p, w) =>
    `${w.node(p.node)}: ${p.slot} は認証情報「${p.name}」を使っていますが、フローで宣言されていません。フローの認証情報に (種類とともに) 追加してください`,
  'credential-kind': (p, w) =>
    `${w.node(p.node)}: ${p.slot} には ${w.list(
      p.kinds.map((k) => w.kind(k)),
      'or',
    )} の認証情報が必要ですが、「${p.name}」は ${w.kind(p.kind)} です`,
  'credential-missing': (p, w) =>
    `${w.node(p.node)}: ${p.slot} には ${w.list(
      p.kinds.map((k) => w.kind(k)),
      'or',
    )} の認証情報が必要です。「認証情報」セクションで選択してください`,
  'unused-credential': (p) => `認証情報「${p.name}」は宣言されていますが、どのノードも使っていません。`,

  'duplicate-test-name': (p, w) =>
    `${w.test(p.test)}: 同じ名前のテストがほかにあります。テスト名は一意でなければなりません`,
  'test-unknown-node': (p, w) =>
    `${w.test(p.test)}:「${p.name}」${EXPECTS[p.expects]}が、「${p.name}」という名前のノードはありません`,

  'run.timeout': (p) => `フローが ${p.ms} ミリ秒以内に終わりませんでした`,
  'run.cancelled': (p) => `実行はキャンセルされました${p.reason !== undefined ? `: ${p.reason}` : ''}`,
  'run.cancelled-waiting': (p, w) =>
    `待機中${p.wakeAt !== undefined ? `（${w.time(p.wakeAt)} に再開予定）` : ''}に実行が取り消されました`,
  'run.wait-past-limit': (p) =>
    `${p.until} まで（${p.waitMs} ミリ秒）待つことになり、実行に残された ${p.leftMs} ミリ秒より長くなります。実行の制限時間（--timeout）を延ばすか、長い待機を保存して時刻に再開するサーバー（flowdesk serve）でフローを実行してください`,
  'run.node-failed': (p, w) =>
    `${w.node(p.node)} が失敗しました: ${w.msg(p.detail)}${p.errorPort === 'unwired' ? ' (エラーポートが接続されていません)' : ''}`,
  'unknown-type': (p, w) => `${w.node(p.node)}: このバージョンの Flowdesk はノードタイプ「${p.type}」を実行できません`,
  prepare: (p, w) => `${w.node(p.node)}: ${p.error}`,

  'http.no-credential': (p) =>
    `ノードのスロット「${p.slot}」に認証情報が割り当てられていません。ノードの認証設定で選択してください`,
  'http.hmac-credential': (p) =>
    `認証情報「${p.name}」は HMAC 署名シークレットです。受信 Webhook の検証用で、リクエストの認証には使えません`,
  'http.origin-not-allowed': (p) =>
    `認証情報「${p.name}」は ${p.origin} (${p.target === 'request' ? 'リクエスト' : 'トークンエンドポイント'}) に送れません。許可されているのは ${p.allowed.join('、')} だけです`,
  'http.invalid-url': (p) => `${p.method} "${p.url}": 正しい URL ではありません`,
  'http.not-http': (p) => `${p.method} ${p.url}: 呼び出せるのは http と https の URL だけです`,
  'http.cancelled': (p) => `${p.method} ${p.url} はキャンセルされました`,
  'http.bad-header-name': (p) => `${p.method} ${p.url}: "${p.name}" は正しいヘッダー名ではありません`,
  'http.bad-header-value': (p) =>
    `${p.method} ${p.url}: ヘッダー ${p.name} に改行または NUL 文字が含まれています。HTTP では使えません`,
  'http.status': (p) =>
    `${p.method} ${p.url} の応答は ${p.status}${p.statusText ? ` ${p.statusText}` : ''} でした${p.detail ? `: ${p.detail}` : ''}`,
  'http.network': (p) => `${p.method} ${p.url} が失敗しました: ${p.error}`,
  'http.timeout': (p) => `${p.method} ${p.url} は ${p.ms} ミリ秒でタイムアウトしました`,
  'http.too-large': (p) => `${p.method} ${p.url}: 応答が上限の ${p.limit} バイトを超えています`,
  'http.body-too-large': (p) =>
    `${p.method} ${p.url}: リクエスト本文 (${p.bodyType}) が上限の ${p.limit.toLocaleString('ja-JP')} バイトを超えています。何も送信していません`,
  'http.not-retried': (p, w) =>
    `${w.msg(p.failure)} (再試行しませんでした: ${p.method} はべき等ではなく、リクエストに冪等キーがありません)`,
  'http.attempts': (p, w) => `${w.msg(p.failure)} (${p.attempts} 回試行後)`,
  'http.retry-after-too-long': (p, w) =>
    `${w.msg(p.failure)}。${seconds(p.after)} 後の再試行を求められましたが、再試行ポリシーの最大待ち時間 ${seconds(p.max)} より長いため再試行しませんでした`,
  'queue.bad-url': (p) =>
    `--queue には redis://127.0.0.1:6379 や rediss://user:password@redis.example.com:6380/0 のような Redis の URL を指定してください ('${p.url}' は使えません: ${p.reason})`,
  'queue.unreachable': (p) =>
    `${p.url} の Redis に接続できません (${p.error}、${seconds(p.ms)} 待ちました)。Redis を起動するか、--queue のホスト、ポート、パスワード、TLS (rediss://) を確認してください`,
  'queue.flow-version-missing': (p) =>
    `フロー '${p.flowId}' のバージョン ${p.version} がキューのフロー保存先にありません (別のキューにデプロイされたか、Redis から失われました)`,
  'queue.poison': (p) =>
    `実行中のワーカーが ${p.attempts} 回停止しました (停滞したジョブ)。自動では再実行しません (ポイズン)。原因を直してから手動で再実行してください。`,
};
