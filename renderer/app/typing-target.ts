/**
 * The one answer to "does this key press belong to a text the admin is typing?", for every
 * keyboard listener in the designer (shortcuts, the canvas).
 *
 * Monaco no longer types into a <textarea> in current Chromium (and so in Electron): its input
 * is an EditContext <div> without a `contenteditable` attribute. Checks that look for input,
 * textarea or contenteditable miss it, and the canvas then took Space (pan) from the editor:
 * `// hello world` was stored as `//helloworld`.
 */

/**
 * xyflow ignores keys whose target sits inside an element with this class (its `.nokey`
 * convention); every surface where people type carries it, so the canvas's own key handling
 * (Space to pan, Shift to select) agrees with `isTypingTarget`.
 */
export const TYPING_SURFACE_CLASS = 'nokey';

const TYPING_SELECTOR = [
  'input',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '.monaco-editor',
  `.${TYPING_SURFACE_CLASS}`,
].join(', ');

/** Whether the event comes from a place where typing happens (inputs, Monaco, contenteditable). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { editContext?: unknown }) | null;
  if (!el || typeof el.closest !== 'function') return false;
  // An element with an EditContext receives text input whatever its tag (Monaco's input).
  if (el.editContext) return true;
  if (el.isContentEditable) return true;
  return el.closest(TYPING_SELECTOR) !== null;
}
