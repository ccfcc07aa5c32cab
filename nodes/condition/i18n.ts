/**
 * The Condition node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';

export const conditionFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/mode': {
      options: {
        rules: 'Rules',
        expression: 'Expression (JSONata)',
      },
    },
    '/combinator': {
      options: {
        all: 'All rules (AND)',
        any: 'Any rule (OR)',
      },
    },
    '/rules/*/operator': {
      options: {
        equals: 'equals',
        notEquals: 'does not equal',
        contains: 'contains',
        startsWith: 'starts with',
        isEmpty: 'is empty',
        isNotEmpty: 'is not empty',
        exists: 'exists',
        gt: '> greater than',
        gte: '≥ at least',
        lt: '< less than',
        lte: '≤ at most',
        matches: 'matches (regular expression)',
        in: 'is one of (list)',
      },
    },
  },
  ja: {
    '/mode': {
      title: '判定方法',
      description: 'ルール: 項目から作る比較の一覧。式: true か false になる JSONata の式 1 つ。',
      options: {
        rules: 'ルール',
        expression: '式（JSONata）',
      },
    },
    '/combinator': {
      title: '一致条件',
      description: 'すべて: どのルールも一致すること（AND）。いずれか: 1 つ以上のルールが一致すること（OR）。',
      options: {
        all: 'すべてのルール（AND）',
        any: 'いずれかのルール（OR）',
      },
    },
    '/caseInsensitive': {
      title: '大文字と小文字を区別しない',
      description:
        '大文字と小文字を区別せずにテキストを比べます。"CHAT" と "chat" は等しくなります（Genesys の分析 API は小文字、イベントのペイロードは大文字）。',
    },
    '/rules': {
      title: 'ルール',
      description: '各ルールはフローの値を別の値と比べます。',
    },
    '/rules/*/left': {
      title: '調べる値',
      description: '値をどこから取るかです。例: trigger.body.ConversationID、steps.getDetails.fields.mediaType。',
      help: 'trigger・steps・vars へのパス（JSONata）です。{{ }} は付けません。',
    },
    '/rules/*/operator': {
      title: '演算子',
      description:
        '等しい、等しくない、含む（テキストまたは一覧）、で始まる、空である、空でない、存在する、より大きい/小さい（数値または日時）、一致する（正規表現）、いずれかである（一覧）。',
      options: {
        equals: '等しい',
        notEquals: '等しくない',
        contains: '含む',
        startsWith: 'で始まる',
        isEmpty: '空である',
        isNotEmpty: '空でない',
        exists: '存在する',
        gt: '> より大きい',
        gte: '≥ 以上',
        lt: '< より小さい',
        lte: '≤ 以下',
        matches: '一致する（正規表現）',
        in: 'いずれかである（一覧）',
      },
    },
    '/rules/*/right': {
      title: '比較する値',
      description:
        '比べる相手の値です。テキスト、数値、true/false、または「いずれかである」なら一覧。テキストには {{ }} を使えます（例: {{ vars.expectedQueue }}）。「空である」「空でない」「存在する」では使いません。',
      help: 'テキスト、数値、true/false、または「いずれかである」なら一覧（カンマ区切りのテキストでも可）。{{ }} を使えます。',
    },
    '/expression': {
      title: '式',
      description:
        '式で判定するときに使います。JSONata の式、例: trigger.body.Q1 <= 2 and $exists(trigger.body.ConversationID)。結果が true（空でない、0 でない）なら True ポートに進みます。',
      help: 'JSONata の式です。結果が true・空でない・0 でないなら True ポートに進みます。',
    },
  },
};
