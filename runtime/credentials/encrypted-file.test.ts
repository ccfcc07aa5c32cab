import { createCipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../core/messages/format.js';
import type { Message } from '../../core/messages/message.js';
import { createDefaultProvider } from './chain-provider.js';
import {
  createFileProvider,
  encryptCredentials,
  readCredentialsFile,
  writeCredentialsFile,
  type CredentialRecords,
} from './encrypted-file.js';

const records: CredentialRecords = {
  'genesys-prod': {
    kind: 'oauth2',
    fields: {
      tokenUrl: 'https://login.mypurecloud.com/oauth/token',
      clientId: 'cid',
      clientSecret: 'very-secret-value',
    },
    allowedOrigins: ['https://api.mypurecloud.com', 'https://login.mypurecloud.com'],
  },
  qualtrics: { kind: 'apiKey', fields: { value: 'qualtrics-token-value' } },
};

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'flowdesk-credfile-')), 'credentials.json');
}

/** A credentials file that decrypts (raw key) to `plain`, whatever it holds. */
function encryptedFileOf(plain: string): { path: string; key: string } {
  const key = randomBytes(32).toString('base64');
  const kdf = { name: 'raw' };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  cipher.setAAD(Buffer.from(JSON.stringify({ version: 1, kdf })));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const path = tempFile();
  const file = { version: 1, kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  writeFileSync(path, JSON.stringify({ ...file, data: data.toString('base64') }), { mode: 0o600 });
  return { path, key };
}

describe('encrypted credentials file', () => {
  it('round-trips with a passphrase (scrypt) and keeps values out of the file text', async () => {
    const path = tempFile();
    await writeCredentialsFile(path, 'correct horse battery staple', records);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('very-secret-value');
    expect(text).not.toContain('genesys-prod');
    expect(JSON.parse(text)).toMatchObject({ version: 1, kdf: { name: 'scrypt', N: 32768, r: 8, p: 1 } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readCredentialsFile(path, 'correct horse battery staple')).toEqual(records);
  });

  it('uses a base64 32-byte key as is', async () => {
    const path = tempFile();
    const key = randomBytes(32).toString('base64');
    await writeCredentialsFile(path, key, records);
    expect(JSON.parse(readFileSync(path, 'utf8')).kdf).toEqual({ name: 'raw' });
    expect(await readCredentialsFile(path, key)).toEqual(records);
    await expect(readCredentialsFile(path, randomBytes(32).toString('base64'))).rejects.toThrow(
      'wrong FLOWDESK_CREDENTIALS_KEY?',
    );
    await expect(readCredentialsFile(path, 'a passphrase')).rejects.toThrow('wrong FLOWDESK_CREDENTIALS_KEY?');
  });

  it('refuses a wrong passphrase with a clear message', async () => {
    const path = tempFile();
    await writeCredentialsFile(path, 'right passphrase', records);
    await expect(readCredentialsFile(path, 'wrong passphrase')).rejects.toThrow(
      `cannot decrypt ${path}: wrong FLOWDESK_CREDENTIALS_KEY? (or the file was modified or damaged)`,
    );
    await expect(readCredentialsFile(path, undefined)).rejects.toThrow('FLOWDESK_CREDENTIALS_KEY is not set');
  });

  it('carries the refusal as a message code, so the designer words it in Japanese', async () => {
    const path = tempFile();
    await writeCredentialsFile(path, 'right passphrase', records);
    const err = (await readCredentialsFile(path, 'wrong passphrase').catch((e: unknown) => e)) as Message;
    expect(err).toMatchObject({ code: 'credentials-file.wrong-key', params: { path } });
    expect(formatMessage(err, 'ja')).toBe(
      `${path} を復号できません。FLOWDESK_CREDENTIALS_KEY が違いませんか？（またはファイルが変更・破損しています）`,
    );
  });

  it('detects tampering with the data, the tag or the kdf parameters', async () => {
    const path = tempFile();
    const key = randomBytes(32).toString('base64');
    await writeCredentialsFile(path, key, records);
    const original = JSON.parse(readFileSync(path, 'utf8'));
    const data = Buffer.from(original.data, 'base64');
    data[0] = data[0]! ^ 1;
    writeFileSync(path, JSON.stringify({ ...original, data: data.toString('base64') }));
    await expect(readCredentialsFile(path, key)).rejects.toThrow('cannot decrypt');

    const tag = Buffer.from(original.tag, 'base64');
    tag[3] = tag[3]! ^ 0xff;
    writeFileSync(path, JSON.stringify({ ...original, tag: tag.toString('base64') }));
    await expect(readCredentialsFile(path, key)).rejects.toThrow('cannot decrypt');

    const scryptPath = tempFile();
    await writeCredentialsFile(scryptPath, 'pass phrase', records);
    const s = JSON.parse(readFileSync(scryptPath, 'utf8'));
    writeFileSync(scryptPath, JSON.stringify({ ...s, kdf: { ...s.kdf, N: 16384 } }));
    await expect(readCredentialsFile(scryptPath, 'pass phrase')).rejects.toThrow('cannot decrypt');
  });

  it('refuses a tag cut short, even though GCM would check the shorter tag', async () => {
    const path = tempFile();
    const key = randomBytes(32).toString('base64');
    await writeCredentialsFile(path, key, records);
    const original = JSON.parse(readFileSync(path, 'utf8'));
    const short = Buffer.from(original.tag, 'base64').subarray(0, 4).toString('base64');
    writeFileSync(path, JSON.stringify({ ...original, tag: short }));
    await expect(readCredentialsFile(path, key)).rejects.toThrow('its authentication tag must be 16 bytes');
  });

  it('checks scrypt parameters against fixed bounds before deriving the key', async () => {
    const path = tempFile();
    await writeCredentialsFile(path, 'pass phrase', records);
    const s = JSON.parse(readFileSync(path, 'utf8'));
    // N = 2^20 with r = 32 would take 4 GiB and many seconds if it were derived.
    for (const kdf of [
      { ...s.kdf, N: 1 << 20, r: 32 },
      { ...s.kdf, N: 1 << 18 },
      { ...s.kdf, N: 1 << 10 },
      { ...s.kdf, N: 30000 },
      { ...s.kdf, p: 64 },
      { ...s.kdf, r: 0 },
    ]) {
      writeFileSync(path, JSON.stringify({ ...s, kdf }));
      await expect(readCredentialsFile(path, 'pass phrase'), JSON.stringify(kdf)).rejects.toThrow(
        'scrypt parameters outside the accepted bounds',
      );
    }
  });

  it.skipIf(process.platform === 'win32')('refuses a file group or others can read, saying what to run', async () => {
    const path = tempFile();
    const key = randomBytes(32).toString('base64');
    await writeCredentialsFile(path, key, records);
    chmodSync(path, 0o644);
    await expect(readCredentialsFile(path, key)).rejects.toThrow(
      `the credentials file ${path} can be read by other users (mode 644): run \`chmod 600 ${path}\``,
    );
    const err = (await readCredentialsFile(path, key).catch((e: unknown) => e)) as Message;
    expect(err).toMatchObject({
      code: 'credentials-file.readable-by-others',
      params: { file: 'credentials', mode: '644' },
    });
    expect(formatMessage(err, 'ja')).toBe(
      `認証情報ファイル ${path} はほかのユーザーも読めます（モード 644）。\`chmod 600 ${path}\` を実行してからやり直してください`,
    );
    chmodSync(path, 0o640);
    await expect(readCredentialsFile(path, key)).rejects.toThrow('chmod 600');
    chmodSync(path, 0o600);
    expect(await readCredentialsFile(path, key)).toEqual(records);
  });

  it('explains files that are not credentials files', async () => {
    const path = tempFile();
    writeFileSync(path, 'not json', { mode: 0o600 });
    await expect(readCredentialsFile(path, 'k')).rejects.toThrow('is not a Flowdesk credentials file (not JSON)');
    writeFileSync(path, JSON.stringify({ version: 2 }));
    await expect(readCredentialsFile(path, 'k')).rejects.toThrow('expected "version": 1');
    await expect(readCredentialsFile(`${path}.missing`, 'k')).rejects.toThrow('cannot read the credentials file');
    await expect(readCredentialsFile(`${path}.missing`, 'k')).rejects.toMatchObject({
      code: 'credentials-file.unreadable',
      params: { path: `${path}.missing`, error: 'ENOENT' },
    });
    await expect(readCredentialsFile(tmpdir(), 'k')).rejects.toMatchObject({ code: 'credentials-file.not-a-file' });
  });

  it('never quotes decrypted text that is not credentials JSON', async () => {
    // Encrypted with the right key, but cut short: the parser's own message would quote it.
    const { path, key } = encryptedFileOf('{"x":{"kind":"apiKey","fields":{"value":"fake-secret-not-json');
    const error = await readCredentialsFile(path, key).catch((e: Error) => e);
    expect((error as Error).message).toContain('decrypts, but what it holds is not credentials JSON');
    expect((error as Error).message).not.toContain('fake-secret');
  });

  it('refuses records of the wrong shape by code, naming the file and the credential, in both languages', async () => {
    const cases: [unknown, string, Record<string, unknown>, string, string][] = [
      [[], 'credentials-file.not-records', {}, 'expected an object of credentials by name', '名前ごとの認証情報'],
      [
        { a: 'x' },
        'credentials-file.record-not-object',
        { name: 'a' },
        "credential 'a' is not an object",
        '「a」がオブジェクトではありません',
      ],
      [
        { a: { kind: 'ftp', fields: {} } },
        'credentials-file.record-kind',
        { name: 'a', kind: 'ftp' },
        'unknown kind "ftp"',
        '種類「ftp」は不明です',
      ],
      [
        { a: { kind: 'apiKey', fields: { value: 1 } } },
        'credentials-file.record-fields',
        { name: 'a' },
        'must have fields with string values',
        '文字列',
      ],
      [
        { a: { kind: 'apiKey', fields: { value: 'v' }, allowedOrigins: 'https://x.example' } },
        'credentials-file.record-origins',
        { name: 'a' },
        'allowedOrigins that are not a list of origins',
        'オリジンのリストではありません',
      ],
    ];
    for (const [plain, code, params, en, ja] of cases) {
      const { path, key } = encryptedFileOf(JSON.stringify(plain));
      const err = (await readCredentialsFile(path, key).catch((e: unknown) => e)) as Error & Message;
      expect(err, code).toMatchObject({ name: 'CredentialsFileError', code, params: { path, ...params } });
      expect(err.message.startsWith(`${path}: `)).toBe(true);
      expect(err.message).toContain(en);
      expect(formatMessage(err, 'ja')).toContain(`${path}: `);
      expect(formatMessage(err, 'ja')).toContain(ja);
    }
    // Records about to be written are checked the same way, said to be those.
    const refused = (() => {
      try {
        encryptCredentials('k', { a: { kind: 'ftp' } } as unknown as CredentialRecords);
      } catch (e) {
        return e as Error & Message;
      }
    })();
    expect(refused).toMatchObject({ code: 'credentials-file.record-kind', params: { name: 'a', kind: 'ftp' } });
    expect(refused!.message).toBe('credentials to write: credential \'a\' has an unknown kind "ftp"');
    expect(formatMessage(refused!, 'ja')).toBe('書き込む認証情報: 認証情報「a」の種類「ftp」は不明です');
  });

  it('serves credentials through createFileProvider and, after env, createDefaultProvider', async () => {
    const path = tempFile();
    const key = randomBytes(32).toString('base64');
    await writeCredentialsFile(path, key, records);
    const provider = createFileProvider(path, key);
    expect(await provider.get('qualtrics')).toEqual({ kind: 'apiKey', fields: { value: 'qualtrics-token-value' } });
    expect(await provider.get('nope')).toBeUndefined();

    // A provider whose first read failed recovers once the file is there.
    const later = tempFile();
    const lateProvider = createFileProvider(later, key);
    await expect(lateProvider.get('qualtrics')).rejects.toThrow('cannot read the credentials file');
    await writeCredentialsFile(later, key, records);
    expect((await lateProvider.get('qualtrics'))?.fields.value).toBe('qualtrics-token-value');

    const chained = createDefaultProvider({
      FLOWDESK_CREDENTIALS_FILE: path,
      FLOWDESK_CREDENTIALS_KEY: key,
      FLOWDESK_CRED_QUALTRICS_VALUE: 'from-env',
    });
    expect(await chained.get('qualtrics')).toEqual({ fields: { value: 'from-env' } });
    expect((await chained.get('genesys-prod'))?.fields.clientSecret).toBe('very-secret-value');
  });
});
