/**
 * Editing a JSON value as text: the text is local while it does not parse, valid text is
 * handed on at once, and a value changed elsewhere (undo, another panel) replaces the text.
 */
import { useEffect, useState } from 'react';

export function toJsonText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

export function useJsonText(value: unknown, onValid: (value: unknown) => void) {
  const [text, setText] = useState(() => toJsonText(value));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    let current: unknown;
    try {
      current = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return; // The admin is mid-edit; keep their text.
    }
    if (JSON.stringify(current) !== JSON.stringify(value)) {
      setText(toJsonText(value));
      setInvalid(false);
    }
    // Only an outside change of `value` should replace the text.
  }, [value]);

  function change(next: string) {
    setText(next);
    try {
      const parsed: unknown = next.trim() === '' ? undefined : JSON.parse(next);
      setInvalid(false);
      onValid(parsed);
    } catch {
      setInvalid(true);
    }
  }

  return { text, invalid, change };
}
