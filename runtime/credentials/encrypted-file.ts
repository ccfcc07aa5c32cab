/**
 * The encrypted credentials file (`FLOWDESK_CREDENTIALS_FILE`), AES-256-GCM.
 *
 * File format (JSON, binary parts base64):
 *   { "version": 1,
 *     "kdf": { "name": "scrypt", "salt", "N", "r", "p" } | { "name": "raw" },
 *     "iv", "tag", "data" }
 * The key comes from `FLOWDESK_CREDENTIALS_KEY`: base64 of exactly 32 bytes is used as the key
 * itself (`raw`); anything else is a passphrase stretched with scrypt. The header (version and
 * kdf) is authenticated as additional data, so editing the parameters is detected like editing
 * the ciphertext. The plaintext is `{ "<name>": { kind, fields, allowedOrigins? }, … }`.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { open, rename, writeFile, unlink } from 'node:fs/promises';
import { CREDENTIAL_KINDS, type CredentialKind } from '../../core/credentials.js';
import type { CredentialProvider } from './provider.js';
import { message } from '../../core/messages/make.js';
import type { PrivateFile, RecordsAt } from '../../core/messages/host-en.js';
import type { Message } from '../../core/messages/message.js';
import { MessageError } from '../../core/messages/message-error.js';

export interface CredentialRecord {
  kind: CredentialKind;
  fields: Record<string, string>;
  allowedOrigins?: string[];
}

export type CredentialRecords = Record<string, CredentialRecord>;

type Kdf = { name: 'scrypt'; salt: string; N: number; r: number; p: number } | { name: 'raw' };

interface EncryptedFile {
  version: 1;
  kdf: Kdf;
  iv: string;
  tag: string;
  data: string;
}

/** scrypt cost: ~100 ms and 32 MiB on a laptop; the file is read once per process. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

/**
 * What a file may ask for, checked BEFORE deriving: the parameters come from the file, and a
 * crafted one could otherwise make one command run for minutes and take gigabytes. The bounds
 * allow today's cost up to 4× harder, never cheaper than N = 2^14.
 */
export const SCRYPT_BOUNDS = {
  minN: 1 << 14,
  maxN: 1 << 17,
  maxR: 16,
  maxP: 4,
  maxMemBytes: 128 * 1024 * 1024,
} as const;

/** The full AES-GCM tag: a shorter one would let a forger try 2^32 instead of 2^128 tags. */
const GCM_TAG_BYTES = 16;

/** The credentials file cannot be opened or read, or its records are not credentials; a `credentials-file.*` message. */
export class CredentialsFileError extends MessageError {
  override readonly name = 'CredentialsFileError';

  constructor(worded: Message & { message: string }) {
    super(worded);
  }
}

/** The 32 raw key bytes when `key` is base64 of exactly 32 bytes, else undefined. */
function rawKey(key: string): Buffer | undefined {
  const trimmed = key.trim();
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

function deriveKey(key: string, kdf: Kdf, path: string): Buffer {
  if (kdf.name === 'raw') {
    const raw = rawKey(key);
    if (!raw) {
      throw new CredentialsFileError(message('credentials-file.raw-key', { path }));
    }
    return raw;
  }
  const N = kdf.N;
  return scryptSync(key, Buffer.from(kdf.salt, 'base64'), 32, {
    N,
    r: kdf.r,
    p: kdf.p,
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly at our N.
    maxmem: 256 * N * kdf.r + 1024 * 1024,
  });
}

function checkScryptParams(kdf: { N: unknown; r: unknown; p: unknown }, path: string): void {
  const { N, r, p } = kdf;
  const b = SCRYPT_BOUNDS;
  const ok =
    typeof N === 'number' &&
    typeof r === 'number' &&
    typeof p === 'number' &&
    [N, r, p].every((n) => Number.isInteger(n) && n > 0) &&
    (N & (N - 1)) === 0 &&
    N >= b.minN &&
    N <= b.maxN &&
    r <= b.maxR &&
    p <= b.maxP &&
    128 * N * r <= b.maxMemBytes;
  if (!ok) {
    throw new CredentialsFileError(
      message('credentials-file.scrypt', { path, maxR: b.maxR, maxP: b.maxP, maxMiB: b.maxMemBytes / (1024 * 1024) }),
    );
  }
}

/** Additional authenticated data: the header fields that are not secret but must not change. */
function aad(file: Pick<EncryptedFile, 'version' | 'kdf'>): Buffer {
  return Buffer.from(JSON.stringify({ version: file.version, kdf: file.kdf }), 'utf8');
}

function requireKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new CredentialsFileError(message('credentials-file.no-key', {}));
  }
  return key;
}

/** Checks decrypted (`at.path`) or about-to-be-written records are credentials by name. */
function checkRecords(records: unknown, at: RecordsAt): CredentialRecords {
  if (records === null || typeof records !== 'object' || Array.isArray(records)) {
    throw new CredentialsFileError(message('credentials-file.not-records', at));
  }
  for (const [name, rec] of Object.entries(records as Record<string, unknown>)) {
    const r = rec as Partial<CredentialRecord> | null;
    if (r === null || typeof r !== 'object') {
      throw new CredentialsFileError(message('credentials-file.record-not-object', { ...at, name }));
    }
    if (typeof r.kind !== 'string' || !(r.kind in CREDENTIAL_KINDS)) {
      throw new CredentialsFileError(message('credentials-file.record-kind', { ...at, name, kind: String(r.kind) }));
    }
    if (
      r.fields === null ||
      typeof r.fields !== 'object' ||
      Object.values(r.fields).some((v) => typeof v !== 'string')
    ) {
      throw new CredentialsFileError(message('credentials-file.record-fields', { ...at, name }));
    }
    if (
      r.allowedOrigins !== undefined &&
      (!Array.isArray(r.allowedOrigins) || r.allowedOrigins.some((o) => typeof o !== 'string'))
    ) {
      throw new CredentialsFileError(message('credentials-file.record-origins', { ...at, name }));
    }
  }
  return records as CredentialRecords;
}

/** Encrypts `records` into the file format (exported for tests and the app's vault). */
export function encryptCredentials(key: string, records: CredentialRecords): EncryptedFile {
  const k = requireKey(key);
  checkRecords(records, {});
  const raw = rawKey(k);
  const kdf: Kdf = raw ? { name: 'raw' } : { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...SCRYPT };
  const keyBytes = raw ?? deriveKey(k, kdf, 'credentials');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes, iv);
  cipher.setAAD(aad({ version: 1, kdf }));
  const data = Buffer.concat([cipher.update(JSON.stringify(records), 'utf8'), cipher.final()]);
  return {
    version: 1,
    kdf,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Decrypts file text; `path` only names the file in errors. */
export function decryptCredentials(
  text: string,
  key: string | undefined,
  path = 'the credentials file',
): CredentialRecords {
  let file: EncryptedFile;
  try {
    file = JSON.parse(text) as EncryptedFile;
  } catch {
    throw new CredentialsFileError(message('credentials-file.not-json', { path }));
  }
  if (file === null || typeof file !== 'object' || file.version !== 1) {
    throw new CredentialsFileError(message('credentials-file.version', { path }));
  }
  const kdf = file.kdf;
  const kdfOk =
    kdf !== null &&
    typeof kdf === 'object' &&
    (kdf.name === 'raw' || (kdf.name === 'scrypt' && typeof kdf.salt === 'string'));
  if (!kdfOk || typeof file.iv !== 'string' || typeof file.tag !== 'string' || typeof file.data !== 'string') {
    throw new CredentialsFileError(message('credentials-file.damaged', { path }));
  }
  if (kdf.name === 'scrypt') checkScryptParams(kdf, path);
  if (Buffer.from(file.tag, 'base64').length !== GCM_TAG_BYTES) {
    throw new CredentialsFileError(message('credentials-file.tag', { path, bytes: GCM_TAG_BYTES }));
  }
  const keyBytes = deriveKey(requireKey(key), kdf, path);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes, Buffer.from(file.iv, 'base64'), {
      authTagLength: GCM_TAG_BYTES,
    });
    decipher.setAAD(aad(file));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from a modified file; say both.
    throw new CredentialsFileError(message('credentials-file.wrong-key', { path }));
  }
  let records: unknown;
  try {
    records = JSON.parse(plain);
  } catch {
    // Never let the parser's message quote the decrypted text: it is the secrets.
    throw new CredentialsFileError(message('credentials-file.not-credentials', { path }));
  }
  return checkRecords(records, { path });
}

export async function readCredentialsFile(path: string, key: string | undefined): Promise<CredentialRecords> {
  let text: string;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CredentialsFileError(message('credentials-file.unreadable', { path, error: code }));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_CREDENTIALS_FILE_BYTES) {
      throw new CredentialsFileError(message('credentials-file.not-a-file', { path }));
    }
    checkPrivate(info.mode, path, 'credentials');
    text = await handle.readFile('utf8');
  } catch (e) {
    if (e instanceof CredentialsFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CredentialsFileError(message('credentials-file.unreadable', { path, error: code }));
  } finally {
    await handle.close().catch(() => undefined);
  }
  return decryptCredentials(text, key, path);
}

const MAX_CREDENTIALS_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Refuses a secrets file that group or others may read, as ssh does with private keys: the
 * encryption is only as good as the key's secrecy, and a world-readable file is usually a
 * mistake worth stopping for. Windows has no such mode bits; skipped there.
 */
export function checkPrivate(mode: number, path: string, file: PrivateFile, platform: string = process.platform): void {
  if (platform === 'win32') return;
  if ((mode & 0o077) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(3, '0');
    throw new CredentialsFileError(message('credentials-file.readable-by-others', { file, path, mode: shown }));
  }
}

/** Writes atomically (temp file + rename), readable by the owner only. */
export async function writeCredentialsFile(path: string, key: string, records: CredentialRecords): Promise<void> {
  const text = JSON.stringify(encryptCredentials(key, records), null, 2) + '\n';
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Reads and decrypts the file on first use, then answers from memory. */
export function createFileProvider(path: string, key: string | undefined): CredentialProvider {
  let records: Promise<CredentialRecords> | undefined;
  return {
    async get(name) {
      // A failed read is not cached: an operator may fix the file or key while a server runs.
      records ??= readCredentialsFile(path, key).catch((e: unknown) => {
        records = undefined;
        throw e;
      });
      const rec = (await records)[name];
      if (!rec) return undefined;
      return {
        kind: rec.kind,
        fields: { ...rec.fields },
        ...(rec.allowedOrigins ? { allowedOrigins: [...rec.allowedOrigins] } : {}),
      };
    },
  };
}
