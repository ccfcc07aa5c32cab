/**
 * Admin API tokens from FLOWDESK_ADMIN_TOKENS: comma-separated `name=role:token`, role `deploy`
 * (may also read) or `read`. Tokens are compared in constant time; the name is what the audit
 * trail records.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type AdminRole = 'deploy' | 'read';

export interface AdminToken {
  name: string;
  role: AdminRole;
  digest: Buffer;
}

export class AdminTokenError extends Error {}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function parseAdminTokens(spec: string | undefined): AdminToken[] {
  if (!spec || spec.trim() === '') return [];
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, index) => {
      const m = /^([A-Za-z0-9_.-]+)=(deploy|read):(.+)$/.exec(part);
      if (!m) {
        // Never echo the entry: it holds a token.
        throw new AdminTokenError(
          `FLOWDESK_ADMIN_TOKENS entry ${index + 1} is not name=role:token with role deploy or read`,
        );
      }
      if (m[3]!.length < 16) {
        throw new AdminTokenError(`FLOWDESK_ADMIN_TOKENS: the token of '${m[1]}' is shorter than 16 characters`);
      }
      return { name: m[1]!, role: m[2] as AdminRole, digest: digest(m[3]!) };
    });
}

/** The token a bearer header names, or undefined (checked against every token, in constant time each). */
export function findToken(tokens: readonly AdminToken[], authorization: string | undefined): AdminToken | undefined {
  const m = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return undefined;
  const given = digest(m[1]!);
  let found: AdminToken | undefined;
  for (const token of tokens) if (timingSafeEqual(given, token.digest) && !found) found = token;
  return found;
}
