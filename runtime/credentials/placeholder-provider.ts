/**
 * Stand-in credentials for recorded runs (`flowdesk test`, `flowdesk run` without `--live`, the
 * test bench), where no real secret exists and the recorded transport answers every request.
 * Each required field of the declared kind gets `recorded-<name>-<field>`, so requests are
 * built exactly as in a live run and traces show where each value went. `tokenUrl` must be a
 * URL: it is put on the first origin the flow allows for the credential (so the origin check
 * passes as it would live), else on `https://recorded-<name>.invalid`; so is a `loginUrl`. A
 * `privateKey` must be a key the JWT can be signed with: one RSA key made for the process.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CREDENTIAL_KINDS } from '../../core/credentials.js';
import type { CredentialDeclaration } from '../../core/flow.js';
import type { CredentialProvider, StoredCredential } from './provider.js';

export function placeholderValue(name: string, field: string): string {
  return `recorded-${name}-${field}`;
}

export function createPlaceholderProvider(
  declarations: Readonly<Record<string, CredentialDeclaration>> = {},
): CredentialProvider {
  return {
    async get(name) {
      const declaration = Object.prototype.hasOwnProperty.call(declarations, name) ? declarations[name] : undefined;
      if (!declaration) return undefined;
      const spec = CREDENTIAL_KINDS[declaration.kind];
      const fields: Record<string, string> = {};
      for (const field of spec.fields) {
        if (!field.required) continue;
        const origin = () =>
          firstOrigin(declaration.allowedOrigins) ?? `https://recorded-${name.toLowerCase()}.invalid`;
        if (field.name === 'tokenUrl') {
          fields.tokenUrl = `${origin()}/oauth/token`;
        } else if (field.name === 'loginUrl') {
          fields.loginUrl = origin();
        } else if (field.name === 'privateKey') {
          fields.privateKey = recordedPrivateKey();
        } else {
          fields[field.name] = placeholderValue(name, field.name);
        }
      }
      const stored: StoredCredential = { kind: declaration.kind, fields };
      return stored;
    },
  };
}

let recordedKey: string | undefined;

/** A throwaway RSA key (made once per process, only when a flow declares a JWT credential). */
function recordedPrivateKey(): string {
  recordedKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  return recordedKey;
}

function firstOrigin(origins: readonly string[] | undefined): string | undefined {
  for (const o of origins ?? []) {
    try {
      return new URL(o).origin;
    } catch {
      // An invalid origin is reported by resolveCredential; skip it here.
    }
  }
  return undefined;
}
