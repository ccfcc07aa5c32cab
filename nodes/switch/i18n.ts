/**
 * The Switch node's form in the UI languages, by config pointer (`*` for any array item):
 * field titles, help under the fields, enum option labels. English keeps the schema's words
 * and names enum options more plainly; the rules' texts are the shared rule builder's.
 */
import type { FieldText } from '../../core/node-type.js';
import { ruleFieldTexts } from '../shared/rule-builder/texts.js';

const rules = ruleFieldTexts('/outputs/*/rules');

export const switchFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {
    '/mode': { options: { rules: 'Rules per output', expression: 'Expression naming the output (JSONata)' } },
    '/matching': { options: { first: 'The first matching output', all: 'Every matching output' } },
    '/outputs/*/combinator': { options: { all: 'All rules (AND)', any: 'Any rule (OR)' } },
    ...rules.en,
  },
  ja: {
    '/mode': {
      title: '選び方',
      description:
        'ルール: 出力ごとにルールを持ちます。式: 値が進む出力の名前になる JSONata の式 1 つ（例: trigger.body.EventType が「task.created」を返す）。',
      options: { rules: '出力ごとのルール', expression: '出力の名前を返す式（JSONata）' },
    },
    '/matching': {
      title: '進む出力',
      description: '最初: 上から見て最初に一致した出力だけ。すべて: 一致したすべての出力に順に進みます。',
      options: { first: '最初に一致した出力', all: '一致したすべての出力' },
    },
    '/caseInsensitive': {
      title: '大文字と小文字を区別しない',
      description: 'ルールでも、式の値を出力の名前と比べるときも、大文字と小文字を区別せずに比べます。',
    },
    '/outputs': {
      title: '出力',
      description:
        '出力ごとにキャンバス上のポートができます。ルールで選ぶときは、ルールが一致した出力に進みます。どれにも一致しないときは「既定」に進みます。',
    },
    '/outputs/*/name': {
      title: '出力の名前',
      description:
        'ポートの名前です。例: created、wrapup。英字で始め、英字・数字・_・- だけ（40 文字まで）。式で選ぶときは、この名前と同じ値で選ばれます。',
      help: '英字・数字・_・- です。キャンバス上のポートの名前になります。',
    },
    '/outputs/*/combinator': {
      title: '一致条件',
      description: 'すべて: この出力のどのルールも一致すること（AND）。いずれか: 1 つ以上（OR）。',
      options: { all: 'すべてのルール（AND）', any: 'いずれかのルール（OR）' },
    },
    '/outputs/*/rules': {
      title: 'ルール',
      description: 'ルールで選ぶときに使います。各ルールはフローの値を別の値と比べます。',
    },
    ...rules.ja,
    '/expression': {
      title: '式',
      description:
        '式で選ぶときに使います。値が出力の名前になる JSONata の式、例: trigger.body.EventType。「すべて」では名前の一覧で複数の出力に進みます。',
      help: 'JSONata の式です。値と同じ名前の出力に進み、どれでもなければ「既定」に進みます。',
    },
  },
};
