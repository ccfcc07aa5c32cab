/** Renderer half of the Switch node: labels, icon, form hints, help, texts (en/ja), canvas summary and output shape. */
import type { NodeEditorInfo } from '../../core/node-type.js';
import { ruleFieldHints } from '../shared/rule-builder/texts.js';
import { switchFieldTexts } from './i18n.js';
import { DEFAULT_PORT, outputNames, switchManifest } from './manifest.js';

export const switchEditor: NodeEditorInfo = {
  type: switchManifest.type,
  icon: [{ circle: [5, 12, 2.2] }, { d: 'M7.2 12H11m0 0 8-6m-8 6h8m-8 0 8 6' }],
  color: '#c2741a',
  title: { en: 'Switch', ja: 'スイッチ' },
  description: {
    en: 'Takes one of several named outputs (or each that matches) by rules per output or by an expression that names the output; Default when none matches.',
    ja: '出力ごとのルール、または出力の名前を返す式で、名前付きの出力のどれか（または一致したすべて）に進みます。どれにも一致しなければ「既定」に進みます。',
  },
  portLabels: { [DEFAULT_PORT]: { en: 'Default', ja: '既定' } },
  uiSchema: {
    'ui:order': ['mode', 'matching', 'caseInsensitive', 'outputs', 'expression'],
    mode: { 'ui:widget': 'radio' },
    matching: { 'ui:widget': 'radio' },
    outputs: {
      items: {
        'ui:order': ['name', 'combinator', 'rules'],
        combinator: { 'ui:widget': 'radio' },
        rules: { items: { 'ui:order': ['left', 'operator', 'right'] } },
      },
    },
  },
  fields: [
    // The schema's description already says what a name may hold and that it is the port.
    { pointer: '/outputs/*/name', placeholder: 'created' },
    ...ruleFieldHints('/outputs/*/rules'),
    {
      pointer: '/expression',
      widget: 'expression',
      placeholder: 'trigger.body.EventType',
      help: 'A JSONata expression whose value is an output’s name; any other value takes Default.',
    },
  ],
  help: {
    en: [
      'Sends the run down one of several named outputs: the way to handle many event types arriving at one endpoint (Twilio TaskRouter task created / accepted / completed, Genesys EX sync users / skills / queues).',
      '',
      '- **Rules per output**: each output has rules built like the Condition’s (field, operator, value; all or any). Outputs are checked top to bottom.',
      '- **Expression**: one JSONata expression whose value is the name of the output to take, e.g. `trigger.body.EventType` with outputs named like the event types.',
      '- **Take the first matching output** or **every matching output** (their branches run one after the other; a node they all lead to runs once, after all of them).',
      '- **Default** is taken when no output matches.',
      '- Each output is a port on the canvas; the run trace shows each output with the values its rules saw.',
    ].join('\n'),
    ja: [
      '名前付きの出力のどれかに進みます。1 つのエンドポイントに届く多くのイベントの種類（Twilio TaskRouter のタスク作成・受付・完了、Genesys EX 同期のユーザー・スキル・キュー）を扱うときに使います。',
      '',
      '- **出力ごとのルール**：各出力に「条件」と同じ作り方のルール（項目・演算子・値、すべて/いずれか）を持たせます。上から順に調べます。',
      '- **式**：値が進む出力の名前になる JSONata の式を 1 つ書きます。例：`trigger.body.EventType`（出力にイベントの種類の名前を付けます）。',
      '- **最初に一致した出力** だけか、**一致したすべての出力** に進みます（ブランチは順に実行され、それらが合流するノードはすべての後に 1 回だけ実行されます）。',
      '- どれにも一致しないときは **既定** に進みます。',
      '- 各出力はキャンバス上のポートになります。実行トレースには各出力とルールが見た値が表示されます。',
    ].join('\n'),
  },
  fieldTexts: switchFieldTexts,
  texts: {
    en: { expression: 'Expression', none: 'No outputs yet', all: 'every match' },
    ja: { expression: '式', none: '出力がありません', all: '一致したすべて' },
  },
  summary(config, words) {
    if (config.mode === 'expression') {
      return `${words.text('expression')}: ${typeof config.expression === 'string' ? config.expression : ''}`;
    }
    const names = outputNames(config);
    if (names.length === 0) return words.text('none');
    const list = names.join(' · ');
    return config.matching === 'all' ? `${list} (${words.text('all')})` : list;
  },
  outputShape: () => ({
    kind: 'object',
    fields: {
      output: { kind: 'string', detail: 'the output taken (the first, with every match)' },
      outputs: { kind: 'any', detail: 'every output taken, as a list' },
    },
  }),
};
