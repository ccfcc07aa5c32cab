import { describe, expect, expectTypeOf, it } from 'vitest';
import { createAjv } from '../../core/schema/ajv.js';
import { loadFlowText } from '../../core/validate/load-flow.js';
import { issueLines } from '../../test/support/validate-nodes.js';
import { webhookTriggerManifest, type WebhookTriggerConfig } from './manifest.js';

const validate = createAjv([webhookTriggerManifest.configSchema]).compile(webhookTriggerManifest.configSchema);
const check = (config: Partial<WebhookTriggerConfig>) =>
  webhookTriggerManifest.check!({ ...webhookTriggerManifest.defaults, ...config });
const slot = webhookTriggerManifest.credentialSlots[0]!;

describe('webhookTrigger manifest', () => {
  it('is the trigger, with one out port and valid defaults', () => {
    expect(webhookTriggerManifest).toMatchObject({
      type: 'webhookTrigger',
      version: 1,
      category: 'trigger',
      triggerKind: 'webhook',
      ports: ['out'],
    });
    expect(validate(webhookTriggerManifest.defaults)).toBe(true);
    expect(check({})).toEqual([]);
  });

  it('needs a credential of the matching kind unless auth is none', () => {
    const required = slot.required as (c: Record<string, unknown>) => boolean;
    expect(required({ auth: { type: 'none' } })).toBe(false);
    expect(required({ auth: { type: 'hmac' } })).toBe(true);
    expect(slot.kinds).toEqual(['apiKey', 'basic', 'hmac']);
    expect(slot.kindsFor!({ auth: { type: 'apiToken' } })).toEqual(['apiKey']);
    expect(slot.kindsFor!({ auth: { type: 'basic' } })).toEqual(['basic']);
  });

  it('accepts a full config and refuses a bad header name', () => {
    const config: WebhookTriggerConfig = {
      auth: { type: 'apiToken', headerName: 'X-API-TOKEN' },
      inputSchema: { type: 'object', required: ['ConversationID'] },
      fields: [{ name: 'conversationId', path: '$.ConversationID' }],
      samplePayload: 'payloads/qualtrics-survey-response-dissatisfied.SAMPLE.json',
    };
    expect(validate(config)).toBe(true);
    expect(check(config)).toEqual([]);
    expect(validate({ ...config, auth: { type: 'apiToken', headerName: 'X API TOKEN' } })).toBe(false);
    expect(validate({ ...config, auth: { type: 'oauth2' } })).toBe(false);
  });

  it('checks JSONPaths, duplicate names, the schema draft and the sample path', () => {
    expect(
      check({
        fields: [
          { name: 'a', path: '$.x[' },
          { name: 'a', path: '$.y' },
        ],
        inputSchema: { $schema: 'https://example.com/my-schema', type: 'object' },
        samplePayload: '/etc/passwd',
      }),
    ).toMatchObject([
      {
        pointer: '/fields/0/path',
        code: 'check.json-path',
        message: expect.stringMatching(/^JSONPath "\$\.x\[" is not valid/),
      },
      {
        pointer: '/fields/1/name',
        code: 'webhook.field-twice',
        message: 'field name "a" is used twice (rows 1 and 2)',
      },
      {
        pointer: '/inputSchema/$schema',
        code: 'webhook.schema-draft',
        message: expect.stringMatching(/write JSON Schema draft 2020-12/),
      },
      { pointer: '/samplePayload', code: 'webhook.sample-absolute', message: expect.stringMatching(/relative to/) },
    ]);
  });

  it('checks header and query rows by name, and JSON text fields as top-level names', () => {
    expect(
      check({
        fields: [
          { name: 'requestId', from: 'headers', path: 'X-Request-Id' },
          { name: 'bad', from: 'headers', path: 'X Request' },
          { name: 'source', from: 'query', path: '$.' },
          { name: 'ok', from: 'query', path: 'source' },
        ],
      }),
    ).toEqual([
      {
        pointer: '/fields/1/path',
        code: 'webhook.header-name',
        params: { name: 'X Request' },
        message: "'X Request' is not a header name: write the name alone, e.g. X-Request-Id",
      },
      {
        pointer: '/fields/2/path',
        code: 'webhook.query-name',
        params: {},
        message: 'write the name of the query parameter, e.g. source',
      },
    ]);
    expect(validate({ auth: { type: 'none' }, fields: [], jsonFields: ['TaskAttributes', 'WorkerAttributes'] })).toBe(
      true,
    );
    expect(validate({ auth: { type: 'none' }, fields: [], jsonFields: ['$.TaskAttributes'] })).toBe(false);
    expect(validate({ auth: { type: 'hmac', algorithm: 'md5' }, fields: [] })).toBe(false);
    expect(validate({ auth: { type: 'hmac', algorithm: 'sha512', signaturePrefix: 'sha512=' }, fields: [] })).toBe(
      true,
    );
  });

  it('reports a missing caller credential through the flow validator, naming the node', () => {
    const flow = {
      $schema: 'https://flowdesk.dev/schema/flow-v1.json',
      schemaVersion: 1,
      id: 'webhook-test',
      name: 'Webhook test',
      nodes: [
        {
          id: 't',
          type: 'webhookTrigger',
          version: 1,
          name: 'surveyResponse',
          config: { auth: { type: 'hmac' }, fields: [] },
        },
      ],
      edges: [],
    };
    const lines = issueLines(loadFlowText(JSON.stringify(flow), [webhookTriggerManifest]).issues);
    expect(lines.join('\n')).toMatch(/surveyResponse.*credential/i);
  });
});

describe('WebhookTriggerConfig', () => {
  it('is derived from the schema (checked by the type-checker)', () => {
    expectTypeOf<WebhookTriggerConfig['auth']['type']>().toEqualTypeOf<
      'none' | 'apiToken' | 'basic' | 'hmac' | 'twilio'
    >();
    expectTypeOf<WebhookTriggerConfig['fields'][number]>().toEqualTypeOf<{
      name: string;
      path: string;
      from?: 'body' | 'headers' | 'query';
    }>();
  });
});
