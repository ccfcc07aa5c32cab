/**
 * The rule builder's own message codes (its semantic checks), in English and Japanese, for
 * every node that holds rules (Condition, Switch). `rules.ts` adds them to the catalogues; the
 * validator prefixes the node's name. A rule is named by its number and, in a Switch, the
 * output it belongs to.
 */
import type { Message } from '../../../core/messages/message.js';
import type { RuleOperator } from './rules.js';

const OPERATOR_WORDS: Record<'en' | 'ja', Record<RuleOperator, string>> = {
  en: {
    equals: 'equals',
    notEquals: 'does not equal',
    contains: 'contains',
    startsWith: 'starts with',
    isEmpty: 'is empty',
    isNotEmpty: 'is not empty',
    exists: 'exists',
    gt: 'is greater than',
    gte: 'is greater than or equal to',
    lt: 'is less than',
    lte: 'is less than or equal to',
    matches: 'matches the regular expression',
    in: 'is one of',
  },
  ja: {
    equals: '等しい',
    notEquals: '等しくない',
    contains: '含む',
    startsWith: 'で始まる',
    isEmpty: '空である',
    isNotEmpty: '空でない',
    exists: '存在する',
    gt: 'より大きい',
    gte: '以上',
    lt: 'より小さい',
    lte: '以下',
    matches: '一致する（正規表現）',
    in: 'いずれかである',
  },
};

/** Words of an operator in a language (an unknown operator is shown as written). */
export function operatorText(lang: 'en' | 'ja', operator: RuleOperator): string {
  return OPERATOR_WORDS[lang][operator] ?? operator;
}

/** Which rule: its 0-based index and, in a Switch, its output's name. */
interface RuleRef {
  rule: number;
  output?: string;
  operator: RuleOperator;
}

const nameEn = (p: RuleRef) =>
  `${p.output === undefined ? '' : `output '${p.output}', `}rule ${p.rule + 1} "${operatorText('en', p.operator)}"`;
const nameJa = (p: RuleRef) =>
  `${p.output === undefined ? '' : `出力「${p.output}」の`}ルール ${p.rule + 1}（${operatorText('ja', p.operator)}）`;

export const ruleMessages = {
  en: {
    'rules.needs-value': (p: RuleRef) => `${nameEn(p)} needs a value to compare with`,
    'rules.not-a-list': (p: RuleRef) => `${nameEn(p)} compares with one value, not a list; use "in" for a list`,
    // The problem already names the regular expression: no operator words before it.
    'rules.bad-regex': (p: RuleRef & { problem: string }) =>
      `${p.output === undefined ? '' : `output '${p.output}', `}rule ${p.rule + 1}: ${p.problem}`,
    'rules.needs-number': (p: RuleRef) => `${nameEn(p)} needs a number or a date, not true/false`,
  },
  ja: {
    'rules.needs-value': (p: RuleRef) => `${nameJa(p)}には比較する値が必要です`,
    'rules.not-a-list': (p: RuleRef) =>
      `${nameJa(p)}は 1 つの値と比べます。一覧と比べるには「いずれかである」を選んでください`,
    'rules.bad-regex': (p: RuleRef & { problem: string }) => `${nameJa(p)}の正規表現は使えません：${p.problem}`,
    'rules.needs-number': (p: RuleRef) => `${nameJa(p)}には true/false ではなく数値か日時が必要です`,
  },
} as const;

type RuleMessageCode = keyof (typeof ruleMessages)['en'];

/** A check's message with its code, params and English words. */
export function ruleMessage<C extends RuleMessageCode>(
  code: C,
  params: Parameters<(typeof ruleMessages)['en'][C]>[0],
): Message & { message: string } {
  const word = ruleMessages.en[code] as (p: typeof params) => string;
  return { code, params: params as unknown as Message['params'], message: word(params) };
}
