/**
 * The desktop credentials vault: `credentials.enc.json` in userData. Each record is
 * `{name, kind, allowedOrigins, fieldsSet, blob}`, `blob` being Electron safeStorage's
 * encryption (OS keychain / DPAPI / libsecret) of the fields JSON. Names, kinds and which fields
 * are set stay readable so the renderer can list credentials without decrypting anything; values
 * are decrypted only for a run, in main, and handed to the run's utility process.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CREDENTIAL_KINDS, type CredentialKind, type CredentialSummary } from '../../core/credentials.js';
import type { CredentialInput } from '../../core/host-api.js';
import type { CredentialProvider, StoredCredential } from '../../runtime/credentials/provider.js';
import {
  createSerializer,
  mergeCredentialInput,
  summarize,
  type CredentialStore,
} from '../../runtime/hosts/host-service/credential-store.js';
import { message } from '../../core/messages/make.js';
import { MessageError } from '../../core/messages/message-error.js';

/** The part of Electron's `safeStorage` the vault uses (injected, so tests can fake it). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; `basic_text` means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

interface VaultRecord {
  name: string;
  kind: CredentialKind;
  allowedOrigins?: string[];
  fieldsSet: string[];
  /** base64 of safeStorage.encryptString(JSON.stringify(fields)). */
  blob: string;
}

interface VaultFile {
  version: 1;
  credentials: VaultRecord[];
}

/** The OS offers no encryption, so nothing is stored (`vault.unavailable`). */
export class VaultUnavailableError extends MessageError {
  override readonly name = 'VaultUnavailableError';
}

export const VAULT_UNAVAILABLE_MESSAGE = message('vault.unavailable', {}).message;

export function createVault(file: string, safeStorage: SafeStorageLike): CredentialStore {
  const exclusive = createSerializer();

  function requireEncryption(): void {
    const weak = safeStorage.getSelectedStorageBackend?.() === 'basic_text';
    if (!safeStorage.isEncryptionAvailable() || weak) throw new VaultUnavailableError(message('vault.unavailable', {}));
  }

  async function load(): Promise<VaultRecord[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let parsed: VaultFile;
    try {
      parsed = JSON.parse(text) as VaultFile;
    } catch {
      throw new Error(`The credentials vault ${file} is damaged (not JSON); move it away to start a new one.`);
    }
    if (parsed?.version !== 1 || !Array.isArray(parsed.credentials)) {
      throw new Error(`The credentials vault ${file} is not in a format this version reads.`);
    }
    return parsed.credentials.filter(
      (r) => typeof r?.name === 'string' && r.kind in CREDENTIAL_KINDS && typeof r.blob === 'string',
    );
  }

  async function persist(records: VaultRecord[]): Promise<void> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    const body: VaultFile = { version: 1, credentials: records };
    await writeFile(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, file);
  }

  function decrypt(record: VaultRecord): StoredCredential & { kind: CredentialKind } {
    requireEncryption();
    let fields: Record<string, string>;
    try {
      fields = JSON.parse(safeStorage.decryptString(Buffer.from(record.blob, 'base64'))) as Record<string, string>;
    } catch {
      throw new Error(
        `Credential '${record.name}' cannot be decrypted (was the vault copied from another computer or user?). Save it again.`,
      );
    }
    return { kind: record.kind, fields, ...(record.allowedOrigins ? { allowedOrigins: record.allowedOrigins } : {}) };
  }

  const toSummary = (r: VaultRecord): CredentialSummary => ({
    name: r.name,
    kind: r.kind,
    ...(r.allowedOrigins ? { allowedOrigins: [...r.allowedOrigins] } : {}),
    fieldsSet: [...r.fieldsSet],
  });

  return {
    async list() {
      return (await exclusive(load)).map(toSummary).sort((a, b) => a.name.localeCompare(b.name));
    },
    save(input: CredentialInput) {
      return exclusive(async () => {
        requireEncryption();
        const records = await load();
        const index = records.findIndex((r) => r.name === input.name);
        const existing = index >= 0 ? records[index] : undefined;
        // Decrypt the old values only when the kind stays: empty fields keep them.
        const previous = existing && existing.kind === input.kind ? decrypt(existing) : undefined;
        const merged = mergeCredentialInput(previous, input);
        const summary = summarize(input.name, merged);
        const record: VaultRecord = {
          name: input.name,
          kind: merged.kind,
          ...(merged.allowedOrigins ? { allowedOrigins: merged.allowedOrigins } : {}),
          fieldsSet: summary.fieldsSet,
          blob: safeStorage.encryptString(JSON.stringify(merged.fields)).toString('base64'),
        };
        if (index >= 0) records[index] = record;
        else records.push(record);
        await persist(records);
        return summary;
      });
    },
    delete(name: string) {
      return exclusive(async () => {
        const records = await load();
        const kept = records.filter((r) => r.name !== name);
        if (kept.length !== records.length) await persist(kept);
      });
    },
    provider(): CredentialProvider {
      return {
        get: (name) =>
          exclusive(async () => {
            const record = (await load()).find((r) => r.name === name);
            return record ? decrypt(record) : undefined;
          }),
      };
    },
  };
}

/** Values of the named credentials that the vault holds, for one run's utility process. */
export async function credentialsForRun(
  store: CredentialStore,
  names: readonly string[],
): Promise<Record<string, StoredCredential>> {
  const out: Record<string, StoredCredential> = {};
  const provider = store.provider();
  for (const name of names) {
    const found = await provider.get(name);
    if (found) out[name] = found;
  }
  return out;
}
