/** Japanese words for failed test expectations (see expect-en.ts); ja.ts spreads them in. */
import type { Difference, Divergence, EndedAs, expectMessagesEn, RequestDifference, SentRequest } from './expect-en.js';
import type { Words } from './words.js';

type ExpectCatalogue = {
  [C in keyof typeof expectMessagesEn]: (params: Parameters<(typeof expectMessagesEn)[C]>[0], words: Words) => string;
};

const arrows = (names: readonly string[]) => (names.length === 0 ? '（何も実行されませんでした）' : names.join(' → '));

const divergence = (d: Divergence | undefined) =>
  !d
    ? ''
    : d.expected === undefined
      ? `（期待した終わりのあとに ${d.actual ?? ''} が実行されました）`
      : d.actual === undefined
        ? `（${d.expected} の前で止まりました）`
        : `（${d.step} 番目: 期待 ${d.expected}、実際 ${d.actual}）`;

const got = (actual: string | undefined) => actual ?? '何もありません';

const difference = (d: Difference): string => {
  switch (d.kind) {
    case 'list':
      return `リスト ${d.expected} を期待しましたが、実際は ${got(d.actual)} でした`;
    case 'length':
      return `${d.count} 件を期待しましたが、実際は ${d.actual} 件でした: ${d.preview}`;
    case 'object':
      return `オブジェクト ${d.expected} を期待しましたが、実際は ${got(d.actual)} でした`;
    case 'missing':
      return `${d.expected} を期待しましたが、ありません`;
    case 'value':
      return `${d.expected} を期待しましたが、実際は ${got(d.actual)} でした`;
  }
};

const requestDifference = (d: RequestDifference): string => {
  switch (d.kind) {
    case 'method':
      return `メソッド: 期待 ${d.expected}、実際 ${d.actual}`;
    case 'url':
      return `URL: 期待 ${d.expected}、実際 ${d.actual}`;
    case 'header-missing':
      return `ヘッダー ${d.name}: 「${d.expected}」を期待しましたが、送られていません`;
    case 'header':
      return `ヘッダー ${d.name}: 期待「${d.expected}」、実際「${d.actual}」`;
    case 'body':
      return `${d.path}: ${difference(d.detail)}`;
  }
};

const sent = (list: readonly SentRequest[], more: boolean) =>
  list.length === 0
    ? '（何も送っていません）'
    : `（送ったリクエスト: ${list.map((r) => `${r.method} ${r.url}${r.status ? ` → ${r.status}` : ''}`).join('、')}${more ? '、…' : ''}）`;

const ended = (status: EndedAs) =>
  status === 'timeout' ? '時間切れになりました' : status === 'cancelled' ? 'キャンセルされました' : '失敗しました';

const item = (index: number) => `${index + 1} 件目（index ${index}）`;

export const expectMessagesJa: ExpectCatalogue = {
  'expect.outcome-succeed': (p, w) =>
    `実行の成功を期待しましたが、${ended(p.status)}${p.error !== undefined ? `: ${w.msg(p.error)}` : ''}`,
  'expect.outcome-fail': () => '実行の失敗を期待しましたが、成功しました',
  'expect.error-none': (p) => `「${p.error}」を含むエラーを期待しましたが、実行にエラーはありませんでした`,
  'expect.error-mismatch': (p) => `エラーに「${p.error}」が含まれることを期待しましたが、実際は「${p.actual}」でした`,
  'expect.path': (p) =>
    `経路 ${arrows(p.expected)} を期待しましたが、実際は ${arrows(p.actual)} でした${divergence(p.divergence)}`,
  'expect.not-visited': (p) => `「${p.step}」は実行されないはずでしたが、実行されました（経路 ${arrows(p.path)}）`,
  'expect.step-not-run': (p) =>
    `ステップ「${p.step}」の実行を期待しましたが、実行されませんでした（経路 ${arrows(p.path)}）`,
  'expect.difference': (p) => difference(p.difference),
  'expect.no-response': () => '呼び出し元への応答を期待しましたが、「Webhook に応答」ノードは実行されませんでした',
  'expect.response-status': (p) =>
    `応答のステータス ${p.expected} を期待しましたが、実際は ${p.actual} でした（「${p.node}」から）`,
  'expect.state-not-read': (p) =>
    `状態ストアに「${p.key}」があることを期待しましたが、この実行のストアは読み戻されていません`,
  'expect.state-not-empty': (p) => `「${p.key}」には何も覚えていないはずでしたが、${p.actual} が入っています`,
  'expect.state-missing': (p) =>
    `「${p.key}」が ${p.expected} として覚えられていることを期待しましたが、何も入っていません（ストアにあるのは ${p.kept.length ? p.kept.map((k) => `「${k}」`).join('、') : '何もありません'}）`,
  'expect.loop-inner-step': (p) =>
    `「${p.step}」はループ「${p.loop}」の中のステップで、ループではありません。項目ごとの結果は iterations.${p.loop}.items に期待してください`,
  'expect.loop-no-items': (p, w) =>
    `「${p.step}」は項目を 1 件も実行しませんでした。ループ（各項目に適用）ではないか、最初の項目の前に失敗しました${p.error !== undefined ? `（${w.msg(p.error)}）` : ''}`,
  'expect.loop-count': (p) =>
    `${p.what === 'count' ? '実行される項目' : '失敗する項目'}を ${p.expected} 件と期待しましたが、実際は ${p.actual} 件でした`,
  'expect.item-not-run': (p) => `${item(p.index)}の実行を期待しましたが、実行されたのは ${p.count} 件だけでした`,
  'expect.item-not-kept': (p) =>
    `${item(p.index)}は実行されましたが、トレースに残るのは最初の ${p.keepFirst} 件と、そのあとの失敗した ${p.keepFailed} 件のステップだけです`,
  'expect.item-outcome': (p, w) =>
    p.expected === 'success'
      ? `${item(p.index)}の成功を期待しましたが、失敗しました: ${p.error ? w.msg(p.error) : ''}`
      : `${item(p.index)}の失敗を期待しましたが、成功しました`,
  'expect.item-error': (p) =>
    `${item(p.index)}のエラーに「${p.error}」が含まれることを期待しましたが、${p.actual !== undefined ? `実際は「${p.actual}」でした` : 'エラーはありませんでした'}`,
  'expect.item-path': (p) =>
    `${item(p.index)}が ${arrows(p.expected)} を通ることを期待しましたが、実際は ${arrows(p.actual)} でした${divergence(p.divergence)}`,
  'expect.item-step-not-run': (p) =>
    `${item(p.index)}でステップ「${p.step}」の実行を期待しましたが、実行されませんでした（経路 ${arrows(p.path)}）`,
  'expect.request-count': (p) =>
    `「${p.node}」から条件に合うリクエストを ${p.count} 件期待しましたが、実際は ${p.actual} 件でした${sent(p.sent, p.more)}`,
  'expect.request-none': (p) =>
    `「${p.node}」からのリクエストを期待しましたが、何も送っていません${p.ran ? '' : '（このノードは実行されませんでした）'}`,
  'expect.request-closest': (p) =>
    `「${p.node}」からのリクエストはどれも一致しませんでした。最も近いのは ${p.method} ${p.url}: ${p.differences.map(requestDifference).join('；')}`,
};
