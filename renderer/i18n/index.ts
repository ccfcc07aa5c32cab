/**
 * The designer's words: `useT()` gives `t(key, vars?)` in the current UI language. The language
 * lives in the store (`locale`), starts from the saved choice or the browser/OS language, and
 * the toolbar's switch changes and persists it.
 */
import { useCallback } from 'react';
import { useDesigner } from '../state/flow-store.js';
import { translate, type Locale, type Vars } from './translate.js';

export { itemNumber, pick, type Locale, type Vars } from './translate.js';

export type T = (key: string, vars?: Vars) => string;

export function useT(): T {
  const locale = useDesigner((s) => s.locale);
  return useCallback((key: string, vars?: Vars) => translate(locale, key, vars), [locale]);
}

export function useLocale(): Locale {
  return useDesigner((s) => s.locale);
}
