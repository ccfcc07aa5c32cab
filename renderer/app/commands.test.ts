import { describe, expect, it } from 'vitest';
import { commandForKey } from './commands.js';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps the documented chords, with Cmd standing in for Ctrl', () => {
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('edit:undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('edit:redo');
    expect(commandForKey(key('y', { ctrlKey: true }))).toBe('edit:redo');
    expect(commandForKey(key('s', { metaKey: true }))).toBe('file:save');
    expect(commandForKey(key('S', { metaKey: true, shiftKey: true }))).toBe('file:save-as');
    expect(commandForKey(key('e', { ctrlKey: true }))).toBe('file:export');
    expect(commandForKey(key('o', { ctrlKey: true }))).toBe('file:open');
    expect(commandForKey(key('n', { ctrlKey: true }))).toBe('file:new');
    expect(commandForKey(key('c', { ctrlKey: true }))).toBe('edit:copy');
    expect(commandForKey(key('v', { ctrlKey: true }))).toBe('edit:paste');
    expect(commandForKey(key('d', { ctrlKey: true }))).toBe('edit:duplicate');
    expect(commandForKey(key('a', { ctrlKey: true }))).toBe('edit:select-all');
    expect(commandForKey(key('l', { ctrlKey: true }))).toBe('view:layout');
    expect(commandForKey(key('Delete'))).toBe('edit:delete');
    expect(commandForKey(key('Backspace'))).toBe('edit:delete');
    expect(commandForKey(key('z'))).toBeUndefined();
    expect(commandForKey(key('z', { ctrlKey: true, altKey: true }))).toBeUndefined();
  });
});
