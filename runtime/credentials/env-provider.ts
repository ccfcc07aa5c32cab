/**
 * Credentials from environment variables — how servers and CI supply them.
 *
 * For a credential named `genesys-prod`:
 * - `FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET=…`   one field (`clientSecret`), name and field
 *   upper-snake-cased;
 * - `FLOWDESK_CRED_GENESYS_PROD='{"clientId":"…","clientSecret":"…"}'`   the whole credential
 *   as JSON: either the fields themselves, or `{ "kind", "fields": {…}, "allowedOrigins": […] }`;
 * - any of the above with the suffix `_FILE` names a file holding the value (Docker/Kubernetes
 *   secrets); one trailing newline is dropped;
 * - `FLOWDESK_CRED_GENESYS_PROD_ALLOWED_ORIGINS=https://api.mypurecloud.com,https://login.mypurecloud.com`
 * - `FLOWDESK_CRED_GENESYS_PROD_KIND=oauth2` (optional; the flow's declaration names the kind).
 * - `FLOWDESK_CRED_GENESYS_PROD_RATE_LIMIT=300/min` (optional; `"rateLimit"` in the JSON form):
 *   requests this credential may make, shared by all queue workers (runtime/http/rate-limiter.ts).
 * Single-field variables override the same field in the JSON form.
 *
 * Only field names some credential kind defines are picked up, so a credential `genesys` does
 * not swallow `FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET` as a field `prodClientSecret`.
 */
import { readFileSync } from 'node:fs';
import { CREDENTIAL_KINDS, type CredentialKind, type RateLimit } from '../../core/credentials.js';
import { credentialEnvVar, KNOWN_FIELDS_BY_ENV } from './env-names.js';
import type { CredentialProvider, StoredCredential } from './provider.js';
import { parseRateLimit } from './rate-limit.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown for a credential the environment describes wrongly (bad JSON, unreadable file). */
export class CredentialConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialConfigError';
  }
}

function readValue(env: Env, variable: string): string | undefined {
  const direct = env[variable];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[variable + '_FILE'];
  if (file === undefined || file === '') return undefined;
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CredentialConfigError(`${variable}_FILE points to ${file}, which cannot be read (${code})`);
  }
}

function rateLimitOf(text: string, where: string): RateLimit {
  try {
    return parseRateLimit(text, where);
  } catch (error) {
    throw new CredentialConfigError((error as Error).message);
  }
}

export function parseOriginList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function fromJson(variable: string, text: string): StoredCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never echo the text: it holds secrets.
    throw new CredentialConfigError(`${variable} is not valid JSON (expected an object of credential fields)`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CredentialConfigError(`${variable} must be a JSON object of credential fields`);
  }
  const obj = parsed as Record<string, unknown>;
  const out: StoredCredential = { fields: {} };
  const source =
    obj.fields !== null && typeof obj.fields === 'object' && !Array.isArray(obj.fields)
      ? (obj.fields as Record<string, unknown>)
      : obj;
  for (const [key, value] of Object.entries(source)) {
    if (source === obj && (key === 'kind' || key === 'allowedOrigins' || key === 'rateLimit')) continue;
    if (typeof value === 'string') out.fields[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out.fields[key] = String(value);
    else throw new CredentialConfigError(`${variable}: field "${key}" must be a string`);
  }
  if (typeof obj.kind === 'string') {
    if (!(obj.kind in CREDENTIAL_KINDS)) {
      throw new CredentialConfigError(
        `${variable}: unknown kind "${obj.kind}" (one of ${Object.keys(CREDENTIAL_KINDS).join(', ')})`,
      );
    }
    out.kind = obj.kind as CredentialKind;
  }
  if (obj.allowedOrigins !== undefined) {
    if (typeof obj.allowedOrigins === 'string') out.allowedOrigins = parseOriginList(obj.allowedOrigins);
    else if (Array.isArray(obj.allowedOrigins) && obj.allowedOrigins.every((o) => typeof o === 'string'))
      out.allowedOrigins = obj.allowedOrigins as string[];
    else throw new CredentialConfigError(`${variable}: allowedOrigins must be a list of origins`);
  }
  if (obj.rateLimit !== undefined) out.rateLimit = rateLimitOf(String(obj.rateLimit), `${variable}: rateLimit`);
  return out;
}

export function createEnvProvider(env: Env = process.env): CredentialProvider {
  return {
    async get(name) {
      const prefix = credentialEnvVar(name);
      const whole = readValue(env, prefix);
      const cred: StoredCredential = whole !== undefined ? fromJson(prefix, whole) : { fields: {} };
      let found = whole !== undefined;

      for (const key of Object.keys(env)) {
        if (!key.startsWith(prefix + '_')) continue;
        const rest = key.slice(prefix.length + 1).replace(/_FILE$/, '');
        if (rest === 'ALLOWED_ORIGINS') {
          const list = readValue(env, prefix + '_ALLOWED_ORIGINS');
          if (list !== undefined) cred.allowedOrigins = parseOriginList(list);
          continue;
        }
        if (rest === 'RATE_LIMIT') {
          const text = readValue(env, prefix + '_RATE_LIMIT');
          if (text !== undefined) cred.rateLimit = rateLimitOf(text, prefix + '_RATE_LIMIT');
          continue;
        }
        if (rest === 'KIND') {
          const kind = readValue(env, prefix + '_KIND');
          if (kind === undefined) continue;
          if (!(kind in CREDENTIAL_KINDS)) {
            throw new CredentialConfigError(
              `${prefix}_KIND: unknown kind "${kind}" (one of ${Object.keys(CREDENTIAL_KINDS).join(', ')})`,
            );
          }
          cred.kind = kind as CredentialKind;
          continue;
        }
        const field = KNOWN_FIELDS_BY_ENV.get(rest);
        if (field === undefined) continue;
        const value = readValue(env, credentialEnvVar(name, field));
        if (value === undefined) continue;
        cred.fields[field] = value;
        found = true;
      }
      return found ? cred : undefined;
    },
  };
}
