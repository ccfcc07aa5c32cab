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

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/**
 * The entry for `key`; with a numeric `count`, the form the language's plural rules pick for it
 * (`key_one` in English, as i18next names them) when the catalogue has one. The plain key is the
 * `other` form, which is all Japanese needs (it has no `one` category).
 */
function entry(locale: Locale, key: string, count: number | undefined): string | undefined {
  const dict = dictionaries[locale];
  if (count !== undefined) {
    const form = dict[`${key}_${pluralCategory(locale, count)}`];
    if (form !== undefined) return form;
  }
  return dict[key];
}

/**
 * `{name}` placeholders are filled from `vars`, and a numeric `count` among them picks the plural
 * form; a missing key falls back to English, then to the key.
 */
export function translate(locale: Locale, key: string, vars?: Vars): string {
  const count = typeof vars?.count === 'number' ? vars.count : undefined;
  const text = entry(locale, key, count) ?? entry('en', key, count) ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * How a person reads an item's place in a list: the first is item 1. The loop's `index` (in
 * templates, the trace and test expectations) counts from 0; only what is shown is numbered
 * from 1, the same on the canvas, in the step report and in the CLI's trace.
 */
export function itemNumber(index: number): number {
  return index + 1;
}

/** Picks the text for the UI language from an `{en, ja}` pair (node titles, port labels…). */
export function pick(text: { en: string; ja: string } | undefined, locale: Locale, fallback = ''): string {
  if (!text) return fallback;
  return text[locale] || text.en || fallback;
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
