/** The Recall node's form in the UI languages, by config pointer. */
import type { FieldText } from '../../core/node-type.js';

export const recallFieldTexts: { en: Record<string, FieldText>; ja: Record<string, FieldText> } = {
  en: {},
  ja: {
    '/key': {
      title: 'キー',
      description:
        'このフローの「記憶」ノードが使った名前を、同じ作り方で指定します。例: task:{{ trigger.body.TaskSid }}。',
    },
  },
};
