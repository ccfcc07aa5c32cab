/**
 * After a reload the designer shows the flow it showed before, edits not yet saved included:
 * the flow's text, file and dirty flag are kept in the tab's sessionStorage as they change.
 * A new tab of the browser designer reopens the last file opened or saved instead (its path
 * in localStorage; the file itself stays on the host). Storage may be off or full: then
 * nothing is restored, and nothing else changes.
 */
import type { DesignerStore } from '../state/flow-store.js';
import { flowToText } from '../state/flow-text.js';

const SESSION_KEY = 'flowdesk.session';
const LAST_FILE_KEY = 'flowdesk.lastFile';
/** Writes are gathered: typing in a big flow must not serialise it on every key. */
const WRITE_DELAY_MS = 400;

export interface SavedSession {
  text: string;
  path?: string;
  dirty: boolean;
}

function isSession(value: unknown): value is SavedSession {
  const v = value as Partial<SavedSession> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.text === 'string' &&
    typeof v.dirty === 'boolean' &&
    (v.path === undefined || typeof v.path === 'string')
  );
}

/** The session this tab held before its reload, if any. */
export function savedSession(): SavedSession | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return isSession(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The file last opened or saved in this browser, for a new tab. */
export function lastFile(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(LAST_FILE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the session in storage as the store changes; returns the unsubscribe function. */
export function rememberSession(store: DesignerStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const { flow, filePath, dirty } = store.getState();
    try {
      const session: SavedSession = { text: flowToText(flow), dirty, ...(filePath ? { path: filePath } : {}) };
      globalThis.sessionStorage?.setItem(SESSION_KEY, JSON.stringify(session));
      if (filePath) globalThis.localStorage?.setItem(LAST_FILE_KEY, filePath);
    } catch {
      // Full or disabled storage: a reload then starts empty, as it did before.
    }
  };
  const unsubscribe = store.subscribe((now, before) => {
    if (now.flow === before.flow && now.filePath === before.filePath && now.dirty === before.dirty) return;
    timer ??= setTimeout(write, WRITE_DELAY_MS);
  });
  // A reload right after the last change still finds it.
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    write();
  };
  globalThis.addEventListener?.('pagehide', flush);
  return () => {
    unsubscribe();
    globalThis.removeEventListener?.('pagehide', flush);
    if (timer !== undefined) clearTimeout(timer);
  };
}
