/** Renderer half of the Condition node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { ruleFieldHints } from '../shared/rule-builder/texts.js';
import { conditionFieldTexts } from './i18n.js';
import { isRecord } from '../node-kit.js';

import { conditionManifest } from './manifest.js';

/** Comparisons read best as symbols in a one-line summary, in any language. */
const OPERATOR_SYMBOLS: Record<string, string> = { equals: '=', notEquals: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

export const conditionEditor: NodeEditorInfo = {
  type: conditionManifest.type,
  icon: [
    { circle: [6, 6, 2.2] },
    { circle: [18, 6, 2.2] },
    { circle: [12, 19, 2.2] },
    { d: 'M12 16.8V13l-6-4.8M12 13l6-4.8' },
  ],
  color: '#d98a1c',
  title: { en: 'Condition', ja: '条件' },
  description: {
    en: 'Takes the True or the False path depending on rules (equals, contains, greater than…) or an expression.',
    ja: 'ルール（等しい・含む・より大きい など）または式によって「はい」か「いいえ」の経路に進みます。',
  },
  portLabels: {
    true: { en: 'True', ja: 'はい' },
    false: { en: 'False', ja: 'いいえ' },
  },
  uiSchema: {
    'ui:order': ['mode', 'combinator', 'caseInsensitive', 'rules', 'expression'],
    mode: { 'ui:widget': 'radio' },
    combinator: { 'ui:widget': 'radio' },
    rules: { items: { 'ui:order': ['left', 'operator', 'right'] } },
  },
  fields: [
    ...ruleFieldHints('/rules'),
    {
      pointer: '/expression',
      widget: 'expression',
      placeholder: "trigger.body.Q1 <= 2 and trigger.body.ConversationID != ''",
      help: 'A JSONata expression; a true, non-empty or non-zero result takes the True port.',
    },
  ],
  help: {
    en: [
      'Chooses the next step, like a Qualtrics **condition** or a Genesys **decision**.',
      '',
      '- **Rules**: each rule checks a value (e.g. `trigger.body.ConversationID`) with an operator: equals, not equals, contains (text or list), starts with, is empty, is not empty, exists, greater/less than, matches (regular expression) or in (one of a list).',
      '- **Match all** needs every rule to match; **match any** needs one.',
      '- **Ignore upper/lower case** (on by default) makes `CHAT` equal `chat`: Genesys analytics uses lowercase values, event payloads UPPERCASE.',
      '- Numbers typed as text compare as numbers (`"2"` equals `2`); ISO dates such as `2021-04-01T12:27:53Z` compare as dates.',
      '- **Is empty** is true for a missing value, null, empty text, `[]` and `{}`. **Exists** is true for any value that is present, even null.',
      '- **Expression** mode takes one JSONata expression instead, e.g. `trigger.body.Q1 <= 2`.',
      '- The run trace shows each rule with the value it saw and whether it matched.',
    ].join('\n'),
    ja: [
      '次に進むステップを選びます。Qualtrics の **条件** や Genesys の **判断** と同じ役割です。',
      '',
      '- **ルール**：値（例 `trigger.body.ConversationID`）を演算子で判定します。等しい・等しくない・含む（文字列またはリスト）・で始まる・空である・空でない・存在する・より大きい/小さい・正規表現に一致・いずれかに一致（リスト）。',
      '- **すべて一致** はすべてのルールが、**いずれか一致** は 1 つのルールが成り立つと「はい」に進みます。',
      '- **大文字と小文字を区別しない**（既定で有効）では `CHAT` と `chat` が等しくなります。Genesys の分析 API は小文字、イベントは大文字を使います。',
      '- 文字列の数値は数値として比較します（`"2"` と `2` は等しい）。`2021-04-01T12:27:53Z` のような ISO 日付は日時として比較します。',
      '- **空である** は値がない・null・空文字・`[]`・`{}` のときに成り立ちます。**存在する** は値があれば（null でも）成り立ちます。',
      '- **式** モードでは JSONata の式を 1 つ書きます。例：`trigger.body.Q1 <= 2`',
      '- 実行トレースには各ルールが見た値と一致したかどうかが表示されます。',
    ].join('\n'),
  },
  fieldTexts: conditionFieldTexts,
  texts: {
    en: { expression: 'Expression', rules: '{count} rule(s), {combinator}', all: 'all', any: 'any' },
    ja: { expression: '式', rules: 'ルール {count} 件（{combinator}）', all: 'すべて', any: 'いずれか' },
  },
  summary(config, words) {
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    if (config.mode === 'expression') return `${words.text('expression')}: ${str(config.expression)}`;
    const rules = Array.isArray(config.rules) ? config.rules : [];
    const first: unknown = rules[0];
    if (rules.length === 1 && isRecord(first)) {
      const right = first.right === undefined ? '' : ` ${JSON.stringify(first.right)}`;
      const operator = str(first.operator);
      return `${str(first.left)} ${OPERATOR_SYMBOLS[operator] ?? words.option('/rules/*/operator', operator)}${right}`;
    }
    const combinator = str(config.combinator) === 'any' ? 'any' : 'all';
    return words.text('rules', { count: rules.length, combinator: words.text(combinator) });
  },
  outputShape: () => ({ kind: 'object', fields: { result: { kind: 'boolean' } } }),
};
