import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialInputError, mergeCredentialInput, summarize } from './credential-store.js';
import { createFileCredentialStore, loadOrCreateKey } from './file-credential-store.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-creds-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('mergeCredentialInput', () => {
  it('checks fields against the kind', () => {
    expect(() => mergeCredentialInput(undefined, { name: 'x', kind: 'apiKey', fields: { token: 'a' } })).toThrow(
      /has no field 'token'; its fields are value/,
    );
    expect(() => mergeCredentialInput(undefined, { name: 'x', kind: 'basic', fields: { username: 'u' } })).toThrow(
      "Credential 'x' (Basic authentication) needs: Password.",
    );
    expect(() => mergeCredentialInput(undefined, { name: 'x', kind: 'basic', fields: { username: 'u' } })).toThrow(
      expect.objectContaining({
        name: 'CredentialInputError',
        code: 'credential.missing-fields',
        params: { name: 'x', kind: 'basic', fields: ['password'] },
      }) as unknown as Error,
    );
    expect(() =>
      mergeCredentialInput(undefined, {
        name: 'x',
        kind: 'bearer',
        fields: { token: 't' },
        allowedOrigins: ['https://a.b/path'],
      }),
    ).toThrow(/must look like https:\/\/host/);
  });

  it('refuses a web address without its scheme and a value outside a choice, where they are typed', () => {
    const oauth = { clientId: 'c', clientSecret: 's' };
    expect(() =>
      mergeCredentialInput(undefined, {
        name: 'x',
        kind: 'oauth2',
        fields: { ...oauth, tokenUrl: 'login.example.com' },
      }),
    ).toThrow(/Token endpoint 'login\.example\.com' is not a web address/);
    expect(() =>
      mergeCredentialInput(undefined, {
        name: 'x',
        kind: 'oauth2',
        fields: { ...oauth, tokenUrl: 'https://login.example.com/token', grantType: 'implicit' },
      }),
    ).toThrow(expect.objectContaining({ code: 'credential.bad-option' }) as unknown as Error);
    expect(
      mergeCredentialInput(undefined, {
        name: 'x',
        kind: 'oauth2',
        fields: { ...oauth, tokenUrl: 'https://login.example.com/token', grantType: 'password' },
      }).fields.tokenUrl,
    ).toBe('https://login.example.com/token');
    expect(() => mergeCredentialInput(undefined, { name: 'x', kind: 'apiKey', fields: { value: 'v' } })).not.toThrow(
      CredentialInputError,
    );
  });

  it('keeps stored values for empty fields, drops them on a kind change', () => {
    const stored = mergeCredentialInput(undefined, {
      name: 'x',
      kind: 'basic',
      fields: { username: 'u', password: 'p' },
    });
    expect(
      mergeCredentialInput(stored, { name: 'x', kind: 'basic', fields: { username: 'v', password: '' } }).fields,
    ).toEqual({
      username: 'v',
      password: 'p',
    });
    expect(() => mergeCredentialInput(stored, { name: 'x', kind: 'bearer', fields: {} })).toThrow(/needs: Token/);
    expect(summarize('x', stored)).toEqual({ name: 'x', kind: 'basic', fieldsSet: ['username', 'password'] });
  });
});

describe('file credential store', () => {
  it('round-trips through the encrypted file and hands values only to the provider', async () => {
    const file = join(dir, 'nested', 'credentials.enc.json');
    const store = createFileCredentialStore(file, async () => 'a passphrase long enough');
    expect(await store.list()).toEqual([]);
    await store.save({ name: 'zendesk', kind: 'zendeskApiToken', fields: { email: 'a@b.c', token: 'zd-secret-123' } });
    expect(await store.list()).toEqual([{ name: 'zendesk', kind: 'zendeskApiToken', fieldsSet: ['email', 'token'] }]);
    expect(await readFile(file, 'utf8')).not.toContain('zd-secret-123');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.provider().get('zendesk')).toEqual({
      kind: 'zendeskApiToken',
      fields: { email: 'a@b.c', token: 'zd-secret-123' },
    });
    expect(await store.provider().get('toString')).toBeUndefined();

    const wrongKey = createFileCredentialStore(file, async () => 'another passphrase');
    await expect(wrongKey.list()).rejects.toThrow(/wrong FLOWDESK_CREDENTIALS_KEY/);
    await store.delete('zendesk');
    expect(await store.list()).toEqual([]);
  });

  it('creates a random key once and reuses it', async () => {
    const keyFile = join(dir, 'home', '.flowdesk', 'designer.key');
    const a = await loadOrCreateKey(keyFile);
    const b = await loadOrCreateKey(keyFile);
    expect(a).toBe(b);
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await writeFile(join(dir, 'given.key'), 'my-key\n', { mode: 0o600 });
    expect(await loadOrCreateKey(join(dir, 'given.key'))).toBe('my-key');
  });

  it.skipIf(process.platform === 'win32')('refuses a key file other users can read, saying what to run', async () => {
    const keyFile = join(dir, 'shared.key');
    await writeFile(keyFile, 'my-key\n', { mode: 0o644 });
    await expect(loadOrCreateKey(keyFile)).rejects.toThrow(`run \`chmod 600 ${keyFile}\``);
  });
});
