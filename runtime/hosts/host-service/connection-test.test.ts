/**
 * "Test connection" against loopback servers that answer as each vendor does: the probe each
 * service gets, the auth it carries, and the outcome an admin reads for every way it can go.
 */
import aws4 from 'aws4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMessage } from '../../../core/messages/format.js';
import type { StoredCredential } from '../../credentials/provider.js';
import { createUndiciTransport, type UndiciTransport } from '../../http/undici-transport.js';
import { sendJson, startTestServer, type TestServer } from '../../../test/support/http-server.js';
import { connectedAppKeys, jwtTokenEndpoint } from '../../../test/support/salesforce-jwt.js';
import { testConnection } from './connection-test.js';

const sfApp = connectedAppKeys();

let server: TestServer;
let transport: UndiciTransport;

const GENESYS_NO_USER = {
  message: 'This request requires a user context. Client credentials cannot be used for requests to this resource.',
  code: 'bad.request',
  status: 400,
};

beforeAll(async () => {
  transport = createUndiciTransport();
  server = await startTestServer((req, res) => {
    const sfToken = jwtTokenEndpoint({
      publicKey: sfApp.publicKey,
      clientId: 'consumer-1',
      username: 'integration@acme.example',
      audience: server.url,
      instanceUrl: server.url,
      accessToken: 'sf-session-1',
    });
    if (sfToken(req, res)) return;
    const auth = req.headers.authorization ?? '';
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    if (req.method === 'POST' && req.path === '/oauth/token') {
      if (auth !== basic('client-1', 'right-secret')) return sendJson(res, 401, { error: 'invalid_client' });
      return sendJson(res, 200, { access_token: 'tok-abc-123', token_type: 'bearer', expires_in: 3600 });
    }
    if (req.path === '/api/v2/users/me') {
      if (auth !== 'Bearer tok-abc-123') return sendJson(res, 401, { message: 'Invalid login credentials.' });
      return sendJson(res, 400, GENESYS_NO_USER);
    }
    if (req.path === '/api/v2/users/me.json') {
      if (auth !== basic('agent@example.com/token', 'zd-token-1'))
        return sendJson(res, 401, { error: "Couldn't authenticate you" });
      return sendJson(res, 200, { user: { id: 1, role: 'admin' } });
    }
    if (req.path === '/api/now/table/sys_user?sysparm_limit=1') {
      if (auth === basic('readonly', 'pw-1234'))
        return sendJson(res, 403, { error: { message: 'Insufficient rights' } });
      if (auth !== basic('admin', 'pw-5678'))
        return sendJson(res, 401, { error: { message: 'User Not Authenticated' } });
      return sendJson(res, 200, { result: [{ sys_id: 'x' }] });
    }
    if (req.path === '/services/data/v60.0/limits') {
      if (auth !== 'Bearer sf-session-1') return sendJson(res, 401, [{ errorCode: 'INVALID_SESSION_ID' }]);
      return sendJson(res, 200, { DailyApiRequests: { Max: 15000, Remaining: 14998 } });
    }
    if (req.path === '/?Action=GetCallerIdentity&Version=2011-06-15') {
      // STS: re-sign what arrived (aws4, signing name sts) and compare, as AWS does.
      const signed = /SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
      const headers: Record<string, string> = {};
      for (const name of signed?.[1]?.split(';') ?? []) headers[name] = String(req.headers[name] ?? '');
      const expected = aws4.sign(
        {
          host: String(req.headers.host),
          path: req.path,
          method: 'GET',
          headers,
          service: 'sts',
          region: 'eu-west-1',
          doNotModifyHeaders: true,
        },
        { accessKeyId: 'AKIDSTS', secretAccessKey: 'aws-secret-1' },
      ).headers.Authorization;
      if (!signed || !auth.includes('Credential=AKIDSTS/') || !expected?.endsWith(`Signature=${signed[2]}`)) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        return res.end('<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>');
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end(
        '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/flowdesk</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>',
      );
    }
    sendJson(res, 404, { error: 'not found' });
  });
});

afterAll(async () => {
  await transport.close();
  await server.close();
});

function provider(credentials: Record<string, StoredCredential>) {
  return { get: async (name: string) => credentials[name] };
}

const genesys: StoredCredential = {
  kind: 'oauth2',
  fields: { tokenUrl: '', clientId: 'client-1', clientSecret: 'right-secret' },
};

async function probe(
  service: 'genesys' | 'zendesk' | 'servicenow' | 'salesforce' | 'aws',
  credential: StoredCredential,
  baseUrl = server.url,
) {
  const withToken =
    credential.kind === 'oauth2'
      ? { ...credential, fields: { ...credential.fields, tokenUrl: `${server.url}/oauth/token` } }
      : credential;
  const result = await testConnection(
    { name: 'c', service, baseUrl },
    { credentials: provider({ c: withToken }), transport },
  );
  return { ...result, text: formatMessage(result.message, 'en') };
}

describe('testConnection', () => {
  it('Genesys: a token is issued and users/me answers 400 for a client without a user → ok, said plainly', async () => {
    const before = server.seen.length;
    const r = await probe('genesys', genesys);
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('client-credentials token has no user');
    expect(server.seen.slice(before).map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /oauth/token',
      'GET /api/v2/users/me',
    ]);
  });

  it('Genesys: the token endpoint refusing the secret → wrong secret (token stage)', async () => {
    const r = await probe('genesys', { ...genesys, fields: { ...genesys.fields, clientSecret: 'wrong' } });
    expect(r).toMatchObject({ outcome: 'wrong-secret', status: 401 });
    expect(r.text).toBe(
      "Wrong secret: the token endpoint refused the client ID or secret (401). Check the credential's values.",
    );
  });

  it('Zendesk: GET /api/v2/users/me.json with the API token → ok; a wrong token → wrong secret', async () => {
    const good = await probe('zendesk', {
      kind: 'zendeskApiToken',
      fields: { email: 'agent@example.com', token: 'zd-token-1' },
    });
    expect(good).toMatchObject({ outcome: 'ok', status: 200 });
    expect(good.text).toBe(
      `Connected: Zendesk accepted the credential (200 from GET ${server.url}/api/v2/users/me.json).`,
    );
    const bad = await probe('zendesk', {
      kind: 'zendeskApiToken',
      fields: { email: 'agent@example.com', token: 'nope-nope' },
    });
    expect(bad).toMatchObject({ outcome: 'wrong-secret', status: 401 });
    expect(bad.text).not.toContain('nope-nope');
  });

  it('ServiceNow: sys_user?sysparm_limit=1 → ok; an account without rights → not allowed (403)', async () => {
    expect(
      await probe('servicenow', { kind: 'basic', fields: { username: 'admin', password: 'pw-5678' } }),
    ).toMatchObject({
      outcome: 'ok',
    });
    const forbidden = await probe('servicenow', {
      kind: 'basic',
      fields: { username: 'readonly', password: 'pw-1234' },
    });
    expect(forbidden).toMatchObject({ outcome: 'forbidden', status: 403 });
    expect(forbidden.text).toContain('The secret works, but ServiceNow does not allow this request (403)');
  });

  it('Salesforce: GET /services/data/v60.0/limits with the bearer token → ok', async () => {
    expect(await probe('salesforce', { kind: 'bearer', fields: { token: 'sf-session-1' } })).toMatchObject({
      outcome: 'ok',
      status: 200,
    });
  });

  it('Salesforce JWT bearer: the signed assertion gets a token, limits answers → ok; a key the app does not know → wrong secret', async () => {
    const jwt = (privateKey: string): StoredCredential => ({
      kind: 'salesforceJwt',
      fields: { clientId: 'consumer-1', username: 'integration@acme.example', privateKey, loginUrl: server.url },
    });
    expect(await probe('salesforce', jwt(sfApp.privateKeyPem))).toMatchObject({ outcome: 'ok', status: 200 });
    const bad = await probe('salesforce', jwt(connectedAppKeys().privateKeyPem));
    expect(bad).toMatchObject({ outcome: 'wrong-secret', status: 400 });
    expect(bad.message.params).toMatchObject({ stage: 'token' });
  });

  it('AWS: STS GetCallerIdentity signed for sts (whatever service the key is for) → ok; a wrong secret → wrong secret', async () => {
    const key = (secret: string): StoredCredential => ({
      kind: 'awsSigV4',
      fields: { accessKeyId: 'AKIDSTS', secretAccessKey: secret, region: 'eu-west-1', service: 's3' },
    });
    const good = await probe('aws', key('aws-secret-1'));
    expect(good).toMatchObject({ outcome: 'ok', status: 200 });
    expect(good.text).toBe(`Connected: AWS accepted the credential (200 from GET ${server.url}/).`);
    const bad = await probe('aws', key('aws-secret-2'));
    expect(bad).toMatchObject({ outcome: 'wrong-secret', status: 403 });
    expect(bad.text).not.toContain('aws-secret-2');
  });

  it('an origin the credential is not allowed for → not allowed origin, and nothing is sent', async () => {
    const before = server.seen.length;
    const r = await probe('salesforce', {
      kind: 'bearer',
      fields: { token: 'sf-session-1' },
      allowedOrigins: ['https://acme.my.salesforce.com'],
    });
    expect(r.outcome).toBe('origin-not-allowed');
    expect(r.text).toBe(
      `Not an allowed origin: this credential may be sent only to https://acme.my.salesforce.com, not ${server.url}. Add the origin to the credential or test against one it allows.`,
    );
    expect(server.seen.length).toBe(before);
  });

  it('nothing listening → unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await probe(
      'zendesk',
      { kind: 'zendeskApiToken', fields: { email: 'a@b.c', token: 'zd-token-1' } },
      `http://127.0.0.1:${port}`,
    );
    expect(r.outcome).toBe('unreachable');
    expect(r.text).toMatch(/^Unreachable: http:\/\/127\.0\.0\.1:\d+ could not be reached/);
  });

  it('a wrong address (404) → unexpected, naming the URL; plain http off loopback and unknown names are refused', async () => {
    const wrong = await probe(
      'zendesk',
      { kind: 'zendeskApiToken', fields: { email: 'a@b.c', token: 'zd-token-1' } },
      `${server.url}/wrong`,
    );
    expect(wrong).toMatchObject({ outcome: 'unexpected', status: 404 });
    const plain = await probe('zendesk', { kind: 'bearer', fields: { token: 't-1234' } }, 'http://acme.zendesk.com');
    expect(plain.message.code).toBe('connection.bad-url');
    const missing = await testConnection(
      { name: 'nope', service: 'zendesk', baseUrl: server.url },
      { credentials: provider({}), transport },
    );
    expect(missing.message.code).toBe('connection.no-credential');
  });
});
