import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, credentialsForRun, VAULT_UNAVAILABLE_MESSAGE, type SafeStorageLike } from './vault.js';

/** A stand-in for safeStorage: reversible, but visibly not the plaintext. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain: string) {
      calls.push('encrypt');
      return Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a));
    },
    decryptString(encrypted: Buffer) {
      calls.push('decrypt');
      return Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-vault-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('vault', () => {
  it('encrypts values with safeStorage and only ever returns summaries', async () => {
    const file = join(dir, 'a', 'credentials.enc.json');
    const storage = fakeSafeStorage();
    const vault = createVault(file, storage);
    const summary = await vault.save({
      name: 'genesys-cloud',
      kind: 'oauth2',
      fields: {
        tokenUrl: 'https://login.mypurecloud.com/oauth/token',
        clientId: 'cid',
        clientSecret: 'very-secret-value',
      },
      allowedOrigins: ['https://login.mypurecloud.com', 'https://api.mypurecloud.com'],
    });
    expect(summary).toEqual({
      name: 'genesys-cloud',
      kind: 'oauth2',
      allowedOrigins: ['https://login.mypurecloud.com', 'https://api.mypurecloud.com'],
      fieldsSet: ['tokenUrl', 'clientId', 'clientSecret'],
    });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('very-secret-value');
    const record = JSON.parse(onDisk).credentials[0];
    expect(Object.keys(record).sort()).toEqual(['allowedOrigins', 'blob', 'fieldsSet', 'kind', 'name']);

    storage.calls.length = 0;
    const list = await vault.list();
    expect(list).toEqual([summary]);
    expect(JSON.stringify(list)).not.toContain('very-secret-value');
    // Listing needs no decryption at all.
    expect(storage.calls).toEqual([]);

    expect((await vault.provider().get('genesys-cloud'))?.fields.clientSecret).toBe('very-secret-value');
    expect(await credentialsForRun(vault, ['genesys-cloud', 'missing'])).toEqual({
      'genesys-cloud': expect.objectContaining({ kind: 'oauth2' }),
    });
  });

  it('keeps secrets the renderer does not resend, and deletes', async () => {
    const vault = createVault(join(dir, 'b.json'), fakeSafeStorage());
    await vault.save({ name: 'sn', kind: 'basic', fields: { username: 'admin', password: 'pw-1234' } });
    await vault.save({ name: 'sn', kind: 'basic', fields: { username: 'integration', password: '' } });
    expect((await vault.provider().get('sn'))?.fields).toEqual({ username: 'integration', password: 'pw-1234' });
    await vault.delete('sn');
    expect(await vault.list()).toEqual([]);
  });

  it('refuses to store when the OS offers no encryption, saying what to do instead', async () => {
    for (const storage of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const file = join(dir, `none-${Math.random()}.json`);
      const vault = createVault(file, storage);
      await expect(vault.save({ name: 'x', kind: 'bearer', fields: { token: 'tok-123456' } })).rejects.toThrow(
        VAULT_UNAVAILABLE_MESSAGE,
      );
      await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
      expect(await vault.list()).toEqual([]);
    }
  });

  it('says so when a value cannot be decrypted (vault from another machine)', async () => {
    const file = join(dir, 'c.json');
    await createVault(file, fakeSafeStorage()).save({ name: 'x', kind: 'bearer', fields: { token: 'tok-123456' } });
    const other: SafeStorageLike = {
      ...fakeSafeStorage(),
      decryptString: () => {
        throw new Error('bad');
      },
    };
    await expect(createVault(file, other).provider().get('x')).rejects.toThrow(/cannot be decrypted.*Save it again/);
  });
});
