/**
 * A Salesforce-shaped JWT bearer token endpoint for loopback tests: it checks the grant, the
 * assertion's RS256 signature against the connected app's public key and its claims (iss, sub,
 * aud, exp within three minutes), then answers as Salesforce does — an access token and the
 * org's `instance_url`, no `expires_in` — or 400 `invalid_grant` with the reason.
 */
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, type SeenRequest } from './http-server.js';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface JwtEndpointOptions {
  publicKey: KeyObject;
  clientId: string;
  username: string;
  /** The `aud` the assertion must name (the login address). */
  audience: string;
  instanceUrl: string;
  /** The token handed out; a function to hand out a new one per exchange. */
  accessToken: string | (() => string);
  now?: () => number;
}

/** A key pair for a test's connected app: the private key as PEM text, as an admin pastes it. */
export function connectedAppKeys(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKey };
}

/** Why the assertion is refused, or undefined when Salesforce would accept it. */
export function assertionProblem(assertion: string, options: JwtEndpointOptions): string | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return 'the assertion is not a JWT';
  const [header, claims, signature] = parts as [string, string, string];
  const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
  if (head.alg !== 'RS256') return `alg ${String(head.alg)} is not RS256`;
  if (!verify('sha256', Buffer.from(`${header}.${claims}`), options.publicKey, Buffer.from(signature, 'base64url')))
    return 'invalid assertion signature';
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (c.iss !== options.clientId) return 'client identifier invalid';
  if (c.sub !== options.username) return 'user hasn’t approved this consumer';
  if (c.aud !== options.audience) return 'audience is invalid';
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  if (typeof c.exp !== 'number' || c.exp <= now || c.exp > now + 180) return 'expired or too distant exp';
  return undefined;
}

/** Handles `POST /services/oauth2/token`; returns false for any other request. */
export function jwtTokenEndpoint(options: JwtEndpointOptions) {
  return (req: SeenRequest, res: ServerResponse): boolean => {
    if (req.method !== 'POST' || req.path !== '/services/oauth2/token') return false;
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== JWT_GRANT) {
      sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
      return true;
    }
    const problem = assertionProblem(form.get('assertion') ?? '', options);
    if (problem) {
      sendJson(res, 400, { error: 'invalid_grant', error_description: problem });
      return true;
    }
    const token = typeof options.accessToken === 'function' ? options.accessToken() : options.accessToken;
    sendJson(res, 200, {
      access_token: token,
      scope: 'api',
      instance_url: options.instanceUrl,
      id: `${options.audience}/id/00D000000000001EAA/005000000000001AAA`,
      token_type: 'Bearer',
    });
    return true;
  };
}
