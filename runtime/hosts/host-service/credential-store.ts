/**
 * The designer's credential store, shared shape of the Electron vault (safeStorage) and the
 * browser designer's encrypted file. The renderer only ever receives `CredentialSummary`
 * (names, kinds, which fields are set); values go to the runtime through `provider()`.
 */
import { CREDENTIAL_KINDS, CREDENTIAL_NAME_PATTERN, type CredentialSummary } from '../../../core/credentials.js';
import type { CredentialInput } from '../../../core/host-api.js';
import { message } from '../../../core/messages/make.js';
import { MessageError } from '../../../core/messages/message-error.js';
import type { CredentialProvider, StoredCredential } from '../../credentials/provider.js';

export interface CredentialStore {
  list(): Promise<CredentialSummary[]>;
  /** Creates or updates; empty or absent fields keep the value already stored. */
  save(input: CredentialInput): Promise<CredentialSummary>;
  delete(name: string): Promise<void>;
  /** Values, for the runtime only. */
  provider(): CredentialProvider;
}

/** A credential refused because of what the user entered; the message (a `credential.*` code) says what to fix. */
export class CredentialInputError extends MessageError {
  override readonly name = 'CredentialInputError';
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Runs a store's read-modify-write cycles one after another, so two saves never interleave
 * and overwrite each other. A failed cycle does not block the next.
 */
export function createSerializer(): <T>(work: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };
}

/**
 * Checks `input` against its kind and merges it over `existing`. Updating a credential from the
 * renderer cannot resend secrets it never received, so an empty field means "unchanged".
 */
export function mergeCredentialInput(
  existing: StoredCredential | undefined,
  input: CredentialInput,
): StoredCredential & { kind: CredentialInput['kind'] } {
  const name = input.name;
  if (!new RegExp(CREDENTIAL_NAME_PATTERN).test(name)) {
    throw new CredentialInputError(message('credential.bad-name', { name }));
  }
  const spec = CREDENTIAL_KINDS[input.kind];
  if (!spec) throw new CredentialInputError(message('credential.unknown-kind', { name, kind: String(input.kind) }));
  const kind = spec.kind;
  const known = new Set(spec.fields.map((f) => f.name));
  for (const field of Object.keys(input.fields)) {
    if (!known.has(field)) {
      throw new CredentialInputError(message('credential.unknown-field', { name, kind, field, fields: [...known] }));
    }
  }
  // Checked here, where it is typed, rather than at the first run that sends it.
  for (const f of spec.fields) {
    const given = input.fields[f.name];
    if (given === undefined || given === '') continue;
    if (f.url && !isWebAddress(given)) {
      throw new CredentialInputError(message('credential.bad-url', { name, kind, field: f.name, value: given }));
    }
    if (f.options && !f.options.includes(given)) {
      throw new CredentialInputError(
        message('credential.bad-option', { name, kind, field: f.name, value: given, options: f.options }),
      );
    }
  }
  // A kind change makes the old values meaningless.
  const base = existing && existing.kind === input.kind ? existing.fields : {};
  const fields: Record<string, string> = {};
  for (const f of spec.fields) {
    const given = input.fields[f.name];
    const value = given !== undefined && given !== '' ? given : base[f.name];
    if (value !== undefined && value !== '') fields[f.name] = value;
  }
  const missing = spec.fields.filter((f) => f.required && fields[f.name] === undefined).map((f) => f.name);
  if (missing.length > 0) {
    throw new CredentialInputError(message('credential.missing-fields', { name, kind, fields: missing }));
  }
  const allowedOrigins = input.allowedOrigins ?? existing?.allowedOrigins;
  for (const origin of allowedOrigins ?? []) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
      parsed.origin !== origin.replace(/\/$/, '')
    ) {
      throw new CredentialInputError(message('credential.bad-origin', { name, origin }));
    }
  }
  return {
    kind: input.kind,
    fields,
    ...(allowedOrigins && allowedOrigins.length > 0
      ? { allowedOrigins: allowedOrigins.map((o) => o.replace(/\/$/, '')) }
      : {}),
  };
}

/** What the renderer may see of a stored credential. */
export function summarize(
  name: string,
  stored: StoredCredential & { kind: CredentialInput['kind'] },
): CredentialSummary {
  return {
    name,
    kind: stored.kind,
    ...(stored.allowedOrigins ? { allowedOrigins: [...stored.allowedOrigins] } : {}),
    fieldsSet: Object.keys(stored.fields).filter((f) => stored.fields[f] !== ''),
  };
}
