/** Renderer half of Echo: labels, icon, summary, output shape and texts. */
import type { NodeEditorInfo } from '../../../../core/node-type.js';
import { echoManifest } from './manifest.js';

export const echoEditor: NodeEditorInfo = {
  type: echoManifest.type,
  icon: [{ d: 'M4 12h16' }, { d: 'm14 6 6 6-6 6' }],
  color: '#6b7280',
  title: { en: 'Echo', ja: 'エコー' },
  description: {
    en: 'Repeats a text (a test-only node type).',
    ja: 'テキストを繰り返します（テスト専用のノード種別）。',
  },
  portLabels: { out: { en: 'Done', ja: '完了' } },
  fieldTexts: { ja: { '/text': { title: 'テキスト', description: '繰り返すテキストです。{{ }} を使えます。' } } },
  texts: { en: { says: 'says {text}' }, ja: { says: '「{text}」' } },
  summary: (config, words) => words.text('says', { text: typeof config.text === 'string' ? config.text : '' }),
  outputShape: () => ({ kind: 'object', fields: { text: { kind: 'string' } } }),
};
