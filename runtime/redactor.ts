/**
 * Keeps secrets out of traces, logs and error messages.
 *
 * Two mechanisms, because either alone leaks:
 * - every registered secret value (credential fields, derived Basic strings, access tokens) is
 *   replaced wherever it occurs in a string, also in its URL- and JSON-escaped forms;
 * - string values under sensitive key names (Authorization, Cookie, anything with "token",
 *   "secret", "password", "api-key" …) are masked even when the value was never registered,
 *   e.g. a token a flow fetched itself or a header an admin typed.
 */

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not registered: replacing "ab" everywhere would wreck traces. */
export const MIN_SECRET_LENGTH = 4;

const SENSITIVE_EXACT = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-token']);
const SENSITIVE_PARTS = ['api-key', 'apikey', 'api_key', 'token', 'secret', 'password', 'passwd'];
/** Names that contain a sensitive word but describe, rather than hold, a secret. */
const NOT_SENSITIVE = new Set([
  'token_type',
  'tokentype',
  'token-type',
  'tokenurl',
  'token_url',
  'token-url',
  'expires_in',
]);

/** True for header (or field) names whose values are secrets by convention. */
export function isSensitiveName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SENSITIVE_EXACT.has(lower)) return true;
  if (NOT_SENSITIVE.has(lower)) return false;
  return SENSITIVE_PARTS.some((part) => lower.includes(part));
}

/** A copy of `headers` with the values of sensitive header names masked. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSensitiveName(name) ? REDACTED : value;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Rebuilt lazily after `add`, so registering many secrets costs one compile. */
  private pattern: RegExp | undefined;

  /** Registers a secret; values shorter than MIN_SECRET_LENGTH are ignored. */
  add(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    const before = this.secrets.size;
    this.secrets.add(secret);
    // The same secret as it appears inside a URL, a form body or a JSON string literal.
    for (const variant of [
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]) {
      if (variant.length >= MIN_SECRET_LENGTH) this.secrets.add(variant);
    }
    if (this.secrets.size !== before) this.pattern = undefined;
  }

  /** Number of registered secret strings (variants included). */
  get size(): number {
    return this.secrets.size;
  }

  /** `s` with every registered secret replaced by `[redacted]`. */
  text(s: string): string {
    if (this.secrets.size === 0 || typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) return s;
    if (!this.pattern) {
      // Longest first, so a secret that contains another is replaced whole.
      const alternatives = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alternatives.join('|'), 'g');
    }
    this.pattern.lastIndex = 0;
    return s.replace(this.pattern, REDACTED);
  }

  /**
   * A deep copy of `v` in which every string has registered secrets replaced and every string
   * held under a sensitive key name (see `isSensitiveName`) is masked whole. Applied to a
   * headers record this masks Authorization, Cookie, X-API-TOKEN …; applied to a body it masks
   * e.g. `access_token`, `client_secret`, `password`. Non-JSON values (functions, class
   * instances other than Date/Array) are copied as plain data.
   */
  value<T>(v: T): T {
    return this.copy(v, 0) as T;
  }

  private copy(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v === null || typeof v !== 'object') return v;
    // Guard against cycles and absurd nesting without tracking a seen-set on the hot path.
    if (depth > 200) return '[too deep]';
    if (Array.isArray(v)) return v.map((item) => this.copy(item, depth + 1));
    if (v instanceof Date) return new Date(v.getTime());
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
      // Keys too: some APIs key maps by token or user secret.
      out[this.secrets.size === 0 ? key : this.text(key)] =
        typeof item === 'string' && item !== '' && isSensitiveName(key) ? REDACTED : this.copy(item, depth + 1);
    }
    return out;
  }
}
