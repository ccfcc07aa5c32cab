/**
 * OAuth access tokens cached per credential across requests and runs, until shortly before
 * they expire. Concurrent requests that find no token share one in-flight fetch, so a burst
 * of webhooks does not hammer the token endpoint.
 */
import type { ResolvedCredential } from '../../core/credentials.js';

export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds after which the token must not be used (skew already applied). */
  expiresAt: number;
  /** The API address the token is for, when the endpoint names one (Salesforce's `instance_url`). */
  instanceUrl?: string;
}

export interface TokenCache {
  /** The cached token under `key`, or the result of `fetch` (one fetch per key at a time). */
  get(key: string, fetch: () => Promise<CachedToken>): Promise<CachedToken>;
  /**
   * Forgets the token under `key` — only if it is still `token` when given, so a request
   * that got a 401 with an old token does not throw away a fresh one another request fetched.
   */
  invalidate(key: string, token?: string): void;
  clear(): void;
}

/** Tokens are refreshed this long before the endpoint says they expire. */
export const TOKEN_EXPIRY_SKEW_MS = 60_000;
/** Lifetime assumed when the endpoint sends no `expires_in` (Salesforce does not). */
export const DEFAULT_TOKEN_LIFETIME_S = 600;

/** When a token that lives `expiresInS` seconds from `now` should be dropped. */
export function tokenExpiresAt(now: number, expiresInS: number | undefined): number {
  const lifeMs = (expiresInS ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
  // Short-lived tokens: keep half their life rather than none.
  return now + (lifeMs > 2 * TOKEN_EXPIRY_SKEW_MS ? lifeMs - TOKEN_EXPIRY_SKEW_MS : lifeMs / 2);
}

/** Credential name + token endpoint + client id + user: a changed secret store entry gets a new token. */
export function tokenCacheKey(credential: ResolvedCredential): string {
  const f = credential.fields;
  return JSON.stringify([
    credential.name,
    f.tokenUrl ?? f.loginUrl ?? '',
    f.clientId ?? '',
    f.username ?? '',
    f.scope ?? '',
  ]);
}

export function createTokenCache(now: () => number = Date.now): TokenCache {
  const tokens = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<CachedToken>>();

  return {
    async get(key, fetch) {
      const cached = tokens.get(key);
      if (cached && cached.expiresAt > now()) return cached;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetch().then(
          (token) => {
            tokens.set(key, token);
            inFlight.delete(key);
            return token;
          },
          (e: unknown) => {
            inFlight.delete(key);
            throw e;
          },
        );
        inFlight.set(key, pending);
      }
      return await pending;
    },
    invalidate(key, token) {
      const cached = tokens.get(key);
      if (cached && (token === undefined || cached.accessToken === token)) tokens.delete(key);
    },
    clear() {
      tokens.clear();
    },
  };
}
