import { describe, expect, it } from 'vitest';
import { Redactor } from '../redactor.js';
import { createEnvProvider } from './env-provider.js';
import { readPrivateKey } from '../http/jwt-bearer.js';
import { createPlaceholderProvider } from './placeholder-provider.js';
import type { CredentialProvider, StoredCredential } from './provider.js';
import { CredentialError, resolveCredential } from './resolve.js';

function store(credentials: Record<string, StoredCredential>): CredentialProvider {
  return { get: async (name) => credentials[name] };
}

const oauthFields = {
  tokenUrl: 'https://login.mypurecloud.com/oauth/token',
  clientId: 'client-id',
  clientSecret: 'client-secret-value',
};

describe('resolveCredential', () => {
  it('resolves from the environment and registers secret fields with the redactor', async () => {
    const redactor = new Redactor();
    const provider = createEnvProvider({
      FLOWDESK_CRED_GENESYS_PROD_TOKEN_URL: oauthFields.tokenUrl,
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_ID: oauthFields.clientId,
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET: oauthFields.clientSecret,
    });
    const resolved = await resolveCredential('genesys-prod', { kind: 'oauth2' }, provider, redactor);
    expect(resolved).toEqual({ name: 'genesys-prod', kind: 'oauth2', fields: oauthFields });
    expect(redactor.text('x client-secret-value y')).toBe('x [redacted] y');
    // Non-secret fields stay readable in traces.
    expect(redactor.text('client-id')).toBe('client-id');
  });

  it('AWS Signature V4: fields from the environment, the secret and session token redacted, a bad region named', async () => {
    const redactor = new Redactor();
    const env = {
      FLOWDESK_CRED_AWS_RECORDINGS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      FLOWDESK_CRED_AWS_RECORDINGS_SECRET_ACCESS_KEY: 'aws-secret-value-1',
      FLOWDESK_CRED_AWS_RECORDINGS_SESSION_TOKEN: 'aws-session-token-1',
      FLOWDESK_CRED_AWS_RECORDINGS_REGION: 'ap-northeast-1',
      FLOWDESK_CRED_AWS_RECORDINGS_SERVICE: 's3',
    };
    const resolved = await resolveCredential('aws-recordings', { kind: 'awsSigV4' }, createEnvProvider(env), redactor);
    expect(resolved.fields).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'aws-secret-value-1',
      sessionToken: 'aws-session-token-1',
      region: 'ap-northeast-1',
      service: 's3',
    });
    expect(redactor.text('aws-secret-value-1 aws-session-token-1 ap-northeast-1')).toBe(
      '[redacted] [redacted] ap-northeast-1',
    );
    const typo = createEnvProvider({ ...env, FLOWDESK_CRED_AWS_RECORDINGS_REGION: 'Tokyo' });
    await expect(resolveCredential('aws-recordings', { kind: 'awsSigV4' }, typo, new Redactor())).rejects.toThrow(
      `credential 'aws-recordings' (AWS Signature V4): Region "Tokyo" must be lower case like us-east-1`,
    );
  });

  it('names the missing field and the variable to set', async () => {
    const provider = createEnvProvider({
      FLOWDESK_CRED_GENESYS_PROD_TOKEN_URL: oauthFields.tokenUrl,
      FLOWDESK_CRED_GENESYS_PROD_CLIENT_ID: oauthFields.clientId,
    });
    await expect(resolveCredential('genesys-prod', { kind: 'oauth2' }, provider, new Redactor())).rejects.toThrow(
      "credential 'genesys-prod' (OAuth 2.0) has no Client secret: set FLOWDESK_CRED_GENESYS_PROD_CLIENT_SECRET or add it to the credentials file",
    );
  });

  it('says how to supply a credential that is not set at all', async () => {
    const err = (await resolveCredential('qualtrics', { kind: 'apiKey' }, createEnvProvider({}), new Redactor()).catch(
      (e: unknown) => e as CredentialError,
    )) as CredentialError;
    expect(err).toBeInstanceOf(CredentialError);
    expect(err.message).toBe(
      "credential 'qualtrics' (API key header) is not set: set FLOWDESK_CRED_QUALTRICS_VALUE (or FLOWDESK_CRED_QUALTRICS as JSON), or add it to the credentials file",
    );
  });

  it('requires username and password for the password grant, and checks choices', async () => {
    const redactor = new Redactor();
    await expect(
      resolveCredential(
        'sn',
        { kind: 'oauth2' },
        store({ sn: { fields: { ...oauthFields, grantType: 'password' } } }),
        redactor,
      ),
    ).rejects.toThrow(
      'has no User name (password grant), Password (password grant): set FLOWDESK_CRED_SN_USERNAME, FLOWDESK_CRED_SN_PASSWORD or add them',
    );
    await expect(
      resolveCredential(
        'sn',
        { kind: 'oauth2' },
        store({ sn: { fields: { ...oauthFields, grantType: 'implicit' } } }),
        redactor,
      ),
    ).rejects.toThrow('Grant type must be one of client_credentials, password, not "implicit"');
    await expect(
      resolveCredential(
        'sn',
        { kind: 'oauth2' },
        store({ sn: { fields: { ...oauthFields, tokenUrl: 'login.example.com' } } }),
        redactor,
      ),
    ).rejects.toThrow('Token endpoint "login.example.com" is not an http(s) URL');
  });

  it('uses the stored kind when the flow does not declare the credential, and refuses a kind mismatch', async () => {
    const provider = store({ q: { kind: 'apiKey', fields: { value: 'k-123456' } } });
    expect((await resolveCredential('q', undefined, provider, new Redactor())).kind).toBe('apiKey');
    await expect(resolveCredential('q', { kind: 'bearer' }, provider, new Redactor())).rejects.toThrow(
      "credential 'q' is declared in the flow as Bearer token but stored as API key header",
    );
    await expect(
      resolveCredential('u', undefined, store({ u: { fields: { token: 'unknown-kind-secret' } } }), new Redactor()),
    ).rejects.toThrow("credential 'u' is not declared in the flow");
  });

  it('combines allowed origins: either list alone applies, both means only origins on both', async () => {
    const r = new Redactor();
    const fields = { value: 'k-123456' };
    const onlyStore = await resolveCredential(
      'q',
      { kind: 'apiKey' },
      store({ q: { fields, allowedOrigins: ['https://IAD1.qualtrics.com:443/'] } }),
      r,
    );
    expect(onlyStore.allowedOrigins).toEqual(['https://iad1.qualtrics.com']);
    const onlyFlow = await resolveCredential(
      'q',
      { kind: 'apiKey', allowedOrigins: ['https://a.example'] },
      store({ q: { fields } }),
      r,
    );
    expect(onlyFlow.allowedOrigins).toEqual(['https://a.example']);
    const both = await resolveCredential(
      'q',
      { kind: 'apiKey', allowedOrigins: ['https://a.example', 'https://b.example'] },
      store({ q: { fields, allowedOrigins: ['https://b.example', 'https://c.example'] } }),
      r,
    );
    expect(both.allowedOrigins).toEqual(['https://b.example']);
    await expect(
      resolveCredential(
        'q',
        { kind: 'apiKey', allowedOrigins: ['https://a.example'] },
        store({ q: { fields, allowedOrigins: ['https://c.example'] } }),
        r,
      ),
    ).rejects.toThrow('no origin is allowed by both');
    await expect(
      resolveCredential('q', { kind: 'apiKey', allowedOrigins: ['not a url'] }, store({ q: { fields } }), r),
    ).rejects.toThrow('allowed origin "not a url" in the flow file is not a URL');
    const none = await resolveCredential('q', { kind: 'apiKey' }, store({ q: { fields } }), r);
    expect(none).not.toHaveProperty('allowedOrigins');
  });

  it('registers secrets even when resolution then fails, so the error cannot leak them', async () => {
    const redactor = new Redactor();
    await expect(
      resolveCredential(
        'x',
        { kind: 'bearer' },
        store({ x: { kind: 'apiKey', fields: { value: 'leaky-value-1' } } }),
        redactor,
      ),
    ).rejects.toThrow();
    expect(redactor.text('leaky-value-1')).toBe('[redacted]');
  });
});

describe('createPlaceholderProvider', () => {
  it('gives a Salesforce JWT credential the first allowed origin as login address and a key that signs', async () => {
    const provider = createPlaceholderProvider({
      sf: { kind: 'salesforceJwt', allowedOrigins: ['https://acme.my.salesforce.com'] },
    });
    const fields = (await provider.get('sf'))!.fields;
    expect(fields).toMatchObject({
      clientId: 'recorded-sf-clientId',
      username: 'recorded-sf-username',
      loginUrl: 'https://acme.my.salesforce.com',
    });
    expect(readPrivateKey(fields.privateKey!).asymmetricKeyType).toBe('rsa');
  });

  it('gives every required field a recorded- value and the token URL an allowed origin', async () => {
    const provider = createPlaceholderProvider({
      'genesys-prod': {
        kind: 'oauth2',
        allowedOrigins: ['https://api.mypurecloud.com', 'https://login.mypurecloud.com'],
      },
      zendesk: { kind: 'zendeskApiToken' },
      bare: { kind: 'oauth2' },
    });
    expect(await provider.get('genesys-prod')).toEqual({
      kind: 'oauth2',
      fields: {
        tokenUrl: 'https://api.mypurecloud.com/oauth/token',
        clientId: 'recorded-genesys-prod-clientId',
        clientSecret: 'recorded-genesys-prod-clientSecret',
      },
    });
    expect((await provider.get('zendesk'))?.fields).toEqual({
      email: 'recorded-zendesk-email',
      token: 'recorded-zendesk-token',
    });
    expect((await provider.get('bare'))?.fields.tokenUrl).toBe('https://recorded-bare.invalid/oauth/token');
    expect(await provider.get('undeclared')).toBeUndefined();
    // And they resolve cleanly, allowed origins included.
    const resolved = await resolveCredential(
      'genesys-prod',
      { kind: 'oauth2', allowedOrigins: ['https://api.mypurecloud.com', 'https://login.mypurecloud.com'] },
      provider,
      new Redactor(),
    );
    expect(resolved.fields.clientSecret).toBe('recorded-genesys-prod-clientSecret');
  });
});
