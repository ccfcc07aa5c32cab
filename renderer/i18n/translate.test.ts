import { describe, expect, it } from 'vitest';
import { itemNumber, translate } from './translate.js';

describe('plural forms in the designer’s words', () => {
  it('says one item and several items in English', () => {
    const frame = (count: number) => translate('en', 'canvas.loopFrameRun', { count, failed: 0, n: 1 });
    expect(frame(1)).toBe('1 item ran, 0 failed · showing item 1');
    expect(frame(3)).toBe('3 items ran, 0 failed · showing item 1');
    expect(frame(0)).toBe('0 items ran, 0 failed · showing item 1');
    expect(translate('en', 'node.errors', { count: 1 })).toBe('1 problem');
    expect(translate('en', 'node.errors', { count: 2 })).toBe('2 problems');
  });

  it('has one form in Japanese, counted with 件', () => {
    expect(translate('ja', 'canvas.loopFrameRun', { count: 1, failed: 0, n: 1 })).toBe(
      '1 件を実行、0 件失敗 · 1 件目を表示中',
    );
    expect(translate('ja', 'canvas.loopFrameRun', { count: 3, failed: 1, n: 2 })).toBe(
      '3 件を実行、1 件失敗 · 2 件目を表示中',
    );
  });

  it('numbers items from 1, the first being item 1', () => {
    expect(translate('en', 'tb.item', { n: itemNumber(0) })).toBe('Item 1');
    expect(translate('ja', 'tb.item', { n: itemNumber(0) })).toBe('1 件目');
  });
});
