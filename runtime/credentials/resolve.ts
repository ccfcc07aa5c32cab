/**
 * Turns a credential name into the values a request needs, checking them against the kind's
 * required fields and registering every secret with the run's redactor before anything can
 * log it.
 *
 * Allowed origins: the flow's declaration and the store may each restrict where the
 * credential may be sent. When only one of them does, its list applies. When both do, the
 * credential may go only to origins on BOTH lists: the store is the secret owner's word and a
 * flow file must not be able to widen it, while a flow may narrow it further. If the two lists
 * share no origin the credential is unusable and resolution fails saying so.
 */
import { CREDENTIAL_KINDS, type CredentialKind, type ResolvedCredential } from '../../core/credentials.js';
import type { CredentialDeclaration } from '../../core/flow.js';
import type { Redactor } from '../redactor.js';
import { credentialEnvVar } from './env-names.js';
import type { CredentialProvider } from './provider.js';

export class CredentialError extends Error {
  constructor(
    message: string,
    readonly credential: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}

function label(kind: CredentialKind): string {
  return CREDENTIAL_KINDS[kind].label;
}

/** `https://Host:443/path` → `https://host`; throws a CredentialError naming the bad entry. */
function normalizeOrigins(name: string, origins: readonly string[], where: string): string[] {
  return origins.map((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new CredentialError(
        `credential '${name}': allowed origin "${o}" in ${where} is not a URL like https://api.example.com`,
        name,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new CredentialError(`credential '${name}': allowed origin "${o}" in ${where} must be http(s)`, name);
    }
    return url.origin;
  });
}

export async function resolveCredential(
  name: string,
  declaration: CredentialDeclaration | undefined,
  provider: CredentialProvider,
  redactor: Redactor,
): Promise<ResolvedCredential> {
  const stored = await provider.get(name);
  const kind = declaration?.kind ?? stored?.kind;
  if (!stored) {
    const how = kind
      ? `set ${CREDENTIAL_KINDS[kind].fields
          .filter((f) => f.required)
          .map((f) => credentialEnvVar(name, f.name))
          .join(', ')}`
      : `set ${credentialEnvVar(name)}_<FIELD> variables`;
    throw new CredentialError(
      `credential '${name}'${kind ? ` (${label(kind)})` : ''} is not set: ${how} (or ${credentialEnvVar(name)} as JSON), or add it to the credentials file`,
      name,
    );
  }
  // Register before any check can throw, so no later message can carry a value in clear.
  const knownPublic = new Set(kind ? CREDENTIAL_KINDS[kind].fields.filter((f) => !f.secret).map((f) => f.name) : []);
  for (const [field, value] of Object.entries(stored.fields)) {
    if (!knownPublic.has(field)) redactor.add(value);
  }
  if (!kind) {
    throw new CredentialError(
      `credential '${name}' is not declared in the flow and its store does not say its kind: declare it under "credentials" in the flow file`,
      name,
    );
  }
  if (declaration && stored.kind && stored.kind !== declaration.kind) {
    throw new CredentialError(
      `credential '${name}' is declared in the flow as ${label(declaration.kind)} but stored as ${label(stored.kind)}`,
      name,
    );
  }

  const spec = CREDENTIAL_KINDS[kind];
  const fields: Record<string, string> = {};
  for (const [field, value] of Object.entries(stored.fields)) {
    if (value !== '') fields[field] = value;
  }
  const required = spec.fields.filter((f) => f.required).map((f) => f.name);
  if (kind === 'oauth2' && fields.grantType === 'password') required.push('username', 'password');
  const missing = spec.fields.filter((f) => required.includes(f.name) && fields[f.name] === undefined);
  if (missing.length > 0) {
    const what = missing.map((f) => f.label).join(', ');
    const vars = missing.map((f) => credentialEnvVar(name, f.name)).join(', ');
    throw new CredentialError(
      `credential '${name}' (${spec.label}) has no ${what}: set ${vars} or add ${missing.length > 1 ? 'them' : 'it'} to the credentials file`,
      name,
    );
  }
  for (const f of spec.fields) {
    const value = fields[f.name];
    if (value !== undefined && f.options && !f.options.includes(value)) {
      throw new CredentialError(
        `credential '${name}' (${spec.label}): ${f.label} must be one of ${f.options.join(', ')}, not "${f.secret ? '[redacted]' : value}"`,
        name,
      );
    }
  }
  if (kind === 'awsSigV4') {
    for (const f of spec.fields.filter((f) => f.name === 'region' || f.name === 'service')) {
      const value = fields[f.name];
      // Both go into the signature's scope: a typo there is a refused signature with no hint why.
      if (value !== undefined && !/^[a-z0-9-]{2,40}$/.test(value)) {
        throw new CredentialError(
          `credential '${name}' (${spec.label}): ${f.label} "${value}" must be lower case like ${f.name === 'region' ? 'us-east-1' : 's3'}`,
          name,
        );
      }
    }
  }
  for (const f of spec.fields.filter((f) => f.url)) {
    const value = fields[f.name];
    if (value === undefined) continue;
    let ok = false;
    try {
      const u = new URL(value);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new CredentialError(
        `credential '${name}' (${spec.label}): ${f.label} "${value}" is not an http(s) URL`,
        name,
      );
    }
  }

  const declared = declaration?.allowedOrigins?.length
    ? normalizeOrigins(name, declaration.allowedOrigins, 'the flow file')
    : undefined;
  const storedOrigins = stored.allowedOrigins?.length
    ? normalizeOrigins(name, stored.allowedOrigins, 'the credential store')
    : undefined;
  let allowedOrigins: string[] | undefined;
  if (declared && storedOrigins) {
    allowedOrigins = declared.filter((o) => storedOrigins.includes(o));
    if (allowedOrigins.length === 0) {
      throw new CredentialError(
        `credential '${name}': the flow allows it only for ${declared.join(', ')} but its store only for ${storedOrigins.join(', ')}; no origin is allowed by both`,
        name,
      );
    }
  } else {
    allowedOrigins = declared ?? storedOrigins;
  }

  return {
    name,
    kind,
    fields,
    ...(allowedOrigins ? { allowedOrigins } : {}),
    ...(stored.rateLimit ? { rateLimit: stored.rateLimit } : {}),
  };
}
