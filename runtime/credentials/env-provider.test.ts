import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialEnvVar, upperSnake } from './env-names.js';
import { CredentialConfigError, createEnvProvider } from './env-provider.js';

describe('credential env names', () => {
  it('upper-snake-cases names and fields', () => {
    expect(credentialEnvVar('genesys-prod', 'clientSecret')).toBe('FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET');
    expect(credentialEnvVar('genesysProd', 'tokenUrl')).toBe('FLOWDESK_CRED_GENESYS_PROD_TOKEN_URL');
    expect(credentialEnvVar('zendesk_main')).toBe('FLOWDESK_CRED_ZENDESK_MAIN');
    expect(upperSnake('qualtrics-iad1')).toBe('QUALTRICS_IAD1');
  });
});

describe('createEnvProvider', () => {
  it('reads single fields, allowed origins and the kind', async () => {
    const provider = createEnvProvider({
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_ID: 'id-1',
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET: 'secret-1',
      FLOWDESK_CRED_GENESYS_PROD_TOKEN_URL: 'https://login.mypurecloud.com/oauth/token',
      FLOWDESK_CRED_GENESYS_PROD_ALLOWED_ORIGINS: 'https://api.mypurecloud.com, https://login.mypurecloud.com',
      FLOWDESK_CRED_GENESYS_PROD_KIND: 'oauth2',
      UNRELATED: 'x',
    });
    expect(await provider.get('genesys-prod')).toEqual({
      kind: 'oauth2',
      fields: { clientId: 'id-1', clientSecret: 'secret-1', tokenUrl: 'https://login.mypurecloud.com/oauth/token' },
      allowedOrigins: ['https://api.mypurecloud.com', 'https://login.mypurecloud.com'],
    });
    expect(await provider.get('other')).toBeUndefined();
  });

  it('does not mistake another credential with a longer name for fields', async () => {
    const provider = createEnvProvider({
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET: 'prod',
      FLOWDESK_CRED_GENESYS_TOKEN: 'plain',
    });
    expect(await provider.get('genesys')).toEqual({ fields: { token: 'plain' } });
  });

  it('reads a whole credential as JSON, flat or with fields, and lets single variables override it', async () => {
    const flat = createEnvProvider({
      FLOWDESK_CRED_ZENDESK: JSON.stringify({ email: 'a@example.com', token: 'zd-token' }),
      FLOWDESK_CRED_ZENDESK_TOKEN: 'override-token',
    });
    expect(await flat.get('zendesk')).toEqual({ fields: { email: 'a@example.com', token: 'override-token' } });
    const nested = createEnvProvider({
      FLOWDESK_CRED_SN: JSON.stringify({
        kind: 'basic',
        fields: { username: 'u', password: 'p' },
        allowedOrigins: ['https://x.service-now.com'],
      }),
    });
    expect(await nested.get('sn')).toEqual({
      kind: 'basic',
      fields: { username: 'u', password: 'p' },
      allowedOrigins: ['https://x.service-now.com'],
    });
  });

  it('reads _FILE variables from files, dropping one trailing newline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-cred-'));
    writeFileSync(join(dir, 'secret'), 's3cret-from-file\n');
    writeFileSync(join(dir, 'whole.json'), JSON.stringify({ value: 'key-from-json-file' }));
    const provider = createEnvProvider({
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET_FILE: join(dir, 'secret'),
      FLOWDESK_CRED_QUALTRICS_FILE: join(dir, 'whole.json'),
    });
    expect(await provider.get('genesys-prod')).toEqual({ fields: { clientSecret: 's3cret-from-file' } });
    expect(await provider.get('qualtrics')).toEqual({ fields: { value: 'key-from-json-file' } });
  });

  it('explains a missing file and bad JSON without echoing the value', async () => {
    const missing = createEnvProvider({ FLOWDESK_CRED_X_TOKEN_FILE: '/nonexistent/flowdesk/secret' });
    await expect(missing.get('x')).rejects.toThrow(
      'FLOWDESK_CRED_X_TOKEN_FILE points to /nonexistent/flowdesk/secret, which cannot be read (ENOENT)',
    );
    const bad = createEnvProvider({ FLOWDESK_CRED_Y: '{"token": "abc-secret"' });
    const err = await bad.get('y').catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(CredentialConfigError);
    expect((err as Error).message).toBe('FLOWDESK_CRED_Y is not valid JSON (expected an object of credential fields)');
    const kind = createEnvProvider({ FLOWDESK_CRED_Z_TOKEN: 't', FLOWDESK_CRED_Z_KIND: 'oauth' });
    await expect(kind.get('z')).rejects.toThrow('FLOWDESK_CRED_Z_KIND: unknown kind "oauth"');
  });

  it('reads a rate limit from its own variable or the JSON form, and says what a bad one should look like', async () => {
    const own = createEnvProvider({ FLOWDESK_CRED_G_TOKEN: 't', FLOWDESK_CRED_G_RATE_LIMIT: '300/min' });
    expect((await own.get('g'))?.rateLimit).toEqual({ points: 300, seconds: 60 });
    const json = createEnvProvider({ FLOWDESK_CRED_G: '{"token":"t","rateLimit":"5/2s"}' });
    expect(await json.get('g')).toEqual({ fields: { token: 't' }, rateLimit: { points: 5, seconds: 2 } });
    const bad = createEnvProvider({ FLOWDESK_CRED_G_TOKEN: 't', FLOWDESK_CRED_G_RATE_LIMIT: 'fast' });
    await expect(bad.get('g')).rejects.toThrow(
      'FLOWDESK_CRED_G_RATE_LIMIT: "fast" is not a rate limit; write requests per time, e.g. 300/min, 10/s, 5/2s or 1000/h',
    );
  });
});
