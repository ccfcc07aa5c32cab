/**
 * The environment-variable naming scheme for credentials, shared by the env provider and by
 * the error messages that tell an admin which variable to set.
 *
 *   credential `genesys-prod`, field `clientSecret` → FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET
 */
import { CREDENTIAL_KINDS } from '../../core/credentials.js';

export const CRED_ENV_PREFIX = 'FLOWDESK_CRED_';

/** `genesys-prod` → `GENESYS_PROD`, `clientSecret` → `CLIENT_SECRET`, `tokenUrl` → `TOKEN_URL`. */
export function upperSnake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The variable holding one field, or (without field) the whole credential as JSON. */
export function credentialEnvVar(name: string, field?: string): string {
  return CRED_ENV_PREFIX + upperSnake(name) + (field === undefined ? '' : '_' + upperSnake(field));
}

/** Every field name any credential kind knows, by its upper-snake form: `CLIENT_SECRET` → `clientSecret`. */
export const KNOWN_FIELDS_BY_ENV: ReadonlyMap<string, string> = new Map(
  Object.values(CREDENTIAL_KINDS).flatMap((spec) => spec.fields.map((f) => [upperSnake(f.name), f.name] as const)),
);
