/** Renderer half of the Wait node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { formatDuration, parseDuration } from './duration.js';
import { waitFieldTexts } from './i18n.js';
import { waitManifest } from './manifest.js';

/** Long templates are cut on the canvas; the inspector shows them whole. */
const SUMMARY_CHARS = 40;

export const waitEditor: NodeEditorInfo = {
  type: waitManifest.type,
  icon: [{ circle: [12, 13, 8] }, { d: 'M12 9v4l2.5 2.5' }, { d: 'M9.5 3h5' }],
  color: '#7c5cbf',
  title: { en: 'Wait', ja: '待機' },
  description: {
    en: 'Waits for a while (10 minutes) or until a date and time, then goes on. On a server a long wait is saved and resumed when due.',
    ja: 'しばらく（10分など）または指定した日時まで待ってから続行します。サーバーでは長い待機は保存され、時刻になると再開します。',
  },
  portLabels: { out: { en: 'Then', ja: '続行' } },
  uiSchema: {
    'ui:order': ['mode', 'delay', 'until'],
    mode: { 'ui:widget': 'radio' },
  },
  fields: [
    { pointer: '/delay', placeholder: '10 minutes' },
    {
      pointer: '/until',
      widget: 'template',
      placeholder: '{{ trigger.body.recordingReadyAt }}',
      help: 'ISO-8601 with a zone (…Z or …+09:00), or epoch milliseconds.',
    },
  ],
  help: {
    en: [
      'Holds the run, then goes on through **Then**. Use it where another system needs time: Genesys analytics details are often not there right after a call ends, and recordings appear minutes later.',
      '',
      '- **For a while**: type how long, e.g. `30 seconds`, `10 minutes`, `2 hours`, `1 h 30 min` (at most 24 days).',
      '- **Until a date and time**: ISO-8601 with its zone, e.g. `2026-12-07T14:30:00Z`, or a template such as `{{ trigger.body.readyAt }}`. A time already past goes on at once.',
      '- In the test bench and `flowdesk test` the clock is fast: a 10-minute wait takes no time and the step report shows when the run would have gone on.',
      '- On a server a wait of 30 seconds or more holds no worker: the run is saved, listed as *waiting* with its wake time, and resumed when due, even after a restart.',
    ].join('\n'),
    ja: [
      '実行を止めてから **続行** に進みます。ほかのシステムに時間が必要なときに使います。Genesys の分析データは通話終了の直後にはまだないことが多く、録音は数分後に現れます。',
      '',
      '- **一定時間**：待つ時間を入力します。例：`30秒`、`10分`、`2時間`、`1時間30分`（最長 24 日）。',
      '- **日時まで**：タイムゾーン付きの ISO-8601（例：`2026-12-07T14:30:00Z`）、または `{{ trigger.body.readyAt }}` のようなテンプレート。過ぎた日時ならすぐに続行します。',
      '- テストベンチと `flowdesk test` では時計が速く進みます。10 分の待機も時間がかからず、ステップレポートに続行する予定だった時刻が表示されます。',
      '- サーバーでは 30 秒以上の待機はワーカーを占有しません。実行は保存され、*waiting*（待機中）として再開時刻とともに一覧に表示され、時刻になると（再起動後でも）再開します。',
    ].join('\n'),
  },
  fieldTexts: waitFieldTexts,
  texts: {
    en: { delay: 'Wait {duration}', until: 'Until {until}', empty: 'How long?' },
    ja: { delay: '{duration}待機', until: '{until} まで', empty: '待つ時間が未設定' },
  },
  summary(config, words) {
    if (config.mode === 'until') {
      const until = typeof config.until === 'string' ? config.until.trim() : '';
      if (until === '') return words.text('empty');
      const shown = until.length > SUMMARY_CHARS ? `${until.slice(0, SUMMARY_CHARS - 1)}…` : until;
      return words.text('until', { until: shown });
    }
    const text = typeof config.delay === 'string' ? config.delay.trim() : '';
    if (text === '') return words.text('empty');
    const ms = parseDuration(text);
    return words.text('delay', { duration: ms === undefined ? text : formatDuration(ms, words.locale) });
  },
  outputShape: () => ({
    kind: 'object',
    fields: {
      until: { kind: 'string', detail: 'when the run went on (ISO-8601)', example: '2026-12-07T14:30:00.000Z' },
      delayMs: { kind: 'number', detail: 'the planned wait in milliseconds (0 for a time already past)' },
    },
  }),
};
