/**
 * AWS Signature V4: the algorithm against AWS's published examples (the SigV4 test suite and
 * the IAM and S3 documentation), then signed requests through the real HTTP client to a
 * loopback server that re-signs what it received with an independent implementation (aws4).
 */
import aws4 from 'aws4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { RequestTrace } from '../../core/trace.js';
import { sendJson, startTestServer, type SeenRequest, type TestServer } from '../../test/support/http-server.js';
import { Redactor } from '../redactor.js';
import { awsSigV4Headers, sha256Hex, signingKey, sigV4Sign, type AwsSigningKey } from './aws-sigv4.js';
import { createHttpClient, HttpError } from './http-client.js';
import { createTokenCache } from './token-cache.js';
import { createUndiciTransport, type UndiciTransport } from './undici-transport.js';

const SUITE_KEY: AwsSigningKey = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
};
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SUITE_DATE = '20150830T123600Z';
const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

interface SuiteCase {
  name: string;
  method: string;
  /** Path and query as the request line has them. */
  target: string;
  headers?: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

// Cases of the AWS Signature Version 4 test suite (aws-sig-v4-test-suite, as published with the
// SigV4 documentation), signed with the suite's key, date, region and service.
const SUITE: SuiteCase[] = [
  {
    name: 'get-vanilla',
    method: 'GET',
    target: '/',
    canonicalRequest: `GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63`,
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    target: '/?Param2=value2&Param1=value1',
    canonicalRequest: `GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0`,
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-query-order-encoded',
    method: 'GET',
    target: '/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1',
    canonicalRequest: `GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\n868294f5c38bd141c4972a373a76654f1418a8e4fc18b2e7903ae45e8ae0ec71`,
    signature: '371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac',
  },
  {
    name: 'get-vanilla-query-unreserved',
    method: 'GET',
    target:
      '/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    canonicalRequest: `GET\n/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\nc30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177`,
    signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
  },
  {
    name: 'get-vanilla-utf8-query',
    method: 'GET',
    target: '/?ሴ=bar',
    canonicalRequest: `GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\neb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073`,
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    target: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    canonicalRequest: `GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\n6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9`,
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    target: '/',
    headers: { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' },
    canonicalRequest: `GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:${SUITE_DATE}\n\nhost;my-header1;my-header2;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\na726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7`,
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-header-key-sort',
    method: 'POST',
    target: '/',
    headers: { 'My-Header1': 'value1' },
    canonicalRequest: `POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:${SUITE_DATE}\n\nhost;my-header1;x-amz-date\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\n9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65`,
    signature: 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c',
  },
  {
    name: 'post-sts-header-before',
    method: 'POST',
    target: '/',
    headers: { 'X-Amz-Security-Token': STS_TOKEN },
    canonicalRequest: `POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:${SUITE_DATE}\nx-amz-security-token:${STS_TOKEN}\n\nhost;x-amz-date;x-amz-security-token\n${EMPTY_HASH}`,
    stringToSign: `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/service/aws4_request\nc237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6`,
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
];

describe('AWS Signature V4 — the published examples', () => {
  it.each(SUITE)('$name: canonical request, string to sign and signature as AWS publishes them', (c) => {
    const parts = sigV4Sign(
      {
        method: c.method,
        url: new URL(`https://example.amazonaws.com${c.target}`),
        headers: { host: 'example.amazonaws.com', 'x-amz-date': SUITE_DATE, ...c.headers },
        payloadHash: EMPTY_HASH,
      },
      SUITE_KEY,
    );
    expect(parts.canonicalRequest).toBe(c.canonicalRequest);
    expect(parts.stringToSign).toBe(c.stringToSign);
    expect(parts.signature).toBe(c.signature);
    const signed = c.canonicalRequest.split('\n').at(-2);
    expect(parts.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signed}, Signature=${c.signature}`,
    );
  });

  it('derives the signing key of the IAM user guide example', () => {
    const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });

  it('signs the S3 GetObject example with x-amz-content-sha256 (the S3 API reference)', () => {
    const parts = sigV4Sign(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: {
          host: 'examplebucket.s3.amazonaws.com',
          range: 'bytes=0-9',
          'x-amz-content-sha256': EMPTY_HASH,
          'x-amz-date': '20130524T000000Z',
        },
        payloadHash: EMPTY_HASH,
      },
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
      },
    );
    expect(parts.stringToSign.split('\n').at(-1)).toBe(
      '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
    );
    expect(parts.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('encodes the path once more for other services and once for S3', () => {
    const input = (service: string) =>
      sigV4Sign(
        {
          method: 'GET',
          url: new URL('https://h.example/recordings/call%201.wav'),
          headers: { host: 'h.example', 'x-amz-date': SUITE_DATE },
          payloadHash: EMPTY_HASH,
        },
        { ...SUITE_KEY, service },
      ).canonicalRequest.split('\n')[1];
    expect(input('s3')).toBe('/recordings/call%201.wav');
    expect(input('execute-api')).toBe('/recordings/call%25201.wav');
  });

  it('adds x-amz-date, x-amz-content-sha256 and the session token, and signs them with host', () => {
    const headers = awsSigV4Headers(
      {
        method: 'PUT',
        url: new URL('https://bucket.s3.ap-northeast-1.amazonaws.com/a.json'),
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'x' },
        body: '{"a":1}',
      },
      { ...SUITE_KEY, service: 's3', region: 'ap-northeast-1', sessionToken: 'session-token-1' },
      Date.UTC(2026, 0, 2, 3, 4, 5),
    );
    expect(headers['x-amz-date']).toBe('20260102T030405Z');
    expect(headers['x-amz-content-sha256']).toBe(sha256Hex('{"a":1}'));
    expect(headers['x-amz-security-token']).toBe('session-token-1');
    expect(headers.Authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/ap-northeast-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });
});

describe('AWS Signature V4 — signed requests reach a server that checks them', () => {
  const SECRET = 'loopback-secret-access-key-0123456789/abc+';
  const SESSION = 'loopback-session-token-FwoGZXIvYXdzE';
  let server: TestServer;
  let transport: UndiciTransport;

  /** Re-signs what arrived with aws4 over the headers the request says it signed. */
  function verdict(s: SeenRequest, service: string, region: string): string | undefined {
    const auth = String(s.headers.authorization ?? '');
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!match) return `malformed Authorization: ${auth}`;
    const [, keyId, , gotRegion, gotService, signedHeaders, signature] = match;
    if (keyId !== 'AKIDLOOPBACK' || gotRegion !== region || gotService !== service) return 'wrong scope';
    if (s.headers['x-amz-content-sha256'] !== sha256Hex(s.body)) return 'x-amz-content-sha256 is not the body hash';
    for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
      if (!signedHeaders!.split(';').includes(required)) return `${required} is not signed`;
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaders!.split(';')) headers[name] = String(s.headers[name] ?? '');
    const expected = aws4.sign(
      {
        host: String(s.headers.host),
        path: s.path,
        method: s.method,
        headers,
        body: s.body,
        service,
        region,
        doNotModifyHeaders: true,
      },
      { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: SECRET, sessionToken: SESSION },
    );
    const want = /Signature=([0-9a-f]{64})/.exec(expected.headers.Authorization ?? '')?.[1];
    return want === signature ? undefined : `signature ${signature} is not the expected ${want}`;
  }

  let expectService = 's3';
  beforeAll(async () => {
    server = await startTestServer((s, res) => {
      const problem = verdict(s, expectService, 'ap-northeast-1');
      if (problem) sendJson(res, 403, { message: problem });
      else sendJson(res, 200, { ok: true, path: s.path });
    });
    transport = createUndiciTransport();
  });
  afterAll(async () => {
    await transport.close();
    await server.close();
  });

  function client(service: string, secret = SECRET) {
    const credential: ResolvedCredential = {
      name: 'aws-recordings',
      kind: 'awsSigV4',
      fields: {
        accessKeyId: 'AKIDLOOPBACK',
        secretAccessKey: secret,
        sessionToken: SESSION,
        region: 'ap-northeast-1',
        service,
      },
    };
    const redactor = new Redactor();
    redactor.add(secret);
    redactor.add(SESSION);
    const traces: RequestTrace[] = [];
    const http = createHttpClient({
      nodeName: 'fetchRecording',
      transport,
      credential: async () => credential,
      tokens: createTokenCache(),
      redactor,
      onRequest: (t) => traces.push(t),
      sleep: async () => undefined,
      signal: new AbortController().signal,
    });
    return { http, traces };
  }

  const retry = { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 };

  it('an S3 GET with a query and a key that needs encoding is accepted', async () => {
    expectService = 's3';
    const { http, traces } = client('s3');
    const result = await http.send({
      method: 'GET',
      url: `${server.url}/recordings/2026/call%201.wav?versionId=a+b&x-id=GetObject`,
      authSlot: 'auth',
      timeoutMs: 30_000,
      retry,
      maxResponseBytes: 1 << 20,
    });
    expect(result.status).toBe(200);
    const text = JSON.stringify(traces);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SESSION);
    const sent = server.seen.at(-1)!;
    expect(sent.headers['x-amz-security-token']).toBe(SESSION);
    expect(JSON.stringify(sent.headers)).not.toContain(SECRET);
  });

  it('a JSON POST to another service (body hash, content type) is accepted', async () => {
    expectService = 'execute-api';
    const { http } = client('execute-api');
    const result = await http.send({
      method: 'POST',
      url: `${server.url}/prod/contacts`,
      headers: { 'X-Custom': '  spaced   value ' },
      body: { caller: '+81312345678', note: 'ACW done — 日本語' },
      authSlot: 'auth',
      timeoutMs: 30_000,
      retry,
      maxResponseBytes: 1 << 20,
    });
    expect(result.status).toBe(200);
    expect(server.seen.at(-1)!.headers.authorization).toContain('content-type;host;x-amz-content-sha256;x-amz-date');
  });

  it('a wrong secret is refused by the server, and the trace still holds no secret', async () => {
    expectService = 's3';
    const wrong = 'not-the-secret-access-key-987654321';
    const { http, traces } = client('s3', wrong);
    const error = await http
      .send({
        method: 'GET',
        url: `${server.url}/x`,
        authSlot: 'auth',
        timeoutMs: 30_000,
        retry,
        maxResponseBytes: 1 << 20,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).failure.status).toBe(403);
    expect(JSON.stringify(traces)).not.toContain(wrong);
  });
});
