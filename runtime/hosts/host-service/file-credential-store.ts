/**
 * The browser designer's credential store: the runtime's encrypted credentials file
 * (AES-256-GCM) at `<workspace>/.flowdesk/credentials.enc.json`. The key is
 * FLOWDESK_CREDENTIALS_KEY when set, else a random key generated once and kept in
 * `~/.flowdesk/designer.key` (mode 0600), so credentials saved in the browser survive restarts
 * without the user managing a key. The same file then works with `flowdesk run --live` given
 * that key.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CredentialSummary } from '../../../core/credentials.js';
import type { CredentialInput } from '../../../core/host-api.js';
import {
  checkPrivate,
  CredentialsFileError,
  readCredentialsFile,
  writeCredentialsFile,
  type CredentialRecords,
} from '../../credentials/encrypted-file.js';
import { createSerializer, mergeCredentialInput, summarize, type CredentialStore } from './credential-store.js';

/** Reads the key file, creating it with a fresh random key (0600) when absent. */
export async function loadOrCreateKey(keyFile: string): Promise<string> {
  try {
    const key = (await readFile(keyFile, 'utf8')).trim();
    // The key decrypts the workspace's credentials: as private as an ssh key.
    checkPrivate((await stat(keyFile)).mode, keyFile, 'designer-key');
    if (key !== '') return key;
  } catch (e) {
    if (e instanceof CredentialsFileError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  // 'wx' so two designers starting at once cannot overwrite each other's key.
  try {
    await writeFile(keyFile, key + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(keyFile, 'utf8')).trim();
    throw e;
  }
  await chmod(keyFile, 0o600).catch(() => undefined);
  return key;
}

export function createFileCredentialStore(file: string, key: () => Promise<string>): CredentialStore {
  const exclusive = createSerializer();

  async function load(): Promise<CredentialRecords> {
    try {
      await stat(file);
    } catch {
      return {};
    }
    return readCredentialsFile(file, await key());
  }

  async function persist(records: CredentialRecords): Promise<void> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeCredentialsFile(file, await key(), records);
  }

  return {
    async list(): Promise<CredentialSummary[]> {
      const records = await exclusive(load);
      return Object.entries(records)
        .map(([name, rec]) => summarize(name, rec))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    save(input: CredentialInput) {
      return exclusive(async () => {
        const records = await load();
        const merged = mergeCredentialInput(records[input.name], input);
        records[input.name] = merged;
        await persist(records);
        return summarize(input.name, merged);
      });
    },
    delete(name: string) {
      return exclusive(async () => {
        const records = await load();
        if (!Object.prototype.hasOwnProperty.call(records, name)) return;
        delete records[name];
        await persist(records);
      });
    },
    provider() {
      return {
        async get(name) {
          const records = await exclusive(load);
          const rec = Object.prototype.hasOwnProperty.call(records, name) ? records[name] : undefined;
          return rec
            ? {
                kind: rec.kind,
                fields: { ...rec.fields },
                ...(rec.allowedOrigins ? { allowedOrigins: [...rec.allowedOrigins] } : {}),
              }
            : undefined;
        },
      };
    },
  };
}
