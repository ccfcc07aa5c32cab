/**
 * Dictionary lookup without React, so the store (and its node tests) can word refusals in the
 * UI language. `useT()` in ./index.ts is the React face of the same function.
 */
import shell from './shell.js';
import inspector from './inspector.js';
import credentials from './credentials.js';
import deploy from './deploy.js';
import imports from './imports.js';
import schedule from './schedule.js';

export type Locale = 'en' | 'ja';

type Dict = Record<string, string>;
const dictionaries: Record<Locale, Dict> = {
  en: {
    ...(shell.en as Dict),
    ...(inspector.en as Dict),
    ...credentials.en,
    ...(deploy.en as Dict),
    ...(imports.en as Dict),
    ...(schedule.en as Dict),
  },
  ja: {
    ...(shell.ja as Dict),
    ...(inspector.ja as Dict),
    ...credentials.ja,
    ...(deploy.ja as Dict),
    ...(imports.ja as Dict),
    ...(schedule.ja as Dict),
  },
};

export type Vars = Record<string, string | number>;

/** `{name}` placeholders are filled from `vars`; a missing key falls back to English, then to the key. */
export function translate(locale: Locale, key: string, vars?: Vars): string {
  const text = dictionaries[locale][key] ?? dictionaries.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export const LOCALE_STORAGE_KEY = 'flowdesk.locale';

/** A saved choice wins; otherwise the browser/OS language (ja* → Japanese). */
export function detectLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (saved === 'en' || saved === 'ja') return saved;
  } catch {
    // Storage can be disabled; fall through to the language.
  }
  const lang = globalThis.navigator?.language ?? 'en';
  return lang.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function saveLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not persisted; the switch still applies to this window.
  }
}
