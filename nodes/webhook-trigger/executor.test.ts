import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../core/credentials.js';
import type { FlowNode } from '../../core/flow.js';
import { formatMessage } from '../../core/messages/format.js';
import type { Message } from '../../core/messages/message.js';
import { NodeError } from '../../core/node-type.js';
import { prepareNode, runNode } from '../../test/support/exec-context.js';
import { compileInputSchema, verifyWebhookRequest, webhookTriggerExecutor } from './executor.js';
import { webhookTriggerManifest, type WebhookTriggerConfig } from './manifest.js';

const payload = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../flows/payloads/${name}`, import.meta.url), 'utf8'));

const EVENT = payload('genesys-eventbridge-customer-end.json');

const node = (config: Partial<WebhookTriggerConfig>): FlowNode => ({
  id: 'n-trigger',
  type: 'webhookTrigger',
  version: 1,
  name: 'customerEnd',
  config: { ...webhookTriggerManifest.defaults, ...config },
});

const eventSchema = {
  type: 'object',
  required: ['detail'],
  properties: {
    detail: {
      type: 'object',
      required: ['eventBody'],
      properties: {
        eventBody: {
          type: 'object',
          required: ['conversationId'],
          properties: {
            conversationId: { type: 'string', format: 'uuid' },
            mediaType: { enum: ['CHAT', 'CALL', 'EMAIL', 'MESSAGE'] },
          },
        },
      },
    },
  },
};

const run = (config: Partial<WebhookTriggerConfig>, body: unknown) =>
  runNode(webhookTriggerExecutor, { node: node(config), scope: { trigger: { body, headers: {}, query: {} } } });

describe('webhookTrigger executor', () => {
  it('accepts the real EventBridge customer.end event, outputs the body and maps fields into vars', async () => {
    const { result } = await run(
      {
        inputSchema: eventSchema,
        fields: [
          { name: 'conversationId', path: '$.detail.eventBody.conversationId' },
          { name: 'mediaType', path: 'detail.eventBody.mediaType' },
          { name: 'contactIds', path: '$.detail.eventBody.conversationExternalContactIds[*]' },
          { name: 'wrapupCode', path: '$.detail.eventBody.wrapupCode' },
        ],
      },
      EVENT,
    );
    expect(result.port).toBe('out');
    expect(result.output).toBe(EVENT);
    expect(result.vars).toEqual({
      conversationId: '2f7bf00a-0fc2-4d6a-9b56-92238191433e',
      mediaType: 'CHAT',
      contactIds: ['12456349-b5c7-4d8f-9eb4-f4df18bce9a9'],
      wrapupCode: null,
    });
  });

  it('fails a body that does not match, saying where and what', async () => {
    const wrongType = structuredClone(EVENT);
    wrongType.detail.eventBody.conversationId = 12345;
    await expect(run({ inputSchema: eventSchema }, wrongType)).rejects.toMatchObject({
      name: 'NodeError',
      code: 'input-schema',
      message: "payload does not match the webhook's input schema: /detail/eventBody/conversationId must be string",
    });

    const missing = structuredClone(EVENT);
    delete missing.detail.eventBody.conversationId;
    missing.detail.eventBody.mediaType = 'FAX';
    const error = (await run({ inputSchema: eventSchema }, missing).catch((e: unknown) => e)) as NodeError;
    expect(error.message).toBe(
      'payload does not match the webhook\'s input schema: /detail/eventBody must have required property \'conversationId\'; /detail/eventBody/mediaType must be one of "CHAT", "CALL", "EMAIL", "MESSAGE"',
    );
    expect(error.details).toEqual({
      problems: [
        { pointer: '/detail/eventBody', message: "must have required property 'conversationId'" },
        { pointer: '/detail/eventBody/mediaType', message: 'must be one of "CHAT", "CALL", "EMAIL", "MESSAGE"' },
      ],
    });

    await expect(run({ inputSchema: eventSchema }, 'not json object')).rejects.toMatchObject({
      message: "payload does not match the webhook's input schema: the body must be object",
    });
  });

  it('checks formats and accepts a draft-07 schema as written', async () => {
    const bad = structuredClone(EVENT);
    bad.detail.eventBody.conversationId = 'not-a-uuid';
    await expect(run({ inputSchema: eventSchema }, bad)).rejects.toMatchObject({
      message: expect.stringMatching(/\/detail\/eventBody\/conversationId must match format "uuid"/),
    });
    const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['ConversationID'] };
    await expect(run({ inputSchema: draft7 }, { ConversationID: 'c' })).resolves.toBeTruthy();
  });

  it('refuses an invalid input schema when the flow loads, not per run', () => {
    expect(() => prepareNode(webhookTriggerExecutor, node({ inputSchema: { type: 'strnig' } }))).toThrow(
      /input schema is not a valid JSON Schema/,
    );
  });

  it('compiles the same schema text once, and keeps schemas with the same $id apart', async () => {
    expect(compileInputSchema(structuredClone(eventSchema))).toBe(compileInputSchema(structuredClone(eventSchema)));
    const asObject = { $id: 'https://example.com/survey.json', type: 'object' };
    const asString = { $id: 'https://example.com/survey.json', type: 'string' };
    expect(compileInputSchema(asObject)({})).toBe(true);
    expect(compileInputSchema(asString)({})).toBe(false);
    expect(compileInputSchema(asString)('text')).toBe(true);
    // A $ref to another flow's schema does not resolve through the shared cache.
    expect(() => compileInputSchema({ $ref: 'https://example.com/survey.json' })).toThrow(/can't resolve reference/);
  });

  it('runs without a schema or fields', async () => {
    const { result } = await run({}, { anything: true });
    expect(result).toEqual({ port: 'out', output: { anything: true }, vars: {} });
  });
});

describe('verifyWebhookRequest', () => {
  const body = JSON.stringify(payload('qualtrics-survey-response-dissatisfied.SAMPLE.json'));
  const apiKey: ResolvedCredential = {
    name: 'qualtrics-inbound',
    kind: 'apiKey',
    fields: { value: 'tok-ABC123-secret' },
  };
  const basic: ResolvedCredential = {
    name: 'inbound-basic',
    kind: 'basic',
    fields: { username: 'genesys', password: 'p@ss:word' },
  };
  const hmac: ResolvedCredential = { name: 'inbound-hmac', kind: 'hmac', fields: { secret: 'shh-signing-secret' } };
  const sign = (raw: string, secret = 'shh-signing-secret') => createHmac('sha256', secret).update(raw).digest('hex');

  it('lets anything through when auth is none', () => {
    expect(verifyWebhookRequest({ auth: { type: 'none' } }, undefined, { headers: {}, rawBody: body })).toEqual({
      ok: true,
    });
  });

  it('checks an API token header, any case, default X-API-TOKEN or a named header', () => {
    const config = { auth: { type: 'apiToken' as const } };
    expect(
      verifyWebhookRequest(config, apiKey, { headers: { 'x-api-token': 'tok-ABC123-secret' }, rawBody: body }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookRequest(config, apiKey, { headers: { 'X-API-TOKEN': ['tok-ABC123-secret'] }, rawBody: body }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookRequest(config, apiKey, { headers: { 'x-api-token': 'tok-ABC123-secreT' }, rawBody: body }),
    ).toMatchObject({
      ok: false,
      reason: 'X-API-TOKEN header does not match',
    });
    expect(verifyWebhookRequest(config, apiKey, { headers: {}, rawBody: body })).toMatchObject({
      ok: false,
      reason: 'missing X-API-TOKEN header',
    });
    const named = { auth: { type: 'apiToken' as const, headerName: 'X-Flow-Key' } };
    expect(
      verifyWebhookRequest(named, apiKey, { headers: { 'x-flow-key': 'tok-ABC123-secret' }, rawBody: body }).ok,
    ).toBe(true);
  });

  it('checks HTTP Basic (passwords may hold a colon)', () => {
    const config = { auth: { type: 'basic' as const } };
    const good = `Basic ${Buffer.from('genesys:p@ss:word').toString('base64')}`;
    const bad = `Basic ${Buffer.from('genesys:nope').toString('base64')}`;
    expect(verifyWebhookRequest(config, basic, { headers: { authorization: good }, rawBody: body })).toEqual({
      ok: true,
    });
    expect(verifyWebhookRequest(config, basic, { headers: { authorization: bad }, rawBody: body })).toMatchObject({
      ok: false,
      reason: 'user name or password does not match',
    });
    expect(
      verifyWebhookRequest(config, basic, { headers: { authorization: 'Bearer x' }, rawBody: body }),
    ).toMatchObject({
      ok: false,
      reason: 'missing Authorization: Basic header',
    });
  });

  it('checks an HMAC-SHA256 hex signature of the raw body, with or without sha256=', () => {
    const config = { auth: { type: 'hmac' as const } };
    const signature = sign(body);
    expect(verifyWebhookRequest(config, hmac, { headers: { 'x-signature': signature }, rawBody: body })).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookRequest(config, hmac, {
        headers: { 'x-signature': `sha256=${signature.toUpperCase()}` },
        rawBody: Buffer.from(body),
      }),
    ).toEqual({
      ok: true,
    });
    // One changed byte in the body, or the wrong secret, fails.
    expect(
      verifyWebhookRequest(config, hmac, { headers: { 'x-signature': signature }, rawBody: body.replace('1', '2') }),
    ).toMatchObject({
      ok: false,
      reason: 'X-Signature signature does not match the body',
    });
    expect(
      verifyWebhookRequest(config, hmac, { headers: { 'x-signature': sign(body, 'other') }, rawBody: body }).ok,
    ).toBe(false);
    expect(verifyWebhookRequest(config, hmac, { headers: { 'x-signature': 'zz' }, rawBody: body })).toMatchObject({
      ok: false,
      reason: 'X-Signature header is not a hex HMAC-SHA256 signature',
    });
    const named = { auth: { type: 'hmac' as const, signatureHeader: 'X-Hub-Signature-256' } };
    expect(
      verifyWebhookRequest(named, hmac, { headers: { 'x-hub-signature-256': `sha256=${signature}` }, rawBody: body })
        .ok,
    ).toBe(true);
  });

  it('refuses a missing or mismatched credential, and never echoes a secret', () => {
    expect(verifyWebhookRequest({ auth: { type: 'hmac' } }, undefined, { headers: {}, rawBody: body })).toMatchObject({
      ok: false,
      reason: 'the webhook has no credential to check callers against',
    });
    const wrongKind = verifyWebhookRequest({ auth: { type: 'hmac' } }, apiKey, {
      headers: { 'x-signature': sign(body) },
      rawBody: body,
    });
    expect(wrongKind).toMatchObject({
      ok: false,
      reason: 'credential "qualtrics-inbound" is a apiKey credential, which cannot check hmac callers',
    });
    const attempts = [
      verifyWebhookRequest({ auth: { type: 'apiToken' } }, apiKey, {
        headers: { 'x-api-token': 'wrong' },
        rawBody: body,
      }),
      verifyWebhookRequest({ auth: { type: 'basic' } }, basic, {
        headers: { authorization: 'Basic Zm9vOmJhcg==' },
        rawBody: body,
      }),
    ];
    for (const a of attempts) {
      expect(JSON.stringify(a)).not.toMatch(/tok-ABC123|p@ss|shh-signing/);
    }
  });
});

describe('webhookTrigger input schema patterns (issue 12, item 2)', () => {
  it('tests a pattern from the flow against a payload in linear time', async () => {
    const inputSchema = { type: 'object', properties: { id: { type: 'string', pattern: '(a+)+$' } } };
    await expect(run({ inputSchema }, { id: 'a'.repeat(28) + '!' })).rejects.toThrow(
      /payload does not match the webhook's input schema: \/id must match pattern/,
    );
    const { result } = await run({ inputSchema }, { id: 'aaaa' });
    expect(result.port).toBe('out');
  });

  it('refuses, in validation and at load, a pattern the linear-time engine cannot run', () => {
    const inputSchema = { type: 'object', patternProperties: { '^(?!x)': { type: 'string' } } };
    expect(webhookTriggerManifest.check?.({ ...webhookTriggerManifest.defaults, inputSchema })).toContainEqual({
      pointer: '/inputSchema/patternProperties/^(?!x)',
      code: 'webhook.schema-pattern',
      params: { problem: expect.stringMatching(/lookahead/) },
      message: expect.stringMatching(/the input schema's pattern cannot be used: .*lookahead/),
    });
    expect(() => compileInputSchema({ type: 'string', pattern: '(a)\\1' })).toThrow(
      /input schema is not a valid JSON Schema: .*backreference/,
    );
  });
});

describe('verifyWebhookRequest: signature schemes', () => {
  const hmac = (secret: string): ResolvedCredential => ({ name: 'inbound', kind: 'hmac', fields: { secret } });

  it('checks a base64 HMAC-SHA256 of the body (Shopify style)', () => {
    const body = '{"id":820982911946154508}';
    const config = {
      auth: { type: 'hmac' as const, signatureFormat: 'base64' as const, signatureHeader: 'X-Shopify-Hmac-Sha256' },
    };
    const signature = createHmac('sha256', 'shpss_secret').update(body).digest('base64');
    const check = (sig: string, raw = body) =>
      verifyWebhookRequest(config, hmac('shpss_secret'), { headers: { 'x-shopify-hmac-sha256': sig }, rawBody: raw });
    expect(check(signature)).toEqual({ ok: true });
    expect(check(signature, body.replace('8', '9'))).toMatchObject({
      ok: false,
      reason: 'X-Shopify-Hmac-Sha256 signature does not match the body',
    });
    // The hex form of the same MAC is not accepted where base64 is configured.
    expect(check(createHmac('sha256', 'shpss_secret').update(body).digest('hex')).ok).toBe(false);
  });

  // Slack's documented example ("Verifying requests from Slack", api.slack.com/authentication/verifying-requests-from-slack).
  const slackBody =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const slackHeaders = {
    'x-slack-request-timestamp': '1531420618',
    'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  };
  const slack = { auth: { type: 'hmac' as const, signatureFormat: 'slack' as const } };
  const slackSecret = hmac('8f742231b10e8888abcd99yyyzzz85a5');

  it("checks Slack's v0 signature over the timestamp and body, inside the replay window only", () => {
    const signedAt = 1531420618 * 1000;
    expect(
      verifyWebhookRequest(slack, slackSecret, { headers: slackHeaders, rawBody: slackBody, now: signedAt + 60_000 }),
    ).toEqual({ ok: true });
    // The form's generic default header stands for Slack's own header with this format.
    const filledIn = { auth: { ...slack.auth, signatureHeader: 'X-Signature' } };
    expect(
      verifyWebhookRequest(filledIn, slackSecret, { headers: slackHeaders, rawBody: slackBody, now: signedAt }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookRequest(slack, slackSecret, { headers: slackHeaders, rawBody: slackBody, now: signedAt + 301_000 }),
    ).toMatchObject({
      ok: false,
      reason: 'X-Slack-Request-Timestamp is 301 s away from now, outside the 300 s replay window',
    });
    // The same signature with another timestamp (a replay made to look fresh) fails.
    expect(
      verifyWebhookRequest(slack, slackSecret, {
        headers: { ...slackHeaders, 'x-slack-request-timestamp': '1531420700' },
        rawBody: slackBody,
        now: signedAt,
      }),
    ).toMatchObject({ ok: false, reason: 'X-Slack-Signature signature does not match the timestamp and body' });
    expect(
      verifyWebhookRequest(slack, slackSecret, {
        headers: { 'x-slack-signature': slackHeaders['x-slack-signature'] },
        rawBody: slackBody,
        now: signedAt,
      }),
    ).toMatchObject({ ok: false, reason: 'missing X-Slack-Request-Timestamp header' });
  });

  it('checks a Stripe-style t=…,v1=… signature, any of several v1, inside the replay window only', () => {
    const body = '{"id":"evt_1","type":"payment_intent.succeeded"}';
    const t = 1_700_000_000;
    const v1 = createHmac('sha256', 'whsec_test').update(`${t}.${body}`).digest('hex');
    const config = { auth: { type: 'hmac' as const, signatureFormat: 'stripe' as const, toleranceSeconds: 600 } };
    const check = (value: string, now = t * 1000) =>
      verifyWebhookRequest(config, hmac('whsec_test'), { headers: { 'stripe-signature': value }, rawBody: body, now });
    expect(check(`t=${t},v1=${v1}`)).toEqual({ ok: true });
    expect(check(`t=${t},v1=${'0'.repeat(64)},v1=${v1},v0=${'1'.repeat(64)}`)).toEqual({ ok: true });
    expect(check(`t=${t},v1=${v1}`, (t + 601) * 1000)).toMatchObject({
      ok: false,
      reason: 'Stripe-Signature timestamp is 601 s away from now, outside the 600 s replay window',
    });
    expect(check(`t=${t + 1},v1=${v1}`)).toMatchObject({
      ok: false,
      reason: 'Stripe-Signature signature does not match the timestamp and body',
    });
    expect(check(`v1=${v1}`)).toMatchObject({
      ok: false,
      reason: 'Stripe-Signature header has no t= timestamp or v1= signature',
    });
  });

  describe("Twilio's X-Twilio-Signature (the twilio-python / twilio-node test vector)", () => {
    const vector = payload('twilio-request-signature-test-vector.json');
    const twilio = { auth: { type: 'twilio' as const } };
    const token = hmac(vector.authToken as string);
    const form = new URLSearchParams(vector.params as Record<string, string>).toString();
    const formHeaders = (signature: string) => ({
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
    });

    it('checks the URL and the form parameters sorted by name', () => {
      expect(
        verifyWebhookRequest(twilio, token, {
          headers: formHeaders(vector.expectedSignature),
          rawBody: form,
          url: vector.url,
        }),
      ).toEqual({ ok: true });
      // Another address (a proxy's internal one), a changed parameter, or no URL at all fail.
      expect(
        verifyWebhookRequest(twilio, token, {
          headers: formHeaders(vector.expectedSignature),
          rawBody: form,
          url: 'http://10.0.0.5:8080/myapp.php?foo=1&bar=2',
        }),
      ).toMatchObject({ ok: false, reason: 'X-Twilio-Signature signature does not match the URL and parameters' });
      expect(
        verifyWebhookRequest(twilio, token, {
          headers: formHeaders(vector.expectedSignature),
          rawBody: form.replace('Digits=1234', 'Digits=9999'),
          url: vector.url,
        }).ok,
      ).toBe(false);
      expect(
        verifyWebhookRequest(twilio, token, { headers: formHeaders(vector.expectedSignature), rawBody: form }),
      ).toMatchObject({
        ok: false,
        reason: 'the server does not know the URL callers use (set --public-url) to check a Twilio signature',
      });
    });

    it('signs each repeated parameter value once, sorted', () => {
      const dup = vector.duplicateParams_python_tests;
      expect(
        verifyWebhookRequest(twilio, token, {
          headers: formHeaders(dup.expectedSignature),
          rawBody: dup.query,
          url: vector.url,
        }),
      ).toEqual({ ok: true });
    });

    it('accepts a URL signed with or without its default port, like Twilio’s own validators', () => {
      const ports = vector.portVariants_python_tests;
      const check = (url: string, signature: string) =>
        verifyWebhookRequest(twilio, token, { headers: formHeaders(signature), rawBody: form, url }).ok;
      expect(check('https://mycompany.com/myapp.php?foo=1&bar=2', ports.https_url_with_port_443_expected)).toBe(true);
      expect(check('https://mycompany.com:443/myapp.php?foo=1&bar=2', vector.expectedSignature)).toBe(true);
      expect(check('http://mycompany.com/myapp.php?foo=1&bar=2', ports.http_url_with_port_80_expected)).toBe(true);
      expect(check('http://mycompany.com:1234/myapp.php?foo=1&bar=2', ports.http_url_with_port_1234_expected)).toBe(
        true,
      );
      // A non-default port is part of the address: it cannot be left out.
      expect(check('http://mycompany.com/myapp.php?foo=1&bar=2', ports.http_url_with_port_1234_expected)).toBe(false);
    });

    it('checks a JSON body through the bodySHA256 the signed URL carries', () => {
      const json = vector.jsonBodyVariant;
      const headers = { 'content-type': 'application/json', 'x-twilio-signature': json.expectedSignature };
      expect(verifyWebhookRequest(twilio, token, { headers, rawBody: json.body, url: json.url })).toEqual({ ok: true });
      expect(
        verifyWebhookRequest(twilio, token, { headers, rawBody: json.body.replace('value', 'other'), url: json.url }),
      ).toMatchObject({ ok: false, reason: 'bodySHA256 does not match the body' });
    });
  });
});

describe('verifyWebhookRequest: hash and prefix of a generic HMAC', () => {
  const hmac = (secret: string): ResolvedCredential => ({ name: 'inbound', kind: 'hmac', fields: { secret } });
  // Published vectors: RFC 2202 test case 2 (SHA-1), RFC 4231 test case 2 (SHA-512), GitHub's
  // "Validating webhook deliveries" example (SHA-256).
  const rfcBody = 'what do ya want for nothing?';
  const SHA1 = 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79';
  const SHA512 =
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737';

  it('checks HMAC-SHA1 with the sha1= prefix GitHub used in X-Hub-Signature', () => {
    const config = {
      auth: { type: 'hmac' as const, algorithm: 'sha1' as const, signatureHeader: 'X-Hub-Signature' },
    };
    const check = (sig: string) =>
      verifyWebhookRequest(config, hmac('Jefe'), { headers: { 'x-hub-signature': sig }, rawBody: rfcBody });
    expect(check(`sha1=${SHA1}`)).toEqual({ ok: true });
    expect(check(SHA1)).toEqual({ ok: true });
    // A SHA-256 signature where SHA-1 is configured is refused by its form.
    expect(check('757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17')).toMatchObject({
      ok: false,
      reason: 'X-Hub-Signature header is not a hex HMAC-SHA1 signature',
    });
  });

  it('checks HMAC-SHA512 in hex and base64, with a required prefix when one is configured', () => {
    const hex = { auth: { type: 'hmac' as const, algorithm: 'sha512' as const, signaturePrefix: 'v1=' } };
    const check = (config: typeof hex, sig: string, raw = rfcBody) =>
      verifyWebhookRequest(config, hmac('Jefe'), { headers: { 'x-signature': sig }, rawBody: raw });
    expect(check(hex, `v1=${SHA512}`)).toEqual({ ok: true });
    expect(check(hex, SHA512)).toMatchObject({ ok: false, reason: 'X-Signature header does not start with v1=' });
    expect(check(hex, `v1=${SHA512}`, `${rfcBody} `)).toMatchObject({
      ok: false,
      reason: 'X-Signature signature does not match the body',
    });
    const base64 = { auth: { ...hex.auth, signatureFormat: 'base64' as const } };
    expect(check(base64, `v1=${Buffer.from(SHA512, 'hex').toString('base64')}`)).toEqual({ ok: true });
    expect(check(base64, `v1=${SHA512}`)).toMatchObject({
      ok: false,
      reason: 'X-Signature header is not a base64 HMAC-SHA512 signature',
    });
  });

  it('keeps SHA-256 the default, as GitHub signs X-Hub-Signature-256', () => {
    const config = { auth: { type: 'hmac' as const, signatureHeader: 'X-Hub-Signature-256' } };
    expect(
      verifyWebhookRequest(config, hmac("It's a Secret to Everybody"), {
        headers: {
          'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        },
        rawBody: 'Hello, World!',
      }),
    ).toEqual({ ok: true });
  });
});

describe('webhookTrigger fields from headers and query, and the EventBridge preset', () => {
  const runWith = (
    config: Partial<WebhookTriggerConfig>,
    trigger: { body: unknown; headers?: Record<string, string>; query?: Record<string, string> },
  ) =>
    runNode(webhookTriggerExecutor, {
      node: node(config),
      scope: { trigger: { body: trigger.body, headers: trigger.headers ?? {}, query: trigger.query ?? {} } },
    });

  it('maps a header (any case, $. tolerated) and a query parameter beside body fields', async () => {
    const { result } = await runWith(
      {
        fields: [
          { name: 'requestId', from: 'headers', path: 'X-Request-Id' },
          { name: 'source', from: 'query', path: '$.source' },
          { name: 'missing', from: 'headers', path: 'X-Nothing' },
          { name: 'conversationId', path: '$.detail.eventBody.conversationId' },
        ],
      },
      { body: EVENT, headers: { 'x-request-id': 'req-77' }, query: { source: 'genesys' } },
    );
    expect(result.vars).toEqual({
      requestId: 'req-77',
      source: 'genesys',
      missing: null,
      conversationId: '2f7bf00a-0fc2-4d6a-9b56-92238191433e',
    });
  });

  it("puts the real customer.end event's usual fields into vars, an own row going over the preset's", async () => {
    const { result } = await runWith(
      { preset: 'genesysEventBridge', fields: [{ name: 'mediaType', path: '$.detail.eventBody.provider' }] },
      { body: EVENT },
    );
    expect(result.vars).toEqual({
      conversationId: '2f7bf00a-0fc2-4d6a-9b56-92238191433e',
      eventType: 'v2.detail.events.conversation.{id}.customer.end',
      topicName: 'v2.detail.events.conversation.2f7bf00a-0fc2-4d6a-9b56-92238191433e.customer.end',
      eventTime: 1649237504949,
      participantId: '9fb2ca78-8389-4758-b76a-9b0300de1fce',
      userId: null,
      queueId: null,
      mediaType: 'PureCloud Webchat v2',
      direction: 'INBOUND',
      eventBody: EVENT.detail.eventBody,
    });
    expect(
      webhookTriggerManifest.varsOut!({ preset: 'genesysEventBridge', fields: [{ name: 'x', path: '$.a' }] }),
    ).toEqual(expect.arrayContaining(['conversationId', 'eventType', 'eventBody', 'x']));
  });

  it('takes the conversation id from the topic name when the event body has none', async () => {
    const event = structuredClone(EVENT);
    delete event.detail.eventBody.conversationId;
    const { result } = await runWith({ preset: 'genesysEventBridge' }, { body: event });
    expect(result.vars!.conversationId).toBe('2f7bf00a-0fc2-4d6a-9b56-92238191433e');
    const presence = payload('genesys-eventbridge-audit-userpresence-change.json');
    const audit = await runWith({ preset: 'genesysEventBridge' }, { body: presence });
    expect(audit.result.vars).toMatchObject({ conversationId: null, userId: '278522be-1683-4877-8257-4164a177be89' });
  });

  it('fails a body that is not an EventBridge event, naming what is missing', async () => {
    await expect(
      runWith({ preset: 'genesysEventBridge' }, { body: payload('genesys-event-customer-end-test-body.json') }),
    ).rejects.toMatchObject({ code: 'webhook-body', message: expect.stringMatching(/detail is missing/) });
  });

  it('reads a form post with a JSON text field and hands the flow the decoded body', async () => {
    const { result } = await runWith(
      { jsonFields: ['TaskAttributes'], fields: [{ name: 'ticket', path: '$.TaskAttributes.zd_ticket_id' }] },
      {
        body: 'TaskSid=WT123&TaskAttributes=%7B%22zd_ticket_id%22%3A%221234%22%7D',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(result.vars).toEqual({ ticket: '1234' });
    expect(result.triggerBody).toEqual({ TaskSid: 'WT123', TaskAttributes: { zd_ticket_id: '1234' } });
    expect(result.output).toBe(result.triggerBody);
  });
});

describe('verifyWebhookRequest: refusals as messages', () => {
  it('gives each refusal a code that words it in Japanese too, with the English reason unchanged', () => {
    const verdict = verifyWebhookRequest(
      { auth: { type: 'hmac', signatureFormat: 'slack' } },
      { name: 'slack', kind: 'hmac', fields: { secret: 's' } },
      {
        headers: { 'x-slack-request-timestamp': '1531420618', 'x-slack-signature': 'v0=00' },
        rawBody: 'a=b',
        now: 1531420618_000 + 600_000,
      },
    );
    expect(verdict).toEqual({
      ok: false,
      reason: 'X-Slack-Request-Timestamp is 600 s away from now, outside the 300 s replay window',
      detail: {
        code: 'webhook.auth-timestamp-stale',
        params: { header: 'X-Slack-Request-Timestamp', skew: 600, tolerance: 300 },
        message: 'X-Slack-Request-Timestamp is 600 s away from now, outside the 300 s replay window',
      },
    });
    expect(formatMessage((verdict as { detail: Message }).detail, 'ja')).toBe(
      'X-Slack-Request-Timestamp は現在から 600 秒離れていて、リプレイ許容時間 300 秒の外です',
    );
  });
});

describe('verifyWebhookRequest: a signed timestamp with the body (Zendesk)', () => {
  // The vector in Zendesk's published verification example (flows/payloads/zendesk-webhook-signature-example.txt).
  const example = readFileSync(
    new URL('../../flows/payloads/zendesk-webhook-signature-example.txt', import.meta.url),
    'utf8',
  );
  const secret = /SIGNING_SECRET_SECRET = '([^']+)'/.exec(example)![1]!;
  const body = /const BODY = `([^`]+)`/.exec(example)![1]!;
  const timestamp = /const TIMESTAMP = '([^']+)'/.exec(example)![1]!;
  const signature = /const SIGNATURE = '([^']+)'/.exec(example)![1]!;
  const zendesk = (signedTimestamp: 'before' | 'after') => ({
    auth: {
      type: 'hmac' as const,
      signatureFormat: 'base64' as const,
      signatureHeader: 'X-Zendesk-Webhook-Signature',
      timestampHeader: 'X-Zendesk-Webhook-Signature-Timestamp',
      signedTimestamp,
    },
  });
  const check = (config: ReturnType<typeof zendesk>, ts = timestamp, now = Date.parse(timestamp) + 60_000) =>
    verifyWebhookRequest(
      config,
      { name: 'zendesk', kind: 'hmac', fields: { secret } },
      {
        headers: { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': ts },
        rawBody: body,
        now,
      },
    );

  it('accepts the published example signed body then timestamp, inside the replay window only', () => {
    expect(check(zendesk('after'))).toEqual({ ok: true });
    expect(check(zendesk('before'))).toMatchObject({
      ok: false,
      reason: 'X-Zendesk-Webhook-Signature signature does not match the timestamp and body',
    });
    expect(check(zendesk('after'), timestamp, Date.parse(timestamp) + 3_600_000)).toMatchObject({
      ok: false,
      reason: 'X-Zendesk-Webhook-Signature-Timestamp is 3600 s away from now, outside the 300 s replay window',
    });
    expect(check(zendesk('after'), 'yesterday')).toMatchObject({
      ok: false,
      reason: 'X-Zendesk-Webhook-Signature-Timestamp is not a Unix time in seconds or an ISO 8601 time',
    });
  });
});
