/**
 * One dispatcher for keyboard shortcuts, toolbar buttons and the host's menu commands, so all
 * three do exactly the same thing.
 */
import type { MenuCommand } from '../../core/host-api.js';
import { isTypingTarget } from './typing-target.js';

export type Command = MenuCommand | 'file:open-recent' | 'view:credentials' | 'view:language';

/** Keyboard chords → commands. `mod` is Ctrl, or Cmd on macOS. */
export function commandForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): Command | undefined {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return undefined;
  if (!mod) {
    if (e.key === 'Delete' || e.key === 'Backspace') return 'edit:delete';
    return undefined;
  }
  const key = e.key.toLowerCase();
  switch (key) {
    case 'n':
      return 'file:new';
    case 'o':
      return 'file:open';
    case 's':
      return e.shiftKey ? 'file:save-as' : 'file:save';
    case 'e':
      return 'file:export';
    case 'z':
      return e.shiftKey ? 'edit:redo' : 'edit:undo';
    case 'y':
      return 'edit:redo';
    case 'c':
      return 'edit:copy';
    case 'x':
      return 'edit:cut';
    case 'v':
      return 'edit:paste';
    case 'd':
      return 'edit:duplicate';
    case 'a':
      return 'edit:select-all';
    case 'l':
      return 'view:layout';
    case '=':
    case '+':
      return 'view:zoom-in';
    case '-':
      return 'view:zoom-out';
    case '0':
      return 'view:fit';
    default:
      return undefined;
  }
}

/** Commands that belong to the focused text field (its own undo, copy, select all…) while typing. */
const FIELD_OWNED: ReadonlySet<Command> = new Set<Command>([
  'edit:undo',
  'edit:redo',
  'edit:copy',
  'edit:cut',
  'edit:paste',
  'edit:duplicate',
  'edit:delete',
  'edit:select-all',
  'view:zoom-in',
  'view:zoom-out',
  'view:fit',
]);

export function shortcutCommand(e: KeyboardEvent): Command | undefined {
  const command = commandForKey(e);
  if (!command) return undefined;
  if (isTypingTarget(e.target) && FIELD_OWNED.has(command)) return undefined;
  // Dialogs handle their own keys.
  if ((e.target as HTMLElement | null)?.closest?.('[role="dialog"]') && command !== 'file:save') return undefined;
  return command;
}
