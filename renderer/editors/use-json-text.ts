/**
 * Editing a JSON value as text: the text is local while it does not parse, valid text is
 * handed on at once, and a value changed elsewhere (undo, another panel) replaces the text.
 *
 * The value that comes back after handing text on is often not the same object, nor even the
 * same JSON (the store wraps a single recorded response in an array, drops an empty list, a
 * form hands a fresh object on every render), and with fast typing it may be the value of an
 * earlier key press. Replacing the text with it moved the cursor and lost keys (`[` became
 * `[]`, then nothing). So once the admin has typed, the text is theirs until the editor loses
 * focus; only a change of the value made while they are not editing replaces the text.
 */
import { useEffect, useRef, useState } from 'react';

export function toJsonText(value: unknown, compact = false): string {
  if (value === undefined) return '';
  return compact ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}

export function useJsonText(value: unknown, onValid: (value: unknown) => void, compact = false) {
  const [text, setText] = useState(() => toJsonText(value, compact));
  const [invalid, setInvalid] = useState(false);
  // Set from the first key typed until the editor loses focus.
  const editing = useRef(false);
  const seen = useRef(JSON.stringify(value));

  useEffect(() => {
    const incoming = JSON.stringify(value);
    if (incoming === seen.current) return;
    seen.current = incoming;
    if (editing.current) return;
    setText(toJsonText(value, compact));
    setInvalid(false);
  }, [value]);

  function change(next: string) {
    editing.current = true;
    setText(next);
    try {
      const parsed: unknown = next.trim() === '' ? undefined : JSON.parse(next);
      setInvalid(false);
      onValid(parsed);
    } catch {
      setInvalid(true);
    }
  }

  /** The editor lost focus: from now on a value changed elsewhere (undo…) shows again. */
  function blur() {
    editing.current = false;
  }

  return { text, invalid, change, blur };
}
