/**
 * The OAuth 2.0 JWT bearer flow (RFC 7523) as Salesforce runs it for server-to-server
 * integrations: a JWT naming the connected app (`iss`), the integration user (`sub`) and the
 * login server (`aud`), valid for three minutes and signed RS256 with the key of the certificate
 * uploaded to the connected app, is exchanged at `<login>/services/oauth2/token` for an access
 * token and the org's `instance_url`. Signed with node:crypto: one RSA signature needs no library.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { ResolvedCredential } from '../../core/credentials.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Salesforce refuses assertions whose `exp` is more than three minutes away. */
const ASSERTION_LIFETIME_S = 180;

/** Thrown for a private key that is not one; never carries the key's text. */
export class PrivateKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivateKeyError';
  }
}

/** `<login>/services/oauth2/token` for a login address such as https://login.salesforce.com. */
export function jwtTokenUrl(loginUrl: string): string {
  return `${loginUrl.trim().replace(/\/+$/, '')}/services/oauth2/token`;
}

/**
 * The key from its PEM text as an admin may have stored it: with its line breaks, with `\n`
 * written out (an environment variable), or on one line (a password field drops line breaks).
 */
export function readPrivateKey(text: string): KeyObject {
  let pem = text.replace(/\\n/g, '\n').trim();
  const oneLine = pem.includes('\n') ? null : /^(-----BEGIN [A-Z ]+-----)(.*)(-----END [A-Z ]+-----)$/.exec(pem);
  if (oneLine) {
    const body = oneLine[2]!.replace(/\s+/g, '');
    pem = `${oneLine[1]}\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n${oneLine[3]}`;
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new PrivateKeyError('is not a PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new PrivateKeyError(`is a ${key.asymmetricKeyType ?? 'non-RSA'} key; Salesforce signs JWTs with RSA (RS256)`);
  }
  return key;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The signed assertion for a `salesforceJwt` credential at `now` (epoch ms). */
export function jwtAssertion(credential: ResolvedCredential, now: number): string {
  const f = credential.fields;
  const header = base64url(JSON.stringify({ alg: 'RS256' }));
  const claims = base64url(
    JSON.stringify({
      iss: f.clientId ?? '',
      sub: f.username ?? '',
      aud: (f.loginUrl ?? '').trim().replace(/\/+$/, ''),
      exp: Math.floor(now / 1000) + ASSERTION_LIFETIME_S,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), readPrivateKey(f.privateKey ?? ''));
  return `${header}.${claims}.${base64url(signature)}`;
}
