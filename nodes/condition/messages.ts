/**
 * The Condition node's own message codes (its semantic checks), in English and Japanese. The
 * manifest adds them to the catalogues (`addMessages`); the validator prefixes the node's name.
 */
export const conditionMessages = {
  en: {
    'condition.empty-expression': () => 'the expression is empty; write a JSONata expression that is true or false',
    'condition.no-rules': () => 'add at least one rule',
  },
  ja: {
    'condition.empty-expression': () => '式が空です。true か false になる JSONata の式を書いてください',
    'condition.no-rules': () => 'ルールを 1 つ以上追加してください',
  },
} as const;
