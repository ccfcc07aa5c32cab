/** Renderer half of the Recall node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { recallFieldTexts } from './i18n.js';
import { ERROR_PORT, FOUND_PORT, NOT_FOUND_PORT, recallManifest } from './manifest.js';

export const recallEditor: NodeEditorInfo = {
  type: recallManifest.type,
  // A bookmark with an arrow out of it: something put aside, taken back.
  icon: [{ d: 'M6 3h12v18l-6-4-6 4z' }, { d: 'M12 13V7m-3 3 3-3 3 3' }],
  color: '#7c3aed',
  title: { en: 'Recall', ja: '想起' },
  description: {
    en: 'Reads what a Remember node of this flow kept under a key, in this run or an earlier one (the ticket a call’s start opened); Found or Not found.',
    ja: 'このフローの「記憶」ノードがキーで覚えた値を、この実行か前の実行から読み出します（通話の開始で開いたチケットなど）。見つかった／見つからない に進みます。',
  },
  portLabels: {
    [FOUND_PORT]: { en: 'Found', ja: '見つかった' },
    [NOT_FOUND_PORT]: { en: 'Not found', ja: '見つからない' },
    [ERROR_PORT]: { en: 'Error', ja: 'エラー' },
  },
  fields: [{ pointer: '/key', widget: 'template', placeholder: 'task:{{ trigger.body.TaskSid }}' }],
  help: {
    en: [
      'Finds what an earlier run of this flow remembered: the ticket the call’s start opened, for the run that handles its end.',
      '',
      '- **Key**: built the same way as in the Remember node, e.g. `task:{{ trigger.body.TaskSid }}`.',
      '- **Found**: the value is in `steps.<node>.value`, e.g. `{{ steps.findTicket.value }}`.',
      '- **Not found**: nothing was remembered under the key, or it was forgotten (deleted, or its time was up); `value` is null.',
      '- The output is `{ key, found, value }`.',
    ].join('\n'),
    ja: [
      'このフローの前の実行が覚えたものを見つけます。通話の開始で開いたチケットを、通話の終了を扱う実行で使うときなどです。',
      '',
      '- **キー**：「記憶」ノードと同じ作り方で指定します。例: `task:{{ trigger.body.TaskSid }}`。',
      '- **見つかった**：値は `steps.<ノード>.value` に入ります。例: `{{ steps.findTicket.value }}`。',
      '- **見つからない**：そのキーでは何も記憶されていないか、忘れられています（削除されたか、時間が過ぎた）。`value` は null です。',
      '- 出力は `{ key, found, value }` です。',
    ].join('\n'),
  },
  fieldTexts: recallFieldTexts,
  texts: { en: { none: 'No key yet' }, ja: { none: 'キーがありません' } },
  summary(config, words) {
    return typeof config.key === 'string' && config.key.trim() !== '' ? config.key.trim() : words.text('none');
  },
  outputShape: () => ({
    kind: 'object',
    fields: {
      key: { kind: 'string', detail: 'the key, as rendered' },
      found: { kind: 'boolean' },
      value: { kind: 'any', detail: 'what was remembered; null when not found' },
    },
  }),
};
