/**
 * AWS Signature Version 4 for requests sent with an `awsSigV4` credential: the canonical
 * request, the string to sign and the derived signing key, as AWS documents them ("Create a
 * signed AWS API request", IAM user guide). Only the signature and the key id travel; the
 * secret access key never leaves the process.
 *
 * Signed: `host`, `x-amz-date`, `x-amz-content-sha256` (the body's SHA-256, which S3 requires
 * and every other service accepts), `x-amz-security-token` for temporary credentials, and every
 * other header the request carries except those proxies and the HTTP stack may change or add
 * (the AWS SDKs' unsignable list). Query-string presigning is not implemented.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AwsSigningKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
}

/** What a signature covers: the method, the URL and the headers to sign (lower-case names). */
export interface SigV4Input {
  method: string;
  url: URL;
  /** Every header to sign, `host` and `x-amz-date` included. */
  headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body (`x-amz-content-sha256`'s value). */
  payloadHash: string;
}

export interface SigV4Parts {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** The `Authorization` header's value. */
  authorization: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Headers never signed: a proxy or the HTTP stack may add, drop or rewrite them. */
const UNSIGNED_HEADERS = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `20150830T123600Z`: the ISO 8601 basic format SigV4 dates use. */
export function amzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 3986 encoding: everything but A–Z a–z 0–9 - _ . ~ becomes %XX (upper-case hex, UTF-8). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray % is sent as it is; encoding it again makes it %25, as AWS does
  }
}

/**
 * The canonical URI. S3 signs the path as sent (each segment normalised to one encoding);
 * every other service signs the sent path encoded once more, which is what AWS calls encoding
 * twice (the request line already holds it encoded once).
 */
function canonicalUri(url: URL, service: string): string {
  const path = url.pathname || '/';
  const segments = path.split('/');
  if (service === 's3') return segments.map((s) => uriEncode(decodeLoosely(s))).join('/');
  return segments.map((s) => uriEncode(s)).join('/');
}

/**
 * Parameters decoded, encoded the RFC 3986 way, sorted by name then value. A `+` in the query
 * is a space, as in every form-encoded query string (and as AWS's front ends read it).
 */
function canonicalQuery(url: URL): string {
  const query = url.search.replace(/^\?/, '');
  if (query === '') return '';
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      const name = at === -1 ? part : part.slice(0, at);
      const value = at === -1 ? '' : part.slice(at + 1);
      const decode = (text: string) => decodeLoosely(text.replace(/\+/g, ' '));
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** The signing key: HMAC chain of date, region, service and `aws4_request` from `AWS4` + secret. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/** Signs what `input` names, with the date its `x-amz-date` header holds. */
export function sigV4Sign(input: SigV4Input, key: AwsSigningKey): SigV4Parts {
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const datetime = input.headers['x-amz-date'] ?? '';
  const date = datetime.slice(0, 8);
  const scope = `${date}/${key.region}/${key.service}/aws4_request`;
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.url, key.service),
    canonicalQuery(input.url),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, datetime, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(key.secretAccessKey, date, key.region, key.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  return {
    canonicalRequest,
    stringToSign,
    signature,
    authorization: `${ALGORITHM} Credential=${key.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * The headers to add to a request so AWS accepts it: `x-amz-date`, `x-amz-content-sha256`,
 * `x-amz-security-token` (temporary credentials) and `Authorization`. `headers` are the ones
 * the request already carries; all but the unsignable ones are signed, with `host`.
 */
export function awsSigV4Headers(
  request: {
    method: string;
    url: URL;
    headers: Readonly<Record<string, string>>;
    body?: string | Uint8Array | undefined;
  },
  key: AwsSigningKey,
  now: number,
): Record<string, string> {
  const added: Record<string, string> = {
    'x-amz-date': amzDate(now),
    'x-amz-content-sha256': sha256Hex(request.body ?? ''),
  };
  if (key.sessionToken) added['x-amz-security-token'] = key.sessionToken;
  const toSign: Record<string, string> = { host: request.url.host };
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (!UNSIGNED_HEADERS.has(lower) && lower !== 'host') toSign[lower] = value;
  }
  Object.assign(toSign, added);
  const { authorization } = sigV4Sign(
    { method: request.method, url: request.url, headers: toSign, payloadHash: added['x-amz-content-sha256']! },
    key,
  );
  return { ...added, Authorization: authorization };
}
