/**
 * The unsaved-changes prompt on close. The renderer reports dirtiness through `setDirty`;
 * closing a dirty window asks Save / Don't Save / Cancel. "Save" asks the renderer to save
 * (it owns the flow text) and closes once it reports clean; cancelling the save dialog keeps
 * the window open.
 */

export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface CloseState {
  dirty: boolean;
  title: string;
  /** Set once the user chose to close anyway; the next close goes through. */
  forceClose?: boolean;
  /** Set while waiting for the renderer to finish a save that should close the window. */
  closeAfterSave?: boolean;
}

export interface CloseActions {
  /** Asks the user; resolves with their choice. */
  ask(title: string): Promise<CloseChoice>;
  /** Sends `file:save` to the renderer. */
  requestSave(): void;
  /** Closes the window for real (the close handler will let it through). */
  close(): void;
}

/** Called from the window's `close` event; returns true when the close must be prevented. */
export function onCloseRequested(state: CloseState, actions: CloseActions): boolean {
  if (state.forceClose || !state.dirty) return false;
  void actions.ask(state.title).then((choice) => {
    if (choice === 'discard') {
      state.forceClose = true;
      actions.close();
    } else if (choice === 'save') {
      state.closeAfterSave = true;
      actions.requestSave();
    }
  });
  return true;
}

/** Called when the renderer reports its dirty state; closes a window whose save was awaited. */
export function onDirtyReported(state: CloseState, dirty: boolean, actions: Pick<CloseActions, 'close'>): void {
  state.dirty = dirty;
  if (!dirty && state.closeAfterSave) {
    state.closeAfterSave = false;
    state.forceClose = true;
    actions.close();
  }
}

/** Called when a save was cancelled (dialog dismissed): the pending close is off. */
export function onSaveCancelled(state: CloseState): void {
  state.closeAfterSave = false;
}

/** The message box of the prompt, in the words of the platform's own apps. */
export function closePromptOptions(title: string) {
  return {
    type: 'warning' as const,
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to ${title || 'this flow'}?`,
    detail: "Your changes will be lost if you don't save them.",
  };
}

export function choiceFromButton(index: number): CloseChoice {
  return index === 0 ? 'save' : index === 1 ? 'discard' : 'cancel';
}
