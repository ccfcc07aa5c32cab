/**
 * Keeps secrets out of traces, logs and error messages.
 *
 * Two mechanisms, because either alone leaks:
 * - every registered secret value (credential fields, derived Basic strings, access tokens) is
 *   replaced wherever it occurs in a string, in any letter case, also in the forms the runtime
 *   and common code produce from it: URL-encoded (encodeURIComponent, encodeURI / JSONata
 *   $encodeUrl, form encoding), JSON-escaped, base64 and base64url (also where the secret sits
 *   inside a longer encoded string, e.g. `btoa("user:" + secret)`), and hex;
 * - string values under sensitive key names (Authorization, Cookie, anything with "token",
 *   "secret", "password", "api-key" …) are masked even when the value was never registered,
 *   e.g. a token a flow fetched itself or a header an admin typed.
 *
 * Best effort: this catches the forms above, not deliberate obfuscation. Code that reverses,
 * splits, hashes or encrypts a secret before logging it produces text no redactor can link back
 * to the secret; docs/security.md says so.
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

/** Shortest encoded fragment registered for a secret embedded in a longer base64 string. */
const MIN_EMBEDDED_BASE64 = 8;

/**
 * base64 of `bytes` as it appears when they sit at offset 0, 1 or 2 (mod 3) inside a longer
 * encoded text: only the characters that depend on these bytes alone, so the fragment is found
 * whatever comes before and after (`btoa("user:" + secret)`, a Basic header built in Code).
 */
function embeddedBase64(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    // Whole 3-byte groups that hold only secret bytes: from the first group after the offset
    // to the last group that ends inside the secret.
    const firstGroup = offset === 0 ? 0 : 1;
    const lastGroup = Math.floor(padded.length / 3); // exclusive
    if (lastGroup - firstGroup < 1) continue;
    const encoded = padded.subarray(firstGroup * 3, lastGroup * 3).toString('base64');
    if (encoded.length >= MIN_EMBEDDED_BASE64) {
      out.push(encoded, encoded.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return out;
}

/** The forms a secret takes in traces and logs, besides itself. */
function secretVariants(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  const variants = [
    // Inside a URL, a form body or a JSON string literal.
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    // Encoded whole: a header value, `btoa(secret)`, `Buffer.from(secret).toString('hex')`.
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    // Encoded as part of a longer string.
    ...embeddedBase64(bytes),
  ];
  return variants.filter((v) => v !== secret);
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
    for (const variant of secretVariants(secret)) {
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
      // Case-insensitive: `$uppercase(secret)`, upper-case hex and %2f/%2F all match.
      this.pattern = new RegExp(alternatives.join('|'), 'gi');
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
