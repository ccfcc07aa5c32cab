/**
 * Plural forms in the designer's catalogues. An English entry whose text depends on a number has
 * its `one` form beside it under `<key>_one` (i18next's naming); the plain key is the `other`
 * form. `translate` picks the form by `Intl.PluralRules` from the `count` it is given.
 */

/**
 * The keys a Japanese catalogue must give: every English key but the `_one` forms, since
 * Japanese has a single plural category (`other`) and says "1 件" as it says "3 件".
 */
export type JapaneseEntries<En> = Record<Exclude<keyof En, `${string}_one`>, string>;
