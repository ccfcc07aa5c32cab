/**
 * The Remember node's own message codes (its semantic checks), in English and Japanese. The
 * manifest adds them to the catalogues (`addMessages`); the validator prefixes the node's name.
 */
const JA_UNITS: Record<string, string> = { minutes: '分', hours: '時間', days: '日' };

export const rememberMessages = {
  en: {
    'remember.key-required': () =>
      'the key is required: it names what is remembered, e.g. task:{{ trigger.body.TaskSid }}',
    'remember.value-required': () =>
      'the value is required, e.g. {{ steps.createTicket.id }} (to forget a key, choose the Delete operation)',
    'remember.forget-too-long': (p: { max: number; unit: string }) =>
      `Forget after may be at most ${p.max.toLocaleString('en-US')} ${p.unit} (ten years)`,
  },
  ja: {
    'remember.key-required': () => 'キーは必須です。覚える内容の名前です。例: task:{{ trigger.body.TaskSid }}',
    'remember.value-required': () =>
      '値は必須です。例: {{ steps.createTicket.id }}（キーを忘れさせるには、操作で「削除」を選んでください）',
    'remember.forget-too-long': (p: { max: number; unit: string }) =>
      `「忘れるまでの時間」は ${p.max.toLocaleString('ja-JP')} ${JA_UNITS[p.unit] ?? p.unit}（10 年）までです`,
  },
} as const;
