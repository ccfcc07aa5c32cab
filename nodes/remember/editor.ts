/** Renderer half of the Remember node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo, OutputShape } from '../../core/node-type.js';
import { rememberFieldTexts } from './i18n.js';
import { ALREADY_PORT, DONE_PORT, ERROR_PORT, rememberManifest } from './manifest.js';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export const rememberEditor: NodeEditorInfo = {
  type: rememberManifest.type,
  // A bookmark with a plus: something put aside for later.
  icon: [{ d: 'M6 3h12v18l-6-4-6 4z' }, { d: 'M12 7v6M9 10h6' }],
  color: '#7c3aed',
  title: { en: 'Remember', ja: '記憶' },
  description: {
    en: 'Keeps a value under a key for later runs of this flow (a ticket id per call or task), with a time to forget it; set only if new, so the first of two racing events wins; counters.',
    ja: 'このフローの後の実行のために、キーで値を覚えておきます（通話やタスクごとのチケット ID など）。忘れるまでの時間を指定できます。まだ記憶されていないときだけ記憶する操作で、競合する 2 つのイベントのうち最初の 1 つだけが進みます。カウンターにも使えます。',
  },
  portLabels: {
    [DONE_PORT]: { en: 'Done', ja: '完了' },
    [ALREADY_PORT]: { en: 'Already remembered', ja: '記憶済み' },
    [ERROR_PORT]: { en: 'Error', ja: 'エラー' },
  },
  uiSchema: {
    'ui:order': ['operation', 'key', 'value', 'by', 'forgetAfter', 'forgetUnit'],
    operation: { 'ui:widget': 'radio' },
  },
  fields: [
    { pointer: '/key', widget: 'template', placeholder: 'task:{{ trigger.body.TaskSid }}' },
    { pointer: '/value', widget: 'template', placeholder: '{{ steps.createTicket.id }}' },
  ],
  help: {
    en: [
      'Keeps something for later runs of the same flow: one event opens a ticket, a later one (the same call’s end, the same task’s completion) finds it with **Recall** under the same key.',
      '',
      '- **Remember the value**: stores the value, replacing what was there.',
      '- **Remember only if not yet remembered**: the first run to get there stores its value and takes **Done**; any other run takes **Already remembered**, with the first one’s value in `steps.<node>.value`. This happens in one step in the store, on a server with many workers too, so two copies of the same event arriving together cannot both open a ticket: put this node before the node that creates it.',
      '- **Increase a counter**: adds a whole number (starting from 0) and gives the new count.',
      '- **Forget the key**.',
      '- **Key**: built from the event, e.g. `task:{{ trigger.body.TaskSid }}`. Each flow has its own keys.',
      '- **Forget after**: keys are forgotten after this time (a counter’s time starts when it is created). 0 keeps the key until it is deleted.',
      '- Values are JSON up to 64 KB: remember ids, not whole payloads.',
      '- Where the keys live: in memory for test runs and `flowdesk run`; in a SQLite file beside the history on `flowdesk serve`; in Redis in queue mode, shared by every worker.',
      '- The output is `{ key, value }`, plus `first` (set only if new) or `existed` (forget).',
    ].join('\n'),
    ja: [
      '同じフローの後の実行のために覚えておきます。あるイベントでチケットを開き、後のイベント（同じ通話の終了、同じタスクの完了）が同じキーで **想起** して見つけます。',
      '',
      '- **値を記憶する**：値を保存します。あった値は置き換えます。',
      '- **まだ記憶されていないときだけ記憶する**：最初に着いた実行が値を保存して **完了** に進み、ほかの実行は **記憶済み** に進みます（最初の実行の値が `steps.<ノード>.value` に入ります）。ストアの中で 1 回の操作で行うので、多数のワーカーがあるサーバーでも、同時に届いた同じイベントの 2 つがどちらもチケットを開くことはありません。チケットを作るノードの前に置いてください。',
      '- **カウンターを増やす**：整数を足し（0 から始まります）、新しい値を返します。',
      '- **キーを削除する**。',
      '- **キー**：イベントから作ります。例: `task:{{ trigger.body.TaskSid }}`。キーはフローごとに別です。',
      '- **忘れるまでの時間**：この時間が過ぎるとキーを忘れます（カウンターは作られたときから数えます）。0 なら削除するまで覚えています。',
      '- 値は 64 KB までの JSON です。ペイロード全体ではなく ID を覚えてください。',
      '- 保存先：テスト実行と `flowdesk run` ではメモリ、`flowdesk serve` では履歴の隣の SQLite ファイル、キュー モードではすべてのワーカーが共有する Redis です。',
      '- 出力は `{ key, value }` と、`first`（まだ記憶されていないときだけ）または `existed`（削除）です。',
    ].join('\n'),
  },
  fieldTexts: rememberFieldTexts,
  texts: {
    en: {
      none: 'No key yet',
      set: '{key} = {value}',
      setIfAbsent: '{key} = {value}, if new',
      increment: '{key} + {by}',
      delete: 'forget {key}',
      kept: '{summary} · {amount} {unit}',
      'unit.minutes': 'min',
      'unit.hours': 'h',
      'unit.days': 'days',
    },
    ja: {
      none: 'キーがありません',
      set: '{key} = {value}',
      setIfAbsent: '{key} = {value}（未記憶のときだけ）',
      increment: '{key} + {by}',
      delete: '{key} を削除',
      kept: '{summary}・{amount} {unit}',
      'unit.minutes': '分',
      'unit.hours': '時間',
      'unit.days': '日',
    },
  },
  summary(config, words) {
    const key = text(config.key);
    if (!key) return words.text('none');
    const operation = typeof config.operation === 'string' ? config.operation : 'set';
    const by = typeof config.by === 'number' ? config.by : 1;
    const summary =
      operation === 'increment'
        ? words.text('increment', { key, by })
        : operation === 'delete'
          ? words.text('delete', { key })
          : words.text(operation === 'setIfAbsent' ? 'setIfAbsent' : 'set', { key, value: text(config.value) });
    const amount = config.forgetAfter;
    if (operation === 'delete' || typeof amount !== 'number' || amount <= 0) return summary;
    const unit = typeof config.forgetUnit === 'string' ? config.forgetUnit : 'days';
    return words.text('kept', { summary, amount, unit: words.text(`unit.${unit}`) });
  },
  outputShape(config): OutputShape {
    const key: OutputShape = { kind: 'string', detail: 'the key, as rendered' };
    switch (config.operation) {
      case 'increment':
        return { kind: 'object', fields: { key, value: { kind: 'number', detail: 'the new count' } } };
      case 'delete':
        return { kind: 'object', fields: { key, existed: { kind: 'boolean', detail: 'there was a value to forget' } } };
      case 'setIfAbsent':
        return {
          kind: 'object',
          fields: {
            key,
            first: { kind: 'boolean', detail: 'this run remembered it (else another run was first)' },
            value: { kind: 'any', detail: 'what the key holds: this run’s value, or the first run’s' },
          },
        };
      default:
        return { kind: 'object', fields: { key, value: { kind: 'any', detail: 'the value remembered' } } };
    }
  },
};
