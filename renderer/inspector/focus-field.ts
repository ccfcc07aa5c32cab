/**
 * When a problem is clicked, the store's `focusField` names a node and a config pointer: once
 * that node's form is on screen, scroll to the field and focus it. A pointer deeper than what
 * is rendered (an array row not shown) falls back to its nearest rendered parent.
 */
import { useEffect, type RefObject } from 'react';
import { useDesigner } from '../state/flow-store.js';
import { pointerSegments, pointerToFieldId } from './issue-errors.js';

function findField(root: HTMLElement, pointer: string): HTMLElement | null {
  const segments = pointerSegments(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const id = pointerToFieldId(segments.length ? '/' + segments.slice(0, n).join('/') : '');
    const el = root.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
    if (el) return el;
  }
  return null;
}

/** Focuses the field the store asks for, inside `container`, for node `nodeId`. */
export function useFocusField(nodeId: string | undefined, container: RefObject<HTMLElement | null>): void {
  const focus = useDesigner((s) => s.focusField);
  const setFocusField = useDesigner((s) => s.setFocusField);
  useEffect(() => {
    if (!focus || !nodeId || focus.nodeId !== nodeId) return;
    let tries = 0;
    let timer: number | undefined;
    const attempt = () => {
      const root = container.current;
      const el = root && focus.pointer ? findField(root, focus.pointer) : null;
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus({ preventScroll: true });
        el.closest('.fd-field')?.classList.add('fd-flash');
        window.setTimeout(() => el.closest('.fd-field')?.classList.remove('fd-flash'), 1200);
        setFocusField(undefined);
      } else if (tries++ < 10) {
        // The form (or a lazily loaded editor) may not be rendered yet.
        timer = window.setTimeout(attempt, 50);
      } else {
        root?.scrollTo({ top: 0 });
        setFocusField(undefined);
      }
    };
    timer = window.setTimeout(attempt, 0);
    return () => window.clearTimeout(timer);
  }, [focus, nodeId, container, setFocusField]);
}
