/**
 * The Switch node's own message codes (its semantic checks), in English and Japanese. The
 * manifest adds them to the catalogues (`addMessages`); the validator prefixes the node's name.
 */
export const switchMessages = {
  en: {
    'switch.no-outputs': () => 'add at least one output',
    'switch.default-name': (p: { output: number }) =>
      `output ${p.output} is named 'default', which is the name of the output taken when nothing matches; choose another name`,
    'switch.name-taken': (p: { output: number; name: string; first: number }) =>
      `output ${p.output} is named '${p.name}' like output ${p.first}; each output needs its own name`,
    'switch.no-rules': (p: { name: string }) =>
      `output '${p.name}' has no rules, so it is never taken; add a rule or remove the output`,
    'switch.empty-expression': () =>
      'the expression is empty; write a JSONata expression whose value is the name of an output',
  },
  ja: {
    'switch.no-outputs': () => '出力を 1 つ以上追加してください',
    'switch.default-name': (p: { output: number }) =>
      `出力 ${p.output} の名前が「default」です。これはどれにも一致しないときの出力の名前なので、別の名前にしてください`,
    'switch.name-taken': (p: { output: number; name: string; first: number }) =>
      `出力 ${p.output} の名前「${p.name}」は出力 ${p.first} と同じです。出力ごとに別の名前を付けてください`,
    'switch.no-rules': (p: { name: string }) =>
      `出力「${p.name}」にルールがないため、この出力には進みません。ルールを追加するか、出力を削除してください`,
    'switch.empty-expression': () => '式が空です。値が出力の名前になる JSONata の式を書いてください',
  },
} as const;
