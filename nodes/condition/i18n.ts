/**
 * The Condition node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's and the
 * editor's own words and only names enum options more plainly; whatever is missing in a
 * language shows in English.
 */
import type { FieldText } from '../../core/node-type.js';
import { ruleFieldTexts } from '../shared/rule-builder/texts.js';

const rules = ruleFieldTexts('/rules');

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
    ...rules.en,
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
    ...rules.ja,
    '/expression': {
      title: '式',
      description:
        '式で判定するときに使います。JSONata の式、例: trigger.body.Q1 <= 2 and $exists(trigger.body.ConversationID)。結果が true（空でない、0 でない）なら True ポートに進みます。',
      help: 'JSONata の式です。結果が true・空でない・0 でないなら True ポートに進みます。',
    },
  },
};
