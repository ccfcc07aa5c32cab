/**
 * The application menu. Items that act on the flow send a `MenuCommand` to the focused window;
 * New, Open Recent and Close act in main (they concern windows). The renderer's own keyboard
 * shortcuts handle the keys (as in the browser designer), so flow items show their accelerator
 * without registering it: one key press, one command, and text fields keep their native
 * cut/copy/paste/undo.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../core/host-api.js';

export interface MenuActions {
  /** Sends a command to the focused Flowdesk window. */
  send(command: MenuCommand): void;
  newWindow(): void;
  openRecent(path: string): void;
  closeFocused(): void;
  /** Opens the documentation in the user's browser. */
  openHelp(): void;
  /** Runs the focused page's native edit operation (text fields). */
  nativeEdit(op: NativeEditOp): void;
}

export type NativeEditOp = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll';

export interface MenuOptions {
  isMac: boolean;
  recent: readonly string[];
  appName: string;
  /** Adds the developer tools toggle (unpackaged builds). */
  dev: boolean;
}

/**
 * Text-editing items. On macOS, text fields only get Cmd+C/V/X/Z/A through the menu, so the
 * accelerator is registered there and the click runs the native operation as well as sending
 * the command (the renderer ignores edit commands while a text field has focus). Elsewhere the
 * page receives the keys itself.
 */
function editCommand(
  label: string,
  cmd: MenuCommand,
  op: NativeEditOp,
  actions: MenuActions,
  accelerator: string,
  isMac: boolean,
): MenuItemConstructorOptions {
  if (!isMac) return command(label, cmd, actions, accelerator);
  return {
    label,
    accelerator,
    click: () => {
      actions.nativeEdit(op);
      actions.send(cmd);
    },
  };
}

function command(
  label: string,
  cmd: MenuCommand,
  actions: MenuActions,
  accelerator?: string,
): MenuItemConstructorOptions {
  return {
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => actions.send(cmd),
  };
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.isMac;
  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length > 0
      ? options.recent.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
      : [{ label: 'No recent flows', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New', accelerator: 'CmdOrCtrl+N', click: () => actions.newWindow() },
      command('Open…', 'file:open', actions, 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      command('Save', 'file:save', actions, 'CmdOrCtrl+S'),
      command('Save As…', 'file:save-as', actions, 'CmdOrCtrl+Shift+S'),
      command('Export…', 'file:export', actions, 'CmdOrCtrl+E'),
      command('Import…', 'file:import', actions),
      command('Deploy to Server…', 'file:deploy', actions),
      { type: 'separator' },
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: () => actions.closeFocused() },
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      editCommand('Undo', 'edit:undo', 'undo', actions, 'CmdOrCtrl+Z', mac),
      editCommand('Redo', 'edit:redo', 'redo', actions, mac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y', mac),
      { type: 'separator' },
      editCommand('Cut', 'edit:cut', 'cut', actions, 'CmdOrCtrl+X', mac),
      editCommand('Copy', 'edit:copy', 'copy', actions, 'CmdOrCtrl+C', mac),
      editCommand('Paste', 'edit:paste', 'paste', actions, 'CmdOrCtrl+V', mac),
      command('Duplicate', 'edit:duplicate', actions, 'CmdOrCtrl+D'),
      command('Delete', 'edit:delete', actions, 'Delete'),
      command('Paste cURL…', 'edit:paste-curl', actions),
      { type: 'separator' },
      editCommand('Select All', 'edit:select-all', 'selectAll', actions, 'CmdOrCtrl+A', mac),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Zoom In', 'view:zoom-in', actions, 'CmdOrCtrl+='),
      command('Zoom Out', 'view:zoom-out', actions, 'CmdOrCtrl+-'),
      command('Fit to Window', 'view:fit', actions, 'Shift+1'),
      command('Auto Layout', 'view:layout', actions, 'CmdOrCtrl+Shift+L'),
      { type: 'separator' },
      command('Minimap', 'view:minimap', actions),
      command('Problems', 'view:problems', actions, 'CmdOrCtrl+Shift+M'),
      command('Test Bench', 'view:test-bench', actions, 'CmdOrCtrl+Shift+T'),
      ...(options.dev ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Flowdesk Documentation', click: () => actions.openHelp() },
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };
  const macApp: MenuItemConstructorOptions[] = options.isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [...macApp, file, edit, view, { role: 'windowMenu' }, help];
}
