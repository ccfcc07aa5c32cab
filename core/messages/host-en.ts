/**
 * English words for what the hosts refuse (the designer's host service, the Electron main
 * process, the browser designer's server): credentials the user typed, paths, files, deploys,
 * arguments. Kept beside en.ts, which spreads it in; the Japanese catalogue is checked against
 * these like every other code. Credential kinds and field labels come from the credentials
 * dialog's own table (core/credential-texts.ts), so a message names a field as the form does.
 */
import { credentialTexts } from '../credential-texts.js';
import type { Words } from './words.js';

/** A field's label as the credentials form shows it in `w`'s language ("Token endpoint"). */
export function credentialFieldLabel(w: Words, kind: string, field: string): string {
  const key = `credField.${kind}.${field}`;
  return credentialTexts[w.lang][key] ?? credentialTexts.en[key] ?? field;
}

type Cred = { name: string };
type CredField = Cred & { kind: string; field: string };

export const hostMessagesEn = {
  // ---- Credentials the user entered (credentials dialog, deploy target) -----------------------
  'credential.bad-name': (p: Cred) =>
    `Credential name '${p.name}' is not valid: use letters, digits, '-' and '_', starting with a letter (at most 64).`,
  'credential.reserved-name': (p: Cred) =>
    `The name '${p.name}' is reserved for the deploy server (set it in Deploy to server…).`,
  'credential.unknown-kind': (p: Cred & { kind: string }) => `Credential '${p.name}': unknown kind '${p.kind}'.`,
  'credential.unknown-field': (p: CredField & { fields: readonly string[] }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}) has no field '${p.field}'; its fields are ${p.fields.join(', ')}.`,
  'credential.missing-fields': (p: Cred & { kind: string; fields: readonly string[] }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}) needs: ${p.fields.map((f) => credentialFieldLabel(w, p.kind, f)).join(', ')}.`,
  'credential.bad-url': (p: CredField & { value: string }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}): ${credentialFieldLabel(w, p.kind, p.field)} '${p.value}' is not a web address; write it whole, starting with https://.`,
  'credential.bad-option': (p: CredField & { value: string; options: readonly string[] }, w: Words) =>
    `Credential '${p.name}' (${w.kind(p.kind)}): ${credentialFieldLabel(w, p.kind, p.field)} must be ${w.list(p.options, 'or')}, not '${p.value}'.`,
  'credential.bad-origin': (p: Cred & { origin: string }) =>
    `Credential '${p.name}': allowed origin '${p.origin}' must look like https://host or https://host:port (no path).`,

  // ---- Reaching the host ------------------------------------------------------------------------
  'host.unreachable': (_p: Record<string, never>) =>
    'The designer server cannot be reached. Is `flowdesk designer` still running?',
  'host.answered': (p: { status: number; method: string }) =>
    `The designer server answered ${p.status} to ${p.method}.`,
  'host.link-not-http': (p: { protocol: string }) => `Only http and https links can be opened (not ${p.protocol}).`,
};
