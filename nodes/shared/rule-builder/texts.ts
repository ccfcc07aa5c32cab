/**
 * The rule builder's form texts in the UI languages, for a node whose rule list sits at
 * `at` (`/rules`, `/outputs/*\/rules`): operator option labels in English and Japanese, and the
 * Japanese field titles and help. A node's i18n.ts spreads these into its own field texts.
 */
import type { FieldText } from '../../../core/node-type.js';

export function ruleFieldTexts(at: string): { en: Record<string, FieldText>; ja: Record<string, FieldText> } {
  return {
    en: {
      [`${at}/*/operator`]: {
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
      [`${at}/*/left`]: {
        title: '調べる値',
        description: '値をどこから取るかです。例: trigger.body.ConversationID、steps.getDetails.fields.mediaType。',
        help: 'trigger・steps・vars へのパス（JSONata）です。{{ }} は付けません。',
      },
      [`${at}/*/operator`]: {
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
      [`${at}/*/right`]: {
        title: '比較する値',
        description:
          '比べる相手の値です。テキスト、数値、true/false、または「いずれかである」なら一覧。テキストには {{ }} を使えます（例: {{ vars.expectedQueue }}）。「空である」「空でない」「存在する」では使いません。',
        help: 'テキスト、数値、true/false、または「いずれかである」なら一覧（カンマ区切りのテキストでも可）。{{ }} を使えます。',
      },
    },
  };
}

/** The rule fields' form hints (widgets, placeholders, help) for a rule list at `at`. */
export function ruleFieldHints(at: string) {
  return [
    {
      pointer: `${at}/*/left`,
      widget: 'expression' as const,
      placeholder: 'trigger.body.ConversationID',
      help: 'A path into trigger, steps or vars (JSONata), without {{ }}.',
    },
    {
      pointer: `${at}/*/right`,
      widget: 'template' as const,
      placeholder: 'connected',
      help: 'Text, a number, true/false, or for "in" a list (or text separated by commas). May hold {{ }}.',
    },
  ];
}
