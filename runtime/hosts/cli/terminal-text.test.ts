import { describe, expect, it } from 'vitest';
import { termText } from './terminal-text.js';

describe('termText', () => {
  it('escapes ESC sequences, CR, BEL and other C0 controls visibly', () => {
    expect(termText('\u001b[2J\u001b]0;owned\u0007name')).toBe('\\x1b[2J\\x1b]0;owned\\x07name');
    expect(termText('50%\r✓ PASSED')).toBe('50%\\r✓ PASSED');
    expect(termText('a\bb\u0000c\u007f')).toBe('a\\x08b\\x00c\\x7f');
  });

  it('escapes C1 controls (U+009B is a one-byte CSI), line separators and bidi overrides', () => {
    expect(termText('\u009b2J')).toBe('\\x9b2J');
    expect(termText('a\u2028b')).toBe('a\\u2028b');
    expect(termText('admin\u202e\u2066txt')).toBe('admin\\u202e\\u2066txt');
  });

  it('escapes line feeds unless the text is multi-line, and keeps tabs and ordinary Unicode', () => {
    expect(termText('one\n✓ PASSED')).toBe('one\\n✓ PASSED');
    expect(termText('one\ntwo', { multiline: true })).toBe('one\ntwo');
    expect(termText('tab\there — 日本語 ✓')).toBe('tab\there — 日本語 ✓');
  });
});
