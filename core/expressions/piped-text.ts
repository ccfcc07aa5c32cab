/**
 * Qualtrics piped text (`${e://Field/Name}`, `${rm://Field/Name}`) is accepted as an alias for
 * `trigger.body.Name`, because the admins we serve write it out of habit (domain.md §1.1).
 */

/** Matches one piped-text reference; group 1 is the field name. */
const PIPED_TEXT_PATTERN = /\$\{(?:e|rm):\/\/Field\/([^}]+)\}/g;

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The JSONata path of a trigger body field, quoting names JSONata would misread. */
export function triggerFieldPath(name: string): string {
  if (PLAIN_NAME.test(name)) return `trigger.body.${name}`;
  // JSONata backtick names cannot hold a backtick; fall back to a lookup for that rare case.
  if (name.includes('`')) return `$lookup(trigger.body, ${JSON.stringify(name)})`;
  return `trigger.body.\`${name}\``;
}

/** Rewrites every piped-text reference in `text` into a `{{ trigger.body.Name }}` template. */
export function pipedTextToTemplate(text: string): string {
  return text.replace(PIPED_TEXT_PATTERN, (_match, name: string) => `{{ ${triggerFieldPath(name)} }}`);
}
