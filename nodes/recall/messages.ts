/** The Recall node's own message codes (its semantic checks), in English and Japanese. */
export const recallMessages = {
  en: {
    'recall.key-required': () =>
      'the key is required: the name a Remember node used, e.g. task:{{ trigger.body.TaskSid }}',
  },
  ja: {
    'recall.key-required': () => 'キーは必須です。「記憶」ノードで使った名前です。例: task:{{ trigger.body.TaskSid }}',
  },
} as const;
