import { describe, expect, expectTypeOf, it } from 'vitest';
import { createAjv } from '../../core/schema/ajv.js';
import { fieldsWithoutTitles } from '../../test/support/schema-titles.js';
import { webServiceManifest, type WebServiceConfig } from './manifest.js';

const ajv = createAjv([webServiceManifest.configSchema]);
const validate = ajv.compile(webServiceManifest.configSchema);
const check = (config: Partial<WebServiceConfig>) =>
  webServiceManifest.check!({ ...webServiceManifest.defaults, url: 'https://api.example.com', ...config });

describe('webService manifest', () => {
  it('has defaults that validate against the schema (a freshly dropped node is a valid draft)', () => {
    expect(validate(webServiceManifest.defaults)).toBe(true);
    expect(webServiceManifest.defaults).toMatchObject({
      method: 'GET',
      timeoutMs: 16000,
      retry: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10000 },
      maxResponseBytes: 1048576,
      auth: { type: 'none' },
    });
  });

  it('gives every schema field a title and a description (they become form labels and error words)', () => {
    expect(fieldsWithoutTitles(webServiceManifest.configSchema)).toEqual([]);
  });

  it('accepts a Qualtrics-style PUT and refuses an unknown method', () => {
    const config: WebServiceConfig = {
      ...webServiceManifest.defaults,
      method: 'PUT',
      url: 'https://iad1.qualtrics.com/API/v3/responses/${rm://Field/ResponseID}',
      body: { type: 'json', json: { surveyId: 'SV_1', embeddedData: { A: '{{ vars.a }}' } } },
      auth: { type: 'apiKey', headerName: 'X-API-TOKEN' },
      mapping: [{ path: '$["Course Name"]', field: 'courseName', default: '' }],
    };
    expect(validate(config)).toBe(true);
    expect(check(config)).toEqual([]);
    expect(validate({ ...config, method: 'FETCH' })).toBe(false);
  });

  it('requires a credential unless auth is none, and narrows its kinds to the auth type', () => {
    const slot = webServiceManifest.credentialSlots[0]!;
    const required = slot.required as (c: Record<string, unknown>) => boolean;
    expect(required({ auth: { type: 'none' } })).toBe(false);
    expect(required({ auth: { type: 'oauth2' } })).toBe(true);
    expect(slot.kindsFor!({ auth: { type: 'oauth2' } })).toEqual(['oauth2']);
    expect(slot.kindsFor!({ auth: { type: 'awsSigV4' } })).toEqual(['awsSigV4']);
    expect(slot.kindsFor!({ auth: { type: 'basic' } })).toEqual(['basic', 'zendeskApiToken']);
    expect(slot.kinds).toEqual(['apiKey', 'basic', 'bearer', 'oauth2', 'zendeskApiToken', 'awsSigV4', 'salesforceJwt']);
  });

  it('reports a missing or non-http URL, a body on GET, duplicate fields and bad JSONPath in plain words', () => {
    expect(check({ url: '' })).toMatchObject([
      { pointer: '/url', code: 'webService.url-required', message: 'URL is required' },
    ]);
    expect(check({ url: 'ftp://files.example.com' })[0]).toMatchObject({ pointer: '/url' });
    expect(check({ url: '{{ vars.next }}' })).toEqual([]);
    expect(check({ method: 'GET', body: { type: 'json', json: {} } })).toMatchObject([
      {
        pointer: '/body/type',
        message: 'a GET request cannot send a body; choose PUT, POST or PATCH, or set the body type to none',
      },
    ]);
    const issues = check({
      mapping: [
        { path: '$.a', field: 'x' },
        { path: '$.b[', field: 'x' },
        { path: "$.participants[?(@.purpose=='agent')].userId", field: 'agentIds' },
      ],
    });
    expect(issues).toMatchObject([
      {
        pointer: '/mapping/1/path',
        message: expect.stringContaining('JSONPath "$.b[" is not valid: "[" is not closed'),
      },
      { pointer: '/mapping/1/field', message: 'field name "x" is used twice in the response mapping (rows 1 and 2)' },
    ]);
  });
});

describe('WebServiceConfig', () => {
  it('is derived from the schema (checked by the type-checker)', () => {
    expectTypeOf<WebServiceConfig['method']>().toEqualTypeOf<'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'>();
    expectTypeOf<WebServiceConfig['query'][number]>().toEqualTypeOf<{ name: string; value: string }>();
    expectTypeOf<WebServiceConfig['idempotencyKey']>().toEqualTypeOf<string | undefined>();
  });
});
